package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestOpenDefaultsToWorkingKeyring(t *testing.T) {
	withSessionBus(t)
	c := Config{Dir: t.TempDir()}
	s, note, err := c.Open("", "", "hubspot", newMemKeyring(), time.Second)
	if err != nil || s.Kind() != "keyring" || note != "" {
		t.Errorf("Open = %v, %q, %v; want keyring, no note", s, note, err)
	}
}

func TestOpenFallsBackToFile(t *testing.T) {
	withSessionBus(t)
	c := Config{Dir: t.TempDir()}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/test-bus")
	kr := newMemKeyring()
	kr.err = errors.New("no such interface")
	s, note, err := c.Open("", "", "hubspot", kr, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if s.Kind() != "file" || s.(*FileStore).Path() != c.DefaultSecretsPath("hubspot") {
		t.Errorf("store = %s at %v, want the default file", s.Kind(), s)
	}
	for _, want := range []string{"OS keyring not available", "no such interface", c.DefaultSecretsPath("hubspot"), "0600", "--store keyring"} {
		if !strings.Contains(note, want) {
			t.Errorf("note %q does not contain %q", note, want)
		}
	}
}

func TestOpenKeyringRequired(t *testing.T) {
	withSessionBus(t)
	c := Config{Dir: t.TempDir()}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/test-bus")
	kr := newMemKeyring()
	kr.err = errors.New("collection locked")
	_, _, err := c.Open("keyring", "", "hubspot", kr, time.Second)
	if err == nil || !strings.Contains(err.Error(), "collection locked") || !strings.Contains(err.Error(), "--store file") {
		t.Errorf("Open keyring on a broken keyring: %v, want the reason and --store file", err)
	}
}

func TestOpenFile(t *testing.T) {
	c := Config{Dir: t.TempDir()}
	kr := newMemKeyring()
	s, note, err := c.Open("file", "", "hubspot", kr, time.Second)
	if err != nil || s.Kind() != "file" || note != "" || s.(*FileStore).Path() != c.DefaultSecretsPath("hubspot") {
		t.Errorf("Open file = %v, %q, %v", s, note, err)
	}
	if kr.callCount() != 0 {
		t.Error("--store file probed the keyring")
	}
}

func TestOpenSecretsFile(t *testing.T) {
	withSessionBus(t)
	c := Config{Dir: t.TempDir()}
	t.Chdir(t.TempDir())
	for _, kind := range []string{"", "file"} {
		s, _, err := c.Open(kind, "out/prod.env", "hubspot", newMemKeyring(), time.Second)
		if err != nil {
			t.Fatal(err)
		}
		p := s.(*FileStore).Path()
		if !filepath.IsAbs(p) || filepath.Base(p) != "prod.env" {
			t.Errorf("kind %q: path %q, want an absolute path to prod.env", kind, p)
		}
	}
	if _, _, err := c.Open("keyring", "x.json", "hubspot", newMemKeyring(), time.Second); err == nil {
		t.Error("--store keyring with --secrets-file was accepted")
	}
	if _, _, err := c.Open("", "x.yaml", "hubspot", newMemKeyring(), time.Second); err == nil {
		t.Error("secrets file x.yaml was accepted")
	}
}

func TestOpenUnknownKind(t *testing.T) {
	c := Config{Dir: t.TempDir()}
	_, _, err := c.Open("vault", "", "hubspot", newMemKeyring(), time.Second)
	if err == nil || !strings.Contains(err.Error(), "--store keyring or --store file") {
		t.Errorf("Open vault: %v", err)
	}
}

func TestStoreForDoesNotProbe(t *testing.T) {
	c := Config{Dir: t.TempDir()}
	kr := newMemKeyring()
	kr.hang = make(chan struct{})
	t.Cleanup(func() { close(kr.hang) })

	s := c.StoreFor(&Profile{Name: "p", Store: "keyring"}, kr, time.Second)
	if s.Kind() != "keyring" || kr.callCount() != 0 {
		t.Errorf("StoreFor keyring: kind %s, %d keyring calls; want keyring, none", s.Kind(), kr.callCount())
	}
	s = c.StoreFor(&Profile{Name: "p", Store: "file", SecretsFile: "/x/s.env"}, kr, time.Second)
	if s.Kind() != "file" || s.(*FileStore).Path() != "/x/s.env" {
		t.Errorf("StoreFor file = %v", s)
	}
	s = c.StoreFor(&Profile{Name: "p", Store: "file"}, kr, time.Second)
	if s.(*FileStore).Path() != c.DefaultSecretsPath("p") {
		t.Errorf("StoreFor file without path = %v", s)
	}
}

func TestLockedKeyringNamesTheFix(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/test-bus")
	kr := newMemKeyring()
	kr.err = errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'")
	_, _, err := Config{Dir: t.TempDir()}.Open("keyring", "", "p", kr, time.Second)
	if err == nil || !strings.Contains(err.Error(), "unlock the default (login) keyring") || !strings.Contains(err.Error(), "--store file") {
		t.Fatalf("Open on a locked keyring = %v, want the unlock hint and --store file", err)
	}
}
