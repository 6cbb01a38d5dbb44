package oauth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Shape describes how a non-standard server wants its token, refresh and
// revocation requests, and where its token response keeps the fields.
// Integration platforms expose the same settings for "generic OAuth 2.0"
// connections.
type Shape struct {
	// Extra form parameters and headers, per kind of request.
	TokenParams    map[string]string `json:"token_params,omitempty"`
	RefreshParams  map[string]string `json:"refresh_params,omitempty"`
	RevokeParams   map[string]string `json:"revoke_params,omitempty"`
	TokenHeaders   map[string]string `json:"token_headers,omitempty"`
	RefreshHeaders map[string]string `json:"refresh_headers,omitempty"`
	RevokeHeaders  map[string]string `json:"revoke_headers,omitempty"`
	// TokenBody, when set, replaces the token request's form: a JSON object
	// whose string values may hold {{client_id}}, {{client_secret}},
	// {{code}}, {{code_verifier}}, {{refresh_token}}, {{redirect_uri}},
	// {{username}}, {{password}}, {{grant_type}}, {{scope}}; it is sent
	// form-urlencoded.
	TokenBody string `json:"token_body,omitempty"`
	// Paths name, as dotted JSON paths, where the response keeps the fields
	// ("data.access_token"); empty means the standard place.
	AccessTokenPath  string `json:"access_token_path,omitempty"`
	RefreshTokenPath string `json:"refresh_token_path,omitempty"`
	ExpiresInPath    string `json:"expires_in_path,omitempty"`
	// RefreshURL receives refresh requests instead of the token URL.
	RefreshURL string `json:"refresh_url,omitempty"`
	// RefreshAuth "basic" moves the client credentials of refresh
	// requests into HTTP Basic (Keap wants the code in the body and the
	// refresh in Basic).
	RefreshAuth string `json:"refresh_auth,omitempty"`
}

// IsZero reports whether the shape changes nothing.
func (s *Shape) IsZero() bool {
	return s == nil || (len(s.TokenParams)+len(s.RefreshParams)+len(s.RevokeParams)+len(s.TokenHeaders)+
		len(s.RefreshHeaders)+len(s.RevokeHeaders) == 0 && s.TokenBody == "" &&
		s.AccessTokenPath+s.RefreshTokenPath+s.ExpiresInPath+s.RefreshURL+s.RefreshAuth == "")
}

// shapeTransport applies a Shape to requests for the token and revocation
// URLs, and rewrites a token response with custom paths into the standard
// one, so that x/oauth2 still does the protocol.
type shapeTransport struct {
	next                http.RoundTripper
	shape               *Shape
	tokenURL, revokeURL string
}

func (t shapeTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	target := r.URL.String()
	if r.Method != http.MethodPost || (target != t.tokenURL && target != t.revokeURL) {
		return t.next.RoundTrip(r)
	}
	form, err := readForm(r)
	if err != nil {
		return nil, err
	}
	kind := "token"
	switch {
	case target == t.revokeURL:
		kind = "revoke"
	case form.Get("grant_type") == "refresh_token":
		kind = "refresh"
	}
	r2, err := t.shapeRequest(r, form, kind)
	if err != nil {
		return nil, err
	}
	resp, err := t.next.RoundTrip(r2)
	if err != nil || kind == "revoke" || resp.StatusCode != http.StatusOK {
		return resp, err
	}
	return t.shapeResponse(resp)
}

func (t shapeTransport) shapeRequest(r *http.Request, form url.Values, kind string) (*http.Request, error) {
	params, headers := t.shape.TokenParams, t.shape.TokenHeaders
	switch kind {
	case "refresh":
		params, headers = t.shape.RefreshParams, t.shape.RefreshHeaders
	case "revoke":
		params, headers = t.shape.RevokeParams, t.shape.RevokeHeaders
	}
	if kind == "token" && t.shape.TokenBody != "" {
		var err error
		if form, err = bodyFromTemplate(t.shape.TokenBody, form, r); err != nil {
			return nil, err
		}
	}
	for k, v := range params {
		form.Set(k, v)
	}
	id, secret := form.Get("client_id"), form.Get("client_secret")
	basic := kind == "refresh" && t.shape.RefreshAuth == AuthBasic && secret != ""
	if basic {
		form.Del("client_id")
		form.Del("client_secret")
	}
	enc := form.Encode()
	r2 := r.Clone(r.Context())
	if basic {
		r2.SetBasicAuth(url.QueryEscape(id), url.QueryEscape(secret)) // RFC 6749 §2.3.1
	}
	if kind == "refresh" && t.shape.RefreshURL != "" {
		u, err := url.Parse(t.shape.RefreshURL)
		if err != nil {
			return nil, err
		}
		r2.URL, r2.Host = u, u.Host
	}
	r2.Body = io.NopCloser(strings.NewReader(enc))
	r2.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(enc)), nil }
	r2.ContentLength = int64(len(enc))
	for k, v := range headers {
		r2.Header.Set(k, v)
	}
	return r2, nil
}

