package oauth

import (
	"context"

	"golang.org/x/oauth2/clientcredentials"
)

// Grant types connauth runs (RFC 6749 §4, RFC 8628).
const (
	GrantAuthCode          = "authorization_code"
	GrantClientCredentials = "client_credentials"
	GrantPassword          = "password"
	GrantDeviceCode        = "device_code"
)

// Grants lists the grant types in the order --help shows them.
var Grants = []string{GrantAuthCode, GrantClientCredentials, GrantDeviceCode, GrantPassword}

// ClientCredentials gets a token for the client itself (RFC 6749 §4.4).
// There is no refresh token: a new token comes from the same request.
func (c *Client) ClientCredentials(ctx context.Context, params map[string][]string) (*Token, error) {
	cfg := c.config("")
	cc := clientcredentials.Config{
		ClientID:       c.ID,
		ClientSecret:   cfg.ClientSecret,
		TokenURL:       c.TokenURL,
		Scopes:         c.scopes(),
		EndpointParams: params,
		AuthStyle:      cfg.Endpoint.AuthStyle,
	}
	t, err := cc.Token(c.ctx(ctx))
	if err != nil {
		return nil, tokenError("get a token with the client credentials", err)
	}
	return c.token(t)
}

// Password trades a user's name and password for tokens (RFC 6749 §4.3).
// The password is sent once and never kept.
func (c *Client) Password(ctx context.Context, username, password string) (*Token, error) {
	t, err := c.config("").PasswordCredentialsToken(c.ctx(ctx), username, password)
	if err != nil {
		return nil, tokenError("get a token with the username and password", err)
	}
	return c.token(t)
}
