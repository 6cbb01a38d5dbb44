package main

import (
	"errors"
	"fmt"
	"sort"

	"github.com/spf13/cobra"

	"github.com/connauth/connauth/pkg/store"
	"github.com/connauth/connauth/schemes"
)

// loadSecrets reads a profile and its secrets from the store it names,
// without probing any other store.
func loadSecrets(a *app, name string) (*store.Profile, store.Secrets, error) {
	p, err := loadProfile(a, name)
	if err != nil {
		return nil, nil, err
	}
	cfg, _ := a.config()
	s, err := cfg.StoreFor(p, a.Keyring, a.keyringTimeout()).Get(name)
	if err != nil {
		if isNotFound(err) {
			return nil, nil, fmt.Errorf("profile %q has no secrets in %s; run: connauth login %s --profile %s: %w", name, storeDescription(p), p.Provider, name, err)
		}
		return nil, nil, fmt.Errorf("reading the secrets of profile %q from %s: %w", name, storeDescription(p), err)
	}
	a.secrets.add(secretValues(s)...)
	return p, s, nil
}

func secretValues(s map[string]string) []string {
	out := make([]string, 0, len(s))
	for _, v := range s {
		out = append(out, v)
	}
	return out
}

func loadProfile(a *app, name string) (*store.Profile, error) {
	cfg, err := a.config()
	if err != nil {
		return nil, err
	}
	p, err := cfg.LoadProfile(name)
	if isNotFound(err) {
		return nil, store.NotFound("no profile named %q; see 'connauth list', or log in with 'connauth login PROVIDER --profile %s'", name, name)
	}
	return p, err
}

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// primarySecret is the secret `token` prints without --secret.
func primarySecret(p *store.Profile) (string, error) {
	s, err := schemes.Lookup(p.Scheme)
	if err == nil && s.Primary != "" {
		return s.Primary, nil
	}
	return "", usageErrorf("profile %q (%s) has no single token; choose one with --secret: %v", p.Name, p.Scheme, p.SecretNames)
}

// completeProfiles offers the stored profile names.
func completeProfiles(a *app) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		cfg, err := a.config()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		ps, _ := cfg.ListProfiles()
		names := make([]string, len(ps))
		for i, p := range ps {
			names[i] = p.Name
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	}
}
