package catalog

import (
	"net/url"
	"testing"
)

// FuzzProviderFile: any file either parses into a provider with a valid
// name and scheme or is refused; expanding its URLs with any variable
// value never changes their host.
func FuzzProviderFile(f *testing.F) {
	f.Add([]byte("name: acme\nscheme: oauth2\nvars:\n  t: {description: d}\noauth:\n  issuer: https://login.acme.example/${t}\n"), "x/../evil")
	f.Add([]byte(`{"name":"a","scheme":"oauth2","oauth":{"token_url":"https://a.example/${v}"},"vars":{"v":{"description":"d"}}}`), "@evil.example")
	f.Fuzz(func(t *testing.T, data []byte, value string) {
		for _, ext := range []string{".yaml", ".json"} {
			p, err := Parse(data, ext)
			if err != nil || p.OAuth == nil {
				continue
			}
			values := map[string]string{}
			for name := range p.Vars {
				values[name] = value
			}
			before, _ := p.OAuth.Expand(map[string]string{})
			after, err := p.OAuth.Expand(values)
			if err != nil {
				continue
			}
			for _, pair := range [][2]string{{before.Issuer, after.Issuer}, {before.TokenURL, after.TokenURL}} {
				b, err1 := url.Parse(pair[0])
				a, err2 := url.Parse(pair[1])
				if err1 == nil && err2 == nil && b.Host != "" && b.Host != a.Host {
					t.Fatalf("a variable value %q moved %s to host %s", value, pair[0], a.Host)
				}
			}
		}
	})
}
