package main

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/rogpeppe/go-internal/testscript"
)

// SuperOffice CRM Online cannot be reached from here, so this fake plays
// one environment as its documentation describes it
// (docs.superoffice.com: authentication/online): OIDC authorize and
// tokens under /login/common/oauth, the JWKS, an id_token whose
// http://schemes.superoffice.net/identity/ claims carry ctx, webapi_url
// and system_token, PartnerSystemUser/Authenticate taking the system token
// signed with the application's key, /api/state/{ctx}, and the tenant's
// currentPrincipal.
const (
	soClientID     = "so-app"
	soClientSecret = "so-app-token-secret"
	soTenant       = "Cust12345"
	soSystemToken  = "SuperOffice Test System-1234"
)

type superOfficeFake struct {
	srv       *httptest.Server
	serverKey *rsa.PrivateKey // signs id_tokens and tickets
	appKey    *rsa.PrivateKey // the application's key pair
	mu        sync.Mutex
	mode      string // "", badsig, nosystem, ticketfail, shortticket
	codes     map[string]string
	n         int
}

func newSuperOfficeFake(t *testing.T) *superOfficeFake {
	s := &superOfficeFake{codes: map[string]string{}}
	var err error
	if s.serverKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		t.Fatal(err)
	}
	if s.appKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /login/common/oauth/authorize", s.authorize)
	mux.HandleFunc("POST /login/common/oauth/tokens", s.tokens)
	mux.HandleFunc("GET /login/.well-known/jwks", s.jwks)
	mux.HandleFunc("POST /Login/api/PartnerSystemUser/Authenticate", s.authenticate)
	mux.HandleFunc("GET /api/state/{ctx}", s.state)
	mux.HandleFunc("GET /"+soTenant+"/api/v1/User/currentPrincipal", s.principal)
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	return s
}

func (s *superOfficeFake) getMode() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.mode
}

func (s *superOfficeFake) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	switch {
	case q.Get("client_id") != soClientID || q.Get("response_type") != "code" || !strings.Contains(" "+q.Get("scope")+" ", " openid "):
		http.Error(w, "want client_id, response_type=code and scope openid", http.StatusBadRequest)
	case q.Get("code_challenge_method") != "S256":
		http.Error(w, "without code_challenge_method SuperOffice falls back to plain; want S256", http.StatusBadRequest)
	case !strings.HasPrefix(q.Get("redirect_uri"), "http://127.0.0.1:"):
		http.Error(w, "native apps must redirect to http://127.0.0.1:{port}/{path}", http.StatusBadRequest)
	default:
		s.mu.Lock()
		s.n++
		code := fmt.Sprintf("so-code-%d", s.n)
		s.codes[code] = q.Get("code_challenge")
		s.mu.Unlock()
		http.Redirect(w, r, q.Get("redirect_uri")+"?"+url.Values{"code": {code}, "state": {q.Get("state")}}.Encode(), http.StatusFound)
	}
}

func (s *superOfficeFake) tokens(w http.ResponseWriter, r *http.Request) {
	f, err := formOf(r)
	if err != nil || f.Get("client_id") != soClientID || f.Get("client_secret") != soClientSecret {
		writeJSONBody(w, http.StatusUnauthorized, map[string]any{"error": "invalid_client"})
		return
	}
	s.mu.Lock()
	s.n++
	n := s.n
	challenge, ok := s.codes[f.Get("code")]
	delete(s.codes, f.Get("code"))
	s.mu.Unlock()
	access := fmt.Sprintf("8A:%s.at-%d", soTenant, n)
	switch f.Get("grant_type") {
	case "refresh_token":
		if f.Get("refresh_token") != "so-refresh" {
			writeJSONBody(w, http.StatusBadRequest, map[string]any{"error": "invalid_grant"})
			return
		}
		writeJSONBody(w, http.StatusOK, map[string]any{"access_token": access, "token_type": "Bearer", "expires_in": 3600})
	case "authorization_code":
		if !ok || s256(f.Get("code_verifier")) != challenge {
			writeJSONBody(w, http.StatusBadRequest, map[string]any{"error": "invalid_grant"})
			return
		}
		writeJSONBody(w, http.StatusOK, map[string]any{
			"access_token": access, "token_type": "Bearer", "expires_in": 3600,
			"refresh_token": "so-refresh", "id_token": s.idToken(),
		})
	default:
		writeJSONBody(w, http.StatusBadRequest, map[string]any{"error": "unsupported_grant_type"})
	}
}

func formOf(r *http.Request) (url.Values, error) {
	if err := r.ParseForm(); err != nil {
		return nil, err
	}
	return r.PostForm, nil
}

func (s *superOfficeFake) idToken() string {
	claims := jwt.MapClaims{
		"iss": s.srv.URL, "aud": soClientID, "sub": "ada", "exp": time.Now().Add(time.Hour).Unix(), "iat": time.Now().Unix(),
		soClaim("ctx"):        soTenant,
		soClaim("webapi_url"): s.srv.URL + "/" + soTenant + "/api/",
		soClaim("email"):      "ada@superoffice.example",
	}
	mode := s.getMode()
	if mode != "nosystem" {
		claims[soClaim("system_token")] = soSystemToken
	}
	key := s.serverKey
	if mode == "badsig" {
		key, _ = rsa.GenerateKey(rand.Reader, 2048) // not the published key
	}
	return s.sign(claims, key)
}

func soClaim(name string) string { return "http://schemes.superoffice.net/identity/" + name }

