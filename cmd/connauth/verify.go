package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/connauth/connauth/pkg/httpclient"
	"github.com/connauth/connauth/pkg/oauth"
	"github.com/connauth/connauth/pkg/store"
	"github.com/connauth/connauth/schemes"
)

type verifyOptions struct {
	Profile string
	URL     string
}

func newVerifyCmd(a *app) *cobra.Command {
	opts := &verifyOptions{}
	c := &cobra.Command{
		Use:   "verify PROFILE",
		Short: "Call the provider's API with the profile's token and show the answer",
		Long: `Call the profile's verification URL (set at login with --verify-url or in
the provider file's api section), or the one given with --url, sending the
token the way the provider takes it. When the provider answers with its
auth error, connauth refreshes once and tries again. Prints the status and,
when known, who the token belongs to.`,
		Example: `  connauth verify acme
  connauth verify acme --url https://api.acme.example/v1/me`,
		Args:              exactArgs(1, "one PROFILE"),
		ValidArgsFunction: completeProfiles(a),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Profile = args[0]
			return runVerify(c.Context(), a, opts)
		},
	}
	c.Flags().StringVar(&opts.URL, "url", "", "call this URL instead of the profile's verification URL")
	return c
}

func runVerify(ctx context.Context, a *app, opts *verifyOptions) error {
	p, secrets, err := freshSecrets(ctx, a, opts.Profile, time.Minute, false)
	if err != nil {
		return err
	}
	api, err := profileAPI(p)
	if err != nil {
		return err
	}
	target := firstNonEmpty(opts.URL, api.VerifyURL)
	if target == "" {
		return usageErrorf("profile %q has no verification URL: pass --url, or log in with --verify-url", p.Name)
	}
	if err := checkAPIURL(target, p.Settings); err != nil {
		return usageErrorf("--url: %v", err)
	}
	status, body, err := callAPI(ctx, a, api, target, p, secrets)
	if err != nil {
		return err
	}
	if api.IsAuthError(status, body) && canRefresh(p) {
		fmt.Fprintln(a.ErrOut, "The provider rejected the token; refreshing once and trying again.")
		if p, secrets, err = freshSecrets(ctx, a, opts.Profile, 0, true); err != nil {
			return err
		}
		if status, body, err = callAPI(ctx, a, api, target, p, secrets); err != nil {
			return err
		}
	}
	fmt.Fprintf(a.Out, "%s %s: %d %s\n", firstNonEmpty(api.Method, http.MethodGet), httpclient.RedactQuery(target), status, http.StatusText(status))
	if id := api.Identity(body); id != "" {
		fmt.Fprintf(a.Out, "identity: %s\n", id)
	}
	switch {
	case api.IsAuthError(status, body):
		return loginAgainError{fmt.Errorf("the provider still rejects the token of profile %q; log in again: %s", p.Name, loginCommand(p))}
	case status/100 != 2:
		return fmt.Errorf("the provider answered %d %s%s", status, http.StatusText(status), httpclient.ServerMessage(body))
	}
	return nil
}

func callAPI(ctx context.Context, a *app, api oauth.API, target string, p *store.Profile, secrets store.Secrets) (int, []byte, error) {
	name, err := primarySecret(p)
	if err != nil {
		return 0, nil, err
	}
	return callVerify(ctx, a, api, target, apiValues(p.Settings, secrets, secrets[name]))
}

// profileAPI is the API settings stored with the profile.
func profileAPI(p *store.Profile) (oauth.API, error) {
	var api oauth.API
	if raw := p.Settings["api"]; raw != "" {
		if err := json.Unmarshal([]byte(raw), &api); err != nil {
			return api, fmt.Errorf("profile %q has a damaged api setting (%v); log in again", p.Name, err)
		}
	}
	return api, nil
}

func canRefresh(p *store.Profile) bool {
	s, err := schemes.Lookup(p.Scheme)
	return err == nil && s.Refresh != nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// apiValues are what API templates may use: the profile's settings, its
// secrets, and the primary secret as "token".
func apiValues(settings, secrets map[string]string, token string) map[string]string {
	out := map[string]string{}
	for k, v := range settings {
		out[k] = v
	}
	for k, v := range secrets {
		out[k] = v
	}
	out["token"] = token
	return out
}

// checkAPIURL checks a verify URL once the profile's settings fill its
// {{name}} references.
func checkAPIURL(u string, settings map[string]string) error {
	filled, err := oauth.Fill(u, settings)
	if err != nil {
		return err
	}
	return httpclient.CheckURL(filled)
}
