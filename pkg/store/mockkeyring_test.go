package store

import (
	"errors"
	"sort"
	"sync"

	"github.com/zalando/go-keyring"
)

// memKeyring is an in-memory keyring.Keyring that can act like a real one
// going wrong: a per-item size limit, hanging, and failing after N writes.
type memKeyring struct {
	mu    sync.Mutex
	items map[string]string // service + "\x00" + user -> password
	calls int

	// maxItem, when > 0, refuses passwords longer than it, like Windows'
	// 2560-byte limit.
	maxItem int
	// failAfter, when >= 0, lets that many more Sets succeed; later Sets fail.
	failAfter int
	// hang, when not nil, blocks every call until it is closed.
	hang chan struct{}
	// err, when not nil, is returned by every call.
	err error
}

var errMockBroken = errors.New("mock keyring is broken")

func newMemKeyring() *memKeyring {
	return &memKeyring{items: map[string]string{}, failAfter: -1}
}

func (m *memKeyring) enter() error {
	m.mu.Lock()
	m.calls++
	hang, err := m.hang, m.err
	m.mu.Unlock()
	if hang != nil {
		<-hang
	}
	return err
}

func (m *memKeyring) Set(service, user, password string) error {
	if err := m.enter(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.maxItem > 0 && len(password) > m.maxItem {
		return keyring.ErrSetDataTooBig
	}
	if m.failAfter == 0 {
		return errMockBroken
	}
	if m.failAfter > 0 {
		m.failAfter--
	}
	m.items[service+"\x00"+user] = password
	return nil
}

func (m *memKeyring) Get(service, user string) (string, error) {
	if err := m.enter(); err != nil {
		return "", err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.items[service+"\x00"+user]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

func (m *memKeyring) Delete(service, user string) error {
	if err := m.enter(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	key := service + "\x00" + user
	if _, ok := m.items[key]; !ok {
		return keyring.ErrNotFound
	}
	delete(m.items, key)
	return nil
}

func (m *memKeyring) DeleteAll(service string) error {
	if err := m.enter(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for key := range m.items {
		if len(key) > len(service) && key[:len(service)+1] == service+"\x00" {
			delete(m.items, key)
		}
	}
	return nil
}

// users lists the stored users of service, sorted.
func (m *memKeyring) users(service string) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var users []string
	for key := range m.items {
		if len(key) > len(service) && key[:len(service)+1] == service+"\x00" {
			users = append(users, key[len(service)+1:])
		}
	}
	sort.Strings(users)
	return users
}

func (m *memKeyring) item(user string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.items[KeyringService+"\x00"+user]
}

func (m *memKeyring) setFailAfter(n int) {
	m.mu.Lock()
	m.failAfter = n
	m.mu.Unlock()
}

func (m *memKeyring) callCount() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.calls
}
