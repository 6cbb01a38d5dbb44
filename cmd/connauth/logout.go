package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/connauth/connauth/pkg/store"
	"github.com/connauth/connauth/schemes"
)

type logoutOptions struct {
	Profile  string
	NoRevoke bool
}

func newLogoutCmd(a *app) *cobra.Command {
	opts := &logoutOptions{}
	c := &cobra.Command{
		Use:   "logout PROFILE",
		Short: "Revoke a profile's tokens and remove its secrets and settings",
		Long: `Revoke the profile's tokens at the provider when it has a revocation
endpoint (RFC 7009: the refresh token first, then the access token), then
remove the secrets and settings. The local copies are removed even when
revocation fails; connauth then says so and exits 1.`,
		Args:              exactArgs(1, "one PROFILE"),
		ValidArgsFunction: completeProfiles(a),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Profile = args[0]
			return runLogout(c.Context(), a, opts)
		},
	}
	c.Flags().BoolVar(&opts.NoRevoke, "no-revoke", false, "only remove the local secrets; do not revoke the tokens at the provider")
	return c
}

func runLogout(ctx context.Context, a *app, opts *logoutOptions) error {
	name := opts.Profile
	cfg, err := a.config()
	if err != nil {
		return err
	}
	unlock, err := cfg.Lock(ctx, name)
	if err != nil {
		return err
	}
	defer unlock()
	p, err := loadProfile(a, name)
	if err != nil {
		return err
	}
	st := cfg.StoreFor(p, a.Keyring, a.keyringTimeout())
	var revokeErr error
	if !opts.NoRevoke {
		revokeErr = revoke(ctx, a, p, st)
	}
	if err := st.Delete(name); err != nil && !isNotFound(err) {
		return fmt.Errorf("could not remove the secrets of %q from %s (the profile is kept so you can retry): %w", name, storeDescription(p), err)
	}
	if err := cfg.DeleteProfile(name); err != nil {
		return err
	}
	fmt.Fprintf(a.ErrOut, "Logged out: removed profile %q and its secrets from %s.\n", name, storeDescription(p))
	if revokeErr != nil {
		return fmt.Errorf("the tokens were removed here, but revoking them at the provider failed, so they stay valid until they expire: %w", revokeErr)
	}
	return nil
}

// revoke asks the provider to revoke the profile's tokens, when its
// scheme can.
func revoke(ctx context.Context, a *app, p *store.Profile, st store.SecretStore) error {
	scheme, err := schemes.Lookup(p.Scheme)
	if err != nil || scheme.Revoke == nil || p.Settings["revoke_url"] == "" {
		return nil
	}
	secrets, err := st.Get(p.Name)
	if err != nil {
		if isNotFound(err) {
			return nil
		}
		return err
	}
	hc, err := a.HTTP()
	if err != nil {
		return err
	}
	if err := scheme.Revoke(ctx, schemes.SessionRequest{Settings: p.Settings, Secrets: secrets, Scopes: p.Scopes, HTTP: hc, Now: a.Now()}); err != nil {
		return err
	}
	fmt.Fprintf(a.ErrOut, "Revoked the tokens of %q at %s.\n", p.Name, p.Settings["revoke_url"])
	return nil
}
