package main

import (
	"io"
	"net/http"
	"os"
	"time"

	"github.com/zalando/go-keyring"
	"golang.org/x/term"

	"github.com/connauth/connauth/pkg/httpclient"
	"github.com/connauth/connauth/pkg/store"
)

// app holds what every command shares: the I/O streams, where profiles
// live, and the outside world (environment, keyring, network, clock), so
// that tests can drive commands without touching the real ones.
type app struct {
	In     io.Reader
	Out    io.Writer // what a pipeline consumes: tokens, env lines, JSON, tables
	ErrOut io.Writer // everything said to the human

	Getenv   func(string) string
	Unsetenv func(string) error
	Environ  func() []string
	Keyring  keyring.Keyring
	Now      func() time.Time
	// OpenBrowser opens a URL for the user to log in.
	OpenBrowser func(url string) error

	// Global flags.
	Debug       bool
	CAFile      string
	HTTPTimeout time.Duration

	// IsTerminal reports whether a human sits at stdin and stderr; asked
	// only by commands that may prompt.
	IsTerminal func() bool

	configDir string
	secrets   redactor
}

func newApp() *app {
	return &app{
		In:       os.Stdin,
		Out:      os.Stdout,
		ErrOut:   os.Stderr,
		Getenv:   os.Getenv,
		Unsetenv: os.Unsetenv,
		Environ:  os.Environ,
		Keyring:  store.SystemKeyring(),
		Now:      time.Now,
		OpenBrowser: func(url string) error {
			return openBrowser(url, os.Getenv("BROWSER"), os.Stderr)
		},
		IsTerminal: func() bool {
			return term.IsTerminal(int(os.Stdin.Fd())) && term.IsTerminal(int(os.Stderr.Fd()))
		},
	}
}

// config returns where profiles live: $CONNAUTH_CONFIG_DIR, else the
// user's config directory.
func (a *app) config() (store.Config, error) {
	if a.configDir != "" {
		return store.Config{Dir: a.configDir}, nil
	}
	dir, err := store.DefaultDir()
	if err != nil {
		return store.Config{}, err
	}
	a.configDir = dir
	return store.Config{Dir: dir}, nil
}

// keyringTimeout bounds every keyring call; CONNAUTH_KEYRING_TIMEOUT
// (a Go duration such as 500ms) changes it.
func (a *app) keyringTimeout() time.Duration {
	if d, err := time.ParseDuration(a.Getenv("CONNAUTH_KEYRING_TIMEOUT")); err == nil && d > 0 {
		return d
	}
	return 3 * time.Second
}

// HTTP returns the client for provider requests, honouring --ca-file and
// --debug.
func (a *app) HTTP() (*http.Client, error) {
	o := httpclient.Options{CAFile: a.CAFile, Timeout: a.HTTPTimeout}
	if a.Debug {
		o.Debug = a.ErrOut
	}
	return httpclient.NewWith(o)
}
