package superoffice

import (
	"context"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"net/http"

	"github.com/golang-jwt/jwt/v5"

	"github.com/connauth/connauth/pkg/httpclient"
)

// Claims of SuperOffice's tokens carry this prefix.
const ClaimPrefix = "http://schemes.superoffice.net/identity/"

// JWKS is an environment's signing keys.
type JWKS struct {
	Keys []struct {
		Kty string `json:"kty"`
		Kid string `json:"kid"`
		N   string `json:"n"`
		E   string `json:"e"`
	} `json:"keys"`
}

// FetchJWKS reads the key set at url.
func FetchJWKS(ctx context.Context, c *http.Client, url string) (*JWKS, error) {
	r, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	var set JWKS
	if err := httpclient.DoJSON(c, r, "read SuperOffice's signing keys", &set); err != nil {
		return nil, err
	}
	return &set, nil
}

// key returns the RSA key with kid, or the only RSA key when kid is empty.
func (s *JWKS) key(kid string) (*rsa.PublicKey, error) {
	var found *rsa.PublicKey
	for _, k := range s.Keys {
		if k.Kty != "RSA" || (kid != "" && k.Kid != kid) {
			continue
		}
		n, err1 := base64.RawURLEncoding.DecodeString(k.N)
		e, err2 := base64.RawURLEncoding.DecodeString(k.E)
		if err1 != nil || err2 != nil || len(e) > 4 {
			return nil, fmt.Errorf("SuperOffice's key %q is malformed", k.Kid)
		}
		if found != nil {
			return nil, errors.New("the token names no key and SuperOffice publishes several")
		}
		found = &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
	}
	if found == nil {
		return nil, fmt.Errorf("no SuperOffice signing key with id %q", kid)
	}
	return found, nil
}

// Verify checks a JWT's RS256 signature against the set, and its expiry;
// with audience or issuer set, those too. It returns the claims.
func (s *JWKS) Verify(token, audience, issuer string) (jwt.MapClaims, error) {
	opts := []jwt.ParserOption{jwt.WithValidMethods([]string{"RS256"}), jwt.WithExpirationRequired()}
	if audience != "" {
		opts = append(opts, jwt.WithAudience(audience))
	}
	if issuer != "" {
		opts = append(opts, jwt.WithIssuer(issuer))
	}
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(token, claims, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		return s.key(kid)
	}, opts...)
	if err != nil {
		return nil, err
	}
	return claims, nil
}

// Claim returns a SuperOffice claim's string value.
func Claim(c jwt.MapClaims, name string) string {
	v, _ := c[ClaimPrefix+name].(string)
	return v
}
