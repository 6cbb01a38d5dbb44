package sesam

import (
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/connauth/connauth/pkg/catalog"
)

// RedirectURI is the redirect the Sesam CLI (sesam-py) uses; connectors'
// app registrations already list it.
const RedirectURI = "http://localhost:5010/login_callback"

// filled are additional parameters connauth fills itself: from the
// manifest or the login (token_url, base_url, account_id), or at push
// (service_url).
var filled = map[string]bool{"token_url": true, "base_url": true, "service_url": true, "account_id": true}

// Provider turns the manifest into a provider, choosing the scheme as the
// Sesam CLI does: auth_variant tripletex first, then auth oauth2 (with
// superoffice-ticket), then api_key (with jwt).
func (m *Manifest) Provider(name string) (*catalog.Provider, error) {
	p := &catalog.Provider{
		Name: name, Docs: "https://docs.sesam.io/hub/connectors/",
		Vars: map[string]catalog.Var{}, SchemeVars: map[string]string{}, Settings: m.settings(),
	}
	var err error
	switch {
	case m.AuthVariant == "tripletex":
		p.Scheme = "tripletex"
	case m.Auth == "oauth2" && m.AuthVariant == "superoffice-ticket":
		p.Scheme = "superoffice"
		p.SchemeVars, err = superOfficeVars(m.OAuth2.LoginURL)
	case m.Auth == "oauth2" && m.AuthVariant == "":
		p.Scheme, p.OAuth = "oauth2", m.oauth()
		err = m.baseURLVar(p)
	case m.Auth == "api_key" && m.AuthVariant == "jwt":
		p.Scheme = "jwt"
		p.SchemeVars["login_url"] = m.JWT.LoginURL
		p.SchemeVars["header"] = firstOf(m.JWT.HeaderKey, "authCode")
	case m.Auth == "api_key" && (m.AuthVariant == "" || m.AuthVariant == "service_account"):
		p.Scheme = "api_key"
	default:
		err = fmt.Errorf("auth %q with auth_variant %q: connauth knows oauth2 (plain or superoffice-ticket) and api_key (plain, jwt, tripletex or service_account), as the Sesam CLI does", m.Auth, m.AuthVariant)
	}
	if err != nil {
		return nil, err
	}
	m.paramVars(p)
	p.Notes = m.notes(p)
	return p, nil
}

func (m *Manifest) oauth() *catalog.OAuth {
	o := &catalog.OAuth{
		AuthURL: m.OAuth2.LoginURL, TokenURL: m.OAuth2.TokenURL, Scopes: m.OAuth2.Scopes,
		ClientAuth: "body", PKCE: "S256", RedirectURI: RedirectURI, RedirectRule: catalog.RedirectExact,
	}
	if len(m.OAuth2.OptionalScopes) > 0 {
		o.AuthParams = map[string]string{"optional_scopes": strings.Join(m.OAuth2.OptionalScopes, " ")}
	}
	return o
}

// baseURLVar: the Sesam CLI's base_url is the token URL's scheme and host.
func (m *Manifest) baseURLVar(p *catalog.Provider) error {
	u, err := url.Parse(m.OAuth2.TokenURL)
	if err != nil || u.Host == "" {
		return fmt.Errorf("oauth2.token_url %q is not an absolute URL", m.OAuth2.TokenURL)
	}
	p.Vars["base_url"] = catalog.Var{Description: "the API's base URL (the Sesam CLI's default: the token URL's host)", Default: u.Scheme + "://" + u.Host}
	return nil
}

// paramVars asks for the additional parameters connauth cannot fill.
func (m *Manifest) paramVars(p *catalog.Provider) {
	for name := range m.AdditionalParameters {
		if name == "account_id" && p.Scheme != "superoffice" {
			p.Vars[name] = catalog.Var{Description: "the account id, if the connector's system uses it ($ENV(account_id))", Optional: true}
		}
		if filled[name] {
			continue
		}
		p.Vars[name] = catalog.Var{Description: "the connector's additional parameter " + name + " ($ENV(" + name + ") in its system)"}
	}
}

// settings are what push needs later: which parameters go to the node's
// environment, and the manifest's flags.
func (m *Manifest) settings() map[string]string {
	s := map[string]string{}
	var names []string
	for n := range m.AdditionalParameters {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) > 0 {
		s["env_params"] = strings.Join(names, ",")
	}
	if m.UseWebhookSecret {
		s["use_webhook_secret"] = "true"
	}
	if m.RequiresServiceAPIAccess {
		s["requires_service_api_access"] = "true"
	}
	return s
}

func (m *Manifest) notes(p *catalog.Provider) string {
	n := fmt.Sprintf("From the Sesam manifest %s: scheme %s.", m.Path, p.Scheme)
	switch p.Scheme {
	case "oauth2":
		n += " The redirect URI is the Sesam CLI's, " + RedirectURI + ", which the connector's app registration should already list; connauth also sends state and PKCE, which the Sesam CLI does not."
	case "jwt":
		if m.JWT.HeaderKey == "" {
			n += " The manifest names no jwt_header_key; connauth sends the key in authCode, as webCRM wants (--var header=NAME for another)."
		}
	case "api_key":
		if m.AuthVariant == "service_account" {
			n += " auth_variant service_account is stored as a plain API key."
		}
	}
	return n
}

var superOfficeHost = regexp.MustCompile(`^(sod|qaonline|online)\.superoffice\.com$`)

// superOfficeVars derive the SuperOffice environment from the login URL;
// any other host (a test server) becomes the base URL.
func superOfficeVars(loginURL string) (map[string]string, error) {
	u, err := url.Parse(loginURL)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("oauth2.login_url %q is not an absolute URL", loginURL)
	}
	if m := superOfficeHost.FindStringSubmatch(u.Host); m != nil {
		return map[string]string{"env": m[1]}, nil
	}
	return map[string]string{"env": "sod", "base_url": u.Scheme + "://" + u.Host}, nil
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// ProfileName is the profile a manifest's login is stored under: the
// connector's folder name, made a valid name.
func ProfileName(manifestPath string) string {
	abs, err := filepath.Abs(manifestPath)
	if err != nil {
		abs = manifestPath
	}
	dir := filepath.Base(filepath.Dir(abs))
	var b strings.Builder
	for _, r := range strings.ToLower(dir) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' {
			b.WriteRune(r)
		} else {
			b.WriteRune('-')
		}
	}
	name := strings.Trim(b.String(), "-.")
	if name == "" {
		return "connector"
	}
	return name
}
