// Package catalog reads provider definitions: which scheme a service uses,
// its URLs, scopes and quirks. Users write their own as YAML or JSON
// files; `connauth login ./acme.yaml` or a file in <config>/providers/.
package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/connauth/connauth/pkg/oauth"
)

// Provider is one service's definition.
type Provider struct {
	Name   string `yaml:"name" json:"name"`
	Scheme string `yaml:"scheme" json:"scheme"`
	Docs   string `yaml:"docs,omitempty" json:"docs,omitempty"`
	// Notes are what a user must know: redirect rules, what is uncertain.
	Notes string `yaml:"notes,omitempty" json:"notes,omitempty"`
	// Vars are template variables: ${name} in any URL.
	Vars map[string]Var `yaml:"vars,omitempty" json:"vars,omitempty"`
	// SchemeVars set the scheme's own variables (the jwt scheme's
	// login_url, say); a --var of the same name wins.
	SchemeVars map[string]string `yaml:"scheme_vars,omitempty" json:"scheme_vars,omitempty"`
	OAuth      *OAuth            `yaml:"oauth,omitempty" json:"oauth,omitempty"`
	// Inputs are secrets the provider needs besides the scheme's own
	// (PowerOffice's subscription key); they are asked for like the
	// scheme's and stored with its secrets.
	Inputs []Input `yaml:"inputs,omitempty" json:"inputs,omitempty"`
	// Capture keeps values the provider returns besides the tokens in the
	// profile (Zoho's api_domain, Sage's country, HubSpot's portal id).
	Capture []oauth.Capture `yaml:"capture,omitempty" json:"capture,omitempty"`
	// API says how the provider's API takes the token (connauth verify).
	API *oauth.API `yaml:"api,omitempty" json:"api,omitempty"`
	// Settings are kept in the profile as they are; only providers made
	// in memory (from a Sesam manifest) have them.
	Settings map[string]string `yaml:"-" json:"settings,omitempty"`
	// Path is the file the provider came from.
	Path string `yaml:"-" json:"-"`
}

// Var describes a template variable.
type Var struct {
	Description string   `yaml:"description" json:"description"`
	Default     string   `yaml:"default,omitempty" json:"default,omitempty"`
	Allowed     []string `yaml:"allowed,omitempty" json:"allowed,omitempty"`
	// Optional variables may stay empty.
	Optional bool `yaml:"optional,omitempty" json:"optional,omitempty"`
}

// Input is a secret the provider needs besides the scheme's inputs.
type Input struct {
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description" json:"description"`
}

// The redirect rules a provider may state.
const (
	// RedirectLoopback: any port of a loopback redirect URI is accepted.
	RedirectLoopback = "loopback"
	// RedirectExact: the exact URI, port included, must be registered.
	RedirectExact = "exact"
	// RedirectHTTPS: only https redirect URIs; the user registers one and
	// pastes the address the browser lands on.
	RedirectHTTPS = "https"
)

// OAuth holds the OAuth 2.0 connection settings; each has a login flag of
// the same meaning, and a flag given on the command line wins.
type OAuth struct {
	Issuer       string   `yaml:"issuer,omitempty" json:"issuer,omitempty"`
	AuthURL      string   `yaml:"auth_url,omitempty" json:"auth_url,omitempty"`
	TokenURL     string   `yaml:"token_url,omitempty" json:"token_url,omitempty"`
	RevokeURL    string   `yaml:"revoke_url,omitempty" json:"revoke_url,omitempty"`
	DeviceURL    string   `yaml:"device_url,omitempty" json:"device_url,omitempty"`
	ClientID     string   `yaml:"client_id,omitempty" json:"client_id,omitempty"`
	Grant        string   `yaml:"grant,omitempty" json:"grant,omitempty"`
	Scopes       []string `yaml:"scopes,omitempty" json:"scopes,omitempty"`
	ClientAuth   string   `yaml:"client_auth,omitempty" json:"client_auth,omitempty"`
	PKCE         string   `yaml:"pkce,omitempty" json:"pkce,omitempty"`
	RedirectURI  string   `yaml:"redirect_uri,omitempty" json:"redirect_uri,omitempty"`
	RedirectPort int      `yaml:"redirect_port,omitempty" json:"redirect_port,omitempty"`
	// RedirectRule is loopback, exact or https: what the provider accepts
	// as a redirect URI, so login can say what to register.
	RedirectRule string `yaml:"redirect_rule,omitempty" json:"redirect_rule,omitempty"`
	// ServerParam is a callback parameter naming the server that holds
	// the account (Zoho's accounts-server); token requests go there.
	ServerParam  string            `yaml:"server_param,omitempty" json:"server_param,omitempty"`
	AuthParams   map[string]string `yaml:"auth_params,omitempty" json:"auth_params,omitempty"`
	JWTAlg       string            `yaml:"jwt_alg,omitempty" json:"jwt_alg,omitempty"`
	JWTKeyID     string            `yaml:"jwt_kid,omitempty" json:"jwt_kid,omitempty"`
	AssertionAud string            `yaml:"assertion_aud,omitempty" json:"assertion_aud,omitempty"`
	JWTHeader    string            `yaml:"jwt_header,omitempty" json:"jwt_header,omitempty"`
	JWTPayload   string            `yaml:"jwt_payload,omitempty" json:"jwt_payload,omitempty"`
	// ValidDomains, when set, are the only hosts (and their subdomains)
	// any OAuth URL of this provider may point at.
	ValidDomains []string `yaml:"valid_domains,omitempty" json:"valid_domains,omitempty"`

	// For servers that do not speak standard OAuth on the wire.
	ScopeDelimiter   string            `yaml:"scope_delimiter,omitempty" json:"scope_delimiter,omitempty"`
	TokenParams      map[string]string `yaml:"token_params,omitempty" json:"token_params,omitempty"`
	RefreshParams    map[string]string `yaml:"refresh_params,omitempty" json:"refresh_params,omitempty"`
	RevokeParams     map[string]string `yaml:"revoke_params,omitempty" json:"revoke_params,omitempty"`
	TokenHeaders     map[string]string `yaml:"token_headers,omitempty" json:"token_headers,omitempty"`
	RefreshHeaders   map[string]string `yaml:"refresh_headers,omitempty" json:"refresh_headers,omitempty"`
	RevokeHeaders    map[string]string `yaml:"revoke_headers,omitempty" json:"revoke_headers,omitempty"`
	TokenBody        string            `yaml:"token_body,omitempty" json:"token_body,omitempty"`
	AccessTokenPath  string            `yaml:"access_token_path,omitempty" json:"access_token_path,omitempty"`
	RefreshTokenPath string            `yaml:"refresh_token_path,omitempty" json:"refresh_token_path,omitempty"`
	ExpiresInPath    string            `yaml:"expires_in_path,omitempty" json:"expires_in_path,omitempty"`
	RefreshURL       string            `yaml:"refresh_url,omitempty" json:"refresh_url,omitempty"`
	RefreshAuth      string            `yaml:"refresh_auth,omitempty" json:"refresh_auth,omitempty"`
}

