package schemes

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/connauth/connauth/pkg/httpclient"
	"github.com/connauth/connauth/pkg/loopback"
	"github.com/connauth/connauth/pkg/oauth"
)

// OAuthOptions are the flags of an OAuth 2.0 login.
type OAuthOptions struct {
	Issuer, AuthURL, TokenURL, RevokeURL string
	Scopes                               []string
	// ClientAuth is "basic", "body", or "" to choose from the metadata.
	ClientAuth   string
	RedirectHost string
	RedirectPort int
	RedirectURI  string
	Timeout      time.Duration
	// PKCE is "S256" (the default), "plain" or "off".
	PKCE string
	// ValidDomains, when set, bound the hosts of every OAuth URL.
	ValidDomains []string
	// Params are extra authorization request parameters.
	Params map[string]string
	// Grant is one of oauth.Grants; "" is the authorization code.
	Grant     string
	DeviceURL string
	// JWT client authentication: algorithm, key id, and the assertion's
	// audience (default: the issuer, else the token URL).
	JWTAlg, JWTKeyID, AssertionAud string
	// JWTHeader and JWTPayload are templates that replace the standard
	// assertion (integrator.io's "use JWT").
	JWTHeader, JWTPayload string
	// Shape and ScopeDelimiter adapt connauth to non-standard servers.
	Shape          oauth.Shape
	ScopeDelimiter string
	// Capture keeps values the provider returns besides the tokens;
	// ServerParam is the callback parameter naming the account's server.
	Capture     []oauth.Capture
	ServerParam string
}

func init() {
	register(&Scheme{
		Name:        "oauth2",
		Description: "OAuth 2.0: authorization code with PKCE through the browser",
		Inputs: []Input{
			{Name: "client_id", Description: "The OAuth client id registered with the provider", Flag: "client-id"},
			{Name: "client_secret", Description: "The client secret (leave empty for a public client)", Secret: true, Optional: true},
		},
		ExtraInputs: map[string][]Input{
			oauth.AuthPrivateKeyJWT: {
				{Name: "client_key", Description: "The client's PEM private key for private_key_jwt (or --jwt-key-file)", Secret: true},
			},
			oauth.GrantPassword: {
				{Name: "username", Description: "Your user name at the provider", Flag: "username"},
				{Name: "password", Description: "Your password (sent once, never stored)", Secret: true},
			},
		},
		Injected: []string{"oauth_access_token", "oauth_client_id", "oauth_client_secret", "oauth_refresh_token"},
		Primary:  "oauth_access_token",
		Login:    loginOAuth2,
		Refresh:  refreshOAuth2,
		Revoke:   revokeOAuth2,
	})
}

func loginOAuth2(ctx context.Context, req LoginRequest) (*LoginResult, error) {
	o := req.OAuth
	c, md, err := oauthClient(ctx, req, o)
	if err != nil {
		return nil, err
	}
	tok, err := runGrant(ctx, req, c, md)
	if err != nil {
		return nil, err
	}
	settings := oauthSettings(o.Issuer, c)
	if c.Assertion != nil {
		settings["jwt_alg"] = c.Assertion.Method.Alg()
		settings["assertion_aud"] = c.Assertion.Audience
		if c.Assertion.KeyID != "" {
			settings["jwt_kid"] = c.Assertion.KeyID
		}
		if c.Assertion.HeaderTemplate != "" {
			settings["jwt_header"] = c.Assertion.HeaderTemplate
		}
		if c.Assertion.PayloadTemplate != "" {
			settings["jwt_payload"] = c.Assertion.PayloadTemplate
		}
	}
	if o.Grant != "" && o.Grant != oauth.GrantAuthCode {
		settings["grant"] = o.Grant
	}
	keepCaptured(settings, o.Capture, tok)
	return &LoginResult{
		Secrets:  oauthSecrets(c, tok, req.Inputs["client_key"]),
		Settings: settings,
		Expiry:   tok.Expiry,
		Scopes:   tok.Scopes,
		Claims:   tok.IDClaims(),
		idToken:  tok.IDToken,
	}, nil
}

