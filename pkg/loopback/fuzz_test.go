package loopback

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzCallbackQuery feeds any query string to the callback check: it must
// not panic, must accept only the right state (and, when present, the
// right iss), and must never put control characters in an error.
func FuzzCallbackQuery(f *testing.F) {
	for _, seed := range []string{
		"code=c&state=s", "state=s&iss=https%3A%2F%2Fas.example&code=c",
		"error=access_denied&error_description=%1b%5b2J&state=s", "state=s&state=t&code=c",
		"iss=a&iss=b&state=s&code=c", "%zz", "state=s",
	} {
		f.Add(seed, false)
	}
	f.Fuzz(func(t *testing.T, raw string, require bool) {
		s := &Server{cfg: Config{State: "s", Issuer: "https://as.example", RequireIss: require}}
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		code, err := s.check(q)
		if err == nil {
			if q.Get("state") != "s" || code == "" {
				t.Fatalf("accepted %q", raw)
			}
			if iss, ok := q["iss"]; (ok && (len(iss) != 1 || iss[0] != "https://as.example")) || (!ok && require) {
				t.Fatalf("accepted a bad iss: %q", raw)
			}
			return
		}
		if strings.ContainsFunc(err.Error(), func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			t.Fatalf("error with control characters: %q", err)
		}
	})
}
