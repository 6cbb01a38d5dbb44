// Package schemes holds connauth's auth schemes: what each one asks the
// user for, what it produces, and how it logs in.
package schemes

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"
)

// Input is one value a scheme needs from the user.
type Input struct {
	Name        string
	Description string
	// Secret inputs never come from flag values; they are prompted for
	// (masked), or read from CONNAUTH_<NAME> or --secrets-from.
	Secret bool
	// Optional inputs may be left empty (a public OAuth client has no secret).
	Optional bool
	// Flag names the command-line flag of a non-secret input, if any.
	Flag string
}

// Var is a non-secret template variable a scheme reads, set with --var.
type Var struct {
	Name        string
	Description string
	Default     string
}

// LoginRequest carries everything a scheme's login needs. Inputs holds the
// resolved values of the scheme's Inputs; Vars the --var values with the
// defaults applied.
type LoginRequest struct {
	Inputs map[string]string
	Vars   map[string]string
	Verify bool
	HTTP   *http.Client
	Now    time.Time
	// Status receives human progress lines (stderr).
	Status io.Writer
	// OAuth holds the OAuth flags; only OAuth schemes read them.
	OAuth OAuthOptions
	// OpenBrowser opens a URL; nil with --no-browser.
	OpenBrowser func(url string) error
	// Paste, when set, is read for a pasted redirect URL.
	Paste io.Reader
	// Terminal says a person watches stderr (live countdowns); Plain asks
	// for no escape sequences (NO_COLOR).
	Terminal, Plain bool
}

// SessionRequest carries a stored login to a scheme's Refresh or Revoke.
type SessionRequest struct {
	Settings map[string]string
	Secrets  map[string]string
	Scopes   []string
	HTTP     *http.Client
	Now      time.Time
}

// LoginResult is what a login produces: the injected secrets to store and
// the non-secret settings to keep in the profile.
type LoginResult struct {
	Secrets  map[string]string
	Settings map[string]string
	Expiry   time.Time
	// Scopes are the granted scopes; Claims the id_token's display claims.
	Scopes []string
	Claims map[string]any
	// idToken is the raw id_token, for schemes built on the oauth2 login.
	idToken string
}

// Scheme describes one auth scheme.
type Scheme struct {
	Name        string
	Description string
	Inputs      []Input
	// ExtraInputs are the inputs some choices need besides Inputs, keyed
	// by the choice (an OAuth grant or client authentication method).
	ExtraInputs map[string][]Input
	Vars        []Var
	// Injected lists the secrets a login stores, with their exact names.
	Injected []string
	// Primary is the secret `connauth token` prints by default; empty when
	// the scheme has no single token.
	Primary string
	Login   func(ctx context.Context, req LoginRequest) (*LoginResult, error)
	// Refresh renews the primary token of a stored login; nil when the
	// scheme's tokens do not expire. The result's Secrets are the ones
	// that changed.
	Refresh func(ctx context.Context, req SessionRequest) (*LoginResult, error)
	// Revoke invalidates a stored login's tokens at the provider; nil when
	// there is nothing to revoke.
	Revoke func(ctx context.Context, req SessionRequest) error
	// Renewable are secrets besides the primary one that expire on their
	// own schedule (SuperOffice's so_ticket): 'connauth token --secret
	// NAME' renews them when due.
	Renewable map[string]Renewal
	// Private are secrets kept only to renew others (SuperOffice's private
	// key); env, exec and push never hand them out.
	Private []string
}

// Renewal says when a renewable secret expires and how to renew it. Renew's
// result carries the new secret and the settings that changed (its
// expiry); the profile's own expiry stays.
type Renewal struct {
	Expiry func(settings map[string]string) time.Time
	Renew  func(ctx context.Context, req SessionRequest) (*LoginResult, error)
}

// InputsFor returns the inputs a login with the given choices asks for.
func (s *Scheme) InputsFor(choices ...string) []Input {
	out := append([]Input(nil), s.Inputs...)
	for _, c := range choices {
		out = append(out, s.ExtraInputs[c]...)
	}
	return out
}

var registry = map[string]*Scheme{}

func register(s *Scheme) { registry[s.Name] = s }

// Lookup returns the named scheme, or an error listing the known ones.
func Lookup(name string) (*Scheme, error) {
	if s, ok := registry[name]; ok {
		return s, nil
	}
	return nil, fmt.Errorf("unknown scheme %q: choose one of %s", name, strings.Join(Names(), ", "))
}

// All returns every scheme, ordered as in the documentation table.
func All() []*Scheme {
	out := make([]*Scheme, 0, len(registry))
	for _, n := range Names() {
		out = append(out, registry[n])
	}
	return out
}

var order = []string{"oauth2", "api_key", "tripletex", "superoffice", "jwt"}

// Names returns the scheme names in documentation order.
func Names() []string {
	names := make([]string, 0, len(registry))
	for _, n := range order {
		if _, ok := registry[n]; ok {
			names = append(names, n)
		}
	}
	var rest []string
	for n := range registry {
		if !contains(order, n) {
			rest = append(rest, n)
		}
	}
	sort.Strings(rest)
	return append(names, rest...)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// VarValues applies the scheme's defaults to the given --var values and
// refuses a variable the scheme does not know, or one that names a secret.
func (s *Scheme) VarValues(given map[string]string) (map[string]string, error) {
	out := map[string]string{}
	for _, v := range s.Vars {
		if v.Default != "" {
			out[v.Name] = v.Default
		}
	}
	for k, v := range given {
		if in := s.input(k); in != nil && in.Secret {
			return nil, fmt.Errorf("%s is a secret and is never taken from a flag (it would show in ps and shell history): set CONNAUTH_%s or use --secrets-from FILE|-", k, strings.ToUpper(k))
		}
		if !s.hasVar(k) {
			return nil, fmt.Errorf("scheme %s has no variable %q%s", s.Name, k, s.varHint())
		}
		out[k] = v
	}
	return out, nil
}

func (s *Scheme) input(name string) *Input {
	for i := range s.Inputs {
		if s.Inputs[i].Name == name {
			return &s.Inputs[i]
		}
	}
	return nil
}

func (s *Scheme) hasVar(name string) bool {
	for _, v := range s.Vars {
		if v.Name == name {
			return true
		}
	}
	return false
}

func (s *Scheme) varHint() string {
	if len(s.Vars) == 0 {
		return ": it takes no --var"
	}
	names := make([]string, len(s.Vars))
	for i, v := range s.Vars {
		names[i] = v.Name
	}
	return ": its variables are " + strings.Join(names, ", ")
}

// UsageError marks a login that cannot start because of how connauth was
// called (a missing or bad flag); connauth exits 2 for it.
type UsageError struct{ Err error }

func (e UsageError) Error() string { return e.Err.Error() }
func (e UsageError) Unwrap() error { return e.Err }
