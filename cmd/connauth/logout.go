package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newLogoutCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:               "logout PROFILE",
		Short:             "Remove a profile's secrets and settings",
		Args:              exactArgs(1, "one PROFILE"),
		ValidArgsFunction: completeProfiles(a),
		RunE: func(c *cobra.Command, args []string) error {
			name := args[0]
			cfg, err := a.config()
			if err != nil {
				return err
			}
			unlock, err := cfg.Lock(c.Context(), name)
			if err != nil {
				return err
			}
			defer unlock()
			p, err := loadProfile(a, name)
			if err != nil {
				return err
			}
			if err := cfg.StoreFor(p, a.Keyring, a.keyringTimeout()).Delete(name); err != nil && !isNotFound(err) {
				return fmt.Errorf("could not remove the secrets of %q from %s (the profile is kept so you can retry): %w", name, storeDescription(p), err)
			}
			if err := cfg.DeleteProfile(name); err != nil {
				return err
			}
			fmt.Fprintf(a.ErrOut, "Logged out: removed profile %q and its secrets from %s.\n", name, storeDescription(p))
			return nil
		},
	}
}
