package oauth

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/connauth/connauth/pkg/httpclient"
)

// API says how a provider's API takes the token and how it says the token
// is no good.
type API struct {
	// VerifyURL is a cheap authenticated call (a "who am I" endpoint).
	VerifyURL string `json:"verify_url,omitempty" yaml:"verify_url,omitempty"`
	// Header and Scheme send the token as "Header: Scheme token";
	// Authorization and Bearer when empty. Query, when set, sends it as
	// that query parameter instead.
	Header string `json:"header,omitempty" yaml:"header,omitempty"`
	Scheme string `json:"scheme,omitempty" yaml:"scheme,omitempty"`
	Query  string `json:"query,omitempty" yaml:"query,omitempty"`
	// An auth error is a response with ErrorStatus (401 when zero) and,
	// when ErrorPath is set, one of ErrorValues at that dotted JSON path.
	ErrorStatus int      `json:"error_status,omitempty" yaml:"error_status,omitempty"`
	ErrorPath   string   `json:"error_path,omitempty" yaml:"error_path,omitempty"`
	ErrorValues []string `json:"error_values,omitempty" yaml:"error_values,omitempty"`
	// IdentityPath is where the verify response names the user.
	IdentityPath string `json:"identity_path,omitempty" yaml:"identity_path,omitempty"`

	// For APIs that take more than a token. Values may hold {{name}}: a
	// stored secret or setting of the profile, {{token}} the token.
	// Method and Body make the verify call a POST (Wix's site query).
	Method      string `json:"method,omitempty" yaml:"method,omitempty"`
	Body        string `json:"body,omitempty" yaml:"body,omitempty"`
	ContentType string `json:"content_type,omitempty" yaml:"content_type,omitempty"`
	// Headers are sent with every call (Wix's wix-account-id).
	Headers map[string]string `json:"headers,omitempty" yaml:"headers,omitempty"`
	// Basic, "user:password", sends HTTP Basic instead of the token
	// header (WooCommerce "{{consumer_key}}:{{token}}", Tripletex
	// "0:{{token}}").
	Basic string `json:"basic,omitempty" yaml:"basic,omitempty"`
}

// NoScheme as Scheme sends the token bare in the header (Wix).
const NoScheme = "none"

var apiRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{\{([A-Za-z0-9_.-]+)\}\}`) })

// Fill replaces {{name}} with values[name]; it fails naming a value the
// profile does not have.
func Fill(tmpl string, values map[string]string) (string, error) {
	var missing string
	out := apiRef().ReplaceAllStringFunc(tmpl, func(ref string) string {
		name := apiRef().FindStringSubmatch(ref)[1]
		v, ok := values[name]
		if !ok && missing == "" {
			missing = name
		}
		return v
	})
	if missing != "" {
		return "", fmt.Errorf("the API settings use {{%s}}, which the profile does not have", missing)
	}
	return out, nil
}

// NewRequest builds a call to target the way the API takes it; values
// are the profile's secrets and settings plus "token".
func (a API) NewRequest(ctx context.Context, target string, values map[string]string) (*http.Request, error) {
	body, err := Fill(a.Body, values)
	if err != nil {
		return nil, err
	}
	if target, err = Fill(target, values); err != nil {
		return nil, err
	}
	method := a.Method
	if method == "" {
		method = http.MethodGet
	}
	r, err := http.NewRequestWithContext(ctx, method, target, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	if body != "" {
		r.Header.Set("Content-Type", firstNonEmpty(a.ContentType, "application/json"))
	}
	for k, v := range a.Headers {
		if v, err = Fill(v, values); err != nil {
			return nil, err
		}
		r.Header.Set(k, v)
	}
	if a.Basic == "" {
		a.Authorize(r, values["token"])
		return r, nil
	}
	userpass, err := Fill(a.Basic, values)
	if err != nil {
		return nil, err
	}
	user, pass, _ := strings.Cut(userpass, ":")
	r.SetBasicAuth(user, pass)
	return r, nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Authorize puts the token on r the way the API takes it.
func (a API) Authorize(r *http.Request, token string) {
	if a.Query != "" {
		q := r.URL.Query()
		q.Set(a.Query, token)
		r.URL.RawQuery = q.Encode()
		return
	}
	header, scheme := a.Header, a.Scheme
	if header == "" {
		header = "Authorization"
	}
	if scheme == "" && header == "Authorization" {
		scheme = "Bearer"
	}
	if scheme != "" && scheme != NoScheme {
		token = scheme + " " + token
	}
	r.Header.Set(header, token)
}

// IsAuthError reports whether a response says the token is no good.
func (a API) IsAuthError(status int, body []byte) bool {
	want := a.ErrorStatus
	if want == 0 {
		want = http.StatusUnauthorized
	}
	if status != want {
		return false
	}
	if a.ErrorPath == "" {
		return true
	}
	var doc any
	if json.Unmarshal(body, &doc) != nil {
		return false
	}
	v, ok := lookup(doc, a.ErrorPath)
	return ok && slices.Contains(a.ErrorValues, fmt.Sprint(v))
}

// Identity returns the value at IdentityPath in a JSON body, or "".
func (a API) Identity(body []byte) string {
	if a.IdentityPath == "" {
		return ""
	}
	var doc any
	if json.Unmarshal(body, &doc) != nil {
		return ""
	}
	v, ok := lookup(doc, a.IdentityPath)
	if !ok {
		return ""
	}
	if f, isNum := v.(float64); isNum {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return httpclient.Printable(fmt.Sprint(v), 200)
}
