package superoffice

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"
)

func testKey(t testing.TB) *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	k.Precompute()
	return k
}

func xmlOf(k *rsa.PrivateKey) string {
	b := func(i *big.Int) string { return base64.StdEncoding.EncodeToString(i.Bytes()) }
	return "<RSAKeyValue>\n  <Modulus>" + b(k.N) + "</Modulus>\n  <Exponent>AQAB</Exponent><P>" + b(k.Primes[0]) +
		"</P><Q>" + b(k.Primes[1]) + "</Q><DP>" + b(k.Precomputed.Dp) + "</DP><DQ>" + b(k.Precomputed.Dq) +
		"</DQ><InverseQ>" + b(k.Precomputed.Qinv) + "</InverseQ><D>" + b(k.D) + "</D></RSAKeyValue>"
}

// The .NET XML key and the PEM key are the same key.
func TestParseKeyXMLAndPEM(t *testing.T) {
	k := testKey(t)
	fromXML, err := ParseKey(xmlOf(k))
	if err != nil {
		t.Fatal(err)
	}
	if !fromXML.Equal(k) {
		t.Error("XML key differs from the original")
	}
	p := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})
	fromPEM, err := ParseKey(string(p))
	if err != nil || !fromPEM.Equal(k) {
		t.Errorf("PEM: %v", err)
	}
}

func TestParseKeyRefusesPublicOnlyXML(t *testing.T) {
	k := testKey(t)
	pub := "<RSAKeyValue><Modulus>" + base64.StdEncoding.EncodeToString(k.N.Bytes()) + "</Modulus><Exponent>AQAB</Exponent></RSAKeyValue>"
	if _, err := ParseKey(pub); err == nil || !strings.Contains(err.Error(), "not the public one") {
		t.Errorf("public-only XML: %v", err)
	}
}

// "{system_token}.{yyyyMMddHHmm UTC}.{base64 RSA-SHA256}", verifiable with
// the public key.
func TestSignSystemToken(t *testing.T) {
	k := testKey(t)
	at := time.Date(2026, 11, 24, 14, 5, 59, 0, time.FixedZone("CET", 3600))
	signed, err := SignSystemToken(k, "Sys-Token.With.Dots", at)
	if err != nil {
		t.Fatal(err)
	}
	want := "Sys-Token.With.Dots.202611241305."
	if !strings.HasPrefix(signed, want) {
		t.Fatalf("signed = %q, want prefix %q (UTC minutes)", signed, want)
	}
	sig, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(signed, want))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(strings.TrimSuffix(want, ".")))
	if err := rsa.VerifyPKCS1v15(&k.PublicKey, crypto.SHA256, sum[:], sig); err != nil {
		t.Errorf("signature does not verify: %v", err)
	}
}

func FuzzParseKey(f *testing.F) {
	k := testKey(f)
	f.Add(xmlOf(k))
	f.Add("<RSAKeyValue><Modulus>AA==</Modulus><Exponent>AQAB</Exponent><P>AQ==</P><Q>AQ==</Q><D>AQ==</D></RSAKeyValue>")
	f.Add("-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----")
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ParseKey(s)
		if err == nil && k.Validate() != nil {
			t.Fatal("accepted an invalid key")
		}
	})
}
