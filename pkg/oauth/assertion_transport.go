package oauth

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// assertionTransport adds a freshly signed client assertion to every form
// POST it carries (token, device and revocation requests), so that each
// request, refreshes included, gets its own jti and expiry.
type assertionTransport struct {
	next     http.RoundTripper
	a        *Assertion
	clientID string
}

func (t assertionTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method != http.MethodPost || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") || r.Body == nil {
		return t.next.RoundTrip(r)
	}
	body, err := io.ReadAll(r.Body)
	r.Body.Close()
	if err != nil {
		return nil, err
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, err
	}
	jwt, err := t.a.Sign(t.clientID, time.Now())
	if err != nil {
		return nil, err
	}
	form.Set("client_id", t.clientID)
	form.Del("client_secret")
	form.Set("client_assertion_type", assertionType)
	form.Set("client_assertion", jwt)
	enc := form.Encode()
	r2 := r.Clone(r.Context())
	r2.Body = io.NopCloser(strings.NewReader(enc))
	r2.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(enc)), nil }
	r2.ContentLength = int64(len(enc))
	r2.Header.Set("Content-Length", strconv.Itoa(len(enc)))
	r2.Header.Del("Authorization")
	return t.next.RoundTrip(r2)
}
