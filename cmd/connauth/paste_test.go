package main

import (
	"bufio"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestNoBrowserAcceptsPastedRedirect plays a user on an SSH session: the
// browser runs elsewhere, so connauth prints the URL and the user pastes
// the address the browser was sent to. A wrong paste is answered and the
// wait goes on; the right one completes the login.
func TestNoBrowserAcceptsPastedRedirect(t *testing.T) {
	as := newMisbehavingAS(t)
	env := testEnv(t)
	cmd := exec.Command(builtBinary(t), "login", "oauth2", "--profile", "ssh", "--no-browser",
		"--issuer", as.issuer("good"), "--client-id", "cli", "--timeout", "20s")
	cmd.Env = append(os.Environ(), append(env, "BROWSER=false")...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stderr)
	authURL := waitForLine(t, lines, "/authorize?")
	redirect := approve(t, strings.TrimSpace(authURL))

	stray, _ := url.Parse(redirect)
	q := stray.Query()
	q.Set("state", "from-another-login")
	stray.RawQuery = q.Encode()
	io.WriteString(stdin, "not a url\n"+stray.String()+"\n")
	waitForLine(t, lines, "not from this login")
	io.WriteString(stdin, redirect+"\n")
	waitForLine(t, lines, `Logged in: profile "ssh"`)
	go io.Copy(io.Discard, stderr)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("login: %v", err)
	}
	if tok := tokenOf(t, env, "ssh"); !strings.HasPrefix(tok, "at-") {
		t.Errorf("token after the pasted login = %q, want an access token from the server", tok)
	}
}

// approve asks the authorization endpoint, as the remote browser would,
// and returns where it redirects without following it.
func approve(t *testing.T, authURL string) string {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("authorization endpoint answered %s", resp.Status)
	}
	return resp.Header.Get("Location")
}

// waitForLine reads lines until one contains want, failing after 15s.
func waitForLine(t *testing.T, sc *bufio.Scanner, want string) string {
	t.Helper()
	found := make(chan string, 1)
	go func() {
		for sc.Scan() {
			if strings.Contains(sc.Text(), want) {
				found <- sc.Text()
				return
			}
		}
		close(found)
	}()
	select {
	case line, ok := <-found:
		if !ok {
			t.Fatalf("output ended without a line containing %q", want)
		}
		return line
	case <-time.After(15 * time.Second):
		t.Fatalf("no line containing %q within 15s", want)
	}
	return ""
}
