package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/connauth/connauth/pkg/sesam"
	"github.com/connauth/connauth/pkg/store"
	"github.com/connauth/connauth/schemes"
)

type pushOptions struct {
	Profile, Node, System, JWTFrom, Manifest string
	Env, DryRun                              bool
}

func newPushCmd(a *app) *cobra.Command {
	opts := &pushOptions{}
	c := &cobra.Command{
		Use:   "push PROFILE --node URL --system ID",
		Short: "Add the profile's injected secrets to a system on a Sesam node",
		Long: `Add the profile's injected secrets to one system on a Sesam node, where the
system reads them with $SECRET(name). connauth POSTs them, which adds and
overwrites only those names: the system's other secrets stay. The node JWT
comes from SESAM_JWT or --jwt-from FILE|-, never from a flag value.

--env also posts the profile's non-secret parameters (token_url, base_url,
account_id) to the node's environment. With --manifest, the connector's
manifest.json decides whether webhook_secret and service_jwt are added, as
the Sesam CLI does. The node and system are remembered, so
'connauth refresh PROFILE --push' can push again.`,
		Example: `  SESAM_JWT=... connauth push hubspot --node https://datahub-abc.sesam.cloud --system hubspot
  connauth push hubspot --node https://datahub-abc.sesam.cloud --system hubspot --dry-run`,
		Args:              exactArgs(1, "one PROFILE"),
		ValidArgsFunction: completeProfiles(a),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Profile = args[0]
			return runPush(c.Context(), a, opts)
		},
	}
	addPushFlags(c, opts)
	c.Flags().BoolVar(&opts.DryRun, "dry-run", false, "print what would be sent (secret values hidden) and send nothing")
	return c
}

func addPushFlags(c *cobra.Command, opts *pushOptions) {
	f := c.Flags()
	f.StringVar(&opts.Node, "node", "", "the Sesam node, e.g. https://datahub-abc.sesam.cloud (default: the last one pushed to)")
	f.StringVar(&opts.System, "system", "", "the system id on the node (default: the last one pushed to)")
	f.StringVar(&opts.JWTFrom, "jwt-from", "", "read the node JWT from FILE, or - for stdin (default: SESAM_JWT)")
	f.BoolVar(&opts.Env, "env", false, "also post token_url, base_url and account_id to the node's environment")
	f.StringVar(&opts.Manifest, "manifest", "", "the connector's manifest.json (use_webhook_secret, requires_service_api_access)")
}

func runPush(ctx context.Context, a *app, opts *pushOptions) error {
	p, secrets, err := freshSecrets(ctx, a, opts.Profile, time.Minute, false)
	if err != nil {
		return err
	}
	return pushProfile(ctx, a, opts, p, secrets)
}

// pushProfile sends a loaded profile's secrets (and env) to the node.
func pushProfile(ctx context.Context, a *app, opts *pushOptions, p *store.Profile, secrets store.Secrets) error {
	target, err := pushTarget(opts, p)
	if err != nil {
		return err
	}
	jwt, err := nodeJWT(a, opts)
	if err != nil {
		return err
	}
	payload, env, err := pushPayload(opts, p, secrets, target, jwt)
	if err != nil {
		return err
	}
	if opts.DryRun {
		printDryRun(a.Out, target, payload, env, opts.Env)
		return nil
	}
	hc, err := a.HTTP()
	if err != nil {
		return usageError{err}
	}
	node := &sesam.Node{URL: target.node, JWT: jwt, HTTP: hc}
	a.secrets.add(jwt)
	if err := node.PostSecrets(ctx, target.system, payload); err != nil {
		return fmt.Errorf("pushing the secrets of %q failed: %w", p.Name, err)
	}
	fmt.Fprintf(a.ErrOut, "Pushed %s to system %q on %s.\n", strings.Join(sortedKeys(payload), ", "), target.system, target.node)
	if opts.Env {
		if err := node.PostEnv(ctx, env); err != nil {
			return fmt.Errorf("the secrets were pushed, but the environment was not: %w", err)
		}
		fmt.Fprintf(a.ErrOut, "Set %s in the node's environment.\n", strings.Join(sortedKeys(env), ", "))
	}
	return rememberTarget(a, p, target)
}

type nodeTarget struct{ node, system string }