// runGrant gets the first tokens with the grant the user chose.
func runGrant(ctx context.Context, req LoginRequest, c *oauth.Client, md *oauth.Metadata) (*oauth.Token, error) {
	switch req.OAuth.Grant {
	case "", oauth.GrantAuthCode:
		return browserGrant(ctx, req, c, md)
	case oauth.GrantClientCredentials:
		if c.Secret == "" && c.Assertion == nil {
			return nil, UsageError{fmt.Errorf("the client_credentials grant needs the client secret: set CONNAUTH_CLIENT_SECRET or use --secrets-from")}
		}
		return c.ClientCredentials(ctx, nil)
	case oauth.GrantPassword:
		fmt.Fprintln(req.Status, "Note: the password grant is deprecated (RFC 9700 §2.4); connauth sends the password once and does not store it.")
		return c.Password(ctx, req.Inputs["username"], req.Inputs["password"])
	case oauth.GrantDeviceCode:
		if c.DeviceURL == "" {
			return nil, UsageError{fmt.Errorf("no device authorization URL: the server's metadata has none; give --device-url")}
		}
		d := &oauth.DeviceLogin{Client: c, Open: req.OpenBrowser, Status: req.Status, Progress: oauth.Progress{Live: req.Terminal, Plain: req.Plain}}
		return d.Run(ctx)
	}
	return nil, UsageError{fmt.Errorf("--grant %q: choose one of %s", req.OAuth.Grant, strings.Join(oauth.Grants, ", "))}
}

func browserGrant(ctx context.Context, req LoginRequest, c *oauth.Client, md *oauth.Metadata) (*oauth.Token, error) {
	o := req.OAuth
	if c.AuthURL == "" {
		return nil, UsageError{fmt.Errorf("no authorization URL: give --issuer (with discovery) or --auth-url")}
	}
	b := &oauth.BrowserLogin{
		Client: c, PKCE: o.PKCE,
		Listen: loopback.Config{Host: o.RedirectHost, Port: o.RedirectPort, RedirectURI: o.RedirectURI},
		Open:   req.OpenBrowser, Paste: req.Paste, Status: req.Status, Timeout: o.Timeout,
		Progress:    oauth.Progress{Live: req.Terminal && req.Paste == nil, Plain: req.Plain},
		Params:      o.Params,
		ServerParam: o.ServerParam, ValidDomains: o.ValidDomains,
	}
	if loopback.PasteOnly(o.RedirectURI) && req.Paste == nil {
		return nil, UsageError{fmt.Errorf("the redirect URI %s is https, which connauth cannot receive: you paste the address the browser lands on, so stdin cannot also carry --secrets-from -", o.RedirectURI)}
	}
	if md != nil {
		b.Issuer, b.RequireIss = md.Issuer, md.IssParameterSupported
	}
	return b.Run(ctx)
}

