package oauth

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/connauth/connauth/pkg/httpclient"
)

// Revoke asks the server to revoke token (RFC 7009). hint is
// "refresh_token" or "access_token". A 200 means revoked or never valid.
func (c *Client) Revoke(ctx context.Context, token, hint string) error {
	if c.RevokeURL == "" {
		return fmt.Errorf("no revocation URL known")
	}
	form := url.Values{"token": {token}, "token_type_hint": {hint}}
	if c.Auth != AuthBasic {
		form.Set("client_id", c.ID)
		if c.Secret != "" && c.Assertion == nil {
			form.Set("client_secret", c.Secret)
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.RevokeURL, strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if c.Auth == AuthBasic {
		req.SetBasicAuth(url.QueryEscape(c.ID), url.QueryEscape(c.Secret))
	}
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return fmt.Errorf("revoking the %s: %w", hintName(hint), httpclient.RedactURL(err))
	}
	body, err := httpclient.ReadBody(resp)
	if err != nil {
		return fmt.Errorf("revoking the %s: %w", hintName(hint), err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("revoking the %s: the server answered %s%s", hintName(hint), resp.Status, httpclient.ServerMessage(body))
	}
	return nil
}

func hintName(hint string) string { return strings.ReplaceAll(hint, "_", " ") }
