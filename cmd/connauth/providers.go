package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/connauth/connauth/pkg/catalog"
)

func newProvidersCmd(a *app) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "providers",
		Short: "List the built-in providers and your provider files",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			list, err := allProviders(a)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.Out, list)
			}
			tw := tabwriter.NewWriter(a.Out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "PROVIDER\tSCHEME\tGRANT\tDOCS")
			for _, p := range list {
				grant := "-"
				if p.OAuth != nil {
					grant = firstNonEmpty(p.OAuth.Grant, "authorization_code")
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", p.Name, p.Scheme, grant, p.Docs)
			}
			return tw.Flush()
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	c.AddCommand(newProvidersShowCmd(a))
	return c
}

func newProvidersShowCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "show NAME",
		Short: "Show everything connauth will send for a provider (variables as ${name})",
		Args:  exactArgs(1, "one provider NAME"),
		RunE: func(_ *cobra.Command, args []string) error {
			p, err := findProvider(a, args[0])
			if err != nil {
				return usageError{err}
			}
			if p == nil {
				return usageErrorf("no provider named %q; see 'connauth providers'", args[0])
			}
			if p.Path != "" {
				fmt.Fprintf(a.ErrOut, "From %s:\n", p.Path)
			}
			return writeJSON(a.Out, p)
		},
	}
}

// allProviders are the built-in providers, then the user's files (which
// win over a built-in of the same name).
func allProviders(a *app) ([]*catalog.Provider, error) {
	seen := map[string]bool{}
	var out []*catalog.Provider
	for _, n := range userProviders(a) {
		p, err := findProvider(a, n)
		if err != nil {
			return nil, err
		}
		seen[n] = true
		out = append(out, p)
	}
	for _, n := range catalog.BuiltinNames() {
		if seen[n] {
			continue
		}
		p, err := catalog.Builtin(n)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
