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

func TestTemplateAssertion(t *testing.T) {
	a, err := NewSecretAssertion("a-secret-of-at-least-thirty-two-bytes!!", "HS256", "https://as.example")
	if err != nil {
		t.Fatal(err)
	}
	a.HeaderTemplate = `{"typ":"JWT","alg":"none","x":"1"}`
	a.PayloadTemplate = `{"iss":"{{client_id}}","aud":"{{audience}}","exp":"{{exp}}","note":"for {{client_id}}","n":3}`
	s, err := a.Sign("cli", time.Unix(1000, 0))
	if err != nil {
		t.Fatal(err)
	}
	claims := jwt.MapClaims{}
	tok, err := jwt.ParseWithClaims(s, claims, func(*jwt.Token) (any, error) { return []byte("a-secret-of-at-least-thirty-two-bytes!!"), nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithoutClaimsValidation())
	if err != nil {
		t.Fatalf("the template assertion does not verify: %v", err)
	}
	if tok.Header["alg"] != "HS256" || tok.Header["x"] != "1" {
		t.Errorf("header %v: want alg from the method and the template's fields", tok.Header)
	}
	if claims["iss"] != "cli" || claims["aud"] != "https://as.example" || claims["exp"] != float64(1060) || claims["note"] != "for cli" || claims["n"] != float64(3) {
		t.Errorf("claims %v", claims)
	}
}
