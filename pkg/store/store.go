// Package store keeps profiles: their non-secret metadata in the config
// directory, and their secrets in the OS keyring or in a file.
package store

import (
	"errors"
)

// Secrets maps injected secret names (exactly as the schemes name them,
// e.g. "oauth_access_token", "SO-Apptoken") to their values.
type Secrets map[string]string

// ErrNotFound is returned when a profile, or its secrets, do not exist.
var ErrNotFound = errors.New("not found")

// SecretStore holds the secrets of profiles. Set replaces the whole set of
// a profile's secrets at once: after a failed Set, Get returns what was
// stored before.
type SecretStore interface {
	// Kind names the store for users: "keyring" or "file".
	Kind() string
	Get(profile string) (Secrets, error)
	Set(profile string, s Secrets) error
	Delete(profile string) error
}
