package main

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// vendorFake stands in for the catalog's vendors, which cannot be reached
// from here. Each vendor's host becomes the first path segment
// (https://api.hubapi.com/x → $VENDOR/api.hubapi.com/x, see `vendorize`),
// and each endpoint answers only requests shaped as the vendor documents
// them (reference/providers.md), else 400 saying what is wrong, so a login
// through the fake shows that connauth sends what the vendor expects.
const (
	vendorClientID     = "app-id"
	vendorClientSecret = "app-secret-value"
)

type vendorFake struct {
	srv   *httptest.Server
	mu    sync.Mutex
	codes map[string]vendorGrant // code → what was authorized
	n     int
}

type vendorGrant struct{ redirect, challenge, scope string }

func newVendorFake(t *testing.T) *vendorFake {
	v := &vendorFake{codes: map[string]vendorGrant{}}
	mux := http.NewServeMux()
	v.routes(mux)
	v.srv = httptest.NewServer(mux)
	t.Cleanup(v.srv.Close)
	return v
}

func (v *vendorFake) routes(mux *http.ServeMux) {
	// Authorization endpoints; extras are what each vendor adds to the
	// callback.
	mux.HandleFunc("GET /app.hubspot.com/oauth/authorize", v.authorize(nil))
	mux.HandleFunc("GET /accounts.infusionsoft.com/app/oauth/authorize", v.authorize(nil))
	mux.HandleFunc("GET /{shop}/admin/oauth/authorize", v.authorize(func(r *http.Request) url.Values {
		return url.Values{"shop": {r.PathValue("shop")}, "hmac": {"0f"}, "timestamp": {"1764000000"}}
	}))
	mux.HandleFunc("GET /www.sageone.com/oauth2/auth/central", v.authorize(func(*http.Request) url.Values {
		return url.Values{"country": {"GB"}}
	}))
	mux.HandleFunc("GET /{zoho}/oauth/v2/auth", v.authorize(func(*http.Request) url.Values {
		// A multi-DC client: the account lives elsewhere. localhost is
		// the same fake under another name, so the token handler can
		// tell that connauth moved there.
		return url.Values{"location": {"eu"}, "accounts-server": {strings.Replace(v.srv.URL, "127.0.0.1", "localhost", 1)}}
	}))
	mux.HandleFunc("GET /api.waveapps.com/oauth2/authorize/", v.authorize(nil))
	mux.HandleFunc("GET /login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize", v.authorize(nil))
	mux.HandleFunc("GET /app.asana.com/-/oauth_authorize", v.authorize(nil))

	// Token endpoints.
	mux.HandleFunc("POST /api.hubapi.com/oauth/2026-03/token", v.token(bodyAuth, nil))
	mux.HandleFunc("POST /api.infusionsoft.com/token", v.keapToken)
	mux.HandleFunc("POST /{shop}/admin/oauth/access_token", v.token(bodyAuth, func(r *http.Request, out map[string]any) string {
		if r.PostForm.Get("grant_type") == "authorization_code" && r.PostForm.Get("expiring") != "1" {
			return "expiring=1 is missing: without it Shopify issues a non-expiring token and no refresh token"
		}
		return ""
	}))
	mux.HandleFunc("POST /oauth.accounting.sage.com/token", v.token(bodyAuth, func(r *http.Request, out map[string]any) string {
		out["expires_in"], out["refresh_token_expires_in"], out["requested_by_id"] = 300, 2678400, "b1f0c1de-user"
		return ""
	}))
	mux.HandleFunc("POST /{zoho}/oauth/v2/token", v.token(bodyAuth, func(r *http.Request, out map[string]any) string {
		if !strings.HasPrefix(r.Host, "localhost:") {
			return "the code went to " + r.Host + ", not the accounts-server the callback named"
		}
		out["api_domain"] = "https://www.zohoapis.eu"
		if r.PostForm.Get("grant_type") == "refresh_token" {
			delete(out, "refresh_token") // Zoho keeps the refresh token
		}
		return ""
	}))
	mux.HandleFunc("POST /api.waveapps.com/oauth2/token/", v.token(bodyAuth, nil))
	mux.HandleFunc("POST /login.microsoftonline.com/{tenant}/oauth2/v2.0/token", v.token(bodyAuth, nil))
	mux.HandleFunc("POST /app.asana.com/-/oauth_token", v.token(bodyAuth, func(r *http.Request, out map[string]any) string {
		out["data"] = map[string]any{"gid": "1201", "name": "Ada", "email": "ada@example.com"}
		return ""
	}))

	// Who-am-I endpoints, each with its vendor's way of taking the token.
	mux.HandleFunc("GET /api.hubapi.com/account-info/v3/details", v.api(bearer, map[string]any{"portalId": 62515, "accountType": "DEVELOPER_TEST"}))
	mux.HandleFunc("GET /api.infusionsoft.com/crm/rest/v1/oauth/connect/userinfo", v.api(bearer, map[string]any{"email": "owner@keap.example", "sub": "42"}))
	mux.HandleFunc("GET /{shop}/admin/oauth/access_scopes.json", v.api(header("X-Shopify-Access-Token", ""), map[string]any{"access_scopes": []any{map[string]any{"handle": "read_products"}}}))
	mux.HandleFunc("GET /api.accounting.sage.com/v3.1/businesses", v.api(bearer, []any{map[string]any{"id": "b1", "name": "Acme Ltd"}}))
	mux.HandleFunc("GET /{apihost}/crm/v8/users", v.api(header("Authorization", "Zoho-oauthtoken "), map[string]any{"users": []any{map[string]any{"email": "ada@zoho.example"}}}))
	mux.HandleFunc("POST /gql.waveapps.com/graphql/public", v.api(bearer, map[string]any{"data": map[string]any{"user": map[string]any{"id": "U1", "defaultEmail": "ada@wave.example"}}}))
	mux.HandleFunc("GET /api.businesscentral.dynamics.com/v2.0/{tenant}/{env}/api/v2.0/companies", v.api(bearer, map[string]any{"value": []any{map[string]any{"name": "CRONUS"}}}))
	mux.HandleFunc("GET /app.asana.com/api/1.0/users/me", v.api(bearer, map[string]any{"data": map[string]any{"email": "ada@example.com"}}))
	mux.HandleFunc("GET /api.webcrm.com/Persons", v.api(bearer, []any{map[string]any{"PersonId": 1}}))
	mux.HandleFunc("POST /goapi.poweroffice.net/OAuth/Token", v.powerOffice)
	mux.HandleFunc("GET /{store}/wp-json/wc/v3/customers", v.wooCommerce)
	mux.HandleFunc("POST /www.wixapis.com/site-list/v2/sites/query", v.wix)
}

