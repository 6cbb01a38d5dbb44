package superoffice

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"time"
)

// SignSystemToken returns "{systemToken}.{yyyyMMddHHmm UTC}.{signature}",
// the signature RSA-SHA256 (PKCS#1 v1.5) over the part before it, in
// standard base64, as SuperOffice's system-user flow wants.
func SignSystemToken(key *rsa.PrivateKey, systemToken string, now time.Time) (string, error) {
	msg := systemToken + "." + now.UTC().Format("200601021504")
	sum := sha256.Sum256([]byte(msg))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
	if err != nil {
		return "", err
	}
	return msg + "." + base64.StdEncoding.EncodeToString(sig), nil
}
