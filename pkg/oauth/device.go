package oauth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"golang.org/x/oauth2"
)

// DeviceLogin is the device authorization grant (RFC 8628): the user
// approves on any device with a browser while connauth polls.
type DeviceLogin struct {
	Client *Client
	// Open opens the verification URL; nil when there is no browser.
	Open     func(url string) error
	Status   io.Writer
	Progress Progress
}

// Run asks for a user code, shows it, and polls until the user approves,
// denies, or the code expires.
func (d *DeviceLogin) Run(ctx context.Context) (*Token, error) {
	cfg := d.Client.config("")
	cfg.Endpoint.DeviceAuthURL = d.Client.DeviceURL
	da, err := cfg.DeviceAuth(d.Client.ctx(ctx), d.deviceAuthParams()...)
	if err != nil {
		return nil, tokenError("start the device login", err)
	}
	d.announce(da)
	stop := d.Progress.show(d.Status, "Waiting for approval...", func(time.Duration) string {
		if da.Expiry.IsZero() {
			return "Waiting for approval..."
		}
		return fmt.Sprintf("Waiting for approval... %v left ", time.Until(da.Expiry).Round(time.Second))
	})
	t, err := cfg.DeviceAccessToken(d.Client.ctx(ctx), da, d.deviceAuthParams()...)
	stop()
	if err != nil {
		return nil, deviceError(err)
	}
	return d.Client.token(t)
}

// deviceAuthParams authenticate a confidential client in the body when it
// uses body authentication (x/oauth2 sends only client_id there).
func (d *DeviceLogin) deviceAuthParams() []oauth2.AuthCodeOption {
	if d.Client.Auth == AuthBody && d.Client.Secret != "" && d.Client.Assertion == nil {
		return []oauth2.AuthCodeOption{oauth2.SetAuthURLParam("client_secret", d.Client.Secret)}
	}
	return nil
}

func (d *DeviceLogin) announce(da *oauth2.DeviceAuthResponse) {
	fmt.Fprintf(d.Status, "To log in, open %s on any device and enter the code:\n\n  %s\n\n", da.VerificationURI, da.UserCode)
	target := da.VerificationURIComplete
	if target == "" {
		target = da.VerificationURI
	}
	if d.Open != nil {
		if err := d.Open(target); err != nil {
			fmt.Fprintf(d.Status, "Could not open a browser (%v); use the address above.\n", err)
		} else {
			fmt.Fprintln(d.Status, "Opened your browser; check that it shows the same code.")
		}
	}
}

func deviceError(err error) error {
	var re *oauth2.RetrieveError
	switch {
	case errors.As(err, &re) && re.ErrorCode == "access_denied":
		return fmt.Errorf("the login was denied on the device: %s", describe(re))
	case errors.As(err, &re) && re.ErrorCode == "expired_token",
		errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("the code expired before anyone approved it; run the login again")
	}
	return tokenError("finish the device login", err)
}
