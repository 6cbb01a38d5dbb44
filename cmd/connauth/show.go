package main

import (
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
)

func newShowCmd(a *app) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:               "show PROFILE",
		Short:             "Show a profile's settings, store and expiry (never its secret values)",
		Args:              exactArgs(1, "one PROFILE"),
		ValidArgsFunction: completeProfiles(a),
		RunE: func(_ *cobra.Command, args []string) error {
			p, err := loadProfile(a, args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.Out, p)
			}
			tw := tabwriter.NewWriter(a.Out, 0, 0, 2, ' ', 0)
			fmt.Fprintf(tw, "Profile:\t%s\n", p.Name)
			fmt.Fprintf(tw, "Provider:\t%s\n", p.Provider)
			fmt.Fprintf(tw, "Scheme:\t%s\n", p.Scheme)
			fmt.Fprintf(tw, "Stored in:\t%s\n", storeDescription(p))
			fmt.Fprintf(tw, "Secrets:\t%s (values hidden; print one with: connauth token %s --secret NAME)\n", strings.Join(p.SecretNames, ", "), p.Name)
			for _, k := range settingNames(p.Settings) {
				fmt.Fprintf(tw, "%s:\t%s\n", k, p.Settings[k])
			}
			if user := claimsText(p.Claims); user != "" {
				fmt.Fprintf(tw, "User:\t%s\n", user)
			}
			if len(p.Scopes) > 0 {
				fmt.Fprintf(tw, "Scopes:\t%s\n", strings.Join(p.Scopes, " "))
			}
			fmt.Fprintf(tw, "Expires:\t%s\n", expiryText(p.Expiry, a.Now()))
			fmt.Fprintf(tw, "Logged in:\t%s\n", p.UpdatedAt.Local().Format(time.DateTime))
			return tw.Flush()
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}

func settingNames(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// claimsText describes the user an id_token names: email or name, and sub.
func claimsText(c map[string]any) string {
	sub, _ := c["sub"].(string)
	for _, k := range []string{"email", "preferred_username", "name"} {
		if v, _ := c[k].(string); v != "" {
			return fmt.Sprintf("%s (sub %s)", v, sub)
		}
	}
	if sub != "" {
		return "sub " + sub
	}
	return ""
}
