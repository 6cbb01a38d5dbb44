package main

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/connauth/connauth/pkg/catalog"
	"github.com/connauth/connauth/pkg/httpclient"
	"github.com/connauth/connauth/pkg/loopback"
	"github.com/connauth/connauth/pkg/oauth"
	"github.com/connauth/connauth/pkg/prompt"
	"github.com/connauth/connauth/schemes"
)

// providerLogin is what a provider adds to a login besides the flags it
// fills: its extra secret inputs, the values of its variables (kept in
// the profile), what to capture, and its redirect rule.
type providerLogin struct {
	name    string
	inputs  []catalog.Input
	vars    map[string]string
	capture []oauth.Capture
	rule    string
	// settings are kept in the profile as they are (a manifest's flags).
	settings map[string]string
}

// redirectAdvice says which redirect URI to register with the provider,
// or why the login cannot start.
func (pl *providerLogin) redirectAdvice(o schemes.OAuthOptions) (string, error) {
	if o.Grant != "" && o.Grant != oauth.GrantAuthCode {
		return "", nil
	}
	uri := o.RedirectURI
	switch pl.rule {
	case catalog.RedirectHTTPS:
		if !loopback.PasteOnly(uri) {
			return "", usageErrorf("%s accepts only https redirect URIs: register one you control with the app (nothing needs to run there) and pass it with --redirect-uri https://...; connauth then asks you to paste the address the browser lands on", pl.name)
		}
		return fmt.Sprintf("Redirect URI to register with %s: %s (https only; you will paste the address the browser lands on).", pl.name, uri), nil
	case catalog.RedirectExact:
		return fmt.Sprintf("Redirect URI to register with %s, exactly: %s (or pass --redirect-uri with the one you registered).", pl.name, uri), nil
	case catalog.RedirectLoopback:
		if uri == "" {
			uri = "http://127.0.0.1/callback"
		}
		return fmt.Sprintf("Redirect URI to register with %s: %s with any port (connauth picks a free one).", pl.name, uri), nil
	}
	return "", nil
}

// extraSecrets are the provider's own secret inputs, out of the gathered
// inputs.
func (pl *providerLogin) extraSecrets(inputs map[string]string) map[string]string {
	out := map[string]string{}
	for _, in := range pl.inputs {
		if v := inputs[in.Name]; v != "" {
			out[in.Name] = v
		}
	}
	return out
}

// addSettings keeps the variables' values and never replaces a setting
// the scheme made.
func addSettings(dst map[string]string, add map[string]string) {
	for k, v := range add {
		if _, taken := dst[k]; !taken && v != "" {
			dst[k] = v
		}
	}
}

// checkAPI calls the verify URL once with the new login, when --verify
// asks for it or a value is captured from its answer. A refusal fails
// the login under --verify; otherwise it is a warning.
func checkAPI(ctx context.Context, a *app, opts *loginOptions, values map[string]string) (map[string]string, error) {
	api, pl := opts.API, opts.provider
	wantCapture := pl != nil && oauth.Wants(pl.capture, oauth.FromVerify)
	if api.VerifyURL == "" || (!opts.Verify && !wantCapture) {
		return nil, nil
	}
	status, body, err := callVerify(ctx, a, api, api.VerifyURL, values)
	if err == nil && status/100 != 2 {
		err = fmt.Errorf("%s answered %d %s%s", httpclient.RedactQuery(api.VerifyURL), status, http.StatusText(status), httpclient.ServerMessage(body))
	}
	if err != nil {
		if opts.Verify {
			return nil, fmt.Errorf("login failed, nothing was stored: the API refused the new credentials: %w", err)
		}
		fmt.Fprintf(a.ErrOut, "warning: could not read the account details: %v\n", err)
		return nil, nil
	}
	if id := api.Identity(body); id != "" {
		fmt.Fprintf(a.ErrOut, "Verified: the API knows these credentials as %s.\n", id)
	}
	var doc any
	_ = json.Unmarshal(body, &doc)
	if pl == nil {
		return nil, nil
	}
	return oauth.Captured(pl.capture, oauth.FromVerify, oauth.JSONGetter(doc)), nil
}

// callVerify makes one API call with the profile's values.
func callVerify(ctx context.Context, a *app, api oauth.API, target string, values map[string]string) (int, []byte, error) {
	req, err := api.NewRequest(ctx, target, values)
	if err != nil {
		return 0, nil, usageError{err}
	}
	hc, err := a.HTTP()
	if err != nil {
		return 0, nil, err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, nil, fmt.Errorf("calling %s: %w", httpclient.RedactQuery(target), httpclient.RedactURL(err))
	}
	body, err := httpclient.ReadBody(resp)
	return resp.StatusCode, body, err
}

// askVars asks on a terminal for the provider variables that have no
// default and no --var; without a terminal, Values names them.
func askVars(a *app, p *catalog.Provider, opts *loginOptions) error {
	var fields []prompt.Field
	for _, name := range slices.Sorted(maps.Keys(p.Vars)) {
		v := p.Vars[name]
		if _, given := opts.Vars[name]; given || v.Default != "" {
			continue
		}
		fields = append(fields, prompt.Field{Name: name, Description: v.Description, Optional: v.Optional, Validate: allowedValue(v.Allowed)})
	}
	if len(fields) == 0 || opts.SecretsFrom == "-" || !a.IsTerminal() {
		return nil
	}
	values := map[string]string{}
	t := prompt.Terminal{In: a.In, Out: a.ErrOut, Accessible: opts.Accessible, Title: p.Name + " needs these values (or pass --var NAME=VALUE)"}
	if err := t.Ask(fields, values); err != nil {
		return err
	}
	if opts.Vars == nil {
		opts.Vars = map[string]string{}
	}
	for k, v := range values {
		opts.Vars[k] = v
	}
	return nil
}

func allowedValue(allowed []string) func(string) error {
	if len(allowed) == 0 {
		return nil
	}
	return func(s string) error {
		if !slices.Contains(allowed, s) {
			return fmt.Errorf("choose one of %s", strings.Join(allowed, ", "))
		}
		return nil
	}
}