// Compiled on first use: nothing heavy runs at start-up (connauth token).
var namePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,62}$`) })

// IsPath reports whether a login argument names a file rather than a
// provider or scheme.
func IsPath(arg string) bool {
	return strings.ContainsRune(arg, filepath.Separator) || strings.ContainsRune(arg, '/') ||
		slices.Contains([]string{".yaml", ".yml", ".json"}, filepath.Ext(arg))
}

// Load reads a provider file, YAML or JSON by its extension. A key the
// format does not know is an error naming the key and the file.
func Load(path string) (*Provider, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("provider file: %w", err)
	}
	p, err := Parse(data, filepath.Ext(path))
	if err != nil {
		return nil, fmt.Errorf("provider file %s: %w", path, err)
	}
	p.Path = path
	return p, nil
}

// Parse decodes a provider definition; ext is ".json" for JSON, anything
// else for YAML.
func Parse(data []byte, ext string) (*Provider, error) {
	var p Provider
	if ext == ".json" {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&p); err != nil {
			return nil, jsonError(err)
		}
	} else {
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&p); err != nil && !errors.Is(err, io.EOF) {
			return nil, yamlError(err)
		}
	}
	return &p, p.check()
}

func (p *Provider) check() error {
	if !namePattern().MatchString(p.Name) {
		return fmt.Errorf("name %q: use lower-case letters, digits, '-', '_' or '.'", p.Name)
	}
	if p.Scheme == "" {
		return fmt.Errorf("no scheme: say which, e.g. scheme: oauth2")
	}
	if p.Scheme == "oauth2" && p.OAuth == nil {
		return fmt.Errorf("scheme oauth2 needs an oauth: section with at least issuer, or auth_url and token_url")
	}
	if p.OAuth != nil && !slices.Contains([]string{"", RedirectLoopback, RedirectExact, RedirectHTTPS}, p.OAuth.RedirectRule) {
		return fmt.Errorf("redirect_rule %q: choose loopback, exact or https", p.OAuth.RedirectRule)
	}
	if p.OAuth != nil && p.OAuth.ServerParam != "" && len(p.OAuth.ValidDomains) == 0 {
		return fmt.Errorf("server_param %s needs valid_domains: connauth sends the code only to a server within them", p.OAuth.ServerParam)
	}
	for _, c := range p.Capture {
		if err := c.Check(); err != nil {
			return err
		}
	}
	for _, in := range p.Inputs {
		if !namePattern().MatchString(in.Name) {
			return fmt.Errorf("input %q: use lower-case letters, digits, '-', '_' or '.'", in.Name)
		}
	}
	for name, v := range p.Vars {
		if v.Default != "" && len(v.Allowed) > 0 && !slices.Contains(v.Allowed, v.Default) {
			return fmt.Errorf("variable %s: default %q is not among its allowed values %v", name, v.Default, v.Allowed)
		}
	}
	return nil
}

func jsonError(err error) error {
	msg := err.Error()
	if k, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return fmt.Errorf("unknown key %s; see the provider file format in the README", k)
	}
	return err
}

var yamlUnknown = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`line (\d+): field (\S+) not found in type`) })

func yamlError(err error) error {
	if m := yamlUnknown().FindStringSubmatch(err.Error()); m != nil {
		return fmt.Errorf("unknown key %q (line %s); see the provider file format in the README", m[2], m[1])
	}
	return err
}
