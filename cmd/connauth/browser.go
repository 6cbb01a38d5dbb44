package main

import (
	"fmt"
	"io"
	"os/exec"
	"strings"

	"github.com/pkg/browser"
)

// openBrowser opens url with the command in $BROWSER when set (the URL
// replaces a %s in it, or is appended), else with the system's opener. The
// browser is not waited for: a scripted or text browser may finish the
// login before it exits.
func openBrowser(url, browserEnv string, stderr io.Writer) error {
	if browserEnv == "" {
		browser.Stdout, browser.Stderr = stderr, stderr // stdout is for tokens
		return browser.OpenURL(url)
	}
	args := strings.Fields(browserEnv)
	replaced := false
	for i, a := range args {
		if strings.Contains(a, "%s") {
			args[i], replaced = strings.ReplaceAll(a, "%s", url), true
		}
	}
	if !replaced {
		args = append(args, url)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("BROWSER=%q: %w", browserEnv, err)
	}
	go func() {
		if err := cmd.Wait(); err != nil {
			fmt.Fprintf(stderr, "The browser command (BROWSER=%q) failed: %v\n", browserEnv, err)
		}
	}()
	return nil
}