func pushTarget(opts *pushOptions, p *store.Profile) (nodeTarget, error) {
	t := nodeTarget{node: firstNonEmpty(opts.Node, p.Settings["push_node"]), system: firstNonEmpty(opts.System, p.Settings["push_system"])}
	if t.node == "" || t.system == "" {
		return t, usageErrorf("push needs --node URL and --system ID (the first time; connauth remembers them)")
	}
	node, err := sesam.APIURL(t.node)
	if err != nil {
		return t, usageError{err}
	}
	t.node = node
	return t, nil
}

// nodeJWT reads the node JWT from --jwt-from or SESAM_JWT.
func nodeJWT(a *app, opts *pushOptions) (string, error) {
	var jwt string
	switch opts.JWTFrom {
	case "":
		jwt = a.Getenv("SESAM_JWT")
	case "-":
		b, err := io.ReadAll(io.LimitReader(a.In, 64<<10))
		if err != nil {
			return "", err
		}
		jwt = string(b)
	default:
		b, err := readPrivateFile(opts.JWTFrom, "--jwt-from")
		if err != nil {
			return "", err
		}
		jwt = b
	}
	jwt = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(jwt), "Bearer "))
	if jwt == "" && !opts.DryRun {
		return "", usageErrorf("no node JWT: set SESAM_JWT, or use --jwt-from FILE (a JWT from the Sesam portal)")
	}
	return jwt, nil
}

// pushPayload is what goes to the node: the scheme's injected secrets the
// profile holds, webhook_secret and service_jwt when the manifest asks,
// and the env parameters.
func pushPayload(opts *pushOptions, p *store.Profile, secrets store.Secrets, t nodeTarget, jwt string) (map[string]string, map[string]string, error) {
	scheme, err := schemes.Lookup(p.Scheme)
	if err != nil {
		return nil, nil, err
	}
	payload := map[string]string{}
	for _, name := range scheme.Injected {
		if v, ok := secrets[name]; ok {
			payload[name] = v
		}
	}
	env := envParams(p)
	webhook, service := p.Settings["use_webhook_secret"] == "true", p.Settings["requires_service_api_access"] == "true"
	if opts.Manifest != "" {
		m, err := sesam.ReadManifest(opts.Manifest)
		if err != nil {
			return nil, nil, usageError{err}
		}
		webhook, service = m.UseWebhookSecret, m.RequiresServiceAPIAccess
		setFlag(p, "use_webhook_secret", webhook)
		setFlag(p, "requires_service_api_access", service)
	}
	if webhook {
		payload["webhook_secret"] = sesam.WebhookSecret(t.node, t.system)
	}
	if service {
		payload["service_jwt"] = jwt
		env["service_url"] = t.node
	}
	return payload, env, nil
}

func printDryRun(w io.Writer, t nodeTarget, payload, env map[string]string, withEnv bool) {
	fmt.Fprintf(w, "POST %s/systems/%s/secrets\n", t.node, t.system)
	names := sortedKeys(payload)
	for _, n := range names {
		fmt.Fprintf(w, "  %s: [redacted, %d bytes]\n", n, len(payload[n]))
	}
	if withEnv {
		fmt.Fprintf(w, "POST %s/env\n", t.node)
		keys := make([]string, 0, len(env))
		for k := range env {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(w, "  %s: %s\n", k, env[k])
		}
	}
}

// setFlag records a manifest flag with the profile (saved after a push).
func setFlag(p *store.Profile, name string, on bool) {
	if p.Settings == nil {
		p.Settings = map[string]string{}
	}
	if on {
		p.Settings[name] = "true"
	} else {
		delete(p.Settings, name)
	}
}

// rememberTarget keeps the node, system and manifest flags for the next
// push.
func rememberTarget(a *app, p *store.Profile, t nodeTarget) error {
	cfg, err := a.config()
	if err != nil {
		return err
	}
	if p.Settings == nil {
		p.Settings = map[string]string{}
	}
	p.Settings["push_node"], p.Settings["push_system"] = t.node, t.system
	return cfg.SaveProfile(p)
}

// envParams are the profile's values for the node's environment:
// token_url, base_url and account_id, and the additional parameters of
// the manifest it logged in from.
func envParams(p *store.Profile) map[string]string {
	names := []string{"token_url", "base_url", "account_id"}
	if list := p.Settings["env_params"]; list != "" {
		names = append(names, strings.Split(list, ",")...)
	}
	env := map[string]string{}
	for _, k := range names {
		if v := p.Settings[k]; v != "" {
			env[k] = v
		}
	}
	if env["account_id"] == "" && p.Settings["ctx"] != "" {
		env["account_id"] = p.Settings["ctx"] // SuperOffice's tenant
	}
	return env
}
