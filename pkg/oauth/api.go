package oauth

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"

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
	if scheme != "" {
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
