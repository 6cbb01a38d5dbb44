package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/connauth/connauth/pkg/store"
)

func newListCmd(a *app) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List the stored profiles",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			ps, err := cfg.ListProfiles()
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.Out, profilesJSON(ps))
			}
			if len(ps) == 0 {
				fmt.Fprintln(a.ErrOut, "No profiles yet. Log in with: connauth login PROVIDER")
				return nil
			}
			return writeProfileTable(a.Out, ps, a.Now())
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}

func writeProfileTable(w io.Writer, ps []store.Profile, now time.Time) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PROFILE\tPROVIDER\tSCHEME\tSTORE\tEXPIRES")
	for _, p := range ps {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.Name, p.Provider, p.Scheme, p.Store, expiryText(p.Expiry, now))
	}
	return tw.Flush()
}

// profilesJSON never holds secret values: profiles carry names only.
func profilesJSON(ps []store.Profile) []store.Profile {
	if ps == nil {
		return []store.Profile{}
	}
	return ps
}

func expiryText(t, now time.Time) string {
	switch {
	case t.IsZero():
		return "-"
	case !t.After(now):
		return "expired " + t.Local().Format(time.DateTime)
	default:
		return t.Local().Format(time.DateTime) + " (in " + t.Sub(now).Round(time.Second).String() + ")"
	}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
