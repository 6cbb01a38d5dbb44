package e2e

// These tests check the harness itself, without connauth: the test
// servers start, the scripted browser gets through their login pages, and
// what comes back is what the connauth tests assume. A failure here means
// the harness broke, not connauth.

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/connauth/connauth/e2e/authserver"
	"github.com/connauth/connauth/e2e/browser"
)

// metadata is the part of the discovery document the harness relies on.
type metadata struct {
	Issuer                      string   `json:"issuer"`
	AuthorizationEndpoint       string   `json:"authorization_endpoint"`
	TokenEndpoint               string   `json:"token_endpoint"`
	UserinfoEndpoint            string   `json:"userinfo_endpoint"`
	RevocationEndpoint          string   `json:"revocation_endpoint"`
	IntrospectionEndpoint       string   `json:"introspection_endpoint"`
	CodeChallengeMethods        []string `json:"code_challenge_methods_supported"`
	IssParameterSupported       bool     `json:"authorization_response_iss_parameter_supported"`
	TokenEndpointAuthMethods    []string `json:"token_endpoint_auth_methods_supported"`
	DeviceAuthorizationEndpoint string   `json:"device_authorization_endpoint"`
}

func discover(t *testing.T, ctx context.Context, issuer string) metadata {
	t.Helper()
	u := strings.TrimSuffix(issuer, "/") + "/.well-known/openid-configuration"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("discovery: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("discovery: %s", resp.Status)
	}
	var md metadata
	if err := json.NewDecoder(resp.Body).Decode(&md); err != nil {
		t.Fatalf("discovery: %v", err)
	}
	if md.Issuer != issuer {
		t.Fatalf("discovery names issuer %q, want %q", md.Issuer, issuer)
	}
	return md
}

// callback is a stand-in for connauth's loopback listener: it records the
// query of every request to /callback and answers 200.
type callback struct {
	URL string // http://127.0.0.1:PORT/callback

	mu      sync.Mutex
	queries []url.Values
}

func startCallback(t *testing.T) *callback {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cb := &callback{URL: "http://" + ln.Addr().String() + "/callback"}
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/callback" {
				http.NotFound(w, r)
				return
			}
			cb.mu.Lock()
			cb.queries = append(cb.queries, r.URL.Query())
			cb.mu.Unlock()
			fmt.Fprintln(w, "You may close this window.")
		}),
		ReadHeaderTimeout: 5 * time.Second,
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return cb
}

// only is the one callback query; the test fails unless there was exactly one.
func (cb *callback) only(t *testing.T) url.Values {
	t.Helper()
	cb.mu.Lock()
	defer cb.mu.Unlock()
	if len(cb.queries) != 1 {
		t.Fatalf("the redirect URI was called %d times, want once", len(cb.queries))
	}
	return cb.queries[0]
}

// logWriter sends the browser's step log to t.Log.
type logWriter struct{ t *testing.T }

func (w logWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// login is one authorization code + PKCE round trip through the browser.
type login struct {
	cfg      *oauth2.Config
	state    string
	verifier string
	cb       *callback
}

func newLogin(t *testing.T, md metadata, clientID, secret string, style oauth2.AuthStyle, scopes ...string) *login {
	cb := startCallback(t)
	return &login{
		cfg: &oauth2.Config{
			ClientID:     clientID,
			ClientSecret: secret,
			Endpoint: oauth2.Endpoint{
				AuthURL:   md.AuthorizationEndpoint,
				TokenURL:  md.TokenEndpoint,
				AuthStyle: style,
			},
			RedirectURL: cb.URL,
			Scopes:      scopes,
		},
		state:    oauth2.GenerateVerifier(), // random, URL-safe
		verifier: oauth2.GenerateVerifier(),
		cb:       cb,
	}
}

// browse runs the browser on the authorization URL and returns the query
// the redirect URI received.
func (l *login) browse(t *testing.T, ctx context.Context, o browser.Options, extra ...oauth2.AuthCodeOption) url.Values {
	t.Helper()
	opts := append([]oauth2.AuthCodeOption{oauth2.S256ChallengeOption(l.verifier)}, extra...)
	o.Log = logWriter{t}
	if err := browser.Browse(ctx, l.cfg.AuthCodeURL(l.state, opts...), o); err != nil {
		t.Fatal(err)
	}
	q := l.cb.only(t)
	if got := q.Get("state"); got != l.state {
		t.Fatalf("callback state %q, want %q", got, l.state)
	}
	return q
}

func (l *login) exchange(t *testing.T, ctx context.Context, q url.Values) *oauth2.Token {
	t.Helper()
	if e := q.Get("error"); e != "" {
		t.Fatalf("callback error=%s: %s", e, q.Get("error_description"))
	}
	tok, err := l.cfg.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(l.verifier))
	if err != nil {
		t.Fatalf("code exchange: %v", err)
	}
	if tok.AccessToken == "" {
		t.Fatal("the token response has no access_token")
	}
	return tok
}

