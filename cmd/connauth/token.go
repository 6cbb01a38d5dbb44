package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/connauth/connauth/pkg/store"
	"github.com/connauth/connauth/schemes"
	"github.com/spf13/cobra"
)

type tokenOptions struct {
	Profile  string
	Secret   string
	Format   string
	MinValid time.Duration
}

func newTokenCmd(a *app) *cobra.Command {
	opts := &tokenOptions{}
	c := &cobra.Command{
		Use:   "token PROFILE",
		Short: "Print the profile's token (or another injected secret) on stdout",
		Long: `Print the profile's primary secret and nothing else on stdout: the access
token of an OAuth or JWT profile, the key of an API-key profile.
--secret prints any other injected secret by its exact name.

An access token that expires within --min-valid is refreshed first, under a
lock, so that any number of parallel jobs share one refresh.`,
		Example: `  curl -H "Authorization: Bearer $(connauth token hubspot)" https://api.hubapi.com/...
  connauth token tripletex --secret employee_token`,
		Args:              exactArgs(1, "one PROFILE"),
		ValidArgsFunction: completeProfiles(a),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Profile = args[0]
			return runToken(c, a, opts)
		},
	}
	c.Flags().StringVar(&opts.Secret, "secret", "", "print this injected secret instead of the token (e.g. oauth_refresh_token)")
	c.Flags().DurationVar(&opts.MinValid, "min-valid", time.Minute, "refresh first when the token expires within this time")
	c.Flags().StringVar(&opts.Format, "format", "raw", "raw, or basic: base64 of \"0:TOKEN\" for a Tripletex Authorization: Basic header")
	return c
}

func runToken(c *cobra.Command, a *app, opts *tokenOptions) error {
	if opts.Format != "raw" && opts.Format != "basic" {
		return usageErrorf("--format %q: choose raw or basic", opts.Format)
	}
	load := func() (*store.Profile, store.Secrets, error) {
		return freshPrimary(c.Context(), a, opts.Profile, opts.MinValid)
	}
	if opts.Secret != "" && opts.Format == "raw" {
		// another named secret: renewed when it is a renewable one that is
		// due (SuperOffice's so_ticket); otherwise no network
		load = func() (*store.Profile, store.Secrets, error) {
			return freshSecret(c.Context(), a, opts.Profile, opts.Secret, opts.MinValid)
		}
	}
	p, secrets, err := load()
	if err != nil {
		return err
	}
	name := opts.Secret
	if name == "" {
		if name, err = primarySecret(p); err != nil {
			return err
		}
	}
	v, ok := secrets[name]
	if !ok {
		return usageErrorf("profile %q has no secret %q; it has: %v", p.Name, name, sortedKeys(secrets))
	}
	if opts.Format == "basic" {
		if p.Scheme != "tripletex" {
			return usageErrorf("--format basic is for Tripletex profiles (user 0 and the session token)")
		}
		v = strings.TrimPrefix(schemes.TripletexBasic(v), "Basic ")
	}
	_, err = fmt.Fprintln(a.Out, v)
	return err
}
