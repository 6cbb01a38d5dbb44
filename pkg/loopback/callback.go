package loopback

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/connauth/connauth/pkg/httpclient"
)

// ErrStateMismatch marks a response whose state is missing or wrong: it
// is not the answer to this login and is ignored.
var ErrStateMismatch = errors.New("the response's state does not match this login")

// ProviderError is an error the authorization server sent to the redirect
// URI (RFC 6749 §4.1.2.1), such as access_denied.
type ProviderError struct {
	Code        string
	Description string
}

func (e *ProviderError) Error() string {
	msg := "the provider refused the login: " + e.Code
	if e.Description != "" {
		msg += ": " + e.Description
	}
	if strings.Contains(strings.ToLower(e.Description), "redirect") {
		msg += "; the redirect URI connauth sent is not the one registered with the provider: register it, or pass --redirect-uri (or --redirect-port) to match the registered one"
	}
	return msg
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != s.path || r.Method != http.MethodGet {
		http.NotFound(w, r)
		return
	}
	q := r.URL.Query()
	code, err := s.check(q)
	if errors.Is(err, ErrStateMismatch) {
		writePage(w, http.StatusBadRequest, failurePage("This response does not belong to the login connauth is waiting for. connauth keeps waiting."))
		return
	}
	if err != nil {
		writePage(w, http.StatusBadRequest, failurePage(err.Error()))
		s.finish("", nil, err)
		return
	}
	writePage(w, http.StatusOK, successPage)
	s.finish(code, q, nil)
}

// Submit takes a redirect URL pasted by the user, for when the browser
// runs on another machine. It returns ErrStateMismatch for a URL that
// does not belong to this login (the wait goes on) and any other error
// after ending the wait with it.
func (s *Server) Submit(raw string) error {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.RawQuery == "" {
		return fmt.Errorf("that is not the redirect URL: paste the whole address from the browser's address bar, starting with %s", s.redirect)
	}
	q := u.Query()
	code, err := s.check(q)
	if errors.Is(err, ErrStateMismatch) {
		return err
	}
	s.finish(code, q, err)
	return err
}

// check validates a callback's parameters and returns the code. The
// state comes first: nothing else is trusted from a response that does
// not carry it.
func (s *Server) check(q url.Values) (string, error) {
	if !equal(q.Get("state"), s.cfg.State) || q.Get("state") == "" {
		return "", ErrStateMismatch
	}
	iss, hasIss := q["iss"]
	switch {
	case hasIss && (len(iss) != 1 || iss[0] != s.cfg.Issuer):
		return "", fmt.Errorf("the response came from issuer %q, not %q (RFC 9207 mix-up protection)", printable300(strings.Join(iss, ",")), s.cfg.Issuer)
	case !hasIss && s.cfg.RequireIss:
		return "", fmt.Errorf("the response has no iss parameter although the provider advertises one (RFC 9207)")
	}
	if e := q.Get("error"); e != "" {
		return "", &ProviderError{Code: printable300(e), Description: printable300(q.Get("error_description"))}
	}
	code := q.Get("code")
	if code == "" {
		return "", fmt.Errorf("the response has neither a code nor an error")
	}
	return code, nil
}

func printable300(s string) string { return httpclient.Printable(s, 300) }