func TestHarnessOIDCProvider(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	op := authserver.StartOIDCProvider(t, time.Hour)
	md := discover(t, ctx, op.Issuer)

	t.Run("discovery", func(t *testing.T) {
		if md.RevocationEndpoint == "" || md.IntrospectionEndpoint == "" || md.DeviceAuthorizationEndpoint == "" {
			t.Errorf("revocation %q, introspection %q, device authorization %q: want all three",
				md.RevocationEndpoint, md.IntrospectionEndpoint, md.DeviceAuthorizationEndpoint)
		}
		if !md.IssParameterSupported {
			t.Error("authorization_response_iss_parameter_supported is not true")
		}
		if !slices.Equal(md.CodeChallengeMethods, []string{"S256"}) {
			t.Errorf("code_challenge_methods_supported %q, want [S256]", md.CodeChallengeMethods)
		}
		for _, m := range []string{"none", "client_secret_basic", "client_secret_post"} {
			if !slices.Contains(md.TokenEndpointAuthMethods, m) {
				t.Errorf("token_endpoint_auth_methods_supported %q lacks %s", md.TokenEndpointAuthMethods, m)
			}
		}
	})

	clients := []struct {
		id, secret string
		style      oauth2.AuthStyle
	}{
		{authserver.PublicClient, "", oauth2.AuthStyleInParams},
		{authserver.SecretClient, authserver.SecretClientSecret, oauth2.AuthStyleInHeader},
		{authserver.PostClient, authserver.PostClientSecret, oauth2.AuthStyleInParams},
	}
	for _, c := range clients {
		t.Run("login/"+c.id, func(t *testing.T) {
			l := newLogin(t, md, c.id, c.secret, c.style, "openid", "offline_access", "api:read")
			q := l.browse(t, ctx, browser.Options{User: "bob"})
			if got := q.Get("iss"); got != op.Issuer {
				t.Errorf("callback iss %q, want %q (RFC 9207)", got, op.Issuer)
			}
			tok := l.exchange(t, ctx, q)
			if tok.RefreshToken == "" {
				t.Error("no refresh_token for offline_access")
			}
			active, claims, err := op.Introspect(ctx, tok.AccessToken)
			if err != nil {
				t.Fatal(err)
			}
			if !active || claims["client_id"] != c.id || claims["sub"] != "bob" {
				t.Errorf("introspection: active %v, claims %v; want active, client_id %s, sub bob", active, claims, c.id)
			}
		})
	}

	t.Run("deny", func(t *testing.T) {
		l := newLogin(t, md, authserver.PublicClient, "", oauth2.AuthStyleInParams, "openid")
		q := l.browse(t, ctx, browser.Options{Deny: true})
		if q.Get("error") != "access_denied" || q.Has("code") {
			t.Errorf("callback after a denial: %v, want error=access_denied and no code", q)
		}
		if got := q.Get("iss"); got != op.Issuer {
			t.Errorf("callback iss %q, want %q", got, op.Issuer)
		}
	})

	t.Run("introspect-garbage", func(t *testing.T) {
		active, _, err := op.Introspect(ctx, "not-a-token")
		if err != nil || active {
			t.Errorf("Introspect(garbage) = %v, %v; want inactive, no error", active, err)
		}
	})
}

func TestHarnessZitadel(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	z := authserver.StartZitadel(t)
	if !strings.HasPrefix(z.Issuer, "http://127.0.0.1:") || !strings.HasSuffix(z.Issuer, "/") {
		t.Fatalf("issuer %q, want http://127.0.0.1:PORT/", z.Issuer)
	}
	md := discover(t, ctx, z.Issuer)
	if md.IssParameterSupported {
		t.Error("zitadel now advertises authorization_response_iss_parameter_supported; the tests assume it does not")
	}

	l := newLogin(t, md, authserver.ZitadelClient, "", oauth2.AuthStyleInParams, "openid", "offline_access", "profile")
	q := l.browse(t, ctx, browser.Options{User: z.User, Password: authserver.ZitadelPassword})
	if q.Has("iss") {
		t.Errorf("callback has iss=%q; zitadel's example OP sent none so far", q.Get("iss"))
	}
	tok := l.exchange(t, ctx, q)
	if tok.RefreshToken == "" {
		t.Error("no refresh_token for offline_access")
	}

	// The access token works at the userinfo endpoint, for the test user.
	client := l.cfg.Client(ctx, tok)
	resp, err := client.Get(md.UserinfoEndpoint)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var info map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&info); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("userinfo: %s, %v", resp.Status, err)
	}
	if info["preferred_username"] != z.User {
		t.Errorf("userinfo preferred_username %v, want %s", info["preferred_username"], z.User)
	}
}
