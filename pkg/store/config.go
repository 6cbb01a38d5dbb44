package store

import (
	"fmt"
	"os"
	"path/filepath"
)

// Config locates connauth's files: profile metadata, lock files and the
// default secrets files all live under Dir.
type Config struct {
	Dir string
}

// DefaultDir returns the config directory: $CONNAUTH_CONFIG_DIR when set,
// else the OS user config directory joined with "connauth".
func DefaultDir() (string, error) {
	if dir := os.Getenv("CONNAUTH_CONFIG_DIR"); dir != "" {
		return dir, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("cannot find the user config directory (%v); set CONNAUTH_CONFIG_DIR to the directory connauth should use", err)
	}
	return filepath.Join(base, "connauth"), nil
}

// ensureDir creates Dir/sub (and Dir) with mode 0700 when missing and
// returns its path.
func (c Config) ensureDir(sub string) (string, error) {
	if c.Dir == "" {
		return "", fmt.Errorf("no config directory set; set CONNAUTH_CONFIG_DIR")
	}
	dir := filepath.Join(c.Dir, sub)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("cannot create directory %s: %w", dir, err)
	}
	return dir, nil
}

func (c Config) profilesDir() string { return filepath.Join(c.Dir, "profiles") }

func (c Config) profilePath(name string) string {
	return filepath.Join(c.profilesDir(), name+".json")
}

func (c Config) lockPath(profile string) string {
	return filepath.Join(c.Dir, "locks", profile+".lock")
}

// DefaultSecretsPath is where the file store keeps a profile's secrets
// when the user did not choose a file: <Dir>/secrets/<profile>.json.
func (c Config) DefaultSecretsPath(profile string) string {
	return filepath.Join(c.Dir, "secrets", profile+".json")
}
