package loopback

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

func listen(t *testing.T, cfg Config) *Server {
	t.Helper()
	if cfg.State == "" {
		cfg.State = NewState()
	}
	s, err := Listen(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func callback(t *testing.T, s *Server, q url.Values) (int, string) {
	t.Helper()
	resp, err := http.Get(s.RedirectURI() + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func wait(t *testing.T, s *Server) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.Wait(ctx)
}

func TestWrongStateIsIgnoredThenRightOneCompletes(t *testing.T) {
	s := listen(t, Config{State: "s1", Issuer: "https://as.example"})
	if !strings.HasPrefix(s.RedirectURI(), "http://127.0.0.1:") || !strings.HasSuffix(s.RedirectURI(), "/callback") {
		t.Fatalf("redirect URI %q, want http://127.0.0.1:PORT/callback", s.RedirectURI())
	}
	for _, bad := range []url.Values{
		{"code": {"c"}, "state": {"s2"}},
		{"code": {"c"}},
		{"error": {"access_denied"}, "state": {"nope"}},
	} {
		if status, _ := callback(t, s, bad); status != http.StatusBadRequest {
			t.Errorf("callback %v: status %d, want 400", bad, status)
		}
	}
	status, body := callback(t, s, url.Values{"code": {"good"}, "state": {"s1"}, "iss": {"https://as.example"}})
	if status != http.StatusOK || !strings.Contains(body, "Logged in") {
		t.Errorf("right callback: %d %q", status, body)
	}
	code, err := wait(t, s)
	if err != nil || code != "good" {
		t.Fatalf("Wait = %q, %v; want the right callback's code", code, err)
	}
	if _, err := http.Get(s.RedirectURI()); err == nil {
		t.Error("the listener still answers after Wait returned")
	}
}

func TestIssuerChecks(t *testing.T) {
	tests := []struct {
		name    string
		require bool
		q       url.Values
		want    string
	}{
		{"wrong iss", false, url.Values{"iss": {"https://evil.example"}}, `came from issuer "https://evil.example"`},
		{"missing iss when advertised", true, url.Values{}, "has no iss parameter"},
		{"two iss", false, url.Values{"iss": {"https://as.example", "https://as.example"}}, "came from issuer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := listen(t, Config{State: "s", Issuer: "https://as.example", RequireIss: tt.require})
			tt.q.Set("state", "s")
			tt.q.Set("code", "c")
			if status, _ := callback(t, s, tt.q); status != http.StatusBadRequest {
				t.Errorf("status %d, want 400", status)
			}
			if _, err := wait(t, s); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Wait error %v, want %q", err, tt.want)
			}
		})
	}
	s := listen(t, Config{State: "s", Issuer: "https://as.example"})
	callback(t, s, url.Values{"state": {"s"}, "code": {"c"}})
	if code, err := wait(t, s); err != nil || code != "c" {
		t.Errorf("no iss and none advertised: Wait = %q, %v; want the code", code, err)
	}
}

func TestProviderErrorIsStrippedAndEscaped(t *testing.T) {
	s := listen(t, Config{State: "s"})
	status, body := callback(t, s, url.Values{"state": {"s"}, "error": {"access_denied"}, "error_description": {"<script>x</script>\x1b[2J"}})
	if status != http.StatusBadRequest || strings.Contains(body, "<script>") {
		t.Errorf("failure page: status %d, body %q; want 400 with the description escaped", status, body)
	}
	_, err := wait(t, s)
	var pe *ProviderError
	if !errors.As(err, &pe) || pe.Code != "access_denied" || strings.ContainsRune(pe.Description, 0x1b) {
		t.Fatalf("Wait error %#v, want access_denied without control characters", err)
	}
}

func TestRedirectURIWithLocalhost(t *testing.T) {
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	uri := "http://localhost:" + strconv.Itoa(port) + "/oauth/done"
	s := listen(t, Config{State: "s", RedirectURI: uri})
	if s.RedirectURI() != uri {
		t.Fatalf("RedirectURI() = %q, want %q exactly", s.RedirectURI(), uri)
	}
	resp, err := http.Get("http://127.0.0.1:" + strconv.Itoa(port) + "/oauth/done?state=s&code=c")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if code, err := wait(t, s); code != "c" || err != nil {
		t.Errorf("Wait = %q, %v", code, err)
	}
}

func TestBadListenConfig(t *testing.T) {
	for _, cfg := range []Config{
		{Host: "0.0.0.0"},
		{RedirectURI: "http://example.com/callback"},
		{RedirectURI: "ftp://127.0.0.1/callback"},
	} {
		if _, err := Listen(cfg); err == nil {
			t.Errorf("Listen(%+v) succeeded, want an error", cfg)
		}
	}
	s := listen(t, Config{})
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(strings.TrimSuffix(s.RedirectURI(), "/callback"), "http://"))
	if _, err := Listen(Config{Port: mustAtoi(port)}); err == nil || !strings.Contains(err.Error(), "--redirect-port") {
		t.Errorf("port in use: %v, want an error naming --redirect-port", err)
	}
}

