package main

import (
	"os"
	"regexp"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/connauth/connauth/pkg/catalog"
)

var (
	vendorHost   = regexp.MustCompile(`https://([A-Za-z0-9.${}_-]+)`)
	validDomains = regexp.MustCompile(`(?m)^  valid_domains: .*$`)
)

// cmdVendorize is `vendorize NAME FILE`: the built-in provider NAME as a
// provider file whose vendor hosts are paths of the vendor fake, so its
// login, refresh and verify run against the fake with every other setting
// as shipped. An https-only redirect rule becomes exact, since the fake
// browser can only come back to connauth's own listener.
func (v *vendorFake) cmdVendorize(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: vendorize NAME FILE")
	}
	src, err := catalog.BuiltinSource(args[0])
	ts.Check(err)
	out := vendorHost.ReplaceAllString(string(src), v.srv.URL+"/$1")
	out = validDomains.ReplaceAllString(out, "  valid_domains: [127.0.0.1, localhost]")
	out = strings.ReplaceAll(out, "redirect_rule: https", "redirect_rule: exact")
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(out), 0o600))
}

var urlNoise = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`state=[A-Za-z0-9_-]{43}`), "state=STATE"},
	{regexp.MustCompile(`code_challenge=[A-Za-z0-9_-]{43}`), "code_challenge=CHALLENGE"},
	{regexp.MustCompile(`(localhost|127\.0\.0\.1)%3A\d+`), "${1}%3APORT"},
}

// cmdGoldenURL is `goldenurl FILE`: the authorization URL the last
// command printed on stderr, with state, PKCE challenge and port
// replaced, must equal FILE's one line.
func cmdGoldenURL(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: goldenurl FILE")
	}
	var got string
	for _, line := range strings.Split(ts.ReadFile("stderr"), "\n") {
		if u, ok := strings.CutPrefix(line, "  "); ok && strings.HasPrefix(u, "https://") {
			got = u
			break
		}
	}
	if got == "" {
		ts.Fatalf("no authorization URL in stderr")
	}
	for _, n := range urlNoise {
		got = n.re.ReplaceAllString(got, n.with)
	}
	if want := strings.TrimSpace(ts.ReadFile(args[0])); got != want {
		ts.Fatalf("authorization URL\n got: %s\nwant: %s", got, want)
	}
}

// cmdExpandEnv is `expandenv FILE...`: replaces $NAME and ${NAME} in the
// files with the script's environment, for fixtures that name the fakes'
// URLs.
func cmdExpandEnv(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: expandenv FILE...")
	}
	for _, f := range args {
		out := os.Expand(ts.ReadFile(f), ts.Getenv)
		ts.Check(os.WriteFile(ts.MkAbs(f), []byte(out), 0o600))
	}
}
