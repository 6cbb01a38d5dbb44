package prompt

import (
	"errors"
	"strings"
	"testing"
)

var fields = []Field{
	{Name: "client_id", Flag: "client-id"},
	{Name: "client_secret", Secret: true, Optional: true},
	{Name: "api_key", Secret: true},
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestResolvePrecedence(t *testing.T) {
	got, err := Resolve(fields, Sources{
		Flags:  map[string]string{"client_id": "from-flag", "api_key": "flag-must-not-count"},
		File:   map[string]string{"api_key": "from-file"},
		Getenv: env(map[string]string{"CONNAUTH_API_KEY": "from-env", "CONNAUTH_CLIENT_SECRET": "env-secret"}),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"client_id": "from-flag", "client_secret": "env-secret", "api_key": "from-file"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

func TestResolveMissingWithoutTerminal(t *testing.T) {
	_, err := Resolve(fields, Sources{Flags: map[string]string{"api_key": "x"}, Getenv: env(nil)})
	var me *MissingError
	if !errors.As(err, &me) {
		t.Fatalf("err = %v, want *MissingError", err)
	}
	msg := err.Error()
	for _, want := range []string{"client_id: pass --client-id, or set CONNAUTH_CLIENT_ID", "api_key: set CONNAUTH_API_KEY", "--secrets-from"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "client_secret") {
		t.Errorf("optional client_secret reported missing:\n%s", msg)
	}
	if strings.Contains(msg, "--api_key") || strings.Contains(msg, "pass --api") {
		t.Errorf("a secret is offered as a flag:\n%s", msg)
	}
}

func TestResolveAsksOnlyForMissing(t *testing.T) {
	var asked []string
	got, err := Resolve(fields, Sources{
		Flags:  map[string]string{"client_id": "id"},
		Getenv: env(nil),
		Ask: func(fs []Field, values map[string]string) error {
			for _, f := range fs {
				asked = append(asked, f.Name)
				values[f.Name] = "typed-" + f.Name
			}
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(asked, ",") != "client_secret,api_key" || got["api_key"] != "typed-api_key" {
		t.Fatalf("asked %v, got %v", asked, got)
	}
}
