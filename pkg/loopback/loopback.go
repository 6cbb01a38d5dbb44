// Package loopback receives an OAuth authorization response on a redirect
// URI served from the loopback interface (RFC 8252 §7.3).
package loopback

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// Config says where to listen and what a valid response looks like.
type Config struct {
	// Host is the address to bind: "127.0.0.1" (the default) or "::1".
	Host string
	// Port is 0 for a random free port.
	Port int
	// RedirectURI, when set, is the exact redirect URI registered with the
	// provider; host, port and path come from it. A "localhost" host is
	// served on 127.0.0.1.
	RedirectURI string
	// State is the value the callback must carry.
	State string
	// Issuer is the authorization server's issuer: an "iss" parameter must
	// equal it exactly (RFC 9207).
	Issuer string
	// RequireIss makes a missing "iss" an error, as when the metadata
	// advertises authorization_response_iss_parameter_supported.
	RequireIss bool
}

// Server is a listening redirect endpoint. Wait returns its outcome.
type Server struct {
	cfg      Config
	redirect string
	path     string
	srv      *http.Server
	ln       net.Listener

	once  sync.Once
	done  chan struct{}
	code  string
	query url.Values
	err   error
}

// NewState returns a fresh, unguessable state value.
func NewState() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Listen binds the redirect endpoint and starts serving it. An https
// RedirectURI cannot be served here: the server then only takes pasted
// redirect URLs (Submit).
func Listen(cfg Config) (*Server, error) {
	if PasteOnly(cfg.RedirectURI) {
		return &Server{cfg: cfg, redirect: cfg.RedirectURI, done: make(chan struct{})}, nil
	}
	host, port, path, display, err := endpoint(cfg)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port)))
	if err != nil {
		return nil, fmt.Errorf("cannot listen for the redirect on %s: %w; choose another port with --redirect-port", net.JoinHostPort(host, strconv.Itoa(port)), err)
	}
	s := &Server{cfg: cfg, path: path, ln: ln, done: make(chan struct{})}
	bound := ln.Addr().(*net.TCPAddr).Port
	s.redirect = (&url.URL{Scheme: "http", Host: net.JoinHostPort(display, strconv.Itoa(bound)), Path: path}).String()
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	return s, nil
}

// endpoint works out the address to bind, the callback path and the host
// to put in the redirect URI.
func endpoint(cfg Config) (bind string, port int, path, display string, err error) {
	bind, port, path, display = "127.0.0.1", cfg.Port, "/callback", "127.0.0.1"
	if cfg.Host != "" {
		bind, display = cfg.Host, cfg.Host
	}
	if cfg.RedirectURI == "" {
		if ip := net.ParseIP(bind); ip == nil || !ip.IsLoopback() {
			return "", 0, "", "", fmt.Errorf("redirect host %q is not a loopback address: use 127.0.0.1 or ::1", cfg.Host)
		}
		return bind, port, path, display, nil
	}
	u, perr := url.Parse(cfg.RedirectURI)
	if perr != nil || u.Scheme != "http" {
		return "", 0, "", "", fmt.Errorf("--redirect-uri %q: give a loopback URI, like http://127.0.0.1:8085/callback, or an https URI you registered (you then paste the address the browser lands on)", cfg.RedirectURI)
	}
	switch h := u.Hostname(); {
	case h == "localhost":
		bind, display = "127.0.0.1", "localhost"
	case net.ParseIP(h) != nil && net.ParseIP(h).IsLoopback():
		bind, display = h, h
	default:
		return "", 0, "", "", fmt.Errorf("--redirect-uri %q: the host must be 127.0.0.1, [::1] or localhost", cfg.RedirectURI)
	}
	port, _ = strconv.Atoi(u.Port()) // none: a free one, for providers that ignore the port
	path = u.Path
	if path == "" {
		path = "/"
	}
	return bind, port, path, display, nil
}

// PasteOnly reports whether a redirect URI is one connauth cannot serve
// (https, registered by the user elsewhere), so the user pastes the
// address the browser lands on.
func PasteOnly(redirectURI string) bool {
	u, err := url.Parse(redirectURI)
	return err == nil && u.Scheme == "https" && u.Host != ""
}

// RedirectURI is the URI to send in the authorization request.
func (s *Server) RedirectURI() string { return s.redirect }

// Wait blocks until a valid callback arrives, the provider reports an
// error, or ctx ends; it returns the authorization code. The listener is
// closed before Wait returns.
func (s *Server) Wait(ctx context.Context) (string, error) {
	defer s.Close()
	select {
	case <-s.done:
		return s.code, s.err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return "", fmt.Errorf("no answer from the browser before the timeout; run the login again (or raise --timeout)")
		}
		return "", fmt.Errorf("interrupted while waiting for the browser; nothing was stored")
	}
}

// Query is the accepted callback's query, once Wait returned a code.
func (s *Server) Query() url.Values {
	select {
	case <-s.done:
		return s.query
	default:
		return nil
	}
}

// Done is closed once the wait has an outcome.
func (s *Server) Done() <-chan struct{} { return s.done }

// Close stops the listener. A success or failure page already being sent
// is finished first.
func (s *Server) Close() {
	if s.srv == nil {
		return // paste only: nothing listens
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	s.srv.Shutdown(ctx)
}

func (s *Server) finish(code string, q url.Values, err error) {
	s.once.Do(func() {
		s.code, s.query, s.err = code, q, err
		close(s.done)
	})
}

// equal compares two strings in constant time.
func equal(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
