package sesam

import (
	"slices"
	"testing"
)

func TestProviderPicksTheSchemeAsTheSesamCLI(t *testing.T) {
	for _, tc := range []struct{ manifest, scheme string }{
		{`{"auth":"oauth2","oauth2":{"login_url":"https://a.example/auth","token_url":"https://a.example/token"}}`, "oauth2"},
		{`{"auth":"oauth2","auth_variant":"superoffice-ticket","oauth2":{"login_url":"https://online.superoffice.com/login/common/oauth/authorize"}}`, "superoffice"},
		{`{"auth":"api_key","auth_variant":"tripletex"}`, "tripletex"},
		{`{"auth":"oauth2","auth_variant":"tripletex"}`, "tripletex"}, // the variant is looked at first
		{`{"auth":"api_key","auth_variant":"jwt","jwt":{"login_url":"https://api.webcrm.com/auth/apilogin"}}`, "jwt"},
		{`{"auth":"api_key"}`, "api_key"},
		{`{"auth":"api_key","auth_variant":"service_account"}`, "api_key"},
	} {
		m, err := ParseManifest([]byte(tc.manifest))
		if err != nil {
			t.Fatal(err)
		}
		p, err := m.Provider("c")
		if err != nil || p.Scheme != tc.scheme {
			t.Errorf("%s: scheme %v, %v; want %s", tc.manifest, p, err, tc.scheme)
		}
	}
}

func TestSuperOfficeEnvironmentFromTheLoginURL(t *testing.T) {
	vars, err := superOfficeVars("https://qaonline.superoffice.com/login/common/oauth/authorize")
	if err != nil || vars["env"] != "qaonline" || vars["base_url"] != "" {
		t.Errorf("qaonline: %v %v", vars, err)
	}
	// A numbered API host is not an auth environment: treated as a base URL.
	vars, _ = superOfficeVars("https://sod2.superoffice.com/login/common/oauth/authorize")
	if vars["base_url"] != "https://sod2.superoffice.com" {
		t.Errorf("sod2: %v", vars)
	}
}

func TestProfileName(t *testing.T) {
	for path, want := range map[string]string{
		"connectors/HubSpot-Connector/manifest.json": "hubspot-connector",
		"x/my connector/manifest.json":               "my-connector",
	} {
		if got := ProfileName(path); got != want {
			t.Errorf("ProfileName(%q) = %q, want %q", path, got, want)
		}
	}
}

// FuzzManifest: no manifest crashes the reader or yields a provider with
// a scheme connauth does not have.
func FuzzManifest(f *testing.F) {
	f.Add([]byte(`{"auth":"oauth2","oauth2":{"login_url":"https://a/x","token_url":"https://a/t","scopes":["a"],"optional_scopes":["b"]},"additional_parameters":{"account_id":{},"domain":{}}}`))
	f.Add([]byte(`{"auth":"api_key","auth_variant":"jwt","jwt":{"login_url":"https://w/x"}}`))
	f.Add([]byte(`{"auth":"oauth2","auth_variant":"superoffice-ticket","oauth2":{"login_url":"%zz"}}`))
	f.Add([]byte(`{"additional_parameters":{"":null}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseManifest(data)
		if err != nil {
			return
		}
		p, err := m.Provider("c")
		if err != nil {
			return
		}
		if !slices.Contains([]string{"oauth2", "api_key", "tripletex", "superoffice", "jwt"}, p.Scheme) {
			t.Fatalf("scheme %q", p.Scheme)
		}
	})
}
