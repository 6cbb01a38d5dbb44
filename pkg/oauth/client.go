package oauth

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/connauth/connauth/pkg/httpclient"
)

// Client authentication at the token endpoint (RFC 6749 §2.3.1).
const (
	AuthBasic = "basic" // client_secret_basic: HTTP Basic
	AuthBody  = "body"  // client_secret_post, or client_id alone for a public client
)

// Client is an OAuth client of one authorization server.
type Client struct {
	ID     string
	Secret string // empty for a public client
	// Auth is AuthBasic or AuthBody.
	Auth      string
	AuthURL   string
	TokenURL  string
	RevokeURL string
	DeviceURL string
	Scopes    []string
	HTTP      *http.Client
	// Assertion, when set, authenticates the client with a signed JWT
	// (private_key_jwt or client_secret_jwt) instead of its secret.
	Assertion *Assertion
	// Shape adapts requests and responses for non-standard servers.
	Shape *Shape
	// ScopeDelimiter joins the scopes (a space when empty).
	ScopeDelimiter string
}

// ChooseAuth picks the client authentication: a public client sends its
// id in the body; otherwise Basic unless the server lists only
// client_secret_post (RFC 8414's default is client_secret_basic).
func ChooseAuth(secret string, supported []string) string {
	if secret == "" {
		return AuthBody
	}
	if len(supported) > 0 && !slices.Contains(supported, "client_secret_basic") && slices.Contains(supported, "client_secret_post") {
		return AuthBody
	}
	return AuthBasic
}

// Check refuses a client that could not run safely.
func (c *Client) Check() error {
	if c.ID == "" {
		return fmt.Errorf("no client id: give --client-id")
	}
	for flag, u := range map[string]string{"--auth-url": c.AuthURL, "--token-url": c.TokenURL, "--revoke-url": c.RevokeURL} {
		if u == "" {
			continue
		}
		if err := httpclient.CheckURL(u); err != nil {
			return fmt.Errorf("%s: %w", flag, err)
		}
	}
	switch c.Auth {
	case AuthBasic, AuthBody:
	case AuthPrivateKeyJWT, AuthClientSecretJWT:
		if c.Assertion == nil {
			return fmt.Errorf("--client-auth %s needs its key: give --jwt-key-file (private_key_jwt) or the client secret (client_secret_jwt)", c.Auth)
		}
	default:
		return fmt.Errorf("--client-auth %q: choose basic, body, private_key_jwt or client_secret_jwt", c.Auth)
	}
	return nil
}

func (c *Client) config(redirect string) *oauth2.Config {
	style, secret := oauth2.AuthStyleInHeader, c.Secret
	if c.Auth != AuthBasic {
		style = oauth2.AuthStyleInParams
	}
	if c.Assertion != nil {
		secret = "" // the assertion authenticates; a JWT's HMAC key is never sent
	}
	return &oauth2.Config{
		ClientID:     c.ID,
		ClientSecret: secret,
		Endpoint:     oauth2.Endpoint{AuthURL: c.AuthURL, TokenURL: c.TokenURL, AuthStyle: style},
		RedirectURL:  redirect,
		Scopes:       c.scopes(),
	}
}

// scopes are the scopes as x/oauth2 should join them: one pre-joined
// element when the server wants another delimiter than a space.
func (c *Client) scopes() []string {
	if c.ScopeDelimiter == "" || c.ScopeDelimiter == " " || len(c.Scopes) == 0 {
		return c.Scopes
	}
	return []string{strings.Join(c.Scopes, c.ScopeDelimiter)}
}

func (c *Client) ctx(ctx context.Context) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, c.httpClient())
}

// httpClient is c.HTTP, signing a client assertion into each form POST
// when the client authenticates with one.
func (c *Client) httpClient() *http.Client {
	if c.Assertion == nil && c.Shape.IsZero() {
		return c.HTTP
	}
	hc := *c.HTTP
	rt := hc.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	if c.Assertion != nil {
		rt = assertionTransport{next: rt, a: c.Assertion, clientID: c.ID}
	}
	if !c.Shape.IsZero() { // outermost: a body template replaces the form first
		rt = shapeTransport{next: rt, shape: c.Shape, tokenURL: c.TokenURL, revokeURL: c.RevokeURL}
	}
	hc.Transport = rt
	return &hc
}

// Exchange trades an authorization code for tokens, sending the PKCE
// verifier when there is one.
func (c *Client) Exchange(ctx context.Context, code, verifier, redirect string) (*Token, error) {
	var opts []oauth2.AuthCodeOption
	if verifier != "" {
		opts = append(opts, oauth2.VerifierOption(verifier))
	}
	t, err := c.config(redirect).Exchange(c.ctx(ctx), code, opts...)
	if err != nil {
		return nil, tokenError("exchange the authorization code", err)
	}
	return c.token(t)
}

// Refresh uses a refresh token for a new access token. When the server
// sends no new refresh token, the old one is kept.
func (c *Client) Refresh(ctx context.Context, refreshToken string) (*Token, error) {
	if refreshToken == "" {
		return nil, fmt.Errorf("%w: the stored login has no refresh token", ErrGrantInvalid)
	}
	old := &oauth2.Token{RefreshToken: refreshToken, Expiry: time.Unix(1, 0)}
	t, err := c.config("").TokenSource(c.ctx(ctx), old).Token()
	if err != nil {
		return nil, tokenError(doRefresh, err)
	}
	return c.token(t)
}

// token converts x/oauth2's token, taking the granted scopes from the
// response or, when it has none, the requested ones (RFC 6749 §5.1). Only
// bearer tokens are accepted: connauth hands tokens to programs that send
// them as they are, which a sender-constrained (DPoP, MAC) token forbids.
func (c *Client) token(t *oauth2.Token) (*Token, error) {
	if ty := t.TokenType; ty != "" && !strings.EqualFold(ty, "bearer") {
		return nil, fmt.Errorf("the server issued a token of type %q; connauth handles bearer tokens only", httpclient.Printable(ty, 40))
	}
	out := &Token{AccessToken: t.AccessToken, RefreshToken: t.RefreshToken, TokenType: t.Type(), Expiry: t.Expiry, Scopes: c.Scopes, extra: t.Extra}
	if s, ok := t.Extra("scope").(string); ok && s != "" {
		out.Scopes = strings.Fields(s)
	}
	if id, ok := t.Extra("id_token").(string); ok {
		out.IDToken = id
	}
	return out, nil
}
