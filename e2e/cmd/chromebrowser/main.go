// Command chromebrowser is a real browser for the end-to-end tests: named
// in BROWSER, it opens the URL in headless Chromium (through chromedp),
// logs in on oidc-provider's pages as a person would, consents (or aborts,
// with CONNAUTH_TEST_BROWSER_DENY=1), follows the redirect to connauth's
// listener, and saves a screenshot of the page it ends on to
// $CONNAUTH_TEST_ARTIFACTS/<name>.png (name from CONNAUTH_TEST_SHOT).
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: chromebrowser URL")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "chromebrowser:", err)
		os.Exit(1)
	}
}

func run(authURL string) error {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium()), chromedp.NoSandbox, chromedp.Headless)
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	// The first call starts the browser and must have no deadline.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		return fmt.Errorf("starting Chromium: %w", err)
	}
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	defer cancelT()

	steps := []chromedp.Action[chromedp.Void]{
		chromedp.Navigate(authURL),
		chromedp.WaitVisible(chromedp.CSS(`input[name="login"]`)),
	}
	if os.Getenv("CONNAUTH_TEST_BROWSER_DENY") == "1" {
		// The user cancels on the sign-in page.
		steps = append(steps, chromedp.Click(chromedp.CSS(`a[href$="/abort"]`)))
	} else {
		steps = append(steps,
			chromedp.SendKeys(chromedp.CSS(`input[name="login"]`), "alice"),
			chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), "any password"),
			chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
			// the consent page: its form carries prompt=consent
			chromedp.WaitReady(chromedp.CSS(`input[name="prompt"][value="consent"]`)),
			chromedp.Click(chromedp.CSS(`button[type="submit"]`)))
	}
	if err := chromedp.Do(ctx, steps...); err != nil {
		return err
	}
	if err := waitForCallback(ctx); err != nil {
		return err
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		return err
	}
	location, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return err
	}
	if err := screenshot(ctx); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "chromebrowser: ended on %s: %q\n", pathOf(location), title)
	return nil
}

// waitForCallback waits until the browser is on connauth's listener and
// its page has rendered.
func waitForCallback(ctx context.Context) error {
	for {
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			return err
		}
		if strings.Contains(loc, "/callback") {
			return chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`h1`)))
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("never reached the redirect URI (last at %s)", pathOf(loc))
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func screenshot(ctx context.Context) error {
	dir := os.Getenv("CONNAUTH_TEST_ARTIFACTS")
	if dir == "" {
		return nil
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return err
	}
	name := os.Getenv("CONNAUTH_TEST_SHOT")
	if name == "" {
		name = "page"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
}

// chromium is Debian's Chromium, or CHROMIUM when set.
func chromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// pathOf drops the query (it holds the authorization code).
func pathOf(u string) string {
	if i := strings.IndexByte(u, '?'); i >= 0 {
		return u[:i]
	}
	return u
}
