package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary act as the connauth binary inside scripts:
// `exec connauth ...` runs main's real code path in a new process.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"connauth":     func() { os.Exit(run(newApp(), os.Args[1:])) },
		"fetchbrowser": fetchBrowser,
	})
}

// TestScripts runs the CLI scenarios in testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	tripletex := newTripletexFake(t)
	as := newMisbehavingAS(t)
	node := newFakeSesamNode(t)
	webcrm := newWebCRMFake(t)
	vendor := newVendorFake(t)
	so := newSuperOfficeFake(t)
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("..", "..", "testdata", "script"),
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("CONNAUTH_CONFIG_DIR", filepath.Join(env.WorkDir, "config"))
			env.Setenv("TRIPLETEX_URL", tripletex.URL)
			env.Setenv("AS", as.srv.URL)
			env.Setenv("NODE", node.srv.URL)
			env.Setenv("WEBCRM", webcrm.URL)
			env.Setenv("VENDOR", vendor.srv.URL)
			env.Setenv("SUPEROFFICE", so.srv.URL)
			env.Setenv("AS_PORT", as.srv.URL[strings.LastIndex(as.srv.URL, ":")+1:])
			env.Setenv("BROWSER", "fetchbrowser")
			// Hermetic by default: no script reaches the developer's own
			// keyring. keyring.txtar points connauth at the throwaway
			// Secret Service through CONNAUTH_TEST_BUS.
			env.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(env.WorkDir, "no-bus-here"))
			if os.Getenv("CONNAUTH_TEST_SECRET_SERVICE") == "1" {
				env.Setenv("CONNAUTH_TEST_BUS", os.Getenv("DBUS_SESSION_BUS_ADDRESS"))
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode":    cmdExitcode,
			"hungbus":     cmdHungBus,
			"fakeas":      as.cmd,
			"wire":        as.cmdWire,
			"sesamnode":   node.cmd,
			"httpget":     cmdHTTPGet,
			"vendorize":   vendor.cmdVendorize,
			"goldenurl":   cmdGoldenURL,
			"expandenv":   cmdExpandEnv,
			"superoffice": so.cmd,
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "secretservice":
				return os.Getenv("CONNAUTH_TEST_SECRET_SERVICE") == "1", nil
			}
			return false, nil
		},
	})
}

// cmdExitcode runs `exitcode N PROGRAM ARGS...` and fails unless PROGRAM
// exits with status N; its output is kept for stdout/stderr checks.
func cmdExitcode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		got = ee.ExitCode()
	} else if err != nil {
		ts.Fatalf("running %s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}

// cmdHungBus runs `hungbus PATH`: a unix socket at PATH that accepts
// connections and never answers, like a D-Bus daemon that has hung. It is
// closed when the script ends.
func cmdHungBus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: hungbus PATH")
	}
	l, err := net.Listen("unix", ts.MkAbs(args[0]))
	ts.Check(err)
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	ts.Defer(func() {
		l.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
}

// fetchBrowser is the browser of the scripts (BROWSER=fetchbrowser): it
// GETs the URL and follows redirects, which against misbehavingAS ends on
// connauth's redirect listener.
func fetchBrowser() {
	resp, err := http.Get(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "fetchbrowser:", err)
		os.Exit(1)
	}
	resp.Body.Close()
	fmt.Fprintln(os.Stderr, "fetchbrowser: final page", resp.Status)
}

// cmd is `fakeas CLIENT refresh=MODE` (how misbehavingAS answers that
// client's refresh requests from now on) or `fakeas - invalidate=TOKEN`
// (its API stops taking that access token, as if it had expired early);
// a value @FILE is read from FILE.
func (as *misbehavingAS) cmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: fakeas CLIENT refresh=MODE | fakeas - invalidate=TOKEN")
	}
	key, value, _ := strings.Cut(args[1], "=")
	if file, ok := strings.CutPrefix(value, "@"); ok {
		value = strings.TrimSpace(ts.ReadFile(file))
	}
	q := url.Values{"client": {args[0]}, key: {value}}
	resp, err := http.Post(as.srv.URL+"/control?"+q.Encode(), "text/plain", nil)
	ts.Check(err)
	resp.Body.Close()
}

// cmdWire is `wire CLIENT FILE`: writes the canonical token and refresh
// requests misbehavingAS saw from CLIENT since the last call, and forgets
// them.
func (as *misbehavingAS) cmdWire(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: wire CLIENT FILE")
	}
	as.mu.Lock()
	got := as.wire[args[0]]
	delete(as.wire, args[0])
	as.mu.Unlock()
	if got == "" {
		ts.Fatalf("no requests from client %s", args[0])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(got), 0o600))
}

// cmdHTTPGet is `httpget URL FILE`: the body of a GET, for the test-only
// endpoints of the fakes (no curl needed).
func cmdHTTPGet(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: httpget URL FILE")
	}
	resp, err := http.Get(args[0])
	ts.Check(err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), b, 0o600))
}
