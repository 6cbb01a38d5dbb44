// Package superoffice speaks SuperOffice CRM Online's system-user
// protocol: the application's RSA key (PEM or the .NET XML the developer
// portal hands out), the signed system token, the ticket exchange, and the
// id_token and ticket JWTs checked against the environment's JWKS.
package superoffice

import (
	"crypto/rsa"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/connauth/connauth/pkg/oauth"
)

// ParseKey reads the application's RSA private key: PEM (PKCS#1 or
// PKCS#8), or the <RSAKeyValue> XML of .NET.
func ParseKey(s string) (*rsa.PrivateKey, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "<") {
		return parseXMLKey(s)
	}
	k, err := oauth.ParsePrivateKey(s)
	if err != nil {
		return nil, fmt.Errorf("the private key is neither PEM nor .NET XML (<RSAKeyValue>): %v", err)
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, errors.New("the private key is not an RSA key; SuperOffice signs system tokens with RSA")
	}
	return rk, nil
}

// xmlKey is .NET's RSAParameters as XML: base64 big-endian integers.
type xmlKey struct {
	Modulus, Exponent, P, Q, DP, DQ, InverseQ, D string
}

func parseXMLKey(s string) (*rsa.PrivateKey, error) {
	var x xmlKey
	if err := xml.Unmarshal([]byte(s), &x); err != nil {
		return nil, fmt.Errorf("the private key looks like .NET XML but does not parse: %v", err)
	}
	ints := map[string]*big.Int{}
	for name, v := range map[string]string{"Modulus": x.Modulus, "Exponent": x.Exponent, "P": x.P, "Q": x.Q, "D": x.D} {
		b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(v))
		if err != nil || len(b) == 0 {
			return nil, fmt.Errorf("the .NET XML key's <%s> is missing or not base64: export the private key (with P, Q and D), not the public one", name)
		}
		ints[name] = new(big.Int).SetBytes(b)
	}
	e := ints["Exponent"]
	if !e.IsInt64() || e.Int64() < 3 || e.Int64() > 1<<31-1 {
		return nil, errors.New("the .NET XML key's exponent is out of range")
	}
	k := &rsa.PrivateKey{
		PublicKey: rsa.PublicKey{N: ints["Modulus"], E: int(e.Int64())},
		D:         ints["D"],
		Primes:    []*big.Int{ints["P"], ints["Q"]},
	}
	if err := k.Validate(); err != nil {
		return nil, fmt.Errorf("the .NET XML key is not a consistent RSA key: %v", err)
	}
	k.Precompute()
	return k, nil
}
