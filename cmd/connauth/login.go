package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/connauth/connauth/pkg/catalog"
	"github.com/connauth/connauth/pkg/loopback"
	"github.com/connauth/connauth/pkg/oauth"
	"github.com/connauth/connauth/pkg/prompt"
	"github.com/connauth/connauth/pkg/store"
	"github.com/connauth/connauth/schemes"
)

type loginOptions struct {
	Provider    string
	Profile     string
	ClientID    string
	Vars        map[string]string
	SecretsFrom string
	Store       string
	SecretsFile string
	Verify      bool
	Accessible  bool
	NoBrowser   bool
	Client      string
	preset      map[string]string // secret inputs from a --client registration
	API         oauth.API
	Username    string
	JWTKeyFile  string
	// PrivateKeyFile holds SuperOffice's application key.
	PrivateKeyFile string
	OAuth          schemes.OAuthOptions
	provider       *providerLogin // set by a provider file or catalog entry
}

func newLoginCmd(a *app) *cobra.Command {
	opts := &loginOptions{}
	c := &cobra.Command{
		Use:   "login PROVIDER",
		Short: "Log in and store the injected secrets",
		Long: `Log in with a provider's auth scheme and store the secrets it injects.

PROVIDER is a built-in provider (hubspot, zohocrm, superoffice, ...; see
'connauth providers'), a scheme name (oauth2, api_key, tripletex, ...; see
'connauth schemes'), the path of a provider file (YAML or JSON) or the name
of one in <config>/providers/, or a Sesam connector's folder or its
manifest.json.

oauth2 runs the authorization code flow with PKCE in your browser: connauth
listens on 127.0.0.1 for the redirect, opens the browser (the command in
$BROWSER, else the system's), and always prints the URL too. --issuer finds
the endpoints through discovery; --auth-url and --token-url name them
instead. Over SSH, --no-browser lets you paste the address the browser was
sent to.

Secret inputs never come from flags: connauth prompts for them (masked) on a
terminal, or reads them from CONNAUTH_<NAME> environment variables
(CONNAUTH_API_KEY, CONNAUTH_CONSUMER_TOKEN, ...) or from --secrets-from, a
file (or - for stdin) holding a JSON object or name=value lines. Without a
terminal connauth never prompts: it exits 2 naming each missing input.

Secrets go to the OS keyring when one answers, else to a 0600 file under the
config directory; --store and --secrets-file choose.`,
		Example: `  # a built-in provider: its URLs, scopes and quirks are known
  connauth login hubspot --client-id my-app
  connauth login zohocrm --var dc=eu --client-id 1000.ABC

  # a Sesam connector: the scheme and URLs come from its manifest.json
  connauth login ./hubspot-connector --client-id my-app

  # SuperOffice: OIDC, then a system-user ticket signed with the app's key
  connauth login superoffice --var env=sod --client-id my-app --private-key-file app-key.xml

  # OAuth 2.0 in the browser; the endpoints come from the issuer's metadata
  connauth login oauth2 --profile acme --issuer https://login.acme.example --client-id my-cli --scopes "openid offline_access"

  # a provider file (see the README for its format); its flags can be overridden
  connauth login ./acme.yaml --var tenant=us

  # a CI job's own token; a client secret from the environment
  CONNAUTH_CLIENT_SECRET=... connauth login oauth2 --profile ci --grant client_credentials --issuer https://login.acme.example --client-id ci-bot

  # a machine without a browser: approve on another device
  connauth login oauth2 --profile box --grant device_code --issuer https://login.acme.example --client-id my-cli

  # a legacy server: the password is prompted for, or CONNAUTH_PASSWORD
  connauth login oauth2 --profile old --grant password --issuer https://legacy.example --client-id app --username alice

  # private_key_jwt with an EC key; client_secret_jwt signs with the secret instead
  connauth login oauth2 --profile svc --grant client_credentials --issuer https://login.acme.example --client-id svc --client-auth private_key_jwt --jwt-key-file key.pem --jwt-kid k1

  # a server with its own dialect: comma scopes, a header, its own form, data.access_token
  connauth login oauth2 --profile odd --auth-url https://odd.example/authorize --token-url https://odd.example/oauth/token --client-id app --client-auth body --scopes a,b --scope-delimiter , --token-header X-Api-Version=2 --token-body '{"appKey":"{{client_id}}","appSecret":"{{client_secret}}","authCode":"{{code}}"}' --access-token-path data.access_token --refresh-url https://odd.example/oauth/renew

  # how the API takes the token, for 'connauth verify'
  connauth login oauth2 --profile acme --issuer https://login.acme.example --client-id my-cli --verify-url https://api.acme.example/v1/me --identity-path email

  # a client registration shared by several profiles ('connauth clients add')
  connauth login oauth2 --profile acme-eu --issuer https://login.acme.example/eu --client acme-prod

  # only ever send credentials to acme.example hosts
  connauth login oauth2 --issuer https://login.acme.example --client-id my-cli --valid-domain acme.example

  # prompt for the key on a terminal
  connauth login api_key --profile demo

  # in a script: no terminal, the key from the environment
  CONNAUTH_API_KEY=... connauth login api_key --profile demo

  # Tripletex test environment, checked against the API, tokens from a file
  connauth login tripletex --var env=test --verify --secrets-from tokens.json

  # keep the secrets in a file that 'sesam put-secrets' reads
  connauth login api_key --profile shop --secrets-file ./shop-secrets.json`,
		Args: maxArgs(1, "one PROVIDER (a scheme name such as oauth2 or api_key, or a provider file); without it connauth asks on a terminal"),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			names := append(schemes.Names(), userProviders(a)...)
			return append(names, catalog.BuiltinNames()...), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Accessible = opts.Accessible || a.Getenv("ACCESSIBLE") != ""
			if len(args) == 0 {
				picked, err := pickProvider(a, opts)
				if err != nil {
					return err
				}
				args = []string{picked}
			}
			opts.Provider = args[0]
			return runLogin(c, a, opts)
		},
	}
	f := c.Flags()
	f.StringVar(&opts.Profile, "profile", "", "name to store the login under (default: the provider's name)")
	f.StringVar(&opts.ClientID, "client-id", "", "OAuth client id (not secret)")
	f.StringVar(&opts.Client, "client", "", "use a client registration from 'connauth clients add' (its id and secret or key)")
	f.StringToStringVar(&opts.Vars, "var", nil, "set a provider variable, name=value (repeatable)")
	f.StringVar(&opts.SecretsFrom, "secrets-from", "", "read secret inputs from FILE, or - for stdin (JSON object or name=value lines)")
	f.StringVar(&opts.Store, "store", "", "where to keep the secrets: keyring or file (default: keyring if it answers, else file)")
	f.StringVar(&opts.SecretsFile, "secrets-file", "", "keep the secrets in this file: .json (flat object) or .env (dotenv)")
	f.BoolVar(&opts.Verify, "verify", false, "check the credentials against the provider's API before storing them")
	f.BoolVar(&opts.Accessible, "accessible", false, "plain prompts for screen readers (also ACCESSIBLE=1)")
	addOAuthFlags(c, opts)
	addAPIFlags(c, &opts.API)
	return c
}

