package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/connauth/connauth/pkg/prompt"
	"github.com/connauth/connauth/pkg/store"
)

type clientOptions struct {
	Name, ClientID, Store, SecretsFrom, JWTKeyFile string
	JSON                                           bool
}

func newClientsCmd(a *app) *cobra.Command {
	c := &cobra.Command{
		Use:   "clients",
		Short: "Client registrations shared by several profiles",
		Long: `A client registration (its id, and its secret or private key) stored once
and used by any number of profiles: connauth login PROVIDER --client NAME.
Its secret is never shown again; 'clients set-secret' replaces it for every
profile that uses the client.`,
	}
	c.AddCommand(newClientsAddCmd(a), newClientsSetSecretCmd(a), newClientsListCmd(a), newClientsRemoveCmd(a))
	return c
}

func newClientsAddCmd(a *app) *cobra.Command {
	opts := &clientOptions{}
	c := &cobra.Command{
		Use:   "add NAME --client-id ID",
		Short: "Store a client's id and its secret or private key",
		Example: `  CONNAUTH_CLIENT_SECRET=... connauth clients add acme-prod --client-id 0oa1b2c3
  connauth clients add acme-jwt --client-id svc --jwt-key-file key.pem`,
		Args: exactArgs(1, "one client NAME"),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			if opts.ClientID == "" {
				return usageErrorf("clients add needs --client-id")
			}
			return saveClient(c.Context(), a, opts, true)
		},
	}
	c.Flags().StringVar(&opts.ClientID, "client-id", "", "the client id (not secret)")
	addClientSecretFlags(c, opts)
	return c
}

func newClientsSetSecretCmd(a *app) *cobra.Command {
	opts := &clientOptions{}
	c := &cobra.Command{
		Use:   "set-secret NAME",
		Short: "Replace a client's secret or key, for every profile that uses it",
		Args:  exactArgs(1, "one client NAME"),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			return saveClient(c.Context(), a, opts, false)
		},
	}
	addClientSecretFlags(c, opts)
	return c
}

func addClientSecretFlags(c *cobra.Command, opts *clientOptions) {
	f := c.Flags()
	f.StringVar(&opts.Store, "store", "", "where to keep the secret: keyring or file (default: keyring if it answers, else file)")
	f.StringVar(&opts.SecretsFrom, "secrets-from", "", "read client_secret (and client_key) from FILE, or - for stdin")
	f.StringVar(&opts.JWTKeyFile, "jwt-key-file", "", "a PEM private key for private_key_jwt (or CONNAUTH_CLIENT_KEY)")
}

// saveClient stores a new client, or new secrets for an existing one and
// for every profile that uses it.
func saveClient(ctx context.Context, a *app, opts *clientOptions, isNew bool) error {
	if err := store.ValidateName(opts.Name); err != nil {
		return usageError{err}
	}
	cfg, err := a.config()
	if err != nil {
		return err
	}
	cl, err := cfg.LoadClient(opts.Name)
	switch {
	case isNew && err == nil:
		return usageErrorf("client %q exists; change its secret with: connauth clients set-secret %s", opts.Name, opts.Name)
	case isNew:
		cl = &store.Client{Name: opts.Name, ClientID: opts.ClientID}
	case err != nil:
		return err
	}
	secrets, err := clientSecretInputs(a, opts)
	if err != nil {
		return err
	}
	st, note, err := cfg.Open(firstNonEmpty(opts.Store, cl.Store), cl.SecretsFile, cl.SecretsKey(), a.Keyring, a.keyringTimeout())
	if err != nil {
		return err
	}
	if note != "" {
		fmt.Fprintln(a.ErrOut, note)
	}
	if err := st.Set(cl.SecretsKey(), secrets); err != nil {
		return fmt.Errorf("storing the client's secrets failed; nothing changed: %w", err)
	}
	cl.Store, cl.SecretNames, cl.UpdatedAt = st.Kind(), sortedKeys(secrets), a.Now().UTC()
	if fs, ok := st.(*store.FileStore); ok {
		cl.SecretsFile = fs.Path()
	}
	if err := cfg.SaveClient(cl); err != nil {
		return err
	}
	updated, err := updateClientProfiles(ctx, a, cfg, cl.Name, secrets)
	fmt.Fprintf(a.ErrOut, "Client %q stored (%s) in %s.\n", cl.Name, strings.Join(cl.SecretNames, ", "), storeDescription(cl.AsProfile()))
	if len(updated) > 0 {
		fmt.Fprintf(a.ErrOut, "Updated the profiles that use it: %s.\n", strings.Join(updated, ", "))
	}
	return err
}

