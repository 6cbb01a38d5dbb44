package store

import (
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"
)

// withSessionBus pretends a D-Bus session bus is there, so that probes
// reach the mock keyring.
func withSessionBus(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/connauth-test")
}

func TestProbeKeyringAnswers(t *testing.T) {
	withSessionBus(t)
	if err := ProbeKeyring(newMemKeyring(), time.Second); err != nil {
		t.Errorf("probe of a working keyring: %v", err)
	}
}

func TestProbeKeyringFailure(t *testing.T) {
	withSessionBus(t)
	kr := newMemKeyring()
	kr.err = errors.New("collection is locked")
	err := ProbeKeyring(kr, time.Second)
	if err == nil || !strings.Contains(err.Error(), "collection is locked") {
		t.Errorf("probe of a failing keyring: %v, want the reason", err)
	}
}

func TestProbeKeyringHangs(t *testing.T) {
	withSessionBus(t)
	kr := newMemKeyring()
	kr.hang = make(chan struct{})
	t.Cleanup(func() { close(kr.hang) })
	err := ProbeKeyring(kr, 50*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "did not answer within 50ms") {
		t.Errorf("probe of a hanging keyring: %v, want a timeout error", err)
	}
}

func TestProbeKeyringWithoutSessionBus(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "freebsd" {
		t.Skip("the D-Bus check applies on Linux and FreeBSD")
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	if sessionBusKnown() {
		t.Skip("a systemd user bus socket exists under /run/user; cannot simulate a missing bus")
	}
	// A hanging keyring proves that no call is made.
	kr := newMemKeyring()
	kr.hang = make(chan struct{})
	t.Cleanup(func() { close(kr.hang) })
	err := ProbeKeyring(kr, time.Hour)
	if err == nil || !strings.Contains(err.Error(), "DBUS_SESSION_BUS_ADDRESS") {
		t.Errorf("probe without a session bus: %v, want an error naming DBUS_SESSION_BUS_ADDRESS", err)
	}
	if kr.callCount() != 0 {
		t.Errorf("probe called the keyring %d times without a session bus", kr.callCount())
	}
	// The real keyring too returns at once instead of starting a bus.
	if err := ProbeKeyring(SystemKeyring(), time.Hour); err == nil {
		t.Error("probe of the system keyring without a session bus returned no error")
	}
}
