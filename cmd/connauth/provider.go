package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/connauth/connauth/pkg/catalog"
	"github.com/connauth/connauth/pkg/oauth"
	"github.com/connauth/connauth/pkg/sesam"
	"github.com/connauth/connauth/schemes"
)

// findProvider returns the provider a login argument names: a file path,
// or a file in <config>/providers/; nil when the argument is a scheme.
func findProvider(a *app, arg string) (*catalog.Provider, error) {
	if path := sesam.ManifestPath(arg); path != "" {
		return manifestProvider(path)
	}
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
	opts.provider = &providerLogin{name: p.Name, inputs: p.Inputs, vars: values, capture: p.Capture, settings: p.Settings}
	opts.OAuth.Capture = p.Capture
	if p.OAuth == nil {
		return nil
	}
	opts.provider.rule = p.OAuth.RedirectRule
	opts.OAuth.ServerParam = p.OAuth.ServerParam
	o, err := p.OAuth.Expand(values)
	if err != nil {
		return usageError{err}
	}
	dst, sh := &opts.OAuth, &opts.OAuth.Shape
	fromFile(c, "issuer", &dst.Issuer, o.Issuer)
	fromFile(c, "auth-url", &dst.AuthURL, o.AuthURL)
	fromFile(c, "token-url", &dst.TokenURL, o.TokenURL)
	fromFile(c, "revoke-url", &dst.RevokeURL, o.RevokeURL)
	fromFile(c, "device-url", &dst.DeviceURL, o.DeviceURL)
	fromFile(c, "client-id", &opts.ClientID, o.ClientID)
	fromFile(c, "grant", &dst.Grant, o.Grant)
	fromFile(c, "client-auth", &dst.ClientAuth, o.ClientAuth)
	fromFile(c, "pkce", &dst.PKCE, o.PKCE)
	fromFile(c, "redirect-uri", &dst.RedirectURI, o.RedirectURI)
	fromFile(c, "redirect-port", &dst.RedirectPort, o.RedirectPort)
	fromFile(c, "jwt-alg", &dst.JWTAlg, o.JWTAlg)
	fromFile(c, "jwt-kid", &dst.JWTKeyID, o.JWTKeyID)
	fromFile(c, "assertion-aud", &dst.AssertionAud, o.AssertionAud)
	fromFile(c, "jwt-header", &dst.JWTHeader, o.JWTHeader)
	fromFile(c, "jwt-payload", &dst.JWTPayload, o.JWTPayload)
	fromFile(c, "scope-delimiter", &dst.ScopeDelimiter, o.ScopeDelimiter)
	fromFile(c, "token-body", &sh.TokenBody, o.TokenBody)
	fromFile(c, "access-token-path", &sh.AccessTokenPath, o.AccessTokenPath)
	fromFile(c, "refresh-token-path", &sh.RefreshTokenPath, o.RefreshTokenPath)
	fromFile(c, "expires-in-path", &sh.ExpiresInPath, o.ExpiresInPath)
	fromFile(c, "refresh-url", &sh.RefreshURL, o.RefreshURL)
	fromFile(c, "refresh-client-auth", &sh.RefreshAuth, o.RefreshAuth)
	fromFileMap(c, "auth-param", &dst.Params, o.AuthParams)
	fromFileMap(c, "token-param", &sh.TokenParams, o.TokenParams)
	fromFileMap(c, "refresh-param", &sh.RefreshParams, o.RefreshParams)
	fromFileMap(c, "revoke-param", &sh.RevokeParams, o.RevokeParams)
	fromFileMap(c, "token-header", &sh.TokenHeaders, o.TokenHeaders)
	fromFileMap(c, "refresh-header", &sh.RefreshHeaders, o.RefreshHeaders)
	fromFileMap(c, "revoke-header", &sh.RevokeHeaders, o.RevokeHeaders)
	fromFileList(c, "scopes", &dst.Scopes, o.Scopes)
	fromFileList(c, "valid-domain", &dst.ValidDomains, o.ValidDomains)
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

// schemeVars are the --var values the provider does not declare, over
// the provider's scheme_vars (which may use its variables: env: ${env}).
func schemeVars(p *catalog.Provider, given, values map[string]string) (map[string]string, error) {
	if p == nil {
		return given, nil
	}
	out := map[string]string{}
	for k, v := range p.SchemeVars {
		x, err := catalog.ExpandURL(v, values)
		if err != nil {
			return nil, err
		}
		out[k] = x
	}
	for k, v := range given {
		if _, ok := p.Vars[k]; !ok {
			out[k] = v
		}
	}
	return out, nil
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

// applyAPI takes the file's api section, flags winning.
func applyAPI(c *cobra.Command, p *catalog.Provider, values map[string]string, dst *oauth.API) error {
	if p.API == nil {
		return nil
	}
	api := *p.API
	if !c.Flags().Changed("verify-url") {
		u, err := catalog.ExpandURL(api.VerifyURL, values)
		if err != nil {
			return err
		}
		dst.VerifyURL = u
	}
	fromFile(c, "api-header", &dst.Header, api.Header)
	fromFile(c, "api-scheme", &dst.Scheme, api.Scheme)
	fromFile(c, "api-query", &dst.Query, api.Query)
	fromFile(c, "auth-error-status", &dst.ErrorStatus, api.ErrorStatus)
	fromFile(c, "auth-error-path", &dst.ErrorPath, api.ErrorPath)
	fromFileList(c, "auth-error-value", &dst.ErrorValues, api.ErrorValues)
	fromFile(c, "identity-path", &dst.IdentityPath, api.IdentityPath)
	dst.Method, dst.Body, dst.ContentType, dst.Basic = api.Method, api.Body, api.ContentType, api.Basic
	if err := expandHeaders(dst, api.Headers, values); err != nil {
		return err
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

// fromFile copies a provider file's value into dst, unless the flag was
// given on the command line (it wins) or the file leaves it empty.
func fromFile[T comparable](c *cobra.Command, flag string, dst *T, v T) {
	var zero T
	if !c.Flags().Changed(flag) && v != zero {
		*dst = v
	}
}

// fromFileList is fromFile for a list.
func fromFileList[E any](c *cobra.Command, flag string, dst *[]E, v []E) {
	if !c.Flags().Changed(flag) && len(v) > 0 {
		*dst = v
	}
}

// fromFileMap is fromFile for name=value settings.
func fromFileMap(c *cobra.Command, flag string, dst *map[string]string, v map[string]string) {
	if !c.Flags().Changed(flag) && len(v) > 0 {
		*dst = v
	}
}

// expandHeaders takes the file's API headers with ${var} filled in.
func expandHeaders(dst *oauth.API, headers, values map[string]string) error {
	if len(headers) == 0 {
		return nil
	}
	dst.Headers = map[string]string{}
	for k, v := range headers {
		x, err := catalog.ExpandURL(v, values)
		if err != nil {
			return err
		}
		dst.Headers[k] = x
	}
	return nil
}

// manifestProvider is the provider a Sesam connector's manifest.json
// describes, named after the connector's folder.
func manifestProvider(path string) (*catalog.Provider, error) {
	m, err := sesam.ReadManifest(path)
	if err != nil {
		return nil, err
	}
	p, err := m.Provider(sesam.ProfileName(path))
	if err != nil {
		return nil, fmt.Errorf("manifest %s: %w", path, err)
	}
	p.Path = path
	return p, nil
}
