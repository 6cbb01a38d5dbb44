package oauth

import (
	"encoding/base64"
	"reflect"
	"testing"
)

func TestWellKnownURLs(t *testing.T) {
	tests := map[string][]string{
		"https://as.example": {
			"https://as.example/.well-known/oauth-authorization-server",
			"https://as.example/.well-known/openid-configuration",
		},
		"http://127.0.0.1:9000/": {
			"http://127.0.0.1:9000/.well-known/oauth-authorization-server",
			"http://127.0.0.1:9000/.well-known/openid-configuration",
		},
		"https://login.example/tenant/v2": {
			"https://login.example/.well-known/oauth-authorization-server/tenant/v2",
			"https://login.example/tenant/v2/.well-known/openid-configuration",
		},
	}
	for issuer, want := range tests {
		if got := wellKnownURLs(issuer); !reflect.DeepEqual(got, want) {
			t.Errorf("wellKnownURLs(%q) = %q, want %q", issuer, got, want)
		}
	}
}

func TestChooseAuth(t *testing.T) {
	tests := []struct {
		secret    string
		supported []string
		want      string
	}{
		{"", []string{"client_secret_basic"}, AuthBody},
		{"s", nil, AuthBasic},
		{"s", []string{"client_secret_post"}, AuthBody},
		{"s", []string{"client_secret_post", "client_secret_basic"}, AuthBasic},
		{"s", []string{"private_key_jwt"}, AuthBasic},
	}
	for _, tt := range tests {
		if got := ChooseAuth(tt.secret, tt.supported); got != tt.want {
			t.Errorf("ChooseAuth(%q, %v) = %q, want %q", tt.secret, tt.supported, got, tt.want)
		}
	}
}

func TestIDClaimsKeepsDisplayClaimsOnly(t *testing.T) {
	payload := base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"alice","email":"a@example.com","nonce":"n","at_hash":"h"}`))
	tok := &Token{IDToken: "e30." + payload + ".sig"}
	got := tok.IDClaims()
	want := map[string]any{"sub": "alice", "email": "a@example.com"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("IDClaims() = %v, want %v", got, want)
	}
	if (&Token{IDToken: "garbage"}).IDClaims() != nil {
		t.Error("a malformed id_token gave claims")
	}
}