// clientSecretInputs resolves client_secret and client_key like a login.
func clientSecretInputs(a *app, opts *clientOptions) (store.Secrets, error) {
	fromFile, err := secretFiles(a, opts.SecretsFrom, map[string]string{"client_key": opts.JWTKeyFile})
	if err != nil {
		return nil, err
	}
	fields := []prompt.Field{
		{Name: "client_secret", Description: "The client secret (leave empty when the client signs with a key)", Secret: true, Optional: true},
		{Name: "client_key", Description: "A PEM private key for private_key_jwt (leave empty for a secret)", Secret: true, Optional: true},
	}
	src := prompt.Sources{File: fromFile, Getenv: a.Getenv}
	if opts.SecretsFrom != "-" && a.IsTerminal() {
		src.Ask = prompt.Terminal{In: a.In, Out: a.ErrOut, Title: "Client " + opts.Name}.Ask
	}
	values, err := prompt.Resolve(fields, src)
	if err != nil {
		return nil, err
	}
	out := store.Secrets{}
	for _, f := range fields {
		if v := values[f.Name]; v != "" {
			out[f.Name] = v
			a.secrets.add(v)
		}
	}
	if len(out) == 0 {
		return nil, usageErrorf("no client secret or key given: set CONNAUTH_CLIENT_SECRET (or CONNAUTH_CLIENT_KEY, --jwt-key-file)")
	}
	return out, nil
}

// updateClientProfiles writes the client's new secrets into each profile
// that uses it, under that profile's lock.
func updateClientProfiles(ctx context.Context, a *app, cfg store.Config, client string, secrets store.Secrets) ([]string, error) {
	profiles, err := cfg.ListProfiles()
	if err != nil {
		return nil, err
	}
	var updated []string
	for _, p := range profiles {
		if p.Settings["client"] != client {
			continue
		}
		if err := updateProfileClient(ctx, a, cfg, p.Name, secrets); err != nil {
			return updated, fmt.Errorf("updating profile %q: %w", p.Name, err)
		}
		updated = append(updated, p.Name)
	}
	return updated, nil
}

func updateProfileClient(ctx context.Context, a *app, cfg store.Config, name string, secrets store.Secrets) error {
	unlock, err := cfg.Lock(ctx, name)
	if err != nil {
		return err
	}
	defer unlock()
	p, current, err := loadSecrets(a, name)
	if err != nil {
		return err
	}
	for in, out := range map[string]string{"client_secret": "oauth_client_secret", "client_key": "oauth_client_key"} {
		if v, ok := secrets[in]; ok {
			current[out] = v
		}
	}
	if err := cfg.StoreFor(p, a.Keyring, a.keyringTimeout()).Set(name, current); err != nil {
		return err
	}
	p.SecretNames = sortedKeys(current)
	return cfg.SaveProfile(p)
}

func newClientsListCmd(a *app) *cobra.Command {
	opts := &clientOptions{}
	c := &cobra.Command{
		Use:   "list",
		Short: "List the client registrations (never their secrets)",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			clients, err := cfg.ListClients()
			if err != nil {
				return err
			}
			if opts.JSON {
				return writeJSON(a.Out, clients)
			}
			tw := tabwriter.NewWriter(a.Out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "CLIENT\tCLIENT ID\tSECRETS\tSTORE")
			for _, cl := range clients {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", cl.Name, cl.ClientID, strings.Join(cl.SecretNames, ","), cl.Store)
			}
			return tw.Flush()
		},
	}
	c.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return c
}

func newClientsRemoveCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "remove NAME",
		Short: "Remove a client registration (profiles keep their own copy)",
		Args:  exactArgs(1, "one client NAME"),
		RunE: func(_ *cobra.Command, args []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			cl, err := cfg.LoadClient(args[0])
			if err != nil {
				return err
			}
			if err := cfg.StoreFor(cl.AsProfile(), a.Keyring, a.keyringTimeout()).Delete(cl.SecretsKey()); err != nil && !isNotFound(err) {
				return err
			}
			if err := cfg.DeleteClient(cl.Name); err != nil {
				return err
			}
			fmt.Fprintf(a.ErrOut, "Removed client %q.\n", cl.Name)
			return nil
		},
	}
}
