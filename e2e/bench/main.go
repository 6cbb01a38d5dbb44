// Command bench times the built connauth binary, as a user's shell or CI
// job runs it, and prints every figure beside a Go hello-world's start-up:
//
//	./scripts/bench            # or: cd e2e && go run ./bench -runs 50
//
// Figures are medians over -runs executions (a batch of 20 processes
// counts as one execution of the concurrent case).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/connauth/connauth/e2e/authserver"
)

var runs = flag.Int("runs", 50, "executions per figure")

func main() {
	flag.Parse()
	work, err := os.MkdirTemp("", "connauth-bench-")
	check(err)
	defer os.RemoveAll(work)
	b := &bench{work: work, env: append(os.Environ(), "CONNAUTH_CONFIG_DIR="+filepath.Join(work, "config"))}
	b.build()
	fmt.Printf("connauth benchmark: %s/%s, %d CPUs, median of %d runs (cgo off, as release builds)\n\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), *runs)
	base := b.report("Go hello world start-up (baseline)", 0, b.timed(b.hello))
	b.login("apikey", "api_key", "--store", "file")
	b.report("connauth token, cached, file store", base, b.timed(b.bin, "token", "apikey"))
	if b.keyring() {
		b.report("connauth token, cached, OS keyring", base, b.timed(b.bin, "token", "kr"))
	} else {
		fmt.Println("connauth token, cached, OS keyring: skipped (no Secret Service; scripts/bench runs one)")
	}
	b.oauth(base)
	b.rss()
}

type bench struct {
	work, bin, hello, browser string
	env                       []string
}

func (b *bench) build() {
	b.bin = filepath.Join(b.work, "connauth")
	b.hello = filepath.Join(b.work, "hello")
	b.browser = filepath.Join(b.work, "testbrowser")
	goBuild("..", b.bin, "./cmd/connauth")
	goBuild(".", b.browser, "./cmd/testbrowser")
	src := filepath.Join(b.work, "hello-src")
	check(os.MkdirAll(src, 0o755))
	check(os.WriteFile(filepath.Join(src, "go.mod"), []byte("module hello\n\ngo 1.26\n"), 0o644))
	check(os.WriteFile(filepath.Join(src, "main.go"), []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n"), 0o644))
	goBuild(src, b.hello, ".")
}

func goBuild(dir, out, pkg string) {
	cmd := exec.Command("go", "build", "-trimpath", "-o", out, pkg)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if o, err := cmd.CombinedOutput(); err != nil {
		fail("go build %s: %v\n%s", pkg, err, o)
	}
}

// run executes one command and returns its wall time and peak RSS in KiB.
func (b *bench) run(args ...string) (time.Duration, int64) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = b.env
	start := time.Now()
	out, err := cmd.CombinedOutput()
	d := time.Since(start)
	if err != nil {
		fail("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return d, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss
}

func (b *bench) timed(args ...string) []time.Duration {
	b.run(args...) // warm the page cache
	ds := make([]time.Duration, *runs)
	for i := range ds {
		ds[i], _ = b.run(args...)
	}
	return ds
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func (b *bench) report(what string, base time.Duration, ds []time.Duration) time.Duration {
	m := median(ds)
	if base == 0 {
		fmt.Printf("%-58s %8.2f ms\n", what, ms(m))
	} else {
		fmt.Printf("%-58s %8.2f ms  %5.1fx baseline\n", what, ms(m), float64(m)/float64(base))
	}
	return m
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func (b *bench) login(profile, scheme string, flags ...string) {
	cmd := exec.Command(b.bin, append([]string{"login", scheme, "--profile", profile}, flags...)...)
	cmd.Env = append(b.env, "CONNAUTH_API_KEY=bench-key-0123456789", "BROWSER="+b.browser)
	if out, err := cmd.CombinedOutput(); err != nil {
		fail("login %s: %v\n%s", profile, err, out)
	}
}

// keyring logs in to the OS keyring when one answers.
func (b *bench) keyring() bool {
	cmd := exec.Command(b.bin, "login", "api_key", "--profile", "kr", "--store", "keyring")
	cmd.Env = append(b.env, "CONNAUTH_API_KEY=bench-key-0123456789")
	return cmd.Run() == nil
}

// oauth times the refresh cases against a local oidc-provider.
func (b *bench) oauth(base time.Duration) {
	op, err := authserver.RunOIDCProvider(time.Hour)
	if err != nil {
		fmt.Printf("OAuth figures: skipped (%v)\n", err)
		return
	}
	defer op.Stop()
	b.login("op", "oauth2", "--issuer", op.Issuer, "--client-id", authserver.PublicClient, "--scopes", "openid offline_access", "--store", "file")
	b.report("connauth token, refresh due (local oidc-provider)", base, b.timed(b.bin, "token", "op", "--min-valid", "2h"))
	b.report("20 concurrent connauth token, one refresh due (batch)", base, b.concurrent("op"))
}

// concurrent times 20 parallel token calls, with the stored expiry set in
// the past before each batch so that exactly one refresh is due.
func (b *bench) concurrent(profile string) []time.Duration {
	ds := make([]time.Duration, *runs)
	for i := range ds {
		b.expire(profile)
		start := time.Now()
		var wg sync.WaitGroup
		for range 20 {
			wg.Add(1)
			go func() { defer wg.Done(); b.run(b.bin, "token", profile) }()
		}
		wg.Wait()
		ds[i] = time.Since(start)
	}
	return ds
}

func (b *bench) expire(profile string) {
	path := filepath.Join(b.work, "config", "profiles", profile+".json")
	data, err := os.ReadFile(path)
	check(err)
	var p map[string]any
	check(json.Unmarshal(data, &p))
	p["expiry"] = time.Now().Add(-time.Minute).Format(time.RFC3339)
	data, err = json.Marshal(p)
	check(err)
	check(os.WriteFile(path, data, 0o600))
}

func (b *bench) rss() {
	var peak int64
	for range 10 {
		_, kb := b.run(b.bin, "token", "apikey")
		peak = max(peak, kb)
	}
	fmt.Printf("%-58s %8.1f MB  (target: under 20 MB)\n", "peak RSS of connauth token (max of 10)", float64(peak)/1024)
}

func check(err error) {
	if err != nil {
		fail("%v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
	os.Exit(1)
}
