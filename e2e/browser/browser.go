// Package browser is a scripted browser for the end-to-end tests: it opens
// an authorization URL, fills the test servers' login and consent forms,
// and follows redirects until it lands on connauth's redirect listener.
// It knows oidc-provider's devInteractions pages and the zitadel example
// OP's login page, and nothing else.
package browser

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"
)

// Options choose what the user does.
type Options struct {
	User     string // login name; "alice" when empty
	Password string // "any" when empty (oidc-provider accepts anything)
	Deny     bool   // abort the interaction: the callback gets access_denied
	Log      io.Writer
}

var (
	formRe  = regexp.MustCompile(`(?is)<form[^>]*action="([^"]*)"[^>]*>(.*?)</form>`)
	inputRe = regexp.MustCompile(`(?is)<input[^>]*>`)
	attrRe  = regexp.MustCompile(`(?is)(name|value|type)="([^"]*)"`)
	abortRe = regexp.MustCompile(`href="([^"]*/abort)"`)
	// zitadel's device confirmation: two buttons that navigate by script.
	confirmRe = regexp.MustCompile(`location\.href='([^']*\?action=(allowed|denied))'`)
	maxSteps  = 12
)

// Browse runs the login in authURL and returns nil once the final page,
// served by the redirect URI, answers 2xx.
func Browse(ctx context.Context, authURL string, o Options) error {
	if o.User == "" {
		o.User = "alice"
	}
	if o.Password == "" {
		o.Password = "any"
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 20 * time.Second}
	resp, body, err := get(ctx, c, authURL)
	for step := 0; err == nil && step < maxSteps; step++ {
		fmt.Fprintf(o.Log, "browser: %d %s%s\n", resp.StatusCode, resp.Request.URL.Host, resp.Request.URL.Path)
		if link := confirmLink(body, o.Deny); link != "" {
			resp, body, err = get(ctx, c, resp.Request.URL.ResolveReference(mustParse(link)).String())
			continue
		}
		if strings.HasSuffix(resp.Request.URL.Path, "/callback") || !isForm(body) {
			return final(resp, body)
		}
		resp, body, err = answer(ctx, c, resp.Request.URL, body, o)
	}
	if err != nil {
		return err
	}
	return fmt.Errorf("browser: gave up after %d pages", maxSteps)
}

func isForm(body string) bool { return formRe.MatchString(body) }

// confirmLink is the allow (or deny) target of a script-driven confirm page.
func confirmLink(body string, deny bool) string {
	want := "allowed"
	if deny {
		want = "denied"
	}
	for _, m := range confirmRe.FindAllStringSubmatch(body, -1) {
		if m[2] == want {
			return m[1]
		}
	}
	return ""
}

func final(resp *http.Response, body string) error {
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("browser: final page %s %s: %s", resp.Status, resp.Request.URL.Path, excerpt(body))
	}
	return nil
}

// answer fills and submits the page's form, or aborts when told to deny.
func answer(ctx context.Context, c *http.Client, page *url.URL, body string, o Options) (*http.Response, string, error) {
	if o.Deny {
		if m := abortRe.FindStringSubmatch(body); m != nil {
			return get(ctx, c, page.ResolveReference(mustParse(html.UnescapeString(m[1]))).String())
		}
	}
	m := formRe.FindStringSubmatch(body)
	action := page.ResolveReference(mustParse(html.UnescapeString(m[1])))
	form := url.Values{}
	for _, in := range inputRe.FindAllString(m[2], -1) {
		attrs := map[string]string{}
		for _, a := range attrRe.FindAllStringSubmatch(in, -1) {
			attrs[strings.ToLower(a[1])] = html.UnescapeString(a[2])
		}
		name := attrs["name"]
		switch {
		case name == "":
		case name == "login" || name == "username":
			form.Set(name, o.User)
		case name == "password":
			form.Set(name, o.Password)
		default:
			form.Set(name, attrs["value"])
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, action.String(), strings.NewReader(form.Encode()))
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return do(c, req)
}

func get(ctx context.Context, c *http.Client, u string) (*http.Response, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, "", err
	}
	return do(c, req)
}

func do(c *http.Client, req *http.Request) (*http.Response, string, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, "", fmt.Errorf("browser: %s %s: %w", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp, string(b), err
}

func mustParse(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		return &url.URL{}
	}
	return u
}

func excerpt(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// Main is the program named in BROWSER: `testbrowser URL`. The
// environment chooses the user (CONNAUTH_TEST_BROWSER_USER) and a denial
// (CONNAUTH_TEST_BROWSER_DENY=1); CONNAUTH_TEST_BROWSER_PASSWORD the
// password. It logs paths only: queries hold codes.
func Main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: testbrowser URL")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := Browse(ctx, os.Args[1], Options{
		User:     os.Getenv("CONNAUTH_TEST_BROWSER_USER"),
		Password: os.Getenv("CONNAUTH_TEST_BROWSER_PASSWORD"),
		Deny:     os.Getenv("CONNAUTH_TEST_BROWSER_DENY") == "1",
		Log:      os.Stderr,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
