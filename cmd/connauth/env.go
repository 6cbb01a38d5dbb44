package main

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/connauth/connauth/pkg/export"
	"github.com/connauth/connauth/pkg/store"
	"github.com/connauth/connauth/schemes"
)

type envOptions struct {
	Profile string
	Format  string
	Prefix  string
}

func newEnvCmd(a *app) *cobra.Command {
	opts := &envOptions{}
	c := &cobra.Command{
		Use:   "env PROFILE",
		Short: "Print the profile's secrets as environment variables",
		Long: `Print the profile's injected secrets as environment variables on stdout.
Names are upper-cased and every character other than A-Z, 0-9 and _ becomes
_ (SO-Apptoken becomes SO_APPTOKEN); --prefix goes in front.

Formats: shell (export lines, for eval), dotenv, json, and github, which
appends to $GITHUB_ENV and prints ::add-mask:: lines for GitHub Actions.`,
		Example: `  eval "$(connauth env demo)"
  connauth env demo --format dotenv > .env
  connauth env hubspot --format github --prefix HUBSPOT_`,
		Args:              exactArgs(1, "one PROFILE"),
		ValidArgsFunction: completeProfiles(a),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Profile = args[0]
			return runEnv(c, a, opts)
		},
	}
	c.Flags().StringVar(&opts.Format, "format", "shell", "output format: "+strings.Join(export.Formats, ", "))
	c.Flags().StringVar(&opts.Prefix, "prefix", "", "prefix for every variable name")
	_ = c.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(export.Formats, cobra.ShellCompDirectiveNoFileComp))
	return c
}

func runEnv(c *cobra.Command, a *app, opts *envOptions) error {
	if !validFormat(opts.Format) {
		return usageErrorf("--format %q: choose one of %s", opts.Format, strings.Join(export.Formats, ", "))
	}
	secrets, err := exportedSecrets(c.Context(), a, opts.Profile)
	if err != nil {
		return err
	}
	vars, err := export.EnvVars(opts.Prefix, secrets)
	if err != nil {
		return err
	}
	return export.Write(a.Out, opts.Format, vars, export.Options{GithubEnvPath: a.Getenv("GITHUB_ENV")})
}

func validFormat(f string) bool {
	for _, v := range export.Formats {
		if v == f {
			return true
		}
	}
	return false
}

// exportedSecrets are the secrets env and exec hand out: refreshed and
// renewed when due, without those kept only for renewing.
func exportedSecrets(ctx context.Context, a *app, name string) (store.Secrets, error) {
	p, secrets, err := freshSecrets(ctx, a, name, time.Minute, false)
	if err != nil {
		return nil, err
	}
	scheme, err := schemes.Lookup(p.Scheme)
	if err != nil {
		return nil, err
	}
	for _, renewable := range slices.Sorted(maps.Keys(scheme.Renewable)) {
		if _, secrets, err = freshSecret(ctx, a, name, renewable, time.Minute); err != nil {
			return nil, err
		}
	}
	for _, private := range scheme.Private {
		delete(secrets, private)
	}
	return secrets, nil
}
