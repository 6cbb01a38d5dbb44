package schemes

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/connauth/connauth/pkg/httpclient"
)

// TripletexProduction and TripletexTest are the Tripletex API hosts.
// Tokens for one do not work on the other.
const (
	TripletexProduction = "https://tripletex.no"
	TripletexTest       = "https://api-test.tripletex.tech"
)

func init() {
	register(&Scheme{
		Name:        "tripletex",
		Description: "Tripletex: a consumer token and an employee token, exchanged for session tokens",
		Inputs: []Input{
			{Name: "consumer_token", Description: "The application's consumer token, issued by Tripletex", Secret: true},
			{Name: "employee_token", Description: "The employee token created in Tripletex for this integration", Secret: true},
		},
		Vars: []Var{
			{Name: "env", Description: "production or test (" + TripletexTest + ")", Default: "production"},
			{Name: "base_url", Description: "the Tripletex API host, instead of env's (" + TripletexProduction + " for production)"},
		},
		Injected: []string{"consumer_token", "employee_token"},
		// 'connauth token' prints a session token, created when none is
		// stored or the stored one is about to expire.
		Primary: "session_token",
		Login:   loginTripletex,
		Refresh: refreshTripletex,
	})
}

// tripletexHosts are the hosts of --var env.
var tripletexHosts = map[string]string{"production": TripletexProduction, "test": TripletexTest}

func loginTripletex(ctx context.Context, req LoginRequest) (*LoginResult, error) {
	base := strings.TrimRight(req.Vars["base_url"], "/")
	if base == "" {
		if base = tripletexHosts[req.Vars["env"]]; base == "" {
			return nil, UsageError{fmt.Errorf("--var env=%q: choose production or test", req.Vars["env"])}
		}
	}
	if err := httpclient.CheckURL(base); err != nil {
		return nil, fmt.Errorf("base_url: %w", err)
	}
	res := &LoginResult{
		Secrets: map[string]string{
			"consumer_token": req.Inputs["consumer_token"],
			"employee_token": req.Inputs["employee_token"],
		},
		Settings: map[string]string{
			"base_url":  base,
			"token_url": base + "/v2/token/session/:create",
		},
	}
	if !req.Verify {
		return res, nil
	}
	token, err := TripletexSession(ctx, req.HTTP, base, req.Inputs["consumer_token"], req.Inputs["employee_token"], req.Now.AddDate(0, 0, 1))
	if err != nil {
		return nil, err
	}
	who, err := tripletexWhoAmI(ctx, req.HTTP, base, token)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(req.Status, "Verified with Tripletex: %s\n", who)
	return res, nil
}

// TripletexSession creates a session token that expires at midnight on the
// given date: PUT {base}/v2/token/session/:create with the tokens as query
// parameters, as Tripletex documents; the token is at value.token.
func TripletexSession(ctx context.Context, c *http.Client, base, consumer, employee string, expires time.Time) (string, error) {
	q := url.Values{
		"consumerToken":  {consumer},
		"employeeToken":  {employee},
		"expirationDate": {expires.Format("2006-01-02")},
	}
	r, err := http.NewRequestWithContext(ctx, http.MethodPut, base+"/v2/token/session/:create?"+q.Encode(), nil)
	if err != nil {
		return "", err
	}
	var body struct {
		Value struct {
			Token string `json:"token"`
		} `json:"value"`
	}
	if err := httpclient.DoJSON(c, r, "create a Tripletex session token", &body); err != nil {
		return "", err
	}
	if body.Value.Token == "" {
		return "", fmt.Errorf("Tripletex answered without a session token (no value.token in the response)")
	}
	return body.Value.Token, nil
}

func tripletexWhoAmI(ctx context.Context, c *http.Client, base, session string) (string, error) {
	r, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/v2/token/session/%3EwhoAmI", nil)
	if err != nil {
		return "", err
	}
	r.Header.Set("Authorization", TripletexBasic(session))
	var body struct {
		Value struct {
			EmployeeID int64 `json:"employeeId"`
			CompanyID  int64 `json:"companyId"`
		} `json:"value"`
	}
	if err := httpclient.DoJSON(c, r, "ask Tripletex who the token belongs to (whoAmI)", &body); err != nil {
		return "", err
	}
	return fmt.Sprintf("employee %d in company %d", body.Value.EmployeeID, body.Value.CompanyID), nil
}

// TripletexBasic is the Authorization header value for a session token:
// Basic auth with user "0" (the employee's own company).
func TripletexBasic(session string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte("0:"+session))
}

// refreshTripletex creates a session token that expires at midnight two
// days from now; the profile's expiry is set to the start of that day in
// UTC minus two hours, before midnight in Norway whatever the season.
func refreshTripletex(ctx context.Context, req SessionRequest) (*LoginResult, error) {
	base := req.Settings["base_url"]
	if base == "" {
		base = TripletexProduction
	}
	day := req.Now.UTC().Truncate(24*time.Hour).AddDate(0, 0, 2)
	token, err := TripletexSession(ctx, req.HTTP, base, req.Secrets["consumer_token"], req.Secrets["employee_token"], day)
	if err != nil {
		return nil, err
	}
	return &LoginResult{Secrets: map[string]string{"session_token": token}, Expiry: day.Add(-2 * time.Hour)}, nil
}
