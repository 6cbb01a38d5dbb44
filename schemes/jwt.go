package schemes

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/connauth/connauth/pkg/httpclient"
)

// WebCRMLogin is webCRM's documented login URL.
const WebCRMLogin = "https://api.webcrm.com/Auth/ApiLogin"

func init() {
	register(&Scheme{
		Name:        "jwt",
		Description: "an application token exchanged for an hour-long JWT (webCRM)",
		Inputs:      []Input{{Name: "api_key", Description: "The application token (a GUID, from Configuration > Integration > API > REST)", Secret: true}},
		Vars: []Var{
			{Name: "login_url", Description: "where the application token is exchanged", Default: WebCRMLogin},
			{Name: "header", Description: "the header that carries the application token", Default: "authCode"},
		},
		Injected: []string{"jwt_access_token", "jwt_refresh_token", "api_key"},
		Primary:  "jwt_access_token",
		Login:    loginJWT,
		Refresh:  refreshJWT,
	})
}

func loginJWT(ctx context.Context, req LoginRequest) (*LoginResult, error) {
	loginURL, header := req.Vars["login_url"], req.Vars["header"]
	if err := httpclient.CheckURL(loginURL); err != nil {
		return nil, UsageError{fmt.Errorf("login_url: %w", err)}
	}
	res, err := jwtExchange(ctx, req.HTTP, loginURL, header, req.Inputs["api_key"], req.Now)
	if err != nil {
		return nil, err
	}
	res.Secrets["api_key"] = req.Inputs["api_key"] // needed to log in again
	res.Settings["login_url"], res.Settings["header"] = loginURL, header
	return res, nil
}

// refreshJWT logs in again with the stored application token: webCRM
// documents no refresh endpoint, and a JWT lives an hour.
func refreshJWT(ctx context.Context, req SessionRequest) (*LoginResult, error) {
	key := req.Secrets["api_key"]
	if key == "" {
		return nil, fmt.Errorf("the profile has no application token (api_key) to log in again with")
	}
	return jwtExchange(ctx, req.HTTP, req.Settings["login_url"], req.Settings["header"], key, req.Now)
}

// jwtExchange POSTs the application token in the header and reads
// {"AccessToken", "RefreshToken", "ExpiresIn", "IsError", ...}.
func jwtExchange(ctx context.Context, c *http.Client, loginURL, header, key string, now time.Time) (*LoginResult, error) {
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, loginURL, nil)
	if err != nil {
		return nil, err
	}
	r.Header.Set(header, key)
	var body struct {
		AccessToken, RefreshToken, ErrorDescription, TokenType string
		ExpiresIn                                              int
		IsError                                                bool
		SystemID                                               any `json:"SystemId"`
	}
	if err := httpclient.DoJSON(c, r, "exchange the application token for a JWT", &body); err != nil {
		return nil, err
	}
	if body.IsError || body.AccessToken == "" {
		return nil, fmt.Errorf("the login URL refused the application token: %s", httpclient.Printable(firstOf(body.ErrorDescription, "no AccessToken in the answer"), 200))
	}
	if body.ExpiresIn <= 0 {
		body.ExpiresIn = 3600 // "Access tokens are valid for an hour."
	}
	secrets := map[string]string{"jwt_access_token": body.AccessToken}
	if body.RefreshToken != "" {
		secrets["jwt_refresh_token"] = body.RefreshToken
	}
	res := &LoginResult{Secrets: secrets, Settings: map[string]string{}, Expiry: now.Add(time.Duration(body.ExpiresIn) * time.Second)}
	if body.SystemID != nil {
		res.Settings["system_id"] = httpclient.Printable(fmt.Sprint(body.SystemID), 40)
	}
	return res, nil
}
