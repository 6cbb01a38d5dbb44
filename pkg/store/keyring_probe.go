package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/zalando/go-keyring"
)

// ProbeKeyring reports whether kr answers, with an error that says why
// not. On Linux and FreeBSD without a D-Bus session bus it returns at once
// without calling kr; otherwise it looks up a probe item, bounded by
// timeout (DefaultKeyringTimeout when timeout <= 0).
func ProbeKeyring(kr keyring.Keyring, timeout time.Duration) error {
	if (runtime.GOOS == "linux" || runtime.GOOS == "freebsd") && !sessionBusKnown() {
		return errors.New("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so the Secret Service keyring cannot be reached")
	}
	if timeout <= 0 {
		timeout = DefaultKeyringTimeout
	}
	err := callWithTimeout(timeout, func() error {
		_, err := kr.Get(KeyringService, "connauth-probe")
		return err
	})
	if err == nil || errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	if errors.Is(err, ErrKeyringTimeout) {
		return fmt.Errorf("the OS keyring did not answer within %v", timeout)
	}
	if strings.Contains(err.Error(), "unlock") {
		return fmt.Errorf("the OS keyring failed: %w; unlock the default (login) keyring, or create one", err)
	}
	return fmt.Errorf("the OS keyring failed: %w", err)
}

// sessionBusKnown reports whether a D-Bus client can find the session
// bus: from DBUS_SESSION_BUS_ADDRESS, or the per-user socket that systemd
// provides.
func sessionBusKnown() bool {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return true
	}
	run := filepath.Join("/run/user", strconv.Itoa(os.Getuid()))
	for _, name := range []string{"bus", "dbus-session"} {
		if _, err := os.Stat(filepath.Join(run, name)); err == nil {
			return true
		}
	}
	return false
}
