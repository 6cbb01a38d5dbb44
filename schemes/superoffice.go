package schemes

import (
	"context"
	"crypto/rsa"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/connauth/connauth/pkg/httpclient"
	"github.com/connauth/connauth/pkg/superoffice"
)

// superOfficeEnvs are the environments that authenticate; the numbered
// hosts (sod2, online3) serve only API data.
var superOfficeEnvs = map[string]bool{"sod": true, "qaonline": true, "online": true}

// ticketIdle is how long an unused SOTicket lives (Sesam's SuperOffice
// connector documentation).
const ticketIdle = 6 * time.Hour

func init() {
	register(&Scheme{
		Name:        "superoffice",
		Description: "SuperOffice CRM Online: OpenID Connect, then a system-user ticket",
		Inputs: []Input{
			{Name: "client_id", Description: "The SuperOffice application's client id", Flag: "client-id"},
			{Name: "client_secret", Description: "The application's client secret (also its app token)", Secret: true},
			{Name: "private_key", Description: "The application's RSA private key: PEM, or the .NET XML (<RSAKeyValue>) from the developer portal", Secret: true},
		},
		Vars: []Var{
			{Name: "env", Description: "sod (development), qaonline (stage) or online (production)"},
			{Name: "base_url", Description: "the login host, instead of https://ENV.superoffice.com"},
		},
		Injected: []string{"so_ticket", "SO-Apptoken", "oauth_access_token", "oauth_client_id", "oauth_client_secret", "oauth_refresh_token"},
		Primary:  "oauth_access_token",
		Login:    loginSuperOffice,
		Refresh:  refreshOAuth2, // SuperOffice's refresh tokens are long-lived and reusable
		Private:  []string{"private_key", "system_token"},
		Renewable: map[string]Renewal{"so_ticket": {
			Expiry: func(s map[string]string) time.Time { t, _ := time.Parse(time.RFC3339, s["so_ticket_expiry"]); return t },
			Renew:  renewTicket,
		}},
	})
}

// superOfficeBase is the login host of --var env, or --var base_url.
func superOfficeBase(vars map[string]string) (string, error) {
	if b := vars["base_url"]; b != "" {
		if err := httpclient.CheckURL(b); err != nil {
			return "", UsageError{fmt.Errorf("base_url: %w", err)}
		}
		return b, nil
	}
	env := vars["env"]
	if !superOfficeEnvs[env] {
		return "", UsageError{fmt.Errorf("superoffice needs --var env=sod|qaonline|online (development, stage, production); %q is none of them (numbered hosts such as sod2 serve API data, not logins)", env)}
	}
	return "https://" + env + ".superoffice.com", nil
}

func loginSuperOffice(ctx context.Context, req LoginRequest) (*LoginResult, error) {
	base, err := superOfficeBase(req.Vars)
	if err != nil {
		return nil, err
	}
	key, err := superoffice.ParseKey(req.Inputs["private_key"])
	if err != nil {
		return nil, UsageError{err}
	}
	o := req.OAuth
	o.Issuer, o.Grant, o.Scopes, o.ClientAuth, o.PKCE = "", "", []string{"openid"}, "body", "S256"
	o.AuthURL, o.TokenURL = base+"/login/common/oauth/authorize", base+"/login/common/oauth/tokens"
	req.OAuth = o
	res, err := loginOAuth2(ctx, req)
	if err != nil {
		return nil, err
	}
	keys, err := superoffice.FetchJWKS(ctx, req.HTTP, base+"/login/.well-known/jwks")
	if err != nil {
		return nil, err
	}
	id, err := keys.Verify(res.idToken, req.Inputs["client_id"], base)
	if err != nil {
		return nil, fmt.Errorf("the id_token does not check out against SuperOffice's signing keys: %v", err)
	}
	systemToken, tenant := superoffice.Claim(id, "system_token"), superoffice.Claim(id, "ctx")
	if systemToken == "" || tenant == "" {
		return nil, fmt.Errorf("the id_token has no system_token (or ctx): the application is not registered for system-user access in the SuperOffice developer portal")
	}
	t, err := systemTicket(ctx, req.HTTP, keys, base, key, systemToken, req.Inputs["client_secret"], tenant, req.Now)
	if err != nil {
		return nil, err
	}
	api, err := superoffice.TenantAPI(ctx, req.HTTP, base, tenant)
	if err != nil {
		return nil, err
	}
	keepTicket(res, t, req.Inputs, systemToken)
	u, _ := url.Parse(api)
	for k, v := range map[string]string{
		"env": req.Vars["env"], "login_base": base, "ctx": tenant, "api_url": api,
		"webapi_url": superoffice.Claim(id, "webapi_url"), "base_url": u.Scheme + "://" + u.Host,
	} {
		if v != "" {
			res.Settings[k] = v
		}
	}
	return res, nil
}

// keepTicket adds the ticket and what renewing it needs to the login.
func keepTicket(res *LoginResult, t ticket, inputs map[string]string, systemToken string) {
	res.Secrets["so_ticket"] = t.value
	res.Secrets["SO-Apptoken"] = inputs["client_secret"]
	// Not injected, kept to renew the ticket: push and env leave them out.
	res.Secrets["private_key"] = inputs["private_key"]
	res.Secrets["system_token"] = systemToken
	res.Settings["so_ticket_expiry"] = t.expiry.UTC().Format(time.RFC3339)
}

type ticket struct {
	value  string
	expiry time.Time
}

// systemTicket signs the system token, trades it for a ticket JWT, checks
// that JWT against the signing keys and returns its ticket claim.
func systemTicket(ctx context.Context, c *http.Client, keys *superoffice.JWKS, base string, key *rsa.PrivateKey, systemToken, appToken, tenant string, now time.Time) (ticket, error) {
	signed, err := superoffice.SignSystemToken(key, systemToken, now)
	if err != nil {
		return ticket{}, err
	}
	jwt, err := superoffice.Authenticate(ctx, c, base, signed, appToken, tenant)
	if err != nil {
		return ticket{}, err
	}
	claims, err := keys.Verify(jwt, "", "")
	if err != nil {
		return ticket{}, fmt.Errorf("the ticket SuperOffice sent does not check out against its signing keys: %v", err)
	}
	value := superoffice.Claim(claims, "ticket")
	if value == "" {
		return ticket{}, fmt.Errorf("the system-user JWT has no ticket claim")
	}
	expiry := now.Add(ticketIdle)
	if exp, err := claims.GetExpirationTime(); err == nil && exp != nil && exp.Before(expiry) {
		expiry = exp.Time
	}
	return ticket{value, expiry}, nil
}

// renewTicket gets a new ticket with the stored key and system token.
func renewTicket(ctx context.Context, req SessionRequest) (*LoginResult, error) {
	base := req.Settings["login_base"]
	key, err := superoffice.ParseKey(req.Secrets["private_key"])
	if err != nil || req.Secrets["system_token"] == "" {
		return nil, fmt.Errorf("the profile lacks the private key or system token to renew the ticket; log in again")
	}
	keys, err := superoffice.FetchJWKS(ctx, req.HTTP, base+"/login/.well-known/jwks")
	if err != nil {
		return nil, err
	}
	t, err := systemTicket(ctx, req.HTTP, keys, base, key, req.Secrets["system_token"], req.Secrets["SO-Apptoken"], req.Settings["ctx"], req.Now)
	if err != nil {
		return nil, err
	}
	return &LoginResult{
		Secrets:  map[string]string{"so_ticket": t.value},
		Settings: map[string]string{"so_ticket_expiry": t.expiry.UTC().Format(time.RFC3339)},
	}, nil
}
