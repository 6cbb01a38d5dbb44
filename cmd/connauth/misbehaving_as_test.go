package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// misbehavingAS is an authorization server that does what no real one will
// do on purpose: it answers with a wrong iss, a stray callback, a 500, a
// non-JSON or oversized token response, a 307 to another host, or nothing
// at all. Each behaviour lives under its own issuer path, /<mode>, with RFC
// 8414 metadata at /.well-known/oauth-authorization-server/<mode>. Its
// authorization endpoint approves at once, so a browser that follows
// redirects completes the login. The real servers (oidc-provider, zitadel)
// are exercised in the e2e module; this one only plays faults.
//
// Modes: good, wrongiss, noiss, wrongstate, denied, silent, and the token
// endpoint faults of tokenFault. The refresh behaviour of "good" is set with
// POST /control?client=ID&refresh=ok|stringexpiry|<a tokenFault>, per
// client so that scripts running in parallel do not meet.
type misbehavingAS struct {
	srv *httptest.Server

	mu      sync.Mutex
	refresh map[string]string // client_id -> how refreshes fail; scripts run in parallel
	codes   map[string]string // code -> mode
	issued  int
	revoked []string
	live    map[string]bool   // access tokens the API accepts
	polls   []time.Time       // device token polls
	wire    map[string]string // client_id -> its last token and refresh requests, canonical
	secrets map[string]string // client_id -> the only secret accepted, when set
}

