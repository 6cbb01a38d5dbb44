package catalog

import (
	"strings"
	"testing"
)

func TestExpandEscapesValues(t *testing.T) {
	p, err := Parse([]byte("name: x\nscheme: oauth2\nvars:\n  tenant: {description: t}\noauth:\n  issuer: https://login.example/${tenant}/v2\n"), ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	values, err := p.Values(map[string]string{"tenant": "a/../../evil.example?x="})
	if err != nil {
		t.Fatal(err)
	}
	o, err := p.OAuth.Expand(values)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(o.Issuer, "https://login.example/") || strings.Contains(o.Issuer, "/../") || strings.Contains(o.Issuer, "?") {
		t.Errorf("a variable changed the URL's shape: %s", o.Issuer)
	}
}

func TestParseRefusals(t *testing.T) {
	tests := map[string]string{
		"name: Bad Name\nscheme: oauth2\noauth: {issuer: https://x}\n": "name",
		"name: x\n":                 "no scheme",
		"name: x\nscheme: oauth2\n": "needs an oauth: section",
		"name: x\nscheme: oauth2\nvars:\n  v: {description: d, default: c, allowed: [a, b]}\noauth: {issuer: https://x}\n": "not among its allowed values",
		"name: x\nscheme: oauth2\noauth:\n  issuer: https://x/${nope}\n":                                                   "",
	}
	for doc, want := range tests {
		p, err := Parse([]byte(doc), ".yaml")
		if want == "" {
			if err == nil {
				_, err = p.OAuth.Expand(map[string]string{})
			}
			want = "does not declare"
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want an error about %q", doc, err, want)
		}
	}
}

func TestDomains(t *testing.T) {
	// in pkg/oauth; here only that valid_domains is read.
	p, err := Parse([]byte(`{"name":"x","scheme":"oauth2","oauth":{"issuer":"https://a.example","valid_domains":["example"]}}`), ".json")
	if err != nil || len(p.OAuth.ValidDomains) != 1 {
		t.Fatalf("Parse = %+v, %v", p, err)
	}
}
