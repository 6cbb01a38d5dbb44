package store

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/zalando/go-keyring"
)

// Open picks the secret store for a login. kind is "keyring", "file" or ""
// (the keyring when it answers, else the file store, with a note saying
// so). A secretsFile means the file store at that path. note is a message
// for the user, empty when there is nothing to say.
func (c Config) Open(kind, secretsFile, profile string, kr keyring.Keyring, timeout time.Duration) (s SecretStore, note string, err error) {
	if err := ValidateName(profile); err != nil {
		return nil, "", err
	}
	if secretsFile != "" {
		if kind == "keyring" {
			return nil, "", fmt.Errorf("--store keyring and --secrets-file cannot be used together; drop one of them")
		}
		f, err := openFile(secretsFile)
		return f, "", err
	}
	switch kind {
	case "keyring":
		if err := ProbeKeyring(kr, timeout); err != nil {
			return nil, "", fmt.Errorf("cannot use the OS keyring: %v; use --store file to keep secrets in a file instead", err)
		}
		return NewKeyring(kr, timeout), "", nil
	case "file":
		f, err := openFile(c.DefaultSecretsPath(profile))
		return f, "", err
	case "":
		probeErr := ProbeKeyring(kr, timeout)
		if probeErr == nil {
			return NewKeyring(kr, timeout), "", nil
		}
		f, err := openFile(c.DefaultSecretsPath(profile))
		if err != nil {
			return nil, "", err
		}
		note = fmt.Sprintf("OS keyring not available (%v); secrets stored in %s (mode 0600). Use --store keyring to require the keyring.", probeErr, f.Path())
		return f, note, nil
	}
	return nil, "", fmt.Errorf("unknown store %q: use --store keyring or --store file", kind)
}

// openFile returns a file store at path made absolute, so that the saved
// profile finds it from any directory.
func openFile(path string) (*FileStore, error) {
	if _, err := FormatForPath(path); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("cannot resolve secrets file path %s: %w", path, err)
	}
	return NewFileStore(abs), nil
}

// StoreFor returns the store that the saved profile p names, without
// probing the keyring: a file store when p.Store is "file", else the
// keyring.
func (c Config) StoreFor(p *Profile, kr keyring.Keyring, timeout time.Duration) SecretStore {
	if p.Store == "file" {
		path := p.SecretsFile
		if path == "" {
			path = c.DefaultSecretsPath(p.Name)
		}
		return NewFileStore(path)
	}
	return NewKeyring(kr, timeout)
}
