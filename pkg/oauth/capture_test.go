package oauth

import (
	"net/url"
	"testing"
)

// The callback may move the token URL only to a server within the
// provider's valid domains (a forged accounts-server must not get the
// code or the client secret).
func TestMoveToServer(t *testing.T) {
	for _, tc := range []struct {
		server, want string
		ok           bool
	}{
		{"https://accounts.zoho.eu", "https://accounts.zoho.eu/oauth/v2/token", true},
		{"https://evil.example", "", false},
		{"http://accounts.zoho.eu", "", false},
		{"https://accounts.zoho.eu.evil.example", "", false},
	} {
		b := &BrowserLogin{
			Client:      &Client{TokenURL: "https://accounts.zoho.com/oauth/v2/token"},
			ServerParam: "accounts-server", ValidDomains: []string{"zoho.com", "zoho.eu"},
		}
		err := b.moveToServer(url.Values{"accounts-server": {tc.server}})
		if (err == nil) != tc.ok {
			t.Errorf("%s: err = %v, want ok=%v", tc.server, err, tc.ok)
		}
		if tc.ok && b.Client.TokenURL != tc.want {
			t.Errorf("%s: token URL %s, want %s", tc.server, b.Client.TokenURL, tc.want)
		}
		if !tc.ok && b.Client.TokenURL != "https://accounts.zoho.com/oauth/v2/token" {
			t.Errorf("%s: token URL changed to %s although refused", tc.server, b.Client.TokenURL)
		}
	}
}

func TestCaptured(t *testing.T) {
	caps := []Capture{
		{Name: "account", From: FromToken, Path: "scope", After: "|"},
		{Name: "country", From: FromCallback, Path: "country"},
		{Name: "hub", From: FromVerify, Path: "portalId"},
	}
	tok := map[string]any{"scope": "full|ab123.infusionsoft.com"}
	got := Captured(caps, FromToken, JSONGetter(tok))
	if got["account"] != "ab123.infusionsoft.com" || len(got) != 1 {
		t.Errorf("token captures = %v", got)
	}
	got = Captured(caps, FromCallback, QueryGetter(url.Values{"country": {"GB"}}))
	if got["country"] != "GB" || len(got) != 1 {
		t.Errorf("callback captures = %v", got)
	}
	got = Captured(caps, FromVerify, JSONGetter(map[string]any{"portalId": float64(62515)}))
	if got["hub"] != "62515" {
		t.Errorf("verify captures = %v, want the number without exponent", got)
	}
}
