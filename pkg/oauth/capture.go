package oauth

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/connauth/connauth/pkg/httpclient"
)

// Where a captured value comes from.
const (
	FromCallback = "callback" // the redirect's query (Zoho accounts-server, Sage country)
	FromToken    = "token"    // the token response (Zoho api_domain)
	FromVerify   = "verify"   // the verify URL's answer, called once after login (HubSpot portalId)
)

// Capture names a value a provider returns besides the tokens, kept in
// the profile's settings (never a secret: connauth shows them).
type Capture struct {
	// Name is the setting it is kept under.
	Name string `json:"name" yaml:"name"`
	// From is callback, token or verify.
	From string `json:"from" yaml:"from"`
	// Path is the callback parameter, or a dotted JSON path.
	Path string `json:"path" yaml:"path"`
	// After, when set, keeps only the text after its first occurrence
	// (Keap's scope "full|abc123.infusionsoft.com" names the account).
	After string `json:"after,omitempty" yaml:"after,omitempty"`
}

// Check reports a capture that cannot work.
func (c Capture) Check() error {
	switch {
	case c.Name == "" || c.Path == "":
		return fmt.Errorf("capture: give each entry a name and a path")
	case c.From != FromCallback && c.From != FromToken && c.From != FromVerify:
		return fmt.Errorf("capture %s: from %q: choose callback, token or verify", c.Name, c.From)
	}
	return nil
}

// fromValue turns a found value into the text kept, "" when there is
// none.
func (c Capture) fromValue(v any, ok bool) string {
	if !ok || v == nil {
		return ""
	}
	s := fmt.Sprint(v)
	if f, isNum := v.(float64); isNum {
		s = strconv.FormatFloat(f, 'f', -1, 64)
	}
	if c.After != "" {
		_, rest, found := strings.Cut(s, c.After)
		if !found {
			return ""
		}
		s = rest
	}
	return httpclient.Printable(s, 200)
}

// Captured collects the values of the captures from one source.
func Captured(caps []Capture, from string, get func(path string) (any, bool)) map[string]string {
	out := map[string]string{}
	for _, c := range caps {
		if c.From != from {
			continue
		}
		if s := c.fromValue(get(c.Path)); s != "" {
			out[c.Name] = s
		}
	}
	return out
}

// QueryGetter reads callback parameters for Captured.
func QueryGetter(q url.Values) func(string) (any, bool) {
	return func(name string) (any, bool) {
		if !q.Has(name) {
			return nil, false
		}
		return q.Get(name), true
	}
}

// JSONGetter reads dotted paths of a decoded JSON document for Captured.
func JSONGetter(doc any) func(string) (any, bool) {
	return func(path string) (any, bool) { return lookup(doc, path) }
}

// Wants reports whether any capture reads from the given source.
func Wants(caps []Capture, from string) bool {
	for _, c := range caps {
		if c.From == from {
			return true
		}
	}
	return false
}