func newMisbehavingAS(t *testing.T) *misbehavingAS {
	as := &misbehavingAS{refresh: map[string]string{}, codes: map[string]string{}, live: map[string]bool{}, secrets: map[string]string{}, wire: map[string]string{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/oauth-authorization-server/{mode}", as.metadata)
	mux.HandleFunc("GET /{mode}/authorize", as.authorize)
	mux.HandleFunc("POST /{mode}/token", as.token)
	mux.HandleFunc("POST /{mode}/revoke", as.revoke)
	mux.HandleFunc("POST /odd/oauth/token", as.oddToken)
	mux.HandleFunc("POST /odd/oauth/renew", as.oddRenew)
	mux.HandleFunc("POST /control", as.control)
	mux.HandleFunc("POST /slowdev/device", as.deviceAuth)
	mux.HandleFunc("GET /api/me", as.apiMe)
	mux.HandleFunc("GET /api/q", as.apiQuery)
	mux.HandleFunc("GET /control/wire", func(w http.ResponseWriter, r *http.Request) {
		as.mu.Lock()
		defer as.mu.Unlock()
		fmt.Fprint(w, as.wire[r.URL.Query().Get("client")])
	})
	mux.HandleFunc("GET /control", func(w http.ResponseWriter, r *http.Request) {
		as.mu.Lock()
		defer as.mu.Unlock()
		fmt.Fprintf(w, "issued=%d revoked=%s\n", as.issued, strings.Join(as.revoked, ","))
	})
	as.srv = httptest.NewUnstartedServer(mux)
	as.srv.Start()
	t.Cleanup(as.srv.Close)
	return as
}

func (as *misbehavingAS) issuer(mode string) string { return as.srv.URL + "/" + mode }

func (as *misbehavingAS) metadata(w http.ResponseWriter, r *http.Request) {
	mode := r.PathValue("mode")
	iss := as.issuer(mode)
	md := map[string]any{
		"issuer":                                         iss,
		"authorization_endpoint":                         iss + "/authorize",
		"token_endpoint":                                 iss + "/token",
		"revocation_endpoint":                            iss + "/revoke",
		"token_endpoint_auth_methods_supported":          []string{"client_secret_basic", "none"},
		"code_challenge_methods_supported":               []string{"S256"},
		"authorization_response_iss_parameter_supported": mode != "noiss",
	}
	switch mode {
	case "odd":
		md["token_endpoint"] = iss + "/oauth/token"
	case "slowdev":
		md["device_authorization_endpoint"] = iss + "/device"
	case "otherissuer":
		md["issuer"] = "https://elsewhere.example"
	case "plainhttp":
		md["token_endpoint"] = "http://as.example.com/token"
	}
	writeJSONBody(w, http.StatusOK, md)
}

func (as *misbehavingAS) authorize(w http.ResponseWriter, r *http.Request) {
	mode := r.PathValue("mode")
	q := r.URL.Query()
	redirect, err := url.Parse(q.Get("redirect_uri"))
	if err != nil || q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" {
		http.Error(w, "bad authorization request: PKCE S256 and a redirect_uri are required", http.StatusBadRequest)
		return
	}
	resp := url.Values{"state": {q.Get("state")}, "iss": {as.issuer(mode)}}
	switch mode {
	case "silent":
		fmt.Fprintln(w, "<p>Nobody will ever answer.</p>")
		return
	case "wrongiss":
		resp.Set("iss", "https://attacker.example")
	case "noiss":
		resp.Del("iss")
	case "badredirect":
		resp.Set("error", "invalid_request")
		resp.Set("error_description", "redirect_uri does not match a registered redirect URI")
	case "denied":
		resp.Set("error", "access_denied")
		resp.Set("error_description", "The user said no.\x1b[31m")
	case "odd":
		if q.Get("scope") != "contacts.read,deals.write" {
			http.Error(w, "scopes must be comma-separated", http.StatusBadRequest)
			return
		}
	case "wrongstate":
		if status := strayCallback(redirect, resp); status != http.StatusBadRequest {
			http.Error(w, fmt.Sprintf("a callback with the wrong state got %d, want 400", status), http.StatusInternalServerError)
			return
		}
	}
	if resp.Get("error") == "" {
		resp.Set("code", as.newCode(mode))
	}
	redirect.RawQuery = resp.Encode()
	http.Redirect(w, r, redirect.String(), http.StatusFound)
}

// strayCallback delivers a callback with another state, as a stale tab or
// an attacker's page would.
func strayCallback(redirect *url.URL, resp url.Values) int {
	stray := *redirect
	v := url.Values{"code": {"stray-code"}, "state": {"not-the-state"}, "iss": resp["iss"]}
	stray.RawQuery = v.Encode()
	r, err := http.Get(stray.String())
	if err != nil {
		return 0
	}
	r.Body.Close()
	return r.StatusCode
}

func (as *misbehavingAS) newCode(mode string) string {
	code := randomHex()
	as.mu.Lock()
	as.codes[code] = mode
	as.mu.Unlock()
	return code
}

func (as *misbehavingAS) token(w http.ResponseWriter, r *http.Request) {
	if tokenFault(w, r, r.PathValue("mode")) {
		return
	}
	r.ParseForm()
	if r.PostForm.Get("grant_type") == "urn:ietf:params:oauth:grant-type:device_code" {
		as.devicePoll(w, r)
		return
	}
	if !as.secretOK(r) {
		writeJSONBody(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client", "error_description": "wrong client secret"})
		return
	}
	switch r.PostForm.Get("grant_type") {
	case "authorization_code":
		as.exchange(w, r)
	case "refresh_token":
		as.refreshGrant(w, r)
	default:
		writeJSONBody(w, http.StatusBadRequest, map[string]string{"error": "unsupported_grant_type"})
	}
}

// tokenFault answers a token request the way fault says, and reports
// whether it did.
func tokenFault(w http.ResponseWriter, r *http.Request, fault string) bool {
	switch fault {
	case "token500", "500":
		http.Error(w, "internal error", http.StatusInternalServerError)
	case "503retry":
		w.Header().Set("Retry-After", "120")
		http.Error(w, "busy", http.StatusServiceUnavailable)
	case "nonjson":
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintln(w, "<html><body>Maintenance</body></html>")
	case "badjson":
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"access_token":"half`)
	case "oversized":
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":"%s","token_type":"Bearer"}`, strings.Repeat("A", 10<<20))
	case "redirect307":
		http.Redirect(w, r, "https://attacker.example/token", http.StatusTemporaryRedirect)
	case "slow":
		time.Sleep(3 * time.Second)
		writeJSONBody(w, http.StatusOK, map[string]any{"access_token": "too-late", "token_type": "Bearer"})
	case "reset":
		resetMidBody(w)
	case "mac":
		writeJSONBody(w, http.StatusOK, map[string]any{"access_token": "mac-token", "token_type": "mac", "expires_in": 3600})
	case "invalid_grant":
		writeJSONBody(w, http.StatusBadRequest, map[string]string{"error": "invalid_grant", "error_description": "refresh token revoked"})
	case "skew":
		writeJSONBody(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client", "error_description": "client assertion iat is in the future"})
	case "echo":
		// Some servers quote what they were sent; connauth must not print it.
		r.ParseForm()
		_, basicSecret, _ := r.BasicAuth()
		writeJSONBody(w, http.StatusBadRequest, map[string]string{"error": "invalid_client",
			"error_description": "rejected client_secret=" + r.PostForm.Get("client_secret") + basicSecret + " refresh_token=" + r.PostForm.Get("refresh_token")})
	default:
		return false
	}
	return true
}

// resetMidBody promises a long JSON body, sends part of it and drops the
// connection.
func resetMidBody(w http.ResponseWriter) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"access_token\":\"cut")
	buf.Flush()
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0) // RST, not FIN
	}
	conn.Close()
}

