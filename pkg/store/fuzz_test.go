package store

import (
	"maps"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSecretsFile feeds any bytes to the secrets file parsers: they must
// not panic, and whatever they accept must survive a write and a re-read
// unchanged, in both formats.
func FuzzSecretsFile(f *testing.F) {
	for _, seed := range []string{
		`{"api_key":"k"}`,
		`{"SO-Apptoken":"a\u0000b","x":"\n"}`,
		"api_key=k\nclient_secret=\"a\\\"b\\$c\"\n",
		"# comment\nexport A='single quoted'\n\nB=\"multi\\nline\"",
		"A=unterminated \"",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSecretsAuto(data)
		if err != nil {
			return
		}
		for _, format := range []string{FormatJSON, FormatDotenv} {
			out, err := FormatSecrets(s, format)
			if err != nil {
				if format == FormatDotenv || !allUTF8(s) {
					continue // what a format cannot hold is refused, never mangled
				}
				t.Fatalf("FormatSecrets(%s) refused what was parsed: %v", format, err)
			}
			back, err := ParseSecrets(out, format)
			if err != nil {
				t.Fatalf("re-reading the %s we wrote: %v\n%s", format, err, out)
			}
			if !maps.Equal(s, back) {
				t.Fatalf("%s round trip changed the secrets: %q -> %q", format, s, back)
			}
		}
	})
}

// FuzzKeyringChunks stores any value through the chunked keyring layout
// and reads it back whole.
func FuzzKeyringChunks(f *testing.F) {
	f.Add("short", 1)
	f.Add(strings.Repeat("x", 5000), 3)
	f.Fuzz(func(t *testing.T, value string, copies int) {
		if copies < 1 || copies > 4 || !utf8.ValidString(value) {
			return
		}
		kr := newMemKeyring()
		k := NewKeyring(kr, 0)
		want := Secrets{"oauth_access_token": strings.Repeat(value, copies), "api_key": value}
		if err := k.Set("p", want); err != nil {
			if strings.Contains(err.Error(), "too big") {
				return
			}
			t.Fatal(err)
		}
		got, err := k.Get("p")
		if err != nil || !maps.Equal(got, want) {
			t.Fatalf("Get after Set = %q, %v", got, err)
		}
	})
}

func allUTF8(s Secrets) bool {
	for k, v := range s {
		if !utf8.ValidString(k) || !utf8.ValidString(v) {
			return false
		}
	}
	return true
}
