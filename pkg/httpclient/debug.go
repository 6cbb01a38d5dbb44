package httpclient

import (
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// plainParams are the form and query parameters whose values --debug may
// show; every other value is redacted, so a new secret parameter is hidden
// by default.
var plainParams = map[string]bool{
	"grant_type": true, "client_id": true, "scope": true, "redirect_uri": true,
	"response_type": true, "code_challenge_method": true, "token_type_hint": true,
	"prompt": true, "audience": true, "resource": true, "expirationDate": true,
	"client_assertion_type": true, "access_type": true,
}

// debugTransport writes a line per request and per response: method, URL
// and form with secret values redacted; status, time and the names (not
// values) of JSON fields.
type debugTransport struct {
	next http.RoundTripper
	out  io.Writer
}

func (t debugTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	fmt.Fprintf(t.out, "debug: > %s %s%s%s\n", r.Method, redactedURL(r.URL), authNote(r), formSummary(r))
	start := time.Now()
	resp, err := t.next.RoundTrip(r)
	took := time.Since(start).Round(time.Millisecond)
	if err != nil {
		fmt.Fprintf(t.out, "debug: < error after %v: %v\n", took, RedactURL(err))
		return nil, err
	}
	fmt.Fprintf(t.out, "debug: < %s in %v (%s)\n", resp.Status, took, resp.Header.Get("Content-Type"))
	return resp, nil
}

// redactedURL shows scheme, host, path and the query with secret values
// replaced.
func redactedURL(u *url.URL) string {
	c := *u
	c.User = nil
	c.RawQuery = redactValues(u.Query())
	return c.String()
}

func redactValues(v url.Values) string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		val := "[redacted]"
		if plainParams[k] {
			val = strings.Join(v[k], ",")
		}
		parts = append(parts, k+"="+val)
	}
	return strings.Join(parts, "&")
}

func authNote(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if h == "" {
		return ""
	}
	scheme, _, _ := strings.Cut(h, " ")
	return " Authorization: " + scheme + " [redacted]"
}

// formSummary shows a urlencoded request body with secret values redacted.
func formSummary(r *http.Request) string {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/x-www-form-urlencoded" || r.GetBody == nil {
		return ""
	}
	body, err := r.GetBody()
	if err != nil {
		return ""
	}
	defer body.Close()
	b, err := io.ReadAll(io.LimitReader(body, MaxBody))
	if err != nil {
		return ""
	}
	v, err := url.ParseQuery(string(b))
	if err != nil {
		return " form: (unparsable)"
	}
	return " form: " + redactValues(v)
}
