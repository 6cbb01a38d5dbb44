package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/connauth/connauth/pkg/catalog"
	"github.com/connauth/connauth/pkg/oauth"
	"github.com/connauth/connauth/schemes"
)

// findProvider returns the provider a login argument names: a file path,
// or a file in <config>/providers/; nil when the argument is a scheme.
func findProvider(a *app, arg string) (*catalog.Provider, error) {
	if catalog.IsPath(arg) {
		return catalog.Load(arg)
	}
	cfg, err := a.config()
	if err != nil {
		return nil, err
	}
	for _, ext := range []string{".yaml", ".yml", ".json"} {
		path := filepath.Join(cfg.Dir, "providers", arg+ext)
		if _, err := os.Stat(path); err == nil {
			return catalog.Load(path)
		}
	}
	return catalog.Builtin(arg)
}

// applyProvider fills the login options from the provider file; a flag
// given on the command line wins over the file.
func applyProvider(c *cobra.Command, p *catalog.Provider, opts *loginOptions) error {
	values, err := p.Values(providerVars(p, opts.Vars))
	if err != nil {
		return usageError{err}
	}
	if err := applyAPI(c, p, values, &opts.API); err != nil {
		return usageError{err}
	}
	if p.OAuth == nil {
		return nil
	}
	o, err := p.OAuth.Expand(values)
	if err != nil {
		return usageError{err}
	}
	set := func(flag string, dst *string, v string) {
		if !c.Flags().Changed(flag) && v != "" {
			*dst = v
		}
	}
	dst := &opts.OAuth
	set("issuer", &dst.Issuer, o.Issuer)
	set("auth-url", &dst.AuthURL, o.AuthURL)
	set("token-url", &dst.TokenURL, o.TokenURL)
	set("revoke-url", &dst.RevokeURL, o.RevokeURL)
	set("device-url", &dst.DeviceURL, o.DeviceURL)
	set("client-id", &opts.ClientID, o.ClientID)
	set("grant", &dst.Grant, o.Grant)
	set("client-auth", &dst.ClientAuth, o.ClientAuth)
	set("pkce", &dst.PKCE, o.PKCE)
	set("redirect-uri", &dst.RedirectURI, o.RedirectURI)
	set("jwt-alg", &dst.JWTAlg, o.JWTAlg)
	set("jwt-kid", &dst.JWTKeyID, o.JWTKeyID)
	set("assertion-aud", &dst.AssertionAud, o.AssertionAud)
	set("jwt-header", &dst.JWTHeader, o.JWTHeader)
	set("jwt-payload", &dst.JWTPayload, o.JWTPayload)
	if !c.Flags().Changed("scopes") && len(o.Scopes) > 0 {
		dst.Scopes = o.Scopes
	}
	if !c.Flags().Changed("redirect-port") && o.RedirectPort != 0 {
		dst.RedirectPort = o.RedirectPort
	}
	if !c.Flags().Changed("auth-param") && len(o.AuthParams) > 0 {
		dst.Params = o.AuthParams
	}
	applyShape(c, o, dst)
	if !c.Flags().Changed("valid-domain") {
		dst.ValidDomains = o.ValidDomains
	}
	return nil
}

// providerVars are the --var values the provider declares; the rest are
// the scheme's.
func providerVars(p *catalog.Provider, given map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range given {
		if _, ok := p.Vars[k]; ok {
			out[k] = v
		}
	}
	return out
}

// schemeVars are the --var values the provider does not declare.
func schemeVars(p *catalog.Provider, given map[string]string) map[string]string {
	if p == nil {
		return given
	}
	out := map[string]string{}
	for k, v := range given {
		if _, ok := p.Vars[k]; !ok {
			out[k] = v
		}
	}
	return out
}

// loginTarget resolves PROVIDER into a scheme and, for a provider file,
// the provider.
func loginTarget(a *app, arg string) (*schemes.Scheme, *catalog.Provider, error) {
	p, err := findProvider(a, arg)
	if err != nil {
		return nil, nil, usageError{err}
	}
	name := arg
	if p != nil {
		name = p.Scheme
	}
	scheme, err := schemes.Lookup(name)
	if err != nil {
		return nil, nil, usageError{err}
	}
	return scheme, p, nil
}

// applyShape fills the wire settings from the file, flags winning.
func applyShape(c *cobra.Command, o catalog.OAuth, dst *schemes.OAuthOptions) {
	str := func(flag string, d *string, v string) {
		if !c.Flags().Changed(flag) && v != "" {
			*d = v
		}
	}
	kv := func(flag string, d *map[string]string, v map[string]string) {
		if !c.Flags().Changed(flag) && len(v) > 0 {
			*d = v
		}
	}
	sh := &dst.Shape
	str("scope-delimiter", &dst.ScopeDelimiter, o.ScopeDelimiter)
	kv("token-param", &sh.TokenParams, o.TokenParams)
	kv("refresh-param", &sh.RefreshParams, o.RefreshParams)
	kv("revoke-param", &sh.RevokeParams, o.RevokeParams)
	kv("token-header", &sh.TokenHeaders, o.TokenHeaders)
	kv("refresh-header", &sh.RefreshHeaders, o.RefreshHeaders)
	kv("revoke-header", &sh.RevokeHeaders, o.RevokeHeaders)
	str("token-body", &sh.TokenBody, o.TokenBody)
	str("access-token-path", &sh.AccessTokenPath, o.AccessTokenPath)
	str("refresh-token-path", &sh.RefreshTokenPath, o.RefreshTokenPath)
	str("expires-in-path", &sh.ExpiresInPath, o.ExpiresInPath)
	str("refresh-url", &sh.RefreshURL, o.RefreshURL)
}

// applyAPI takes the file's api section, flags winning.
func applyAPI(c *cobra.Command, p *catalog.Provider, values map[string]string, dst *oauth.API) error {
	if p.API == nil {
		return nil
	}
	f := c.Flags().Changed
	api := *p.API
	if !f("verify-url") {
		u, err := catalog.ExpandURL(api.VerifyURL, values)
		if err != nil {
			return err
		}
		dst.VerifyURL = u
	}
	if !f("api-header") {
		dst.Header = api.Header
	}
	if !f("api-scheme") {
		dst.Scheme = api.Scheme
	}
	if !f("api-query") {
		dst.Query = api.Query
	}
	if !f("auth-error-status") {
		dst.ErrorStatus = api.ErrorStatus
	}
	if !f("auth-error-path") {
		dst.ErrorPath = api.ErrorPath
	}
	if !f("auth-error-value") {
		dst.ErrorValues = api.ErrorValues
	}
	if !f("identity-path") {
		dst.IdentityPath = api.IdentityPath
	}
	return nil
}

// userProviders are the names of the provider files in <config>/providers/.
func userProviders(a *app) []string {
	cfg, err := a.config()
	if err != nil {
		return nil
	}
	entries, _ := os.ReadDir(filepath.Join(cfg.Dir, "providers"))
	var names []string
	for _, e := range entries {
		n := e.Name()
		for _, ext := range []string{".yaml", ".yml", ".json"} {
			if base, ok := strings.CutSuffix(n, ext); ok {
				names = append(names, base)
			}
		}
	}
	return names
}
