package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"
)

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "connauth",
		Short: "Log in to a connector's API once; hand its secrets to scripts, shells and CI",
		Long: `connauth walks you through a connector's auth scheme (OAuth 2.0, API key,
Tripletex, SuperOffice, webCRM JWT), stores the injected secrets in the OS
keyring or a secrets file, and hands them out: a token for a script, env
lines for a shell, or the environment of a command.`,
		// --version is handled here rather than through cobra's Version
		// field, so that reading the build info costs nothing on other runs.
		RunE: func(c *cobra.Command, _ []string) error {
			if v, _ := c.Flags().GetBool("version"); v {
				fmt.Fprintf(c.OutOrStdout(), "connauth %s\n", versionString())
				return nil
			}
			return c.Help()
		},
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.Flags().BoolP("version", "v", false, "print connauth's version")
	root.PersistentFlags().BoolVar(&a.Debug, "debug", false, "log HTTP requests to stderr, with every secret redacted")
	root.PersistentFlags().DurationVar(&a.HTTPTimeout, "http-timeout", 30*time.Second, "give up on a provider request after this long")
	root.PersistentFlags().StringVar(&a.CAFile, "ca-file", "", "also trust the PEM certificates in this file (SSL_CERT_FILE is honoured too)")
	root.SetIn(a.In)
	root.SetOut(a.Out)
	root.SetErr(a.ErrOut)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErrorf("%v\nRun '%s --help' for usage.", err, c.CommandPath())
	})
	root.AddCommand(
		newLoginCmd(a),
		newTokenCmd(a),
		newEnvCmd(a),
		newExecCmd(a),
		newListCmd(a),
		newShowCmd(a),
		newLogoutCmd(a),
		newRefreshCmd(a),
		newVerifyCmd(a),
		newClientsCmd(a),
		newPushCmd(a),
		newProvidersCmd(a),
		newSchemesCmd(a),
		newVersionCmd(),
	)
	addDocsCmd(root, a)
	return root
}

// run executes connauth with args and returns the process exit code.
func run(a *app, args []string) int {
	// No signal handler here: setting one up costs about half a millisecond
	// of start-up, which 'connauth token' in a hot loop cannot spare. login
	// installs its own while it waits; every write is atomic, so a signal's
	// default action never leaves a damaged file.
	ctx := context.Background()
	root := newRootCmd(a)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	code := exitCode(err)
	if _, quiet := err.(exitCodeError); err != nil && !quiet {
		fmt.Fprintf(a.ErrOut, "connauth: %s\n", a.secrets.apply(err.Error()))
	}
	return code
}

// exactArgs is cobra.ExactArgs with a usage error naming what is expected.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErrorf("%s expects %s\nUsage: %s", c.CommandPath(), what, c.UseLine())
		}
		return nil
	}
}

// maxArgs is cobra.MaximumNArgs with a usage error naming what is expected.
func maxArgs(n int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) > n {
			return usageErrorf("%s expects %s\nUsage: %s", c.CommandPath(), what, c.UseLine())
		}
		return nil
	}
}
