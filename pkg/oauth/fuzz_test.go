package oauth

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
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

// FuzzTokenResponsePaths: any token response body and any dotted paths
// either become a standard token response or a clear error; never a
// panic, and the access token found is the value at the path.
func FuzzTokenResponsePaths(f *testing.F) {
	f.Add(`{"data":{"access_token":"a","ttl":"60"}}`, "data.access_token", "data.ttl")
	f.Add(`{"list":[{"t":"x"}]}`, "list.0.t", "list.9")
	f.Add(`[1,2]`, "0", "")
	f.Fuzz(func(t *testing.T, body, atPath, expPath string) {
		if atPath == "" {
			return
		}
		tr := shapeTransport{shape: &Shape{AccessTokenPath: atPath, ExpiresInPath: expPath}}
		resp := &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body))}
		out, err := tr.shapeResponse(resp)
		if err != nil {
			return
		}
		var doc, std any
		if json.Unmarshal([]byte(body), &doc) != nil {
			return // passed through for x/oauth2 to report
		}
		b, _ := io.ReadAll(out.Body)
		if json.Unmarshal(b, &std) != nil {
			t.Fatalf("rewritten response is not JSON: %q", b)
		}
		want, _ := lookup(doc, atPath)
		if got := std.(map[string]any)["access_token"]; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("access_token %v, want %v from %s", got, want, atPath)
		}
	})
}

// FuzzPrivateKey: any text is a key or a clear error.
func FuzzPrivateKey(f *testing.F) {
	f.Add("-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEIA==\\n-----END PRIVATE KEY-----")
	f.Add("not a key")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			return // a 4096-bit RSA key is about 3.3 KB; bigger ones only slow the stdlib's checks
		}
		if k, err := ParsePrivateKey(s); err == nil && k == nil {
			t.Fatal("no key and no error")
		}
	})
}