// authorize checks the authorization request and sends the browser back
// with a code, the state, and the vendor's extras.
func (v *vendorFake) authorize(extras func(*http.Request) url.Values) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("client_id") != vendorClientID || q.Get("response_type") != "code" || q.Get("redirect_uri") == "" {
			http.Error(w, "want client_id, response_type=code and redirect_uri", http.StatusBadRequest)
			return
		}
		if m := q.Get("code_challenge_method"); q.Has("code_challenge") && m != "S256" {
			http.Error(w, "code_challenge_method must be S256", http.StatusBadRequest)
			return
		}
		v.mu.Lock()
		v.n++
		code := fmt.Sprintf("code-%d", v.n)
		v.codes[code] = vendorGrant{q.Get("redirect_uri"), q.Get("code_challenge"), q.Get("scope")}
		v.mu.Unlock()
		back := url.Values{"code": {code}, "state": {q.Get("state")}}
		if extras != nil {
			for k, vs := range extras(r) {
				back[k] = vs
			}
		}
		http.Redirect(w, r, q.Get("redirect_uri")+"?"+back.Encode(), http.StatusFound)
	}
}

const (
	bodyAuth  = "body"
	basicAuth = "basic"
)

// token answers the code and refresh grants when the client authenticates
// the given way; adjust may add the vendor's fields or refuse (non-empty
// message).
func (v *vendorFake) token(auth string, adjust func(*http.Request, map[string]any) string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if msg := v.checkTokenRequest(r, auth); msg != "" {
			writeJSONBody(w, http.StatusBadRequest, map[string]any{"error": "invalid_request", "error_description": msg})
			return
		}
		v.mu.Lock()
		v.n++
		n := v.n
		v.mu.Unlock()
		out := map[string]any{
			"access_token": fmt.Sprintf("at-%d", n), "refresh_token": fmt.Sprintf("rt-%d", n),
			"token_type": "bearer", "expires_in": 1800,
		}
		if adjust != nil {
			if msg := adjust(r, out); msg != "" {
				writeJSONBody(w, http.StatusBadRequest, map[string]any{"error": "invalid_request", "error_description": msg})
				return
			}
		}
		writeJSONBody(w, http.StatusOK, out)
	}
}