func (as *misbehavingAS) exchange(w http.ResponseWriter, r *http.Request) {
	as.mu.Lock()
	_, ok := as.codes[r.PostForm.Get("code")]
	delete(as.codes, r.PostForm.Get("code"))
	as.mu.Unlock()
	if !ok || r.PostForm.Get("code_verifier") == "" {
		writeJSONBody(w, http.StatusBadRequest, map[string]string{"error": "invalid_grant", "error_description": "unknown code or no code_verifier"})
		return
	}
	as.grant(w)
}

func (as *misbehavingAS) refreshGrant(w http.ResponseWriter, r *http.Request) {
	as.mu.Lock()
	mode := as.refresh[clientID(r)]
	as.mu.Unlock()
	switch mode {
	case "stringexpiry":
		writeJSONBody(w, http.StatusOK, map[string]any{"access_token": "at-string-" + randomHex(), "token_type": "bearer", "expires_in": "3600"})
	default:
		if !tokenFault(w, r, mode) {
			as.grant(w)
		}
	}
}

func (as *misbehavingAS) grant(w http.ResponseWriter) {
	as.mu.Lock()
	as.issued++
	n := as.issued
	at := fmt.Sprintf("at-%d-%s", n, randomHex())
	as.live[at] = true
	as.mu.Unlock()
	writeJSONBody(w, http.StatusOK, map[string]any{
		"access_token":  at,
		"refresh_token": fmt.Sprintf("rt-%d-%s", n, randomHex()),
		"token_type":    "Bearer",
		"expires_in":    3600,
		"scope":         "read",
	})
}

func (as *misbehavingAS) revoke(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	as.mu.Lock()
	as.revoked = append(as.revoked, r.PostForm.Get("token_type_hint"))
	as.mu.Unlock()
	if r.PathValue("mode") == "token500" {
		http.Error(w, "revocation is down", http.StatusServiceUnavailable)
	}
}

func (as *misbehavingAS) control(w http.ResponseWriter, r *http.Request) {
	as.mu.Lock()
	defer as.mu.Unlock()
	q := r.URL.Query()
	if q.Has("refresh") {
		as.refresh[q.Get("client")] = q.Get("refresh")
	}
	if q.Has("secret") {
		as.secrets[q.Get("client")] = q.Get("secret")
	}
	if q.Get("invalidate") != "" {
		delete(as.live, q.Get("invalidate"))
	}
}

