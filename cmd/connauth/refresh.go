package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/connauth/connauth/pkg/oauth"
	"github.com/connauth/connauth/pkg/store"
	"github.com/connauth/connauth/schemes"
)

// lockWait bounds how long a refresh waits for another process's refresh.
const lockWait = 2 * time.Minute

func newRefreshCmd(a *app) *cobra.Command {
	var push bool
	popts := &pushOptions{}
	c := &cobra.Command{
		Use:   "refresh PROFILE",
		Short: "Refresh the profile's access token now",
		Long: `Use the stored refresh token for a new access token now, whatever the
current one's expiry. 'connauth token' refreshes by itself when needed.
With --push it then pushes the secrets to the Sesam system the profile was
last pushed to (see 'connauth push'), so a scheduled job keeps that
system's tokens fresh.`,
		Args:              exactArgs(1, "one PROFILE"),
		ValidArgsFunction: completeProfiles(a),
		RunE: func(c *cobra.Command, args []string) error {
			p, secrets, err := freshSecrets(c.Context(), a, args[0], 0, true)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.ErrOut, "Refreshed: profile %q, access token valid until %s.\n", p.Name, expiryText(p.Expiry, a.Now()))
			if !push {
				return nil
			}
			return pushProfile(c.Context(), a, popts, p, secrets)
		},
	}
	c.Flags().BoolVar(&push, "push", false, "then push the secrets to the profile's Sesam system (connauth push)")
	addPushFlags(c, popts)
	return c
}

// freshSecrets loads a profile's secrets, refreshing them first when the
// primary token expires within minValid (or always, with force). The
// refresh runs under the profile's lock and re-reads the profile after
// taking it: another process may have refreshed meanwhile.
func freshSecrets(ctx context.Context, a *app, name string, minValid time.Duration, force bool) (*store.Profile, store.Secrets, error) {
	return refreshIfDue(ctx, a, name, refreshWhen{minValid: minValid, force: force})
}

// freshPrimary is freshSecrets for 'connauth token': a primary token not
// yet made (a Tripletex session) is made now.
func freshPrimary(ctx context.Context, a *app, name string, minValid time.Duration) (*store.Profile, store.Secrets, error) {
	return refreshIfDue(ctx, a, name, refreshWhen{minValid: minValid, missingPrimary: true})
}

type refreshWhen struct {
	minValid              time.Duration
	force, missingPrimary bool
	// secret, when set, is a renewable secret to renew instead of the
	// primary token (SuperOffice's so_ticket).
	secret string
}

// freshSecret is freshSecrets for one named secret: a renewable one is
// renewed when due; any other is read as stored, with no network.
func freshSecret(ctx context.Context, a *app, name, secret string, minValid time.Duration) (*store.Profile, store.Secrets, error) {
	return refreshIfDue(ctx, a, name, refreshWhen{minValid: minValid, secret: secret})
}

// renewal is what refreshIfDue renews: the primary token through the
// scheme's Refresh, or a renewable secret; nil when there is nothing.
type renewal struct {
	run        func(context.Context, schemes.SessionRequest) (*schemes.LoginResult, error)
	due        func(p *store.Profile, secrets store.Secrets) bool
	keepExpiry bool // a renewable secret leaves the profile's expiry alone
}

func renewalFor(scheme *schemes.Scheme, when refreshWhen, now time.Time) *renewal {
	if when.secret != "" {
		r, ok := scheme.Renewable[when.secret]
		if !ok {
			return nil
		}
		return &renewal{run: r.Renew, keepExpiry: true, due: func(p *store.Profile, secrets store.Secrets) bool {
			exp := r.Expiry(p.Settings)
			return secrets[when.secret] == "" || exp.IsZero() || exp.Before(now.Add(when.minValid))
		}}
	}
	if scheme.Refresh == nil {
		return nil
	}
	return &renewal{run: scheme.Refresh, due: func(p *store.Profile, secrets store.Secrets) bool {
		return needsRefresh(p, secrets, scheme, now, when.minValid, when.missingPrimary)
	}}
}

