package oauth

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/oauth2"

	"github.com/connauth/connauth/pkg/httpclient"
)

// doRefresh is the refresh's description in errors; its invalid_grant
// means the grant has ended, not that an input was wrong.
const doRefresh = "refresh the access token"

// ErrGrantInvalid marks a grant the server no longer honours (invalid_grant):
// only a new login helps.
var ErrGrantInvalid = errors.New("the grant is no longer valid")

// tokenError turns an x/oauth2 error into a message that says what the
// server answered, without echoing anything secret.
func tokenError(doing string, err error) error {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		return fmt.Errorf("could not %s: %s", doing, plainError(err))
	}
	status := re.Response.Status
	if loc := re.Response.Header.Get("Location"); loc != "" && re.Response.StatusCode/100 == 3 {
		return fmt.Errorf("could not %s: the token endpoint answered %s, redirecting elsewhere; connauth does not follow redirects with credentials: check --token-url", doing, status)
	}
	if re.ErrorCode == "invalid_grant" && doing == doRefresh {
		return fmt.Errorf("%w: the server answered %s", ErrGrantInvalid, describe(re))
	}
	if re.ErrorCode == "" {
		return fmt.Errorf("could not %s: the token endpoint answered %s%s%s", doing, status, bodyHint(re), retryHint(re.Response))
	}
	return fmt.Errorf("could not %s: %s%s", doing, describe(re), clockHint(re))
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

// plainError words an x/oauth2 failure that is not a server's error
// answer, without its "oauth2: cannot fetch token:" layers.
func plainError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Timeout() {
		return "the server did not answer in time (raise --http-timeout if it is just slow)"
	}
	msg := httpclient.RedactURL(err).Error()
	if strings.Contains(msg, "cannot parse json") {
		return "the token endpoint's answer is not JSON; check that the token URL is right and the server is up"
	}
	for _, p := range []string{"oauth2: ", "cannot fetch token: "} {
		msg = strings.ReplaceAll(msg, p, "")
	}
	return msg
}

// retryHint relays a Retry-After header (RFC 9110 §10.2.3).
func retryHint(resp *http.Response) string {
	ra := resp.Header.Get("Retry-After")
	if ra == "" {
		return ""
	}
	if secs, err := strconv.Atoi(ra); err == nil {
		return fmt.Sprintf("; the server asks to retry in %ds", secs)
	}
	return "; the server asks to retry after " + httpclient.Printable(ra, 40)
}

// clockHint suspects the clock when a server refuses a JWT for its times:
// a client assertion lives 60 seconds, so a few minutes of skew break it.
func clockHint(re *oauth2.RetrieveError) string {
	d := strings.ToLower(re.ErrorDescription)
	for _, w := range []string{"iat", "nbf", "exp", "clock", "future", "expired", "not yet valid"} {
		if strings.Contains(d, w) && (re.ErrorCode == "invalid_client" || strings.Contains(d, "assertion") || strings.Contains(d, "jwt")) {
			return "; if this machine's clock is off (check with: date -u), the JWT's times are wrong: fix the clock (timedatectl set-ntp true)"
		}
	}
	return ""
}
