package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/connauth/connauth/e2e/authserver"
)

// TestRealBrowserLogin drives Debian's Chromium (chromedp) as connauth's
// BROWSER through oidc-provider's login and consent pages to connauth's
// listener, and keeps screenshots of the success and failure pages in
// $CONNAUTH_TEST_ARTIFACTS (default e2e/artifacts).
func TestRealBrowserLogin(t *testing.T) {
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		t.Fatalf("no Chromium at %s: install it (apt-get install chromium; scripts/test does) or set CHROMIUM", chromium)
	}
	artifacts := os.Getenv("CONNAUTH_TEST_ARTIFACTS")
	if artifacts == "" {
		artifacts, _ = filepath.Abs("artifacts")
	}
	bin := filepath.Join(buildConnauth(t), "connauth")
	browser := filepath.Join(t.TempDir(), "chromebrowser")
	if out, err := exec.Command("go", "build", "-o", browser, "./cmd/chromebrowser").CombinedOutput(); err != nil {
		t.Fatalf("go build chromebrowser: %v\n%s", err, out)
	}
	op := authserver.StartOIDCProvider(t, time.Hour)
	env := append(os.Environ(), "CONNAUTH_CONFIG_DIR="+t.TempDir(), "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent",
		"BROWSER="+browser, "CONNAUTH_TEST_ARTIFACTS="+artifacts, "CHROMIUM="+chromium)
	// login waits for the browser too: it holds connauth's stderr open.
	login := func(vars ...string) (string, error) {
		cmd := exec.Command(bin, "login", "oauth2", "--profile", "chrome", "--issuer", op.Issuer,
			"--client-id", authserver.PublicClient, "--scopes", "openid offline_access", "--timeout", "90s")
		cmd.Env = append(append([]string(nil), env...), vars...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	os.Remove(filepath.Join(artifacts, "success.png"))
	out, err := login("CONNAUTH_TEST_SHOT=success")
	if err != nil || !strings.Contains(out, `Logged in: profile "chrome"`) {
		t.Fatalf("login through Chromium: %v\n%s", err, out)
	}
	if !strings.Contains(out, `"connauth: Logged in"`) {
		t.Errorf("Chromium did not end on connauth's success page:\n%s", out)
	}
	cmd := exec.Command(bin, "token", "chrome")
	cmd.Env = env
	token, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if active, _, err := op.Introspect(ctx, strings.TrimSpace(string(token))); err != nil || !active {
		t.Errorf("the token from the Chromium login is not active: %v", err)
	}
	assertPNG(t, filepath.Join(artifacts, "success.png"))

	os.Remove(filepath.Join(artifacts, "failure.png"))
	out, err = login("CONNAUTH_TEST_SHOT=failure", "CONNAUTH_TEST_BROWSER_DENY=1")
	if err == nil || !strings.Contains(out, "access_denied") {
		t.Fatalf("a denied login through Chromium: %v\n%s", err, out)
	}
	if !strings.Contains(out, `"connauth: Login not completed"`) {
		t.Errorf("Chromium did not end on connauth's failure page:\n%s", out)
	}
	assertPNG(t, filepath.Join(artifacts, "failure.png"))
}

func assertPNG(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil || len(b) < 8 || string(b[1:4]) != "PNG" {
		t.Errorf("no PNG screenshot at %s (%v)", path, err)
	}
}
