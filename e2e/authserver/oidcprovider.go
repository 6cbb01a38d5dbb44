// Package authserver starts the real authorization servers the
// end-to-end tests run against: panva/oidc-provider (Node) and the
// zitadel/oidc example OP (in-process).
package authserver

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Clients registered with oidc-provider (testdata/oidc-provider/server.mjs).
const (
	PublicClient       = "cli-public"
	SecretClient       = "cli-secret"
	SecretClientSecret = "cli-secret-secret-please-change-0123456789"
	PostClient         = "cli-post"
	PostClientSecret   = "cli-post-secret-please-change-0123456789"
	// The client Introspect authenticates as; it may introspect every
	// client's tokens.
	IntrospectorClient = "introspector"
	IntrospectorSecret = "introspector-secret-0123456789-abcdefgh"
)

// OIDCProvider is a running oidc-provider.
type OIDCProvider struct {
	Issuer string
	cmd    *exec.Cmd
}

// ServerDir is testdata/oidc-provider in the repository.
func ServerDir() string { return testdataDir("oidc-provider") }

func testdataDir(name string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", name)
}

// StartOIDCProvider runs oidc-provider on a random loopback port with the
// given access token lifetime, and stops it when the test ends.
func StartOIDCProvider(t testing.TB, accessTokenTTL time.Duration) *OIDCProvider {
	t.Helper()
	op, err := RunOIDCProvider(accessTokenTTL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(op.Stop)
	return op
}

// RunOIDCProvider starts oidc-provider; call Stop when done.
func RunOIDCProvider(accessTokenTTL time.Duration) (*OIDCProvider, error) {
	cmd, issuer, err := runNode(ServerDir(), "oidc-provider", "ACCESS_TOKEN_TTL="+strconv.Itoa(int(accessTokenTTL.Seconds())))
	if err != nil {
		return nil, err
	}
	return &OIDCProvider{Issuer: issuer, cmd: cmd}, nil
}

// runNode starts `node server.mjs` in dir (where npm package pkg must be
// installed) and waits for the ISSUER line it prints.
func runNode(dir, pkg string, env ...string) (*exec.Cmd, string, error) {
	if _, err := os.Stat(filepath.Join(dir, "node_modules", pkg)); err != nil {
		return nil, "", fmt.Errorf("%s is not installed; run: (cd %s && npm ci), or ./scripts/test which does it", pkg, dir)
	}
	cmd := exec.Command("node", "server.mjs")
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "PORT=0"), env...)
	stderr := &tailBuffer{max: 4 << 10} // for the error when it fails to start
	cmd.Stderr = stderr
	cmd.SysProcAttr = dieWithParent()
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", fmt.Errorf("starting node: %w", err)
	}
	issuer := make(chan string, 1)
	go func() {
		defer close(issuer) // stdout closed: node exited
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "ISSUER="); ok {
				issuer <- v
				io.Copy(io.Discard, out)
				return
			}
		}
	}()
	select {
	case iss, ok := <-issuer:
		if ok {
			return cmd, iss, nil
		}
		err := cmd.Wait()
		return nil, "", fmt.Errorf("%s (node server.mjs in %s) exited before printing its issuer: %v\n%s", pkg, dir, err, stderr)
	case <-time.After(20 * time.Second):
		stopProcess(cmd)
		return nil, "", fmt.Errorf("%s did not print its issuer within 20s\n%s", pkg, stderr)
	}
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = t.b[len(t.b)-t.max:]
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.TrimSpace(string(t.b))
}

// Stop ends the server.
func (op *OIDCProvider) Stop() { stopProcess(op.cmd) }

func stopProcess(cmd *exec.Cmd) {
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		<-done
	}
}

// Introspect asks the server about a token (RFC 7662) as the introspector
// client and reports whether it is active.
func (op *OIDCProvider) Introspect(ctx context.Context, token string) (bool, map[string]any, error) {
	form := url.Values{"token": {token}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, op.Issuer+"/token/introspection", strings.NewReader(form.Encode()))
	if err != nil {
		return false, nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(IntrospectorClient, IntrospectorSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false, nil, err
	}
	defer resp.Body.Close()
	var claims map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&claims); err != nil {
		return false, nil, fmt.Errorf("introspection answered %s: %w", resp.Status, err)
	}
	if resp.StatusCode != http.StatusOK {
		return false, nil, fmt.Errorf("introspection answered %s: %v", resp.Status, claims)
	}
	active, _ := claims["active"].(bool)
	return active, claims, nil
}