func refreshIfDue(ctx context.Context, a *app, name string, when refreshWhen) (*store.Profile, store.Secrets, error) {
	force := when.force
	p, secrets, err := loadSecrets(a, name)
	if err != nil {
		return nil, nil, err
	}
	scheme, err := schemes.Lookup(p.Scheme)
	if err != nil {
		return nil, nil, err
	}
	r := renewalFor(scheme, when, a.Now())
	if r == nil {
		if force {
			return nil, nil, usageErrorf("profile %q (%s) has no token to refresh", name, p.Scheme)
		}
		return p, secrets, nil
	}
	if !force && !r.due(p, secrets) {
		return p, secrets, nil
	}
	cfg, err := a.config()
	if err != nil {
		return nil, nil, err
	}
	lctx, cancel := context.WithTimeout(ctx, lockWait)
	defer cancel()
	unlock, err := cfg.Lock(lctx, name)
	if err != nil {
		return nil, nil, err
	}
	defer unlock()
	if p, secrets, err = loadSecrets(a, name); err != nil {
		return nil, nil, err
	}
	if !force && !r.due(p, secrets) {
		return p, secrets, nil
	}
	// SIGINT and SIGTERM wait until the refreshed tokens are stored: dying
	// between the server's answer and the write would lose a rotated
	// refresh token, and with it the grant.
	caught := deferSignals()
	p, secrets, err = refreshLocked(ctx, a, cfg, r, p, secrets)
	if sig := caught(); sig != nil {
		fmt.Fprintf(a.ErrOut, "connauth: stopped by %v (after the refresh was finished and stored)\n", sig)
		return nil, nil, exitCodeError{code: signalExitCode(sig)}
	}
	return p, secrets, err
}

// deferSignals holds SIGINT and SIGTERM back; the returned function lets
// them through again and reports the first one that arrived meanwhile.
func deferSignals() (release func() os.Signal) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	return func() os.Signal {
		signal.Stop(ch)
		select {
		case sig := <-ch:
			return sig
		default:
			return nil
		}
	}
}

// signalExitCode is the shell's status for a process a signal ended.
func signalExitCode(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 1
}

// needsRefresh: the primary token is missing (a Tripletex session is made
// on first use) or expires within d.
func needsRefresh(p *store.Profile, secrets store.Secrets, scheme *schemes.Scheme, now time.Time, d time.Duration, missingPrimary bool) bool {
	if missingPrimary && scheme.Primary != "" && secrets[scheme.Primary] == "" {
		return true
	}
	return expiresWithin(p, now, d)
}

func expiresWithin(p *store.Profile, now time.Time, d time.Duration) bool {
	return !p.Expiry.IsZero() && p.Expiry.Before(now.Add(d))
}

// refreshLocked refreshes and stores the new secrets before anything else;
// on any error what was stored stays as it was.
func refreshLocked(ctx context.Context, a *app, cfg store.Config, r *renewal, p *store.Profile, secrets store.Secrets) (*store.Profile, store.Secrets, error) {
	hc, err := a.HTTP()
	if err != nil {
		return nil, nil, usageError{err}
	}
	res, err := r.run(ctx, schemes.SessionRequest{
		Settings: p.Settings, Secrets: secrets, Scopes: p.Scopes, HTTP: hc, Now: a.Now(),
	})
	if errors.Is(err, oauth.ErrGrantInvalid) {
		return nil, nil, loginAgainError{fmt.Errorf("profile %q: %v; log in again: %s", p.Name, err, loginCommand(p))}
	}
	if err != nil {
		return nil, nil, fmt.Errorf("refreshing profile %q failed; the stored tokens are unchanged: %w", p.Name, err)
	}
	next := maps.Clone(secrets)
	maps.Copy(next, res.Secrets)
	if err := cfg.StoreFor(p, a.Keyring, a.keyringTimeout()).Set(p.Name, next); err != nil {
		return nil, nil, fmt.Errorf("storing the refreshed tokens of %q failed: %w", p.Name, err)
	}
	if !r.keepExpiry {
		p.Expiry = res.Expiry
	}
	if len(res.Settings) > 0 {
		if p.Settings == nil {
			p.Settings = map[string]string{}
		}
		maps.Copy(p.Settings, res.Settings)
	}
	if len(res.Scopes) > 0 {
		p.Scopes = res.Scopes
	}
	p.SecretNames = sortedKeys(next)
	if err := cfg.SaveProfile(p); err != nil {
		return nil, nil, err
	}
	return p, next, nil
}

// loginCommand is the command that logs profile p in again.
func loginCommand(p *store.Profile) string {
	parts := []string{"connauth login", p.Provider, "--profile", p.Name}
	if p.Provider == "oauth2" {
		if iss := p.Settings["issuer"]; iss != "" {
			parts = append(parts, "--issuer", iss)
		} else {
			parts = append(parts, "--auth-url", p.Settings["auth_url"], "--token-url", p.Settings["token_url"])
		}
		parts = append(parts, "--client-id", p.Settings["client_id"])
		if g := p.Settings["grant"]; g != "" {
			parts = append(parts, "--grant", g)
		}
		if len(p.Scopes) > 0 {
			parts = append(parts, "--scopes", "'"+strings.Join(p.Scopes, " ")+"'")
		}
	}
	return strings.Join(parts, " ")
}
