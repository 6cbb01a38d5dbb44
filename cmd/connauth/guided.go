package main

import (
	"fmt"
	"strings"

	"github.com/connauth/connauth/pkg/catalog"
	"github.com/connauth/connauth/pkg/httpclient"
	"github.com/connauth/connauth/pkg/prompt"
	"github.com/connauth/connauth/schemes"
)

// pickProvider asks which provider to log in to, for a bare
// `connauth login` on a terminal.
func pickProvider(a *app, opts *loginOptions) (string, error) {
	if !a.IsTerminal() {
		return "", usageErrorf("login needs a PROVIDER (no terminal to choose one on): one of %s, a provider file, or see 'connauth schemes'", strings.Join(schemes.Names(), ", "))
	}
	var options []prompt.Option
	for _, s := range schemes.All() {
		options = append(options, prompt.Option{Label: fmt.Sprintf("%-12s %s", s.Name, s.Description), Value: s.Name})
	}
	for _, name := range userProviders(a) {
		options = append(options, prompt.Option{Label: fmt.Sprintf("%-12s your provider file", name), Value: name})
	}
	for _, name := range catalog.BuiltinNames() {
		if _, err := schemes.Lookup(name); err == nil {
			continue // tripletex: listed once, as the scheme it also is
		}
		options = append(options, prompt.Option{Label: fmt.Sprintf("%-12s built-in provider", name), Value: name})
	}
	t := prompt.Terminal{In: a.In, Out: a.ErrOut, Accessible: opts.Accessible}
	return t.Choose("Log in to", "Arrows to move, / to filter, enter to choose.", options)
}

// guideOAuth asks, on a terminal, for what an OAuth login cannot do
// without: where the server is, and which scopes to ask for.
func guideOAuth(a *app, opts *loginOptions) error {
	o := &opts.OAuth
	if o.Issuer != "" || o.AuthURL != "" || o.TokenURL != "" || !a.IsTerminal() {
		return nil
	}
	fields := []prompt.Field{
		{Name: "issuer", Description: "The authorization server's issuer URL (its endpoints are discovered), e.g. https://login.example.com", Validate: httpclient.CheckURL},
		{Name: "scopes", Description: "Scopes to ask for, separated by spaces (empty: the server's default)", Optional: true},
	}
	values := map[string]string{}
	t := prompt.Terminal{In: a.In, Out: a.ErrOut, Accessible: opts.Accessible, Title: "OAuth 2.0 server"}
	if err := t.Ask(fields, values); err != nil {
		return err
	}
	o.Issuer = values["issuer"]
	if len(o.Scopes) == 0 {
		o.Scopes = strings.Fields(values["scopes"])
	}
	return nil
}