var placeholder = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{\{\s*([a-z_]+)\s*\}\}`) })

// bodyFromTemplate builds the form from the JSON template, filling the
// placeholders from the request x/oauth2 made (and its Basic credentials).
func bodyFromTemplate(tmpl string, form url.Values, r *http.Request) (url.Values, error) {
	values := map[string]string{}
	for k := range form {
		values[k] = form.Get(k)
	}
	if id, secret, ok := r.BasicAuth(); ok {
		values["client_id"], _ = url.QueryUnescape(id)
		values["client_secret"], _ = url.QueryUnescape(secret)
	}
	var fields map[string]any
	if err := json.Unmarshal([]byte(tmpl), &fields); err != nil {
		return nil, fmt.Errorf("the token request body template is not a JSON object: %v", err)
	}
	out := url.Values{}
	for k, v := range fields {
		s, ok := v.(string)
		if !ok {
			b, _ := json.Marshal(v)
			s = string(b)
		}
		out.Set(k, placeholder().ReplaceAllStringFunc(s, func(m string) string {
			return values[placeholder().FindStringSubmatch(m)[1]]
		}))
	}
	return out, nil
}

// shapeResponse moves the fields from their configured paths to the
// standard ones.
func (t shapeTransport) shapeResponse(resp *http.Response) (*http.Response, error) {
	s := t.shape
	if s.AccessTokenPath+s.RefreshTokenPath+s.ExpiresInPath == "" {
		return resp, nil
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	var doc any
	if err := json.Unmarshal(body, &doc); err != nil {
		resp.Body = io.NopCloser(bytes.NewReader(body))
		return resp, nil // x/oauth2 reports it
	}
	std := map[string]any{"token_type": "Bearer"}
	if m, ok := doc.(map[string]any); ok {
		for k, v := range m {
			std[k] = v
		}
	}
	for field, path := range map[string]string{"access_token": s.AccessTokenPath, "refresh_token": s.RefreshTokenPath, "expires_in": s.ExpiresInPath} {
		if path == "" {
			continue
		}
		if v, ok := lookup(doc, path); ok {
			std[field] = v
		} else if field == "access_token" {
			return nil, fmt.Errorf("the token response has nothing at %s (the access token path); check the path against the provider's documentation", path)
		}
	}
	if v, ok := std["expires_in"].(string); ok {
		if n, err := strconv.Atoi(v); err == nil {
			std["expires_in"] = n
		}
	}
	out, _ := json.Marshal(std)
	resp.Body = io.NopCloser(bytes.NewReader(out))
	resp.ContentLength = int64(len(out))
	resp.Header.Set("Content-Type", "application/json")
	resp.Header.Del("Content-Length")
	return resp, nil
}

// lookup follows a dotted path ("data.tokens.0.value") through JSON.
func lookup(doc any, path string) (any, bool) {
	cur := doc
	for _, part := range strings.Split(path, ".") {
		switch v := cur.(type) {
		case map[string]any:
			next, ok := v[part]
			if !ok {
				return nil, false
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(v) {
				return nil, false
			}
			cur = v[i]
		default:
			return nil, false
		}
	}
	return cur, cur != nil
}

func readForm(r *http.Request) (url.Values, error) {
	if r.Body == nil {
		return url.Values{}, nil
	}
	b, err := io.ReadAll(r.Body)
	r.Body.Close()
	if err != nil {
		return nil, err
	}
	return url.ParseQuery(string(b))
}
