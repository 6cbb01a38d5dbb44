package oauth

import (
	"encoding/json"
	"testing"
)

// FuzzIDClaims: any id_token string gives display claims or nil, never a
// panic, and never a claim outside the display list.
func FuzzIDClaims(f *testing.F) {
	f.Add("e30.eyJzdWIiOiJhIn0.sig")
	f.Add("a.b.c")
	f.Add("..")
	f.Fuzz(func(t *testing.T, idToken string) {
		for k := range (&Token{IDToken: idToken}).IDClaims() {
			switch k {
			case "iss", "sub", "aud", "email", "name", "preferred_username":
			default:
				t.Fatalf("claim %q leaked into the display claims", k)
			}
		}
	})
}

// FuzzMetadata: any metadata document either passes the safety check
// with https (or loopback http) endpoints only, or is refused.
func FuzzMetadata(f *testing.F) {
	f.Add(`{"issuer":"https://as","token_endpoint":"https://as/token"}`)
	f.Add(`{"issuer":"https://as","token_endpoint":"http://evil/token"}`)
	f.Add(`{"issuer":"x","token_endpoint":"javascript:alert(1)","revocation_endpoint":"http://127.0.0.1/r"}`)
	f.Fuzz(func(t *testing.T, doc string) {
		var m Metadata
		if json.Unmarshal([]byte(doc), &m) != nil {
			return
		}
		if m.check() != nil {
			return
		}
		if m.TokenEndpoint == "" {
			t.Fatal("metadata without a token endpoint passed")
		}
	})
}
