package e2e

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/connauth/connauth/e2e/authserver"
)

// TestKilledRefreshNeverDamagesTheProfile SIGKILLs `connauth refresh` at
// random moments, against oidc-provider (which rotates refresh tokens and
// revokes the family on reuse). After every kill the profile must be
// readable and its secrets must parse. A kill that lands after the server
// rotated the token but before connauth stored it loses the new token; no
// client can prevent that against a server without a reuse grace period,
// so those are counted and logged, and the test logs in again.
func TestKilledRefreshNeverDamagesTheProfile(t *testing.T) {
	lost := refreshUnderFire(t, syscall.SIGKILL)
	t.Logf("SIGKILL: %d of the killed refreshes lost the rotated refresh token", lost)
}

// TestTerminatedRefreshKeepsTheGrant sends SIGTERM (what CI runners send
// on cancel) at random moments: connauth holds it until the refreshed
// tokens are stored, so no round may lose the grant.
func TestTerminatedRefreshKeepsTheGrant(t *testing.T) {
	if lost := refreshUnderFire(t, syscall.SIGTERM); lost > 0 {
		t.Fatalf("SIGTERM: %d refreshes lost the rotated refresh token", lost)
	}
}

// refreshUnderFire runs `connauth refresh` and signals it after a random
// delay within its usual run time, many times. After each round the
// profile must be readable and its secrets must parse; it returns how many
// rounds left a refresh token the server had already rotated away (the
// test then logs in again).
func refreshUnderFire(t *testing.T, sig syscall.Signal) int {
	// The binary users run (no race detector, whose slowdown would widen
	// the window between the server's answer and the write).
	bin := filepath.Join(t.TempDir(), "connauth")
	if out, err := exec.Command("go", "build", "-C", "..", "-o", bin, "./cmd/connauth").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	op := authserver.StartOIDCProvider(t, time.Hour)
	env := append(os.Environ(),
		"CONNAUTH_CONFIG_DIR="+t.TempDir(),
		"DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent",
		"BROWSER="+testBrowser(t))
	connauth := func(args ...string) (string, error) {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		out, err := cmd.Output()
		return strings.TrimSpace(string(out)), err
	}
	login := func() {
		t.Helper()
		if _, err := connauth("login", "oauth2", "--profile", "k", "--store", "file", "--issuer", op.Issuer,
			"--client-id", authserver.PublicClient, "--scopes", "openid offline_access"); err != nil {
			t.Fatalf("login: %v", err)
		}
	}
	login()
	run := refreshTime(t, connauth)
	const rounds = 40
	lost, killed := 0, 0
	for i := range rounds {
		cmd := exec.Command(bin, "refresh", "k")
		cmd.Env = env
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rand.Int64N(int64(run))))
		if cmd.Process.Signal(sig) == nil && cmd.Wait() != nil {
			killed++
		}
		if _, err := connauth("show", "k"); err != nil {
			t.Fatalf("round %d: the profile is unreadable after a kill: %v", i, err)
		}
		rt, err := connauth("token", "k", "--secret", "oauth_refresh_token")
		if err != nil {
			t.Fatalf("round %d: the secrets do not parse after a kill: %v", i, err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		active, _, err := op.Introspect(ctx, rt)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if !active {
			lost++
			login()
		}
	}
	t.Logf("%v: %d rounds, %d refreshes stopped by the signal, %d lost the rotated refresh token", sig, rounds, killed, lost)
	if killed == 0 {
		t.Fatal("no refresh was stopped by the signal: the delays are too long to test anything")
	}
	return lost
}

// refreshTime is the median wall time of a whole `connauth refresh`.
func refreshTime(t *testing.T, connauth func(...string) (string, error)) time.Duration {
	var ds []time.Duration
	for range 5 {
		start := time.Now()
		if _, err := connauth("refresh", "k"); err != nil {
			t.Fatalf("refresh: %v", err)
		}
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	return ds[2]
}

// testBrowser builds the scripted browser as a program for BROWSER.
func testBrowser(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "testbrowser")
	cmd := exec.Command("go", "build", "-o", out, "./cmd/testbrowser")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build testbrowser: %v\n%s", err, b)
	}
	return out
}
