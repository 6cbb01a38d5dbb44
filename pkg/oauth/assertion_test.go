package oauth

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func TestKeyAssertionClaims(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	pemKey := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	// As pasted into an environment variable: newlines written as \n.
	a, err := NewKeyAssertion(strings.ReplaceAll(pemKey, "\n", `\n`), "", "kid-1", "https://as.example")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	first, err := a.Sign("my-client", now)
	if err != nil {
		t.Fatal(err)
	}
	second, _ := a.Sign("my-client", now)
	var claims jwt.RegisteredClaims
	tok, err := jwt.ParseWithClaims(first, &claims, func(*jwt.Token) (any, error) { return &key.PublicKey, nil },
		jwt.WithValidMethods([]string{"ES256"}), jwt.WithAudience("https://as.example"), jwt.WithIssuer("my-client"))
	if err != nil {
		t.Fatalf("the assertion does not verify: %v", err)
	}
	if tok.Header["kid"] != "kid-1" || claims.Subject != "my-client" || claims.ID == "" {
		t.Errorf("header %v, claims %+v: want kid-1, sub = client id, a jti", tok.Header, claims)
	}
	if life := claims.ExpiresAt.Sub(claims.IssuedAt.Time); life > time.Minute {
		t.Errorf("assertion lives %v, want at most a minute", life)
	}
	var again jwt.RegisteredClaims
	jwt.ParseWithClaims(second, &again, func(*jwt.Token) (any, error) { return &key.PublicKey, nil })
	if again.ID == claims.ID {
		t.Error("two assertions share a jti")
	}
}

func TestAssertionRefusals(t *testing.T) {
	if _, err := ParsePrivateKey("not a key"); err == nil || !strings.Contains(err.Error(), "not PEM") {
		t.Errorf("ParsePrivateKey(garbage) = %v", err)
	}
	if _, err := NewSecretAssertion("", "HS256", "aud"); err == nil {
		t.Error("client_secret_jwt without a secret was accepted")
	}
	if _, err := NewSecretAssertion("s", "RS256", "aud"); err == nil {
		t.Error("client_secret_jwt with RS256 was accepted")
	}
}
