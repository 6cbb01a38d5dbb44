package oauth

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// JWT client authentication methods (RFC 7523 §2.2, OIDC Core §9).
const (
	AuthPrivateKeyJWT   = "private_key_jwt"
	AuthClientSecretJWT = "client_secret_jwt"
)

// assertionType is client_assertion_type for a JWT (RFC 7523 §2.2).
const assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

// Assertion signs client assertions: iss = sub = the client id, aud the
// issuer (or what Audience says), a 60-second life, and a fresh jti for
// every request.
type Assertion struct {
	Method   jwt.SigningMethod
	Key      any // crypto.Signer for private_key_jwt, []byte for client_secret_jwt
	KeyID    string
	Audience string
	// HeaderTemplate and PayloadTemplate, when set, replace the standard
	// header fields and claims (integrator.io's "use JWT"): JSON objects
	// whose string values may hold {{client_id}}, {{audience}},
	// {{iat}}, {{exp}} and {{jti}}; a value that is only {{iat}} or
	// {{exp}} becomes a number.
	HeaderTemplate, PayloadTemplate string
}

// NewKeyAssertion prepares private_key_jwt with a PEM private key. alg ""
// picks one from the key: RS256 for RSA, ES256/384/512 by curve, EdDSA.
func NewKeyAssertion(pemKey, alg, kid, aud string) (*Assertion, error) {
	key, err := ParsePrivateKey(pemKey)
	if err != nil {
		return nil, err
	}
	if alg == "" {
		alg = defaultAlg(key)
	}
	m := jwt.GetSigningMethod(alg)
	if m == nil || !keyFits(key, alg) {
		return nil, fmt.Errorf("--jwt-alg %q does not fit a %s key: use %s", alg, keyKind(key), defaultAlg(key))
	}
	return &Assertion{Method: m, Key: key, KeyID: kid, Audience: aud}, nil
}

// NewSecretAssertion prepares client_secret_jwt: HS256, HS384 or HS512
// keyed with the client secret.
func NewSecretAssertion(secret, alg, aud string) (*Assertion, error) {
	if alg == "" {
		alg = "HS256"
	}
	if !strings.HasPrefix(alg, "HS") || jwt.GetSigningMethod(alg) == nil {
		return nil, fmt.Errorf("--jwt-alg %q: client_secret_jwt signs with HS256, HS384 or HS512", alg)
	}
	if secret == "" {
		return nil, fmt.Errorf("client_secret_jwt needs the client secret: set CONNAUTH_CLIENT_SECRET or use --secrets-from")
	}
	return &Assertion{Method: jwt.GetSigningMethod(alg), Key: []byte(secret), Audience: aud}, nil
}

// Sign returns a new assertion for clientID.
func (a *Assertion) Sign(clientID string, now time.Time) (string, error) {
	if a.HeaderTemplate != "" || a.PayloadTemplate != "" {
		return a.signTemplate(clientID, now)
	}
	jti := make([]byte, 16)
	rand.Read(jti)
	claims := jwt.RegisteredClaims{
		Issuer:    clientID,
		Subject:   clientID,
		Audience:  jwt.ClaimStrings{a.Audience},
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(60 * time.Second)),
		ID:        base64.RawURLEncoding.EncodeToString(jti),
	}
	t := jwt.NewWithClaims(a.Method, claims)
	if a.KeyID != "" {
		t.Header["kid"] = a.KeyID
	}
	return t.SignedString(a.Key)
}

// ParsePrivateKey reads a PEM private key (PKCS#8, PKCS#1 or SEC 1). Its
// newlines may arrive as literal \n, as when a key is pasted into an
// environment variable.
func ParsePrivateKey(s string) (crypto.Signer, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), `\n`, "\n")
	block, _ := pem.Decode([]byte(s))
	if block == nil {
		return nil, fmt.Errorf("the client key is not PEM: give a file that starts with -----BEGIN PRIVATE KEY-----")
	}
	if k, err := x509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
		if signer, ok := k.(crypto.Signer); ok {
			return signer, nil
		}
	}
	if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return k, nil
	}
	if k, err := x509.ParseECPrivateKey(block.Bytes); err == nil {
		return k, nil
	}
	return nil, fmt.Errorf("cannot read the %s block as an RSA, EC or Ed25519 private key (an encrypted key must be decrypted first)", block.Type)
}

func defaultAlg(key any) string {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		return "RS256"
	case *ecdsa.PrivateKey:
		return map[int]string{256: "ES256", 384: "ES384", 521: "ES512"}[k.Curve.Params().BitSize]
	case ed25519.PrivateKey:
		return "EdDSA"
	}
	return "RS256"
}

func keyFits(key any, alg string) bool {
	switch key.(type) {
	case *rsa.PrivateKey:
		return strings.HasPrefix(alg, "RS") || strings.HasPrefix(alg, "PS")
	case *ecdsa.PrivateKey:
		return alg == defaultAlg(key)
	case ed25519.PrivateKey:
		return alg == "EdDSA"
	}
	return false
}

func keyKind(key any) string {
	switch key.(type) {
	case *rsa.PrivateKey:
		return "RSA"
	case *ecdsa.PrivateKey:
		return "EC"
	case ed25519.PrivateKey:
		return "Ed25519"
	}
	return "unknown"
}

// signTemplate signs the user's header and payload templates.
func (a *Assertion) signTemplate(clientID string, now time.Time) (string, error) {
	jti := make([]byte, 16)
	rand.Read(jti)
	vars := map[string]any{
		"client_id": clientID, "audience": a.Audience, "jti": base64.RawURLEncoding.EncodeToString(jti),
		"iat": now.Unix(), "exp": now.Add(60 * time.Second).Unix(),
	}
	payload := map[string]any{}
	if err := fillTemplate(a.PayloadTemplate, vars, payload); err != nil {
		return "", fmt.Errorf("--jwt-payload: %w", err)
	}
	header := map[string]any{}
	if err := fillTemplate(a.HeaderTemplate, vars, header); err != nil {
		return "", fmt.Errorf("--jwt-header: %w", err)
	}
	t := jwt.NewWithClaims(a.Method, jwt.MapClaims(payload))
	for k, v := range header {
		if k != "alg" { // the signing method decides alg
			t.Header[k] = v
		}
	}
	return t.SignedString(a.Key)
}

var tmplVar = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{\{\s*([a-z_]+)\s*\}\}`) })

// fillTemplate decodes a JSON object template into out, replacing
// {{name}} in its string values.
func fillTemplate(tmpl string, vars map[string]any, out map[string]any) error {
	if tmpl == "" {
		return nil
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(tmpl), &raw); err != nil {
		return fmt.Errorf("not a JSON object: %v", err)
	}
	for k, v := range raw {
		s, ok := v.(string)
		if !ok {
			out[k] = v
			continue
		}
		if m := tmplVar().FindStringSubmatch(s); m != nil && m[0] == s {
			if val, known := vars[m[1]]; known {
				out[k] = val // a whole-value placeholder keeps its type
				continue
			}
		}
		out[k] = tmplVar().ReplaceAllStringFunc(s, func(ref string) string {
			return fmt.Sprint(vars[tmplVar().FindStringSubmatch(ref)[1]])
		})
	}
	return nil
}