// oauthClient builds the client from discovery and flags; flags win.
func oauthClient(ctx context.Context, req LoginRequest, o OAuthOptions) (*oauth.Client, *oauth.Metadata, error) {
	c := &oauth.Client{
		ID: req.Inputs["client_id"], Secret: req.Inputs["client_secret"],
		AuthURL: o.AuthURL, TokenURL: o.TokenURL, RevokeURL: o.RevokeURL, DeviceURL: o.DeviceURL,
		Scopes: o.Scopes, HTTP: req.HTTP, Auth: o.ClientAuth,
		ScopeDelimiter: o.ScopeDelimiter,
	}
	if !o.Shape.IsZero() {
		shape := o.Shape
		c.Shape = &shape
	}
	if err := checkOAuthFlags(o); err != nil {
		return nil, nil, UsageError{err}
	}
	if err := oauth.CheckDomains(o.ValidDomains, map[string]string{"issuer": o.Issuer}); err != nil {
		return nil, nil, err // before discovery sends anything there
	}
	var md *oauth.Metadata
	if o.Issuer != "" {
		var err error
		if md, err = oauth.Discover(ctx, req.HTTP, o.Issuer); err != nil {
			return nil, nil, err
		}
		c.AuthURL = firstOf(c.AuthURL, md.AuthorizationEndpoint)
		c.TokenURL = firstOf(c.TokenURL, md.TokenEndpoint)
		c.RevokeURL = firstOf(c.RevokeURL, md.RevocationEndpoint)
		c.DeviceURL = firstOf(c.DeviceURL, md.DeviceEndpoint)
	} else if c.TokenURL == "" {
		return nil, nil, UsageError{fmt.Errorf("no token URL: give --issuer (the server's metadata names its endpoints) or --auth-url and --token-url")}
	}
	if c.Auth == "" {
		var methods []string
		if md != nil {
			methods = md.TokenAuthMethods
		}
		c.Auth = oauth.ChooseAuth(c.Secret, methods)
	}
	settings := map[string]string{
		"client_auth": c.Auth, "jwt_alg": o.JWTAlg, "jwt_kid": o.JWTKeyID,
		"assertion_aud": firstOf(o.AssertionAud, firstOf(o.Issuer, c.TokenURL)),
		"jwt_header":    o.JWTHeader, "jwt_payload": o.JWTPayload,
	}
	if err := attachAssertion(c, settings, req.Inputs["client_key"]); err != nil {
		return nil, nil, UsageError{err}
	}
	if err := c.Check(); err != nil {
		return nil, nil, UsageError{err}
	}
	if err := oauth.CheckDomains(o.ValidDomains, map[string]string{
		"issuer": o.Issuer, "authorization_endpoint": c.AuthURL, "token_endpoint": c.TokenURL,
		"revocation_endpoint": c.RevokeURL, "device_authorization_endpoint": c.DeviceURL,
		"refresh URL": o.Shape.RefreshURL,
	}); err != nil {
		return nil, nil, err
	}
	return c, md, nil
}

// checkOAuthFlags refuses bad flag values before anything is sent.
func checkOAuthFlags(o OAuthOptions) error {
	for flag, u := range map[string]string{"--issuer": o.Issuer, "--auth-url": o.AuthURL, "--token-url": o.TokenURL, "--revoke-url": o.RevokeURL, "--device-url": o.DeviceURL, "--refresh-url": o.Shape.RefreshURL} {
		if u == "" {
			continue
		}
		if err := httpclient.CheckURL(u); err != nil {
			return fmt.Errorf("%s: %w", flag, err)
		}
	}
	switch o.PKCE {
	case "", "S256", "plain", "off":
	default:
		return fmt.Errorf("--pkce %q: choose S256, plain (for servers that know no better) or off", o.PKCE)
	}
	switch o.ClientAuth {
	case "", oauth.AuthBasic, oauth.AuthBody, oauth.AuthPrivateKeyJWT, oauth.AuthClientSecretJWT:
		return nil
	}
	return fmt.Errorf("--client-auth %q: choose basic (HTTP Basic), body (client_id and client_secret in the form), private_key_jwt or client_secret_jwt", o.ClientAuth)
}

// attachAssertion gives c its client assertion when its authentication
// is a JWT, from the settings a login chose or a profile stored.
func attachAssertion(c *oauth.Client, settings map[string]string, clientKey string) error {
	var err error
	switch c.Auth {
	case oauth.AuthPrivateKeyJWT:
		c.Assertion, err = oauth.NewKeyAssertion(clientKey, settings["jwt_alg"], settings["jwt_kid"], settings["assertion_aud"])
	case oauth.AuthClientSecretJWT:
		c.Assertion, err = oauth.NewSecretAssertion(c.Secret, settings["jwt_alg"], settings["assertion_aud"])
	}
	if c.Assertion != nil {
		c.Assertion.HeaderTemplate, c.Assertion.PayloadTemplate = settings["jwt_header"], settings["jwt_payload"]
	}
	return err
}

func oauthSecrets(c *oauth.Client, t *oauth.Token, clientKey string) map[string]string {
	s := map[string]string{"oauth_access_token": t.AccessToken, "oauth_client_id": c.ID}
	if c.Auth == oauth.AuthPrivateKeyJWT {
		s["oauth_client_key"] = clientKey // needed to sign every later request
	}
	if c.Secret != "" {
		s["oauth_client_secret"] = c.Secret
	}
	if t.RefreshToken != "" {
		s["oauth_refresh_token"] = t.RefreshToken
	}
	return s
}