// checkTokenRequest returns what is wrong with a token request, or "".
func (v *vendorFake) checkTokenRequest(r *http.Request, auth string) string {
	if err := r.ParseForm(); err != nil || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		return "want a form-encoded body"
	}
	f := r.PostForm
	id, secret, hasBasic := r.BasicAuth()
	switch auth {
	case bodyAuth:
		if hasBasic || f.Get("client_id") != vendorClientID || f.Get("client_secret") != vendorClientSecret {
			return "want client_id and client_secret in the body, and no Basic header"
		}
	case basicAuth:
		if !hasBasic || id != vendorClientID || secret != vendorClientSecret || f.Has("client_secret") {
			return "want the client credentials in HTTP Basic only"
		}
	}
	switch f.Get("grant_type") {
	case "authorization_code":
		return v.checkCode(f)
	case "refresh_token":
		if !strings.HasPrefix(f.Get("refresh_token"), "rt-") {
			return "unknown refresh_token"
		}
		return ""
	}
	return "unsupported grant_type " + f.Get("grant_type")
}

func (v *vendorFake) checkCode(f url.Values) string {
	v.mu.Lock()
	g, ok := v.codes[f.Get("code")]
	delete(v.codes, f.Get("code"))
	v.mu.Unlock()
	switch {
	case !ok:
		return "unknown or used code"
	case f.Get("redirect_uri") != g.redirect:
		return "redirect_uri differs from the authorization request's"
	case g.challenge != "" && s256(f.Get("code_verifier")) != g.challenge:
		return "code_verifier does not match the code_challenge"
	}
	return ""
}

func s256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// keapToken: the code exchange authenticates in the body, refreshes in
// HTTP Basic (Keap's PHP SDK); every refresh rotates the refresh token.
func (v *vendorFake) keapToken(w http.ResponseWriter, r *http.Request) {
	auth := bodyAuth
	if r.ParseForm() == nil && r.PostForm.Get("grant_type") == "refresh_token" {
		auth = basicAuth
	}
	v.token(auth, func(_ *http.Request, out map[string]any) string {
		out["scope"], out["expires_in"] = "full|ab123.infusionsoft.com", 86400
		return ""
	})(w, r)
}

type apiAuth func(r *http.Request) bool

var bearer = header("Authorization", "Bearer ")

// header accepts a token the connauth fakes issued, after prefix.
func header(name, prefix string) apiAuth {
	return func(r *http.Request) bool {
		tok, ok := strings.CutPrefix(r.Header.Get(name), prefix)
		return ok && (strings.HasPrefix(tok, "at-") || strings.HasPrefix(tok, "webcrm-jwt-"))
	}
}

func (v *vendorFake) api(ok apiAuth, body any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !ok(r) {
			writeJSONBody(w, http.StatusUnauthorized, map[string]any{"message": "token missing or not taken this way"})
			return
		}
		writeJSONBody(w, http.StatusOK, body)
	}
}

// Keys of the API-key vendors' fakes.
const (
	fakePOClientKey    = "po-client-key"
	fakePOAppKey       = "po-application-key"
	fakePOSubscription = "po-subscription-key"
	fakeWooSecret      = "cs_0123456789abcdef"
	fakeWixKey         = "IST.wix-api-key"
)

// powerOffice: client credentials with Basic(application key:client key)
// and the subscription key header.
func (v *vendorFake) powerOffice(w http.ResponseWriter, r *http.Request) {
	id, secret, _ := r.BasicAuth()
	if r.ParseForm() != nil || r.PostForm.Get("grant_type") != "client_credentials" ||
		id != fakePOAppKey || secret != fakePOClientKey || r.Header.Get("Ocp-Apim-Subscription-Key") != fakePOSubscription {
		writeJSONBody(w, http.StatusUnauthorized, map[string]any{"error": "invalid_client"})
		return
	}
	writeJSONBody(w, http.StatusOK, map[string]any{"access_token": "po-at", "token_type": "Bearer", "expires_in": 1200})
}

// wooCommerce: HTTP Basic with consumer key and secret over https.
func (v *vendorFake) wooCommerce(w http.ResponseWriter, r *http.Request) {
	user, pass, _ := r.BasicAuth()
	if !strings.HasPrefix(user, "ck_") || pass != fakeWooSecret || r.PathValue("store") != "shop.example" {
		writeJSONBody(w, http.StatusUnauthorized, map[string]any{"code": "woocommerce_rest_cannot_view"})
		return
	}
	writeJSONBody(w, http.StatusOK, []any{})
}

// wix: the key bare in Authorization and exactly one of the id headers.
func (v *vendorFake) wix(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != fakeWixKey || r.Header.Get("wix-account-id") == "" || r.Header.Get("wix-site-id") != "" {
		writeJSONBody(w, http.StatusUnauthorized, map[string]any{"message": "bad key or id headers"})
		return
	}
	writeJSONBody(w, http.StatusOK, map[string]any{"sites": []any{map[string]any{"displayName": "Ada's Shop"}}})
}
