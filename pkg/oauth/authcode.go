package oauth

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"time"

	"golang.org/x/oauth2"

	"github.com/connauth/connauth/pkg/httpclient"
	"github.com/connauth/connauth/pkg/loopback"
)

// BrowserLogin is an authorization-code login through the user's browser
// and a loopback redirect listener, with PKCE S256.
type BrowserLogin struct {
	Client *Client
	// Issuer is checked against the response's iss parameter (RFC 9207);
	// RequireIss when the server advertises that parameter.
	Issuer     string
	RequireIss bool
	// PKCE is "S256" (also when empty), "plain" or "off".
	PKCE   string
	Listen loopback.Config
	// Open opens the URL in a browser; nil when the user asked not to.
	Open func(url string) error
	// Paste, when set, is read for redirect URLs pasted by a user whose
	// browser runs elsewhere; the listener keeps waiting meanwhile.
	Paste    io.Reader
	Status   io.Writer
	Progress Progress
	Timeout  time.Duration
	// Params are extra authorization request parameters.
	Params map[string]string
	// ServerParam names a callback parameter that says which server holds
	// the user's account (Zoho's accounts-server): the token and
	// revocation URLs move to it. It must be within ValidDomains.
	ServerParam  string
	ValidDomains []string
}

// Run performs the login and returns the granted tokens.
func (b *BrowserLogin) Run(ctx context.Context) (*Token, error) {
	cfg := b.Listen
	cfg.State, cfg.Issuer, cfg.RequireIss = loopback.NewState(), b.Issuer, b.RequireIss
	srv, err := loopback.Listen(cfg)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	verifier, opts := "", b.authParams()
	switch b.PKCE {
	case "off":
	case "plain":
		verifier = oauth2.GenerateVerifier()
		opts = append(opts, oauth2.SetAuthURLParam("code_challenge_method", "plain"), oauth2.SetAuthURLParam("code_challenge", verifier))
	default:
		verifier = oauth2.GenerateVerifier()
		opts = append(opts, oauth2.S256ChallengeOption(verifier))
	}
	authURL := b.Client.config(srv.RedirectURI()).AuthCodeURL(cfg.State, opts...)
	b.announce(authURL, srv.RedirectURI())
	if b.Paste != nil {
		go b.readPastes(srv)
	}
	timeout := b.Timeout
	if timeout <= 0 {
		timeout = 5 * time.Minute
	}
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	stop := b.Progress.show(b.Status, "Waiting for the browser...", func(elapsed time.Duration) string {
		return fmt.Sprintf("Waiting for the browser... %v (gives up after %v)", elapsed, timeout)
	})
	code, err := srv.Wait(wctx)
	stop()
	if err != nil {
		return nil, err
	}
	fmt.Fprintln(b.Status, "Authorization received; fetching tokens.")
	if err := b.moveToServer(srv.Query()); err != nil {
		return nil, err
	}
	tok, err := b.Client.Exchange(ctx, code, verifier, srv.RedirectURI())
	if err != nil {
		return nil, err
	}
	tok.Callback = srv.Query()
	return tok, nil
}

// moveToServer points the token and revocation URLs at the server the
// callback names, keeping their paths.
func (b *BrowserLogin) moveToServer(q url.Values) error {
	server := q.Get(b.ServerParam)
	if b.ServerParam == "" || server == "" {
		return nil
	}
	u, err := url.Parse(server)
	if err != nil || httpclient.CheckURL(server) != nil || len(b.ValidDomains) == 0 {
		return fmt.Errorf("the callback names the account's server as %q, which connauth will not send the code to (it must be an https URL within the provider's valid domains)", httpclient.Printable(server, 100))
	}
	if err := CheckDomains(b.ValidDomains, map[string]string{b.ServerParam: server}); err != nil {
		return err
	}
	for _, f := range []*string{&b.Client.TokenURL, &b.Client.RevokeURL} {
		if t, err := url.Parse(*f); err == nil && *f != "" {
			t.Scheme, t.Host = u.Scheme, u.Host
			*f = t.String()
		}
	}
	return nil
}

func (b *BrowserLogin) authParams() []oauth2.AuthCodeOption {
	var opts []oauth2.AuthCodeOption
	for k, v := range b.Params {
		opts = append(opts, oauth2.SetAuthURLParam(k, v))
	}
	return opts
}

// announce prints the URL (always: the browser may not open) and opens it.
func (b *BrowserLogin) announce(authURL, redirect string) {
	fmt.Fprintf(b.Status, "To log in, open this URL in a browser:\n\n  %s\n\n", authURL)
	fmt.Fprintf(b.Status, "The provider sends the browser back to %s. If it asks for a registered redirect URI, register that one, or pass --redirect-uri with the one you registered.\n", redirect)
	if b.Open != nil {
		if err := b.Open(authURL); err != nil {
			fmt.Fprintf(b.Status, "Could not open a browser (%v); open the URL above yourself.\n", err)
		} else {
			fmt.Fprintln(b.Status, "Opened your browser; waiting for you to log in there.")
		}
	}
	switch {
	case loopback.PasteOnly(redirect):
		fmt.Fprintf(b.Status, "After you approve, the browser lands on %s. Copy the whole address from the address bar, paste it here and press Enter:\n", redirect)
	case b.Paste != nil:
		fmt.Fprintf(b.Status, "If the browser runs on another machine, log in there, then paste the address it was sent to (it starts with %s) here and press Enter:\n", redirect)
	}
}

func (b *BrowserLogin) readPastes(srv *loopback.Server) {
	sc := bufio.NewScanner(b.Paste)
	sc.Buffer(make([]byte, 0, 64<<10), 64<<10)
	for sc.Scan() {
		if sc.Text() == "" {
			continue
		}
		err := srv.Submit(sc.Text())
		select {
		case <-srv.Done():
			return // the wait is over, with this answer or another
		default:
		}
		if errors.Is(err, loopback.ErrStateMismatch) {
			fmt.Fprintln(b.Status, "That address is not from this login (its state differs); still waiting. Paste the newest one:")
		} else if err != nil {
			fmt.Fprintf(b.Status, "%v\n", err)
		}
	}
}
