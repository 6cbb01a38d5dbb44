package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// FileStore keeps one profile's secrets in one file, flat JSON (.json) or
// dotenv (.env), mode 0600.
type FileStore struct {
	path string
}

// NewFileStore returns a store for the secrets file at path. The format
// comes from the extension.
func NewFileStore(path string) *FileStore {
	return &FileStore{path: path}
}

// Kind returns "file".
func (f *FileStore) Kind() string { return "file" }

// Path returns the secrets file's path.
func (f *FileStore) Path() string { return f.path }

// Get reads the secrets file; profile is ignored. A missing file returns an
// error matching ErrNotFound.
func (f *FileStore) Get(profile string) (Secrets, error) {
	format, err := FormatForPath(f.path)
	if err != nil {
		return nil, err
	}
	if err := CheckPrivate(f.path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, NotFound("secrets file %s does not exist; run \"connauth login\" to create it", f.path)
		}
		return nil, err
	}
	data, err := os.ReadFile(f.path)
	if err != nil {
		return nil, fmt.Errorf("cannot read secrets file: %w", err)
	}
	s, err := ParseSecrets(data, format)
	if err != nil {
		return nil, fmt.Errorf("secrets file %s: %w", f.path, err)
	}
	return s, nil
}

// Set replaces the secrets file atomically, mode 0600, creating missing
// parent directories with mode 0700; profile is ignored.
func (f *FileStore) Set(profile string, s Secrets) error {
	format, err := FormatForPath(f.path)
	if err != nil {
		return err
	}
	data, err := FormatSecrets(s, format)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(f.path), 0o700); err != nil {
		return fmt.Errorf("cannot create directory for secrets file %s: %w", f.path, err)
	}
	return WriteFileAtomic(f.path, data)
}

// Delete removes the secrets file; a missing file is not an error.
func (f *FileStore) Delete(profile string) error {
	if err := os.Remove(f.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot delete secrets file: %w", err)
	}
	return nil
}
