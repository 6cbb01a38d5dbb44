package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// screen collects what a pseudo-terminal shows.
// Like a real terminal emulator it answers the queries programs send it
// (background colour, cursor position).
type screen struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	answer io.Writer
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if bytes.Contains(p, []byte("\x1b]11;?")) {
		io.WriteString(s.answer, "\x1b]11;rgb:1e1e/1e1e/1e1e\x1b\\")
	}
	if bytes.Contains(p, []byte("\x1b[6n")) {
		io.WriteString(s.answer, "\x1b[1;1R")
	}
	return s.buf.Write(p)
}

// tail is the end of what the terminal shows, for failure messages.
func (s *screen) tail() string {
	out := s.String()
	if len(out) > 1500 {
		out = out[len(out)-1500:]
	}
	return out
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// waitFor waits until the screen shows text, or fails the test.
func (s *screen) waitFor(t *testing.T, text string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(s.String(), text) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the terminal never showed %q; it ends with:\n%q", text, s.tail())
}

// startInTerminal runs the real binary in a pseudo-terminal, as a user at
// a shell would.
func startInTerminal(t *testing.T, env []string, args ...string) (*exec.Cmd, *os.File, *screen) {
	t.Helper()
	cmd := exec.Command(builtBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 120})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tty.Close() })
	sc := &screen{answer: tty}
	go io.Copy(sc, tty)
	return cmd, tty, sc
}

// waitExit waits for the binary to exit, killing it after a while so that a
// hung prompt fails the test instead of hanging it.
func waitExit(t *testing.T, cmd *exec.Cmd, sc *screen) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("connauth exited with %v; the terminal ends with:\n%q", err, sc.tail())
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("connauth did not exit; the terminal ends with:\n%q", sc.tail())
	}
}

// typeSecret types a secret into a masked field, waits until the mask shows
// it all, then presses enter, as a person would.
func typeSecret(t *testing.T, tty *os.File, sc *screen, secret string) {
	t.Helper()
	tty.WriteString(secret)
	sc.waitFor(t, strings.Repeat("*", len(secret)))
	tty.WriteString("\r")
}

// typeText types a visible answer, waits for its echo, and submits it.
func typeText(t *testing.T, tty *os.File, sc *screen, text string) {
	t.Helper()
	tty.WriteString(text)
	sc.waitFor(t, text)
	tty.WriteString("\r")
	time.Sleep(200 * time.Millisecond) // the form moves to the next field
}

func testEnv(t *testing.T) []string {
	return []string{"CONNAUTH_CONFIG_DIR=" + t.TempDir(), "DBUS_SESSION_BUS_ADDRESS=", "CONNAUTH_API_KEY=", "TERM=xterm-256color"}
}

func tokenOf(t *testing.T, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command(builtBinary(t), append([]string{"token"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("connauth token %v: %v", args, err)
	}
	return strings.TrimSuffix(string(out), "\n")
}

func TestInteractiveLoginMasksTheKey(t *testing.T) {
	env := testEnv(t)
	cmd, tty, sc := startInTerminal(t, env, "login", "api_key", "--profile", "demo")
	sc.waitFor(t, "api_key")
	const key = "typed-Secret-123"
	typeSecret(t, tty, sc, key)
	waitExit(t, cmd, sc)
	sc.waitFor(t, `Logged in: profile "demo"`)
	if strings.Contains(sc.String(), key) {
		t.Errorf("the key was echoed on the terminal:\n%q", sc.String())
	}
	if got := tokenOf(t, env, "demo"); got != key {
		t.Fatalf("stored key = %q, want %q", got, key)
	}
}

func TestInteractiveLoginRefusesEmptyThenAccepts(t *testing.T) {
	env := testEnv(t)
	cmd, tty, sc := startInTerminal(t, env, "login", "tripletex", "--profile", "tt")
	sc.waitFor(t, "consumer_token")
	tty.WriteString("\r")
	sc.waitFor(t, "consumer_token is required")
	typeSecret(t, tty, sc, "ct-1")
	sc.waitFor(t, "submit") // the help line changes once the last field has the focus
	typeSecret(t, tty, sc, "employee-tok-2")
	waitExit(t, cmd, sc)
	if got := tokenOf(t, env, "tt", "--secret", "employee_token"); got != "employee-tok-2" {
		t.Fatalf("employee_token = %q", got)
	}
}

func TestAccessibleLoginUsesPlainPrompts(t *testing.T) {
	env := append(testEnv(t), "ACCESSIBLE=1")
	cmd, tty, sc := startInTerminal(t, env, "login", "api_key", "--profile", "a11y")
	sc.waitFor(t, "api_key")
	tty.WriteString("plain-key\r")
	waitExit(t, cmd, sc)
	if strings.Contains(sc.String(), "\x1b[?1049h") {
		t.Errorf("accessible mode switched to the alternate screen")
	}
	if strings.Contains(sc.String(), "plain-key") {
		t.Errorf("accessible mode echoed the key")
	}
	if got := tokenOf(t, env, "a11y"); got != "plain-key" {
		t.Fatalf("stored key = %q", got)
	}
}

// TestGuidedLoginPicksAProvider: a bare `connauth login` on a terminal
// lists the providers to choose from, then asks for the chosen one's
// inputs.
func TestGuidedLoginPicksAProvider(t *testing.T) {
	env := testEnv(t)
	cmd, tty, sc := startInTerminal(t, env, "login", "--profile", "picked")
	sc.waitFor(t, "Log in to")
	sc.waitFor(t, "tripletex")
	tty.WriteString("\x1b[B") // down: from oauth2 to api_key
	time.Sleep(200 * time.Millisecond)
	tty.WriteString("\r")
	sc.waitFor(t, "The API key the provider issued")
	typeSecret(t, tty, sc, "picked-key-42")
	waitExit(t, cmd, sc)
	if got := tokenOf(t, env, "picked"); got != "picked-key-42" {
		t.Fatalf("stored key = %q, want the one typed after picking api_key", got)
	}
}

// A built-in provider's variables are asked for on a terminal, checked
// against their allowed values there, and kept in the profile.
func TestInteractiveLoginAsksForProviderVars(t *testing.T) {
	env := testEnv(t)
	cmd, tty, sc := startInTerminal(t, env, "login", "woocommerce")
	sc.waitFor(t, "woocommerce needs these values")
	sc.waitFor(t, "the REST API consumer key")
	typeText(t, tty, sc, "ck_typed")
	typeText(t, tty, sc, "shop.example")
	sc.waitFor(t, "The API key the provider issued")
	typeSecret(t, tty, sc, "cs_typed")
	waitExit(t, cmd, sc)
	if got := tokenOf(t, env, "woocommerce"); got != "cs_typed" {
		t.Fatalf("stored key = %q", got)
	}
	show := exec.Command(builtBinary(t), "show", "woocommerce")
	show.Env = append(os.Environ(), env...)
	out, err := show.Output()
	if err != nil || !strings.Contains(string(out), "consumer_key:  ck_typed") || !strings.Contains(string(out), "domain:        shop.example") {
		t.Fatalf("show: %v\n%s", err, out)
	}
}
