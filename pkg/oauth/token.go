package oauth

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"
	"time"
)

// Token is what a token endpoint granted.
type Token struct {
	AccessToken  string
	RefreshToken string
	TokenType    string
	// Expiry is receipt time + expires_in; zero when the server gave none.
	Expiry  time.Time
	Scopes  []string
	IDToken string
	// Callback is the redirect's query of a browser login.
	Callback url.Values
	// extra reads a top-level field of the token response.
	extra func(string) any
}

// Field returns the value at a dotted path of the token response.
func (t *Token) Field(path string) (any, bool) {
	if t.extra == nil {
		return nil, false
	}
	first, rest, nested := strings.Cut(path, ".")
	v := t.extra(first)
	if !nested || v == nil {
		return v, v != nil
	}
	return lookup(v, rest)
}

// idClaims are the id_token claims worth showing; the token itself is not
// kept.
var idClaims = []string{"iss", "sub", "aud", "email", "name", "preferred_username"}

// IDClaims returns the display claims of the token's id_token, or nil.
// The id_token came straight from the token endpoint over a checked
// connection (OIDC Core §3.1.3.7 allows skipping the signature check
// then); connauth shows these claims and makes no decision on them.
func (t *Token) IDClaims() map[string]any {
	parts := strings.Split(t.IDToken, ".")
	if len(parts) != 3 {
		return nil
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil
	}
	var all map[string]any
	if json.Unmarshal(payload, &all) != nil {
		return nil
	}
	out := map[string]any{}
	for _, k := range idClaims {
		if v, ok := all[k]; ok {
			out[k] = v
		}
	}
	return out
}
