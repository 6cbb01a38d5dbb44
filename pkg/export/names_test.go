package export

import (
	"slices"
	"strings"
	"testing"
)

func TestEnvName(t *testing.T) {
	tests := []struct{ prefix, name, want string }{
		{"", "SO-Apptoken", "SO_APPTOKEN"},
		{"", "oauth_access_token", "OAUTH_ACCESS_TOKEN"},
		{"", "api_key", "API_KEY"},
		{"MY-", "api_key", "MY_API_KEY"},
		{"my.", "so_ticket", "MY_SO_TICKET"},
		{"HUBSPOT_", "oauth_client_id", "HUBSPOT_OAUTH_CLIENT_ID"},
		{"", "2fa_secret", "_2FA_SECRET"},
		{"1-", "token", "_1_TOKEN"},
		{"", "a b\tc", "A_B_C"},
		{"", "ümlaut", "__MLAUT"}, // one _ per byte of ü
		{"", "x\xffy", "X_Y"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := EnvName(tt.prefix, tt.name); got != tt.want {
			t.Errorf("EnvName(%q, %q) = %q, want %q", tt.prefix, tt.name, got, tt.want)
		}
	}
}

func TestEnvVarsSorted(t *testing.T) {
	secrets := map[string]string{
		"oauth_refresh_token": "r",
		"SO-Apptoken":         "app",
		"api_key":             "k",
		"oauth_access_token":  "a",
	}
	vars, err := EnvVars("P_", secrets)
	if err != nil {
		t.Fatal(err)
	}
	want := []Var{
		{"P_API_KEY", "k"},
		{"P_OAUTH_ACCESS_TOKEN", "a"},
		{"P_OAUTH_REFRESH_TOKEN", "r"},
		{"P_SO_APPTOKEN", "app"},
	}
	if !slices.Equal(vars, want) {
		t.Errorf("EnvVars names = %v, want %v", names(vars), names(want))
	}
}

func TestEnvVarsCollision(t *testing.T) {
	_, err := EnvVars("", map[string]string{"so-apptoken": "one-secret", "SO_Apptoken": "two-secret"})
	if err == nil {
		t.Fatal("EnvVars: no error for two secrets with the same env name")
	}
	for _, want := range []string{`"so-apptoken"`, `"SO_Apptoken"`, "SO_APPTOKEN"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
	if strings.Contains(err.Error(), "one-secret") || strings.Contains(err.Error(), "two-secret") {
		t.Errorf("error %q contains a value", err)
	}
}

func TestEnvVarsNUL(t *testing.T) {
	_, err := EnvVars("", map[string]string{"api_key": "abc\x00hidden"})
	if err == nil {
		t.Fatal("EnvVars: no error for a value with a NUL byte")
	}
	if !strings.Contains(err.Error(), `"api_key"`) || strings.Contains(err.Error(), "hidden") {
		t.Errorf("error %q should name the secret and not show its value", err)
	}
}

func TestEnvVarsEmptyName(t *testing.T) {
	if _, err := EnvVars("", map[string]string{"": "v"}); err == nil {
		t.Error("EnvVars: no error for an empty secret name")
	}
}

func names(vars []Var) []string {
	var s []string
	for _, v := range vars {
		s = append(s, v.Name)
	}
	return s
}
