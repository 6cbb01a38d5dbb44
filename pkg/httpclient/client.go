// Package httpclient builds the HTTP client connauth uses to talk to
// authorization servers and vendor APIs: bounded in time and size, never
// following a redirect with credentials, and refusing plain http except
// to the loopback interface.
package httpclient

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
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
	c, _ := NewWith(Options{Timeout: timeout})
	return c
}

// Options tune the client NewWith builds.
type Options struct {
	Timeout time.Duration
	// CAFile names PEM certificates to trust besides the system's (which
	// already honour SSL_CERT_FILE and SSL_CERT_DIR).
	CAFile string
	// Debug, when set, receives one line per request and response with
	// every secret redacted.
	Debug io.Writer
}

// NewWith returns a client like New's with the given options: response
// bodies capped at MaxBody, TLS always verified.
func NewWith(o Options) (*http.Client, error) {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	base := http.DefaultTransport.(*http.Transport).Clone()
	if o.CAFile != "" {
		pool, err := certPool(o.CAFile)
		if err != nil {
			return nil, err
		}
		base.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	var rt http.RoundTripper = cappedTransport{base}
	if o.Debug != nil {
		rt = debugTransport{next: rt, out: o.Debug}
	}
	return &http.Client{
		Timeout:   o.Timeout,
		Transport: rt,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}, nil
}

// certPool is the system pool plus the certificates in file.
func certPool(file string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("--ca-file: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("--ca-file %s holds no PEM certificate; give a file with -----BEGIN CERTIFICATE----- blocks", file)
	}
	return pool, nil
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