// addAPIFlags say how the provider's API takes the token, for verify.
func addAPIFlags(c *cobra.Command, api *oauth.API) {
	f := c.Flags()
	f.StringVar(&api.VerifyURL, "verify-url", "", "API: a URL 'connauth verify' calls with the token (a who-am-I endpoint)")
	f.StringVar(&api.Header, "api-header", "", "API: the header that carries the token (default Authorization)")
	f.StringVar(&api.Scheme, "api-scheme", "", `API: the scheme before the token in that header (default "Bearer" for Authorization)`)
	f.StringVar(&api.Query, "api-query", "", "API: send the token as this query parameter instead of a header")
	f.IntVar(&api.ErrorStatus, "auth-error-status", 0, "API: the status of an auth error (default 401)")
	f.StringVar(&api.ErrorPath, "auth-error-path", "", "API: dotted JSON path that must hold one of --auth-error-value for an auth error")
	f.StringSliceVar(&api.ErrorValues, "auth-error-value", nil, "API: a value at --auth-error-path that means an auth error (repeatable)")
	f.StringVar(&api.IdentityPath, "identity-path", "", "API: dotted JSON path of the user's name in the verify response")
}

func addOAuthFlags(c *cobra.Command, opts *loginOptions) {
	f := c.Flags()
	o := &opts.OAuth
	f.StringVar(&o.Issuer, "issuer", "", "OAuth: the authorization server's issuer URL; its endpoints come from discovery")
	f.StringVar(&o.AuthURL, "auth-url", "", "OAuth: authorization endpoint (without --issuer, or to override it)")
	f.StringVar(&o.TokenURL, "token-url", "", "OAuth: token endpoint (without --issuer, or to override it)")
	f.StringVar(&o.RevokeURL, "revoke-url", "", "OAuth: revocation endpoint (RFC 7009), used by logout")
	f.StringSliceVar(&o.Scopes, "scopes", nil, `OAuth: scopes to request, space- or comma-separated ("openid offline_access")`)
	f.StringVar(&o.ClientAuth, "client-auth", "", "OAuth: client authentication: basic, body, private_key_jwt or client_secret_jwt (default: from the server's metadata)")
	f.StringVar(&opts.JWTKeyFile, "jwt-key-file", "", "OAuth private_key_jwt: PEM private key file (or CONNAUTH_CLIENT_KEY)")
	f.StringVar(&opts.PrivateKeyFile, "private-key-file", "", "SuperOffice: the application's RSA key file, PEM or .NET XML (or CONNAUTH_PRIVATE_KEY)")
	f.StringVar(&o.JWTAlg, "jwt-alg", "", "OAuth JWT client auth: RS256, PS256, ES256, EdDSA, HS256, HS384 or HS512 (default: from the key)")
	f.StringVar(&o.JWTKeyID, "jwt-kid", "", "OAuth private_key_jwt: key id for the assertion's header")
	f.StringVar(&o.AssertionAud, "assertion-aud", "", "OAuth JWT client auth: the assertion's audience (default: the issuer, else the token URL)")
	f.StringVar(&o.JWTHeader, "jwt-header", "", `OAuth JWT client auth: header template, JSON ({"kid":"k1"}); alg comes from --jwt-alg`)
	f.StringVar(&o.JWTPayload, "jwt-payload", "", `OAuth JWT client auth: payload template, JSON with {{client_id}}, {{audience}}, {{iat}}, {{exp}}, {{jti}}`)
	f.StringVar(&o.RedirectHost, "redirect-host", "127.0.0.1", "OAuth: loopback address to listen on for the redirect: 127.0.0.1 or ::1")
	f.IntVar(&o.RedirectPort, "redirect-port", 0, "OAuth: port for the redirect listener (default: a random free port)")
	f.StringVar(&o.RedirectURI, "redirect-uri", "", "OAuth: the exact redirect URI registered with the provider, e.g. http://localhost:8085/callback")
	f.DurationVar(&o.Timeout, "timeout", 5*time.Minute, "OAuth: how long to wait for the browser")
	f.BoolVar(&opts.NoBrowser, "no-browser", false, "OAuth: do not open a browser; print the URL and accept the redirect URL pasted on stdin")
	f.StringVar(&o.PKCE, "pkce", "S256", "OAuth: PKCE method: S256, plain (for servers that know no better) or off")
	f.StringSliceVar(&o.ValidDomains, "valid-domain", nil, "OAuth: only send credentials to this domain and its subdomains (repeatable)")
	addShapeFlags(c, o)
	f.StringToStringVar(&o.Params, "auth-param", nil, "OAuth: extra authorization request parameter, name=value (repeatable)")
	f.StringVar(&o.Grant, "grant", oauth.GrantAuthCode, "OAuth: grant type: "+strings.Join(oauth.Grants, ", "))
	f.StringVar(&opts.Username, "username", "", "OAuth password grant: the user name (the password is prompted for, or CONNAUTH_PASSWORD)")
	f.StringVar(&o.DeviceURL, "device-url", "", "OAuth device grant: device authorization endpoint (without --issuer, or to override it)")
	_ = c.RegisterFlagCompletionFunc("grant", cobra.FixedCompletions(oauth.Grants, cobra.ShellCompDirectiveNoFileComp))
}

