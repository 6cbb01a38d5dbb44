// The end-to-end tests run the real connauth binary against real
// authorization servers, with a scripted browser named in BROWSER.
package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/connauth/connauth/e2e/authserver"
	"github.com/connauth/connauth/e2e/browser"
)

var binDir string

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"testbrowser": browser.Main,
	})
}

// buildConnauth builds the real binary once, as a user's go install would,
// into a directory that outlives the test that asked first.
func buildConnauth(t *testing.T) string {
	t.Helper()
	if binDir != "" {
		return binDir
	}
	dir, err := os.MkdirTemp("", "connauth-e2e-bin-")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "build", "-race", "-o", filepath.Join(dir, "connauth"), "./cmd/connauth")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build connauth: %v\n%s", err, out)
	}
	binDir = dir
	return dir
}

func TestScripts(t *testing.T) {
	bin := buildConnauth(t)
	servers := map[string]*authserver.OIDCProvider{
		"op":    authserver.StartOIDCProvider(t, time.Hour),
		"short": authserver.StartOIDCProvider(t, 4*time.Second),
		"mid":   authserver.StartOIDCProvider(t, 30*time.Second),
	}
	zitadel := authserver.StartZitadel(t)
	mock := authserver.StartMockServer(t)
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("PATH", bin+string(os.PathListSeparator)+env.Getenv("PATH"))
			env.Setenv("CONNAUTH_CONFIG_DIR", filepath.Join(env.WorkDir, "config"))
			env.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(env.WorkDir, "no-bus"))
			env.Setenv("BROWSER", "testbrowser")
			env.Setenv("ISSUER", servers["op"].Issuer)
			env.Setenv("SHORT_ISSUER", servers["short"].Issuer)
			env.Setenv("MID_ISSUER", servers["mid"].Issuer)
			env.Setenv("ZITADEL_ISSUER", zitadel.Issuer)
			env.Setenv("ZITADEL_USER", zitadel.User)
			env.Setenv("MOCK_ISSUER", mock.Issuer)
			env.Setenv("KEYS", filepath.Join(authserver.ServerDir(), "keys"))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"introspect": func(ts *testscript.TestScript, neg bool, args []string) {
				cmdIntrospect(ts, neg, args, servers)
			},
			"allsame": cmdAllSame,
		},
	})
}

// cmdIntrospect is `introspect op|short|mid FILE active|inactive`: the token
// in FILE must be in that state at that server.
func cmdIntrospect(ts *testscript.TestScript, neg bool, args []string, servers map[string]*authserver.OIDCProvider) {
	if neg || len(args) != 3 || servers[args[0]] == nil {
		ts.Fatalf("usage: introspect op|short|mid FILE active|inactive")
	}
	token := strings.TrimSpace(ts.ReadFile(args[1]))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	active, _, err := servers[args[0]].Introspect(ctx, token)
	ts.Check(err)
	if got := map[bool]string{true: "active", false: "inactive"}[active]; got != args[2] {
		ts.Fatalf("the token in %s is %s, want %s", args[1], got, args[2])
	}
}

// cmdAllSame is `allsame FILE...`: every file holds the same non-empty text.
func cmdAllSame(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: allsame FILE FILE...")
	}
	first := ts.ReadFile(args[0])
	if strings.TrimSpace(first) == "" {
		ts.Fatalf("%s is empty", args[0])
	}
	for _, f := range args[1:] {
		if got := ts.ReadFile(f); got != first {
			ts.Fatalf("%s differs from %s:\n%s\nvs\n%s", f, args[0], shorten(got), shorten(first))
		}
	}
}

func shorten(s string) string {
	if len(s) > 40 {
		return fmt.Sprintf("%s… (%d bytes)", s[:40], len(s))
	}
	return s
}