// oauthSettings are what refresh, revocation and a later login need; no
// secret among them.
func oauthSettings(issuer string, c *oauth.Client) map[string]string {
	s := map[string]string{
		"client_id": c.ID, "token_url": c.TokenURL, "auth_url": c.AuthURL, "client_auth": c.Auth,
	}
	if issuer != "" {
		s["issuer"] = issuer
	}
	if c.RevokeURL != "" {
		s["revoke_url"] = c.RevokeURL
	}
	if c.DeviceURL != "" {
		s["device_url"] = c.DeviceURL
	}
	if c.Shape != nil {
		b, _ := json.Marshal(c.Shape)
		s["request_shape"] = string(b)
	}
	if c.ScopeDelimiter != "" {
		s["scope_delimiter"] = c.ScopeDelimiter
	}
	return s
}

// storedClient rebuilds the client of a stored login.
func storedClient(req SessionRequest) (*oauth.Client, error) {
	c := &oauth.Client{
		ID:        firstOf(req.Secrets["oauth_client_id"], req.Settings["client_id"]),
		Secret:    req.Secrets["oauth_client_secret"],
		Auth:      firstOf(req.Settings["client_auth"], oauth.AuthBasic),
		AuthURL:   req.Settings["auth_url"],
		TokenURL:  req.Settings["token_url"],
		RevokeURL: req.Settings["revoke_url"],
		DeviceURL: req.Settings["device_url"],
		Scopes:    req.Scopes,
		HTTP:      req.HTTP,
	}
	if err := attachAssertion(c, req.Settings, req.Secrets["oauth_client_key"]); err != nil {
		return nil, fmt.Errorf("the stored client key: %w", err)
	}
	c.ScopeDelimiter = req.Settings["scope_delimiter"]
	if raw := req.Settings["request_shape"]; raw != "" {
		c.Shape = &oauth.Shape{}
		if err := json.Unmarshal([]byte(raw), c.Shape); err != nil {
			return nil, fmt.Errorf("the profile's request_shape setting is damaged (%v); log in again", err)
		}
	}
	return c, nil
}

func refreshOAuth2(ctx context.Context, req SessionRequest) (*LoginResult, error) {
	c, err := storedClient(req)
	if err != nil {
		return nil, err
	}
	var tok *oauth.Token
	if req.Settings["grant"] == oauth.GrantClientCredentials && req.Secrets["oauth_refresh_token"] == "" {
		tok, err = c.ClientCredentials(ctx, nil) // a new token the same way
	} else {
		tok, err = c.Refresh(ctx, req.Secrets["oauth_refresh_token"])
	}
	if err != nil {
		return nil, err
	}
	secrets := map[string]string{"oauth_access_token": tok.AccessToken}
	if tok.RefreshToken != "" {
		secrets["oauth_refresh_token"] = tok.RefreshToken
	}
	return &LoginResult{Secrets: secrets, Expiry: tok.Expiry, Scopes: tok.Scopes}, nil
}

// revokeOAuth2 revokes the refresh token first (RFC 7009 §2.1: that ends
// the grant), then the access token; it tries both and reports both.
func revokeOAuth2(ctx context.Context, req SessionRequest) error {
	c, err := storedClient(req)
	if err != nil {
		return err
	}
	if c.RevokeURL == "" {
		return nil
	}
	var errs []string
	for _, t := range []struct{ secret, hint string }{
		{"oauth_refresh_token", "refresh_token"},
		{"oauth_access_token", "access_token"},
	} {
		if v := req.Secrets[t.secret]; v != "" {
			if err := c.Revoke(ctx, v, t.hint); err != nil {
				errs = append(errs, err.Error())
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return nil
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// keepCaptured adds the values the provider returned besides the tokens
// (callback parameters, token response fields) to the settings; they
// never replace a setting connauth itself keeps.
func keepCaptured(settings map[string]string, caps []oauth.Capture, tok *oauth.Token) {
	got := oauth.Captured(caps, oauth.FromCallback, oauth.QueryGetter(tok.Callback))
	for k, v := range oauth.Captured(caps, oauth.FromToken, tok.Field) {
		got[k] = v
	}
	for k, v := range got {
		if _, taken := settings[k]; !taken {
			settings[k] = v
		}
	}
}