func (s *superOfficeFake) sign(claims jwt.MapClaims, key *rsa.PrivateKey) string {
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	t.Header["kid"] = "so-1"
	out, err := t.SignedString(key)
	if err != nil {
		panic(err)
	}
	return out
}

func (s *superOfficeFake) jwks(w http.ResponseWriter, r *http.Request) {
	pub := s.serverKey.PublicKey
	writeJSONBody(w, http.StatusOK, map[string]any{"keys": []any{map[string]any{
		"kty": "RSA", "use": "sig", "kid": "so-1",
		"n": base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
		"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
	}}})
}

// authenticate checks the signed system token with the application's
// public key and a timestamp within five minutes of now (UTC).
func (s *superOfficeFake) authenticate(w http.ResponseWriter, r *http.Request) {
	var in struct{ SignedSystemToken, ApplicationToken, ContextIdentifier, ReturnTokenType string }
	if json.NewDecoder(r.Body).Decode(&in) != nil {
		writeJSONBody(w, http.StatusBadRequest, map[string]any{"IsSuccessful": false, "ErrorMessage": "not JSON"})
		return
	}
	if msg := s.checkSigned(in.SignedSystemToken); msg != "" || in.ApplicationToken != soClientSecret || in.ContextIdentifier != soTenant || in.ReturnTokenType != "JWT" || s.getMode() == "ticketfail" {
		writeJSONBody(w, http.StatusOK, map[string]any{"IsSuccessful": false, "Token": nil, "ErrorMessage": "Authentication failed " + msg})
		return
	}
	s.mu.Lock()
	s.n++
	n := s.n
	s.mu.Unlock()
	life := 6 * time.Hour
	if s.getMode() == "shortticket" {
		life = 30 * time.Second
	}
	tok := s.sign(jwt.MapClaims{
		"iss": s.srv.URL, "exp": time.Now().Add(life).Unix(),
		soClaim("ticket"): fmt.Sprintf("7T:ticket-%d", n), soClaim("ctx"): soTenant,
	}, s.serverKey)
	writeJSONBody(w, http.StatusOK, map[string]any{"IsSuccessful": true, "Token": tok, "ErrorMessage": ""})
}

func (s *superOfficeFake) checkSigned(signed string) string {
	i := strings.LastIndex(signed, ".")
	if i < 0 {
		return "(no signature)"
	}
	msg, sig64 := signed[:i], signed[i+1:]
	stamp := msg[strings.LastIndex(msg, ".")+1:]
	if !strings.HasPrefix(msg, soSystemToken+".") {
		return "(wrong system token)"
	}
	at, err := time.Parse("200601021504", stamp)
	if err != nil || time.Since(at).Abs() > 5*time.Minute {
		return "(timestamp not yyyyMMddHHmm of now in UTC)"
	}
	sig, err := base64.StdEncoding.DecodeString(sig64)
	sum := sha256.Sum256([]byte(msg))
	if err != nil || rsa.VerifyPKCS1v15(&s.appKey.PublicKey, crypto.SHA256, sum[:], sig) != nil {
		return "(signature does not verify with the application's public key)"
	}
	return ""
}

func (s *superOfficeFake) state(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("ctx") != soTenant {
		writeJSONBody(w, http.StatusNotFound, map[string]any{"State": "Unknown"})
		return
	}
	writeJSONBody(w, http.StatusOK, map[string]any{
		"ContextIdentifier": soTenant, "Endpoint": s.srv.URL + "/" + soTenant, "State": "Running",
		"IsRunning": true, "Api": s.srv.URL + "/" + soTenant + "/api",
	})
}

func (s *superOfficeFake) principal(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer 8A:"+soTenant+".at-") {
		writeJSONBody(w, http.StatusUnauthorized, map[string]any{"Message": "Unauthorized"})
		return
	}
	writeJSONBody(w, http.StatusOK, map[string]any{"Associate": "ADA", "FullName": "Ada Admin", "EMailAddress": "ada@superoffice.example"})
}

// cmd is `superoffice mode MODE` or `superoffice key pem|xml|wrong FILE`:
// the application's private key (or another one) for the login.
func (s *superOfficeFake) cmd(ts *testscript.TestScript, neg bool, args []string) {
	switch {
	case len(args) == 2 && args[0] == "mode":
		s.mu.Lock()
		s.mode = strings.TrimPrefix(args[1], "-")
		s.mu.Unlock()
	case len(args) == 3 && args[0] == "key":
		key := s.appKey
		if args[1] == "wrong" {
			key, _ = rsa.GenerateKey(rand.Reader, 2048)
		}
		out := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
		if args[1] == "xml" {
			out = []byte(dotNetXML(key))
		}
		ts.Check(os.WriteFile(ts.MkAbs(args[2]), out, 0o600))
	default:
		ts.Fatalf("usage: superoffice mode MODE | superoffice key pem|xml|wrong FILE")
	}
}

// dotNetXML writes a key as .NET's RSA.ToXmlString(true) does.
func dotNetXML(k *rsa.PrivateKey) string {
	b := func(i *big.Int) string { return base64.StdEncoding.EncodeToString(i.Bytes()) }
	k.Precompute()
	return "<RSAKeyValue><Modulus>" + b(k.N) + "</Modulus><Exponent>" + b(big.NewInt(int64(k.E))) +
		"</Exponent><P>" + b(k.Primes[0]) + "</P><Q>" + b(k.Primes[1]) + "</Q><DP>" + b(k.Precomputed.Dp) +
		"</DP><DQ>" + b(k.Precomputed.Dq) + "</DQ><InverseQ>" + b(k.Precomputed.Qinv) + "</InverseQ><D>" + b(k.D) + "</D></RSAKeyValue>"
}