func TestTimeout(t *testing.T) {
	s := listen(t, Config{State: "s"})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := s.Wait(ctx); err == nil || !strings.Contains(err.Error(), "timeout") {
		t.Errorf("Wait = %v, want a timeout error", err)
	}
}

func TestSubmitPastedURL(t *testing.T) {
	s := listen(t, Config{State: "s"})
	if err := s.Submit("hello"); err == nil || errors.Is(err, ErrStateMismatch) {
		t.Errorf("Submit(garbage) = %v, want an error saying to paste the whole address", err)
	}
	if err := s.Submit(s.RedirectURI() + "?state=other&code=x"); !errors.Is(err, ErrStateMismatch) {
		t.Errorf("Submit(wrong state) = %v, want ErrStateMismatch", err)
	}
	if err := s.Submit(" " + s.RedirectURI() + "?state=s&code=pasted\n"); err != nil {
		t.Fatal(err)
	}
	if code, err := wait(t, s); code != "pasted" || err != nil {
		t.Errorf("Wait = %q, %v", code, err)
	}
}

func mustAtoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		panic(err)
	}
	return n
}

// A redirect URI without a port gets a free one (Entra ignores the port);
// the accepted callback's other parameters are kept.
func TestPortlessRedirectAndQuery(t *testing.T) {
	s := listen(t, Config{RedirectURI: "http://localhost/cb", State: "s"})
	if !strings.HasPrefix(s.RedirectURI(), "http://localhost:") || strings.HasPrefix(s.RedirectURI(), "http://localhost:0/") {
		t.Fatalf("RedirectURI() = %q, want localhost with the bound port", s.RedirectURI())
	}
	port := strings.TrimSuffix(strings.TrimPrefix(s.RedirectURI(), "http://localhost:"), "/cb")
	resp, err := http.Get("http://127.0.0.1:" + port + "/cb?state=s&code=c&accounts-server=https%3A%2F%2Faccounts.zoho.eu")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if code, err := wait(t, s); code != "c" || err != nil {
		t.Fatalf("Wait = %q, %v", code, err)
	}
	if got := s.Query().Get("accounts-server"); got != "https://accounts.zoho.eu" {
		t.Errorf("Query accounts-server = %q", got)
	}
}

// An https redirect URI is the user's own page: nothing listens, and the
// pasted address completes the login.
func TestHTTPSRedirectIsPasteOnly(t *testing.T) {
	s, err := Listen(Config{RedirectURI: "https://relay.example/keap", State: "s"})
	if err != nil {
		t.Fatal(err)
	}
	if s.RedirectURI() != "https://relay.example/keap" {
		t.Errorf("RedirectURI() = %q", s.RedirectURI())
	}
	if err := s.Submit("https://relay.example/keap?state=s&code=c&scope=full%7Cab123.infusionsoft.com"); err != nil {
		t.Fatal(err)
	}
	if code, err := wait(t, s); code != "c" || err != nil {
		t.Fatalf("Wait = %q, %v", code, err)
	}
	if got := s.Query().Get("scope"); got != "full|ab123.infusionsoft.com" {
		t.Errorf("scope = %q", got)
	}
}
