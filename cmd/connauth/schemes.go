package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/connauth/connauth/schemes"
)

type schemeJSON struct {
	Name        string      `json:"name"`
	Description string      `json:"description"`
	Inputs      []inputJSON `json:"inputs"`
	Injected    []string    `json:"injected"`
	Primary     string      `json:"primary,omitempty"`
}

type inputJSON struct {
	Name     string `json:"name"`
	Secret   bool   `json:"secret"`
	Optional bool   `json:"optional"`
}

func newSchemesCmd(a *app) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "schemes",
		Short: "List the auth schemes: their inputs and the secrets they inject",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if asJSON {
				return writeJSON(a.Out, schemesJSON())
			}
			tw := tabwriter.NewWriter(a.Out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "SCHEME\tREQUIRED INPUTS\tINJECTED SECRETS")
			for _, s := range schemes.All() {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Name, inputNames(s), strings.Join(s.Injected, ", "))
			}
			return tw.Flush()
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}

func inputNames(s *schemes.Scheme) string {
	names := make([]string, len(s.Inputs))
	for i, in := range s.Inputs {
		names[i] = in.Name
		if in.Optional {
			names[i] += " (optional)"
		}
	}
	return strings.Join(names, ", ")
}

func schemesJSON() []schemeJSON {
	var out []schemeJSON
	for _, s := range schemes.All() {
		j := schemeJSON{Name: s.Name, Description: s.Description, Injected: s.Injected, Primary: s.Primary}
		for _, in := range s.Inputs {
			j.Inputs = append(j.Inputs, inputJSON{in.Name, in.Secret, in.Optional})
		}
		out = append(out, j)
	}
	return out
}