func runLogin(c *cobra.Command, a *app, opts *loginOptions) error {
	scheme, provider, err := loginTarget(a, opts.Provider)
	if err != nil {
		return err
	}
	if err := checkStoreFlags(opts); err != nil {
		return err
	}
	name, providerName := opts.Profile, scheme.Name
	if provider != nil {
		providerName = provider.Name
		if provider.Path != "" && catalog.IsPath(opts.Provider) {
			providerName, _ = filepath.Abs(provider.Path)
		}
		if err := askVars(a, provider, opts); err != nil {
			return err
		}
		if err := applyProvider(c, provider, opts); err != nil {
			return err
		}
		if provider.Notes != "" {
			fmt.Fprintf(a.ErrOut, "Note (%s): %s\n", provider.Name, provider.Notes)
		}
		advice, err := opts.provider.redirectAdvice(opts.OAuth)
		if err != nil {
			return err
		}
		if advice != "" {
			fmt.Fprintln(a.ErrOut, advice)
		}
	}
	if name == "" {
		name = scheme.Name
		if provider != nil {
			name = provider.Name
		}
	}
	if err := store.ValidateName(name); err != nil {
		return usageError{err}
	}
	if store.IsClientKey(name) {
		return usageErrorf("profile names starting with _client. are kept for client registrations; choose another --profile")
	}
	var providerValues map[string]string
	if opts.provider != nil {
		providerValues = opts.provider.vars
	}
	given, err := schemeVars(provider, opts.Vars, providerValues)
	if err != nil {
		return usageError{err}
	}
	vars, err := scheme.VarValues(given)
	if err != nil {
		return usageError{err}
	}
	if err := useClient(a, opts); err != nil {
		return err
	}
	if scheme.Name == "oauth2" && provider == nil {
		if err := guideOAuth(a, opts); err != nil {
			return err
		}
	}
	inputs, err := gatherInputs(a, scheme, opts)
	if err != nil {
		return err
	}
	req, err := loginRequest(a, opts, inputs, vars)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(c.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := scheme.Login(ctx, req)
	if err != nil {
		return fmt.Errorf("login failed, nothing was stored: %w", err)
	}
	if err := addProviderResults(ctx, a, opts, scheme, inputs, res); err != nil {
		return err
	}
	p := &store.Profile{
		Name: name, Provider: providerName, Scheme: scheme.Name,
		Settings: res.Settings, Expiry: res.Expiry, Scopes: res.Scopes, Claims: res.Claims,
	}
	if err := keepAPI(p, opts.API); err != nil {
		return err
	}
	if opts.Client != "" {
		p.Settings["client"] = opts.Client
	}
	return saveLogin(c, a, opts, p, res.Secrets)
}

// addProviderResults adds what a provider brings to a login's result: its
// extra secrets, its variables' values, and what the API says about the
// account (captured, or checked under --verify).
func addProviderResults(ctx context.Context, a *app, opts *loginOptions, scheme *schemes.Scheme, inputs map[string]string, res *schemes.LoginResult) error {
	if res.Settings == nil {
		res.Settings = map[string]string{}
	}
	if pl := opts.provider; pl != nil {
		addSettings(res.Secrets, pl.extraSecrets(inputs))
		addSettings(res.Settings, pl.vars)
		addSettings(res.Settings, pl.settings)
	}
	if scheme.Name == "tripletex" {
		return nil // its login checks the tokens itself (--verify)
	}
	values := apiValues(res.Settings, res.Secrets, res.Secrets[scheme.Primary])
	got, err := checkAPI(ctx, a, opts, values)
	addSettings(res.Settings, got)
	return err
}

func loginRequest(a *app, opts *loginOptions, inputs, vars map[string]string) (schemes.LoginRequest, error) {
	hc, err := a.HTTP()
	if err != nil {
		return schemes.LoginRequest{}, usageError{err}
	}
	o := opts.OAuth
	o.Scopes = splitScopes(o.Scopes)
	req := schemes.LoginRequest{
		Inputs: inputs, Vars: vars, Verify: opts.Verify,
		HTTP: hc, Now: a.Now(), Status: a.ErrOut, OAuth: o, Terminal: a.IsTerminal(),
		Plain: a.Getenv("NO_COLOR") != "",
	}
	if opts.NoBrowser || loopback.PasteOnly(o.RedirectURI) {
		if opts.SecretsFrom != "-" {
			req.Paste = a.In
		}
	}
	if !opts.NoBrowser {
		req.OpenBrowser = a.OpenBrowser
	}
	return req, nil
}

// splitScopes accepts --scopes "a b" as well as --scopes a,b.
func splitScopes(in []string) []string {
	var out []string
	for _, s := range in {
		out = append(out, strings.Fields(s)...)
	}
	return out
}

func checkStoreFlags(opts *loginOptions) error {
	switch opts.Store {
	case "", "keyring", "file":
	default:
		return usageErrorf("--store %q: choose keyring or file", opts.Store)
	}
	if opts.Store == "keyring" && opts.SecretsFile != "" {
		return usageErrorf("--store keyring and --secrets-file contradict each other: a secrets file is the file store")
	}
	if opts.SecretsFile != "" {
		if _, err := store.FormatForPath(opts.SecretsFile); err != nil {
			return usageError{err}
		}
	}
	return nil
}

// gatherInputs resolves the scheme's inputs from flags, --secrets-from,
// the environment and, on a terminal, a prompt.
func gatherInputs(a *app, scheme *schemes.Scheme, opts *loginOptions) (map[string]string, error) {
	fromFile, err := secretFiles(a, opts.SecretsFrom, map[string]string{"client_key": opts.JWTKeyFile, "private_key": opts.PrivateKeyFile})
	if err != nil {
		return nil, err
	}
	for k, v := range opts.preset {
		if _, given := fromFile[k]; !given {
			fromFile[k] = v
		}
	}
	inputs := scheme.InputsFor(opts.OAuth.Grant, opts.OAuth.ClientAuth)
	if opts.provider != nil {
		for _, in := range opts.provider.inputs {
			inputs = append(inputs, schemes.Input{Name: in.Name, Description: in.Description, Secret: true})
		}
	}
	fields := make([]prompt.Field, len(inputs))
	for i, in := range inputs {
		fields[i] = prompt.Field{Name: in.Name, Description: in.Description, Secret: in.Secret, Optional: in.Optional, Flag: in.Flag}
	}
	flags := map[string]string{}
	if opts.ClientID != "" {
		flags["client_id"] = opts.ClientID
	}
	if opts.Username != "" {
		flags["username"] = opts.Username
	}
	src := prompt.Sources{Flags: flags, File: fromFile, Getenv: a.Getenv}
	if opts.SecretsFrom != "-" && a.IsTerminal() {
		src.Ask = prompt.Terminal{
			In: a.In, Out: a.ErrOut, Accessible: opts.Accessible,
			Title: "Log in with " + scheme.Name + ": " + scheme.Description,
		}.Ask
	}
	values, err := prompt.Resolve(fields, src)
	if err != nil {
		return nil, err
	}
	for _, f := range fields {
		if f.Secret {
			a.secrets.add(values[f.Name])
			// Not for child processes (the browser): a secret given in the
			// environment stays with connauth.
			a.Unsetenv(f.EnvName())
		}
	}
	return values, nil
}

// readPrivateFile reads a file that holds a secret, refusing one that
// others can read.
func readPrivateFile(path, flag string) (string, error) {
	if err := store.CheckPrivate(path); err != nil {
		return "", usageError{err}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", usageErrorf("%s: %v", flag, err)
	}
	return string(data), nil
}

// secretFiles reads the secret inputs given as files: --secrets-from, and
// keyFiles (input name → file, such as --jwt-key-file as client_key). The
// map is never nil.
func secretFiles(a *app, secretsFrom string, keyFiles map[string]string) (map[string]string, error) {
	fromFile, err := readSecretsFrom(a, secretsFrom)
	if err != nil {
		return nil, err
	}
	if fromFile == nil {
		fromFile = map[string]string{}
	}
	for input, path := range keyFiles {
		if path == "" {
			continue
		}
		key, err := readPrivateFile(path, "--"+strings.ReplaceAll(input, "_", "-")+"-file")
		if err != nil {
			return nil, err
		}
		fromFile[input] = key
	}
	return fromFile, nil
}

func readSecretsFrom(a *app, from string) (map[string]string, error) {
	if from == "" {
		return nil, nil
	}
	var data []byte
	var err error
	if from == "-" {
		data, err = io.ReadAll(io.LimitReader(a.In, 1<<20))
	} else {
		if err = store.CheckPrivate(from); err != nil {
			return nil, usageError{err}
		}
		data, err = os.ReadFile(from)
	}
	if err != nil {
		return nil, usageErrorf("--secrets-from: %v", err)
	}
	s, err := store.ParseSecretsAuto(data)
	if err != nil {
		return nil, usageErrorf("--secrets-from %s: %v", from, err)
	}
	return s, nil
}

// saveLogin stores the new secrets, then the profile; what was stored
// before stays in place until the new secrets are complete.
func saveLogin(c *cobra.Command, a *app, opts *loginOptions, p *store.Profile, secrets store.Secrets) error {
	cfg, err := a.config()
	if err != nil {
		return err
	}
	unlock, err := cfg.Lock(c.Context(), p.Name)
	if err != nil {
		return err
	}
	defer unlock()
	old, err := cfg.LoadProfile(p.Name)
	if err != nil && !isNotFound(err) {
		return err
	}
	st, note, err := cfg.Open(opts.Store, opts.SecretsFile, p.Name, a.Keyring, a.keyringTimeout())
	if err != nil {
		return err
	}
	if note != "" {
		fmt.Fprintln(a.ErrOut, note)
	}
	if err := st.Set(p.Name, secrets); err != nil {
		return fmt.Errorf("storing the secrets failed; the previous login, if any, is unchanged: %w", err)
	}
	fillProfile(a, p, old, st, secrets)
	if err := cfg.SaveProfile(p); err != nil {
		return err
	}
	removeOldSecrets(a, cfg, old, p)
	fmt.Fprintf(a.ErrOut, "Logged in: profile %q stored %s in %s.\n",
		p.Name, strings.Join(p.SecretNames, ", "), storeDescription(p))
	return nil
}

func fillProfile(a *app, p, old *store.Profile, st store.SecretStore, secrets store.Secrets) {
	now := a.Now().UTC()
	p.Store = st.Kind()
	if fs, ok := st.(*store.FileStore); ok {
		p.SecretsFile = fs.Path()
	}
	p.SecretNames = sortedKeys(secrets)
	p.CreatedAt, p.UpdatedAt = now, now
	if old != nil {
		p.CreatedAt = old.CreatedAt
	}
}

// removeOldSecrets deletes the previous login's secrets when they lived in
// another store than the new ones.
func removeOldSecrets(a *app, cfg store.Config, old, p *store.Profile) {
	if old == nil || (old.Store == p.Store && old.SecretsFile == p.SecretsFile) {
		return
	}
	if err := cfg.StoreFor(old, a.Keyring, a.keyringTimeout()).Delete(old.Name); err != nil {
		fmt.Fprintf(a.ErrOut, "warning: could not remove the previous secrets from %s: %v\n", storeDescription(old), err)
	}
}

func storeDescription(p *store.Profile) string {
	if p.Store == "file" {
		return "file " + p.SecretsFile
	}
	return "the OS keyring"
}

// addShapeFlags are the settings for servers that do not speak standard
// OAuth on the wire.
func addShapeFlags(c *cobra.Command, o *schemes.OAuthOptions) {
	f, sh := c.Flags(), &o.Shape
	f.StringToStringVar(&sh.TokenParams, "token-param", nil, "OAuth: extra token request form parameter, name=value (repeatable)")
	f.StringToStringVar(&sh.RefreshParams, "refresh-param", nil, "OAuth: extra refresh request form parameter, name=value (repeatable)")
	f.StringToStringVar(&sh.RevokeParams, "revoke-param", nil, "OAuth: extra revocation request form parameter, name=value (repeatable)")
	f.StringToStringVar(&sh.TokenHeaders, "token-header", nil, "OAuth: extra token request header, Name=value (repeatable)")
	f.StringToStringVar(&sh.RefreshHeaders, "refresh-header", nil, "OAuth: extra refresh request header, Name=value (repeatable)")
	f.StringToStringVar(&sh.RevokeHeaders, "revoke-header", nil, "OAuth: extra revocation request header, Name=value (repeatable)")
	f.StringVar(&sh.TokenBody, "token-body", "", `OAuth: token request body template, a JSON object with {{client_id}}, {{code}}, ... sent form-urlencoded`)
	f.StringVar(&sh.AccessTokenPath, "access-token-path", "", "OAuth: dotted JSON path of the access token in the token response (e.g. data.access_token)")
	f.StringVar(&sh.RefreshTokenPath, "refresh-token-path", "", "OAuth: dotted JSON path of the refresh token in the token response")
	f.StringVar(&sh.ExpiresInPath, "expires-in-path", "", "OAuth: dotted JSON path of expires_in in the token response")
	f.StringVar(&sh.RefreshURL, "refresh-url", "", "OAuth: send refresh requests here instead of the token URL")
	f.StringVar(&sh.RefreshAuth, "refresh-client-auth", "", "OAuth: basic sends the client credentials of refresh requests in HTTP Basic (Keap)")
	f.StringVar(&o.ScopeDelimiter, "scope-delimiter", "", `OAuth: how scopes are joined (default " ")`)
}

// keepAPI stores the API settings with the profile, when there are any.
func keepAPI(p *store.Profile, api oauth.API) error {
	if b, _ := json.Marshal(api); string(b) == "{}" {
		return nil
	}
	if api.VerifyURL != "" {
		if err := checkAPIURL(api.VerifyURL, p.Settings); err != nil {
			return usageErrorf("--verify-url: %v", err)
		}
	}
	b, err := json.Marshal(api)
	if err != nil {
		return err
	}
	if p.Settings == nil {
		p.Settings = map[string]string{}
	}
	p.Settings["api"] = string(b)
	return nil
}

// useClient takes the client id and secret inputs from a registration.
func useClient(a *app, opts *loginOptions) error {
	if opts.Client == "" {
		return nil
	}
	cfg, err := a.config()
	if err != nil {
		return err
	}
	cl, err := cfg.LoadClient(opts.Client)
	if err != nil {
		return usageError{err}
	}
	if opts.ClientID == "" {
		opts.ClientID = cl.ClientID
	}
	secrets, err := cfg.StoreFor(cl.AsProfile(), a.Keyring, a.keyringTimeout()).Get(cl.SecretsKey())
	if err != nil {
		return fmt.Errorf("reading client %q's secrets from %s: %w", cl.Name, storeDescription(cl.AsProfile()), err)
	}
	a.secrets.add(secretValues(secrets)...)
	opts.preset = secrets
	if _, ok := secrets["client_key"]; ok && opts.OAuth.ClientAuth == "" {
		opts.OAuth.ClientAuth = oauth.AuthPrivateKeyJWT
	}
	return nil
}
