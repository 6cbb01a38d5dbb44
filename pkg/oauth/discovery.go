// Package oauth runs connauth's OAuth 2.0 flows on golang.org/x/oauth2:
// discovery, authorization code with PKCE through a loopback redirect,
// refresh and revocation.
package oauth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/connauth/connauth/pkg/httpclient"
)

// Metadata is the part of an authorization server's metadata (RFC 8414,
// OpenID Connect Discovery) that connauth uses.
type Metadata struct {
	Issuer                 string   `json:"issuer"`
	AuthorizationEndpoint  string   `json:"authorization_endpoint"`
	TokenEndpoint          string   `json:"token_endpoint"`
	RevocationEndpoint     string   `json:"revocation_endpoint"`
	IntrospectionEndpoint  string   `json:"introspection_endpoint"`
	DeviceEndpoint         string   `json:"device_authorization_endpoint"`
	TokenAuthMethods       []string `json:"token_endpoint_auth_methods_supported"`
	CodeChallengeMethods   []string `json:"code_challenge_methods_supported"`
	IssParameterSupported  bool     `json:"authorization_response_iss_parameter_supported"`
	ScopesSupported        []string `json:"scopes_supported"`
	GrantTypesSupported    []string `json:"grant_types_supported"`
	ResponseTypesSupported []string `json:"response_types_supported"`
}

// errNoMetadata means a well-known URL answered, but not with metadata.
var errNoMetadata = errors.New("no metadata there")

// Discover fetches the metadata of issuer, first from RFC 8414's
// /.well-known/oauth-authorization-server, then from OpenID Connect's
// /.well-known/openid-configuration. The metadata's issuer must equal
// issuer exactly, or a server could pose as another (RFC 8414 §3.3).
func Discover(ctx context.Context, c *http.Client, issuer string) (*Metadata, error) {
	if err := httpclient.CheckURL(issuer); err != nil {
		return nil, fmt.Errorf("--issuer: %w", err)
	}
	var tried []string
	for _, u := range wellKnownURLs(issuer) {
		m, err := fetchMetadata(ctx, c, u)
		if errors.Is(err, errNoMetadata) {
			tried = append(tried, u)
			continue
		}
		if err != nil {
			return nil, err
		}
		if m.Issuer != issuer {
			return nil, fmt.Errorf("the metadata at %s names issuer %q, not %q; if that is the server you mean, pass --issuer %s exactly", u, httpclient.Printable(m.Issuer, 200), issuer, httpclient.Printable(m.Issuer, 200))
		}
		return m, m.check()
	}
	return nil, fmt.Errorf("no authorization server metadata for %s (tried %s); check the issuer URL, or give --auth-url and --token-url instead", issuer, strings.Join(tried, " and "))
}

// wellKnownURLs are the metadata locations for issuer: RFC 8414 inserts
// the well-known segment before the issuer's path, OpenID Connect appends
// it.
func wellKnownURLs(issuer string) []string {
	u, _ := url.Parse(issuer)
	path := strings.TrimSuffix(u.Path, "/")
	base := u.Scheme + "://" + u.Host
	return []string{
		base + "/.well-known/oauth-authorization-server" + path,
		base + path + "/.well-known/openid-configuration",
	}
}

func fetchMetadata(ctx context.Context, c *http.Client, u string) (*Metadata, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("cannot fetch the authorization server metadata: %w", httpclient.RedactURL(err))
	}
	body, err := httpclient.ReadBody(resp)
	if err != nil {
		return nil, fmt.Errorf("reading the metadata at %s: %w", u, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, errNoMetadata
	}
	var m Metadata
	if err := json.Unmarshal(body, &m); err != nil || m.Issuer == "" {
		return nil, errNoMetadata
	}
	return &m, nil
}

// check refuses metadata that would send credentials somewhere unsafe.
func (m *Metadata) check() error {
	for name, u := range map[string]string{
		"authorization_endpoint":        m.AuthorizationEndpoint,
		"token_endpoint":                m.TokenEndpoint,
		"revocation_endpoint":           m.RevocationEndpoint,
		"device_authorization_endpoint": m.DeviceEndpoint,
	} {
		if u == "" {
			continue
		}
		if err := httpclient.CheckURL(u); err != nil {
			return fmt.Errorf("the server's metadata gives an unsafe %s: %w", name, err)
		}
	}
	if m.TokenEndpoint == "" {
		return fmt.Errorf("the server's metadata has no token_endpoint; give --token-url")
	}
	return nil
}
