package store

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/zalando/go-keyring"
)

// KeyringService is the service name of connauth's OS keyring items.
const KeyringService = "connauth"

// DefaultKeyringTimeout bounds each OS keyring call when none is given.
const DefaultKeyringTimeout = 5 * time.Second

// ErrKeyringTimeout is matched by errors of keyring calls that did not
// answer in time.
var ErrKeyringTimeout = errors.New("OS keyring timeout")

// KeyringStore keeps each profile's secrets as one JSON document in the OS
// keyring, split over several items when it is too big for one.
type KeyringStore struct {
	kr      keyring.Keyring
	timeout time.Duration
}

// NewKeyring returns a store on kr whose every call gives up after timeout
// (DefaultKeyringTimeout when timeout <= 0).
func NewKeyring(kr keyring.Keyring, timeout time.Duration) *KeyringStore {
	if timeout <= 0 {
		timeout = DefaultKeyringTimeout
	}
	return &KeyringStore{kr: kr, timeout: timeout}
}

// SystemKeyring returns the OS keyring: Keychain on macOS, Credential
// Manager on Windows, the Secret Service (D-Bus) elsewhere.
func SystemKeyring() keyring.Keyring { return systemKeyring{} }

type systemKeyring struct{}

func (systemKeyring) Set(service, user, password string) error {
	return keyring.Set(service, user, password)
}
func (systemKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (systemKeyring) Delete(service, user string) error        { return keyring.Delete(service, user) }
func (systemKeyring) DeleteAll(service string) error           { return keyring.DeleteAll(service) }

// Kind returns "keyring".
func (k *KeyringStore) Kind() string { return "keyring" }

// Get returns profile's secrets. When there are none the error matches
// ErrNotFound.
func (k *KeyringStore) Get(profile string) (Secrets, error) {
	if err := ValidateName(profile); err != nil {
		return nil, err
	}
	doc, err := k.readDoc(profile)
	if errors.Is(err, keyring.ErrNotFound) {
		return nil, NotFound("no secrets for profile %q in the OS keyring; run \"connauth login\" to store them", profile)
	}
	if err != nil {
		return nil, err
	}
	s, err := parseJSONSecrets([]byte(doc))
	if err != nil {
		return nil, damaged(profile)
	}
	return s, nil
}

// Set replaces profile's secrets. New chunks are written under a new
// generation before the head item switches to them, so a failed Set leaves
// the previous secrets readable.
func (k *KeyringStore) Set(profile string, s Secrets) error {
	if err := ValidateName(profile); err != nil {
		return err
	}
	doc, err := encodeJSON(s, "")
	if err != nil {
		return err
	}
	old, err := k.oldChunks(profile)
	if err != nil {
		return err
	}
	written, err := k.writeDoc(profile, string(doc))
	if err != nil {
		return err
	}
	for _, user := range old {
		if !slices.Contains(written, user) {
			k.call(func() error { return k.kr.Delete(KeyringService, user) })
		}
	}
	return nil
}

// Delete removes profile's secrets; missing secrets are not an error.
func (k *KeyringStore) Delete(profile string) error {
	if err := ValidateName(profile); err != nil {
		return err
	}
	old, err := k.oldChunks(profile)
	if err != nil {
		return err
	}
	// Chunks first: if this stops half way, the head is still there and
	// a second Delete finds the rest.
	for _, user := range append(old, profile) {
		err := k.call(func() error { return k.kr.Delete(KeyringService, user) })
		if err != nil && !errors.Is(err, keyring.ErrNotFound) {
			return fmt.Errorf("cannot delete the secrets of profile %q from the OS keyring: %w", profile, err)
		}
	}
	return nil
}

// get reads one item.
func (k *KeyringStore) get(user string) (string, error) {
	var v string
	err := k.call(func() error {
		var err error
		v, err = k.kr.Get(KeyringService, user)
		return err
	})
	return v, err
}

// set writes one item.
func (k *KeyringStore) set(user, value string) error {
	return k.call(func() error { return k.kr.Set(KeyringService, user, value) })
}

// call runs f, giving up after the timeout. A call that does not answer is
// left running: the keyring API cannot be cancelled.
func (k *KeyringStore) call(f func() error) error {
	return callWithTimeout(k.timeout, f)
}

func callWithTimeout(timeout time.Duration, f func() error) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case err := <-done:
		return err
	case <-t.C:
		return fmt.Errorf("the OS keyring did not answer within %v; unlock it and try again, or use --store file to keep secrets in a file: %w", timeout, ErrKeyringTimeout)
	}
}

func damaged(profile string) error {
	return fmt.Errorf("the OS keyring entry of profile %q is damaged; run \"connauth login\" again to replace it", profile)
}
