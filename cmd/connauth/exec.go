package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/connauth/connauth/pkg/export"
)

type execOptions struct {
	Profile string
	Prefix  string
	Command []string
}

func newExecCmd(a *app) *cobra.Command {
	opts := &execOptions{}
	c := &cobra.Command{
		Use:   "exec PROFILE -- COMMAND [ARGS...]",
		Short: "Run a command with the profile's secrets in its environment",
		Long: `Run COMMAND with the profile's injected secrets added to its environment,
named as 'connauth env' names them. Signals are passed on to COMMAND, and
connauth exits with COMMAND's exit code.`,
		Example: `  connauth exec demo -- ./sync.sh
  connauth exec tripletex --prefix TT_ -- env`,
		ValidArgsFunction: completeProfiles(a),
		RunE: func(c *cobra.Command, args []string) error {
			dash := c.ArgsLenAtDash()
			if dash != 1 || len(args) < 2 {
				return usageErrorf("exec expects PROFILE -- COMMAND [ARGS...]\nUsage: %s", c.UseLine())
			}
			opts.Profile, opts.Command = args[0], args[1:]
			return runExec(c, a, opts)
		},
	}
	c.Flags().StringVar(&opts.Prefix, "prefix", "", "prefix for every variable name")
	return c
}

func runExec(c *cobra.Command, a *app, opts *execOptions) error {
	secrets, err := exportedSecrets(c.Context(), a, opts.Profile)
	if err != nil {
		return err
	}
	vars, err := export.EnvVars(opts.Prefix, secrets)
	if err != nil {
		return err
	}
	// Signals go to the child, which decides; connauth does not cancel it.
	code, err := export.Run(context.WithoutCancel(c.Context()), export.RunOptions{
		Args:    opts.Command,
		Env:     export.MergeEnv(a.Environ(), vars),
		Profile: opts.Profile,
		Stdin:   a.In, Stdout: a.Out, Stderr: a.ErrOut,
	})
	if err != nil {
		return err
	}
	if code != 0 {
		return exitCodeError{code}
	}
	return nil
}
