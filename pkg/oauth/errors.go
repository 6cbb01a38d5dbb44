package oauth

import (
	"errors"
	"fmt"
	"net/http"

	"golang.org/x/oauth2"

	"github.com/connauth/connauth/pkg/httpclient"
)

// ErrGrantInvalid marks a grant the server no longer honours (invalid_grant):
// only a new login helps.
var ErrGrantInvalid = errors.New("the grant is no longer valid")

// tokenError turns an x/oauth2 error into a message that says what the
// server answered, without echoing anything secret.
func tokenError(doing string, err error) error {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		return fmt.Errorf("could not %s: %w", doing, httpclient.RedactURL(unwrapOAuth(err)))
	}
	status := re.Response.Status
	if loc := re.Response.Header.Get("Location"); loc != "" && re.Response.StatusCode/100 == 3 {
		return fmt.Errorf("could not %s: the token endpoint answered %s, redirecting elsewhere; connauth does not follow redirects with credentials: check --token-url", doing, status)
	}
	if re.ErrorCode == "invalid_grant" {
		return fmt.Errorf("%w (%s)", ErrGrantInvalid, describe(re))
	}
	if re.ErrorCode == "" {
		return fmt.Errorf("could not %s: the token endpoint answered %s%s", doing, status, bodyHint(re))
	}
	return fmt.Errorf("could not %s: %s", doing, describe(re))
}

func describe(re *oauth2.RetrieveError) string {
	msg := httpclient.Printable(re.ErrorCode, 100)
	if re.ErrorDescription != "" {
		msg += ": " + httpclient.Printable(re.ErrorDescription, 300)
	}
	return msg
}

func bodyHint(re *oauth2.RetrieveError) string {
	if re.Response.StatusCode == http.StatusOK {
		return " without an access token"
	}
	return httpclient.ServerMessage(re.Body)
}

// unwrapOAuth strips x/oauth2's "oauth2: cannot fetch token:" layer when it
// only wraps a transport error.
func unwrapOAuth(err error) error {
	if u := errors.Unwrap(err); u != nil {
		return u
	}
	return err
}
