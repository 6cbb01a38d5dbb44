// Package httpclient builds the HTTP client connauth uses to talk to
// authorization servers and vendor APIs: bounded in time and size, never
// following a redirect with credentials, and refusing plain http except
// to the loopback interface.
package httpclient

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// MaxBody is the most connauth reads of any response body.
const MaxBody = 1 << 20

// DefaultTimeout bounds every request.
const DefaultTimeout = 30 * time.Second

// New returns a client that does not follow redirects: a credentialed POST
// re-sent to another host would hand it the credentials.
func New(timeout time.Duration) *http.Client {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &http.Client{
		Timeout: timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// CheckURL refuses URLs connauth must not send a secret to: anything that is
// not https, except http to a loopback host (test servers, local proxies).
func CheckURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("%q is not an absolute URL: give one like https://host/path", raw)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if IsLoopback(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("refusing to send credentials over plain http to %s: use https (http is allowed only for 127.0.0.1, [::1] and localhost)", u.Host)
	default:
		return fmt.Errorf("%q: unsupported URL scheme %q: use https", raw, u.Scheme)
	}
}

// IsLoopback reports whether host names the loopback interface.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// ErrTooLarge is returned by ReadBody for a body over MaxBody.
var ErrTooLarge = errors.New("response body is larger than 1 MiB")

// ReadBody reads at most MaxBody bytes of resp's body and closes it.
func ReadBody(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxBody {
		return nil, ErrTooLarge
	}
	return b, nil
}