func writeJSONBody(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func randomHex() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// clientID is the client a token request authenticates as, from HTTP
// Basic or the form.
func clientID(r *http.Request) string {
	if id, _, ok := r.BasicAuth(); ok {
		return id
	}
	return r.PostForm.Get("client_id")
}

// oddToken plays a token endpoint that speaks its own dialect: it wants a
// version header and the form {appKey, appSecret, authCode, type}, and
// answers {"data": {"accessToken", "renewal": {"token"}, "ttl": "3600"}}.
func (as *misbehavingAS) oddToken(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	as.record(r, r.PostForm.Get("appKey"))
	f := r.PostForm
	if r.Header.Get("X-Api-Version") != "2" || f.Get("type") != "code" || f.Get("appKey") != "odd-cli" ||
		f.Get("appSecret") != "odd-secret-value" || f.Get("authCode") == "" || f.Has("grant_type") {
		writeJSONBody(w, http.StatusBadRequest, map[string]any{"error": "invalid_request", "error_description": "not in the odd dialect: " + r.Header.Get("X-Api-Version") + " " + strings.Join(sortedFormKeys(f), ",")})
		return
	}
	as.mu.Lock()
	_, ok := as.codes[f.Get("authCode")]
	as.mu.Unlock()
	if !ok {
		writeJSONBody(w, http.StatusBadRequest, map[string]string{"error": "invalid_grant"})
		return
	}
	as.oddGrant(w)
}

// oddRenew is its separate refresh URL: the standard refresh form plus a
// tenant parameter and the version header.
func (as *misbehavingAS) oddRenew(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	as.record(r, r.PostForm.Get("client_id"))
	if r.Header.Get("X-Api-Version") != "2" || r.PostForm.Get("tenant") != "t1" || r.PostForm.Get("grant_type") != "refresh_token" {
		writeJSONBody(w, http.StatusBadRequest, map[string]string{"error": "invalid_request", "error_description": "renewal needs tenant and the version header"})
		return
	}
	as.oddGrant(w)
}

func (as *misbehavingAS) oddGrant(w http.ResponseWriter) {
	writeJSONBody(w, http.StatusOK, map[string]any{"data": map[string]any{
		"accessToken": "odd-at-" + randomHex(),
		"renewal":     map[string]any{"token": "odd-rt-" + randomHex()},
		"ttl":         "3600",
	}})
}

func sortedFormKeys(v url.Values) []string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// apiMe is a "who am I" API taking Authorization: Bearer, 401 otherwise.
func (as *misbehavingAS) apiMe(w http.ResponseWriter, r *http.Request) {
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !as.isLive(token) {
		writeJSONBody(w, http.StatusUnauthorized, map[string]any{"error": "invalid_token"})
		return
	}
	writeJSONBody(w, http.StatusOK, map[string]any{"user": map[string]any{"email": "alice@example.test"}})
}

// apiQuery takes the token as ?access_token= and says it is bad with a 400
// whose error.code is INVALID_TOKEN (other 400s are not auth errors).
func (as *misbehavingAS) apiQuery(w http.ResponseWriter, r *http.Request) {
	if !as.isLive(r.URL.Query().Get("access_token")) {
		writeJSONBody(w, http.StatusBadRequest, map[string]any{"error": map[string]any{"code": "INVALID_TOKEN"}})
		return
	}
	writeJSONBody(w, http.StatusOK, map[string]any{"id": 42})
}

func (as *misbehavingAS) isLive(token string) bool {
	as.mu.Lock()
	defer as.mu.Unlock()
	return as.live[token]
}

// secretOK checks the client secret of a client whose secret was set.
func (as *misbehavingAS) secretOK(r *http.Request) bool {
	id, secret, basic := r.BasicAuth()
	if !basic {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	as.mu.Lock()
	defer as.mu.Unlock()
	want, ok := as.secrets[id]
	return !ok || secret == want
}

// deviceAuth starts a device login with a 1-second interval.
func (as *misbehavingAS) deviceAuth(w http.ResponseWriter, r *http.Request) {
	writeJSONBody(w, http.StatusOK, map[string]any{
		"device_code": "dev-" + randomHex(), "user_code": "WDJB-MJHT",
		"verification_uri": as.srv.URL + "/slowdev/activate", "expires_in": 60, "interval": 1,
	})
}

// devicePoll answers authorization_pending, then slow_down, then tokens;
// a poll that comes before the interval (1s, then 1+5s after slow_down,
// as RFC 8628 §3.5 requires) is refused, so a client that ignores
// slow_down fails the login.
func (as *misbehavingAS) devicePoll(w http.ResponseWriter, r *http.Request) {
	as.mu.Lock()
	now := time.Now()
	as.polls = append(as.polls, now)
	n := len(as.polls)
	var gap time.Duration
	if n > 1 {
		gap = now.Sub(as.polls[n-2])
	}
	as.mu.Unlock()
	switch {
	case n == 3 && gap < 6*time.Second:
		writeJSONBody(w, http.StatusBadRequest, map[string]string{"error": "invalid_request", "error_description": fmt.Sprintf("polled %v after slow_down; the interval is 6s now", gap.Round(time.Millisecond))})
	case n == 1:
		writeJSONBody(w, http.StatusBadRequest, map[string]string{"error": "authorization_pending"})
	case n == 2:
		writeJSONBody(w, http.StatusBadRequest, map[string]string{"error": "slow_down"})
	default:
		as.grant(w)
	}
}

// volatile form fields differ between two equal logins; the record shows
// that they were there, not their values.
var volatile = map[string]bool{"authCode": true, "code": true, "code_verifier": true, "refresh_token": true, "redirect_uri": true}

// record keeps a canonical picture of a token request: method, path, the
// headers a dialect uses, and the sorted form.
func (as *misbehavingAS) record(r *http.Request, client string) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", r.Method, r.URL.Path)
	for _, h := range []string{"Content-Type", "X-Api-Version"} {
		fmt.Fprintf(&b, "  %s: %s\n", h, r.Header.Get(h))
	}
	_, _, basic := r.BasicAuth()
	fmt.Fprintf(&b, "  basic auth: %v\n", basic)
	for _, k := range sortedFormKeys(r.PostForm) {
		v := r.PostForm.Get(k)
		if volatile[k] {
			v = "<set>"
		}
		fmt.Fprintf(&b, "  %s=%s\n", k, v)
	}
	as.mu.Lock()
	as.wire[client] += b.String()
	as.mu.Unlock()
}
