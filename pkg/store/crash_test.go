package store

import (
	"bufio"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The crash test runs this test binary again as a writer process (see
// TestMain) and kills it at arbitrary moments.
const (
	crashPathEnv  = "CONNAUTH_STORE_CRASH_WRITER"
	crashStartEnv = "CONNAUTH_STORE_CRASH_START"
)

func TestMain(m *testing.M) {
	if path := os.Getenv(crashPathEnv); path != "" {
		start, _ := strconv.Atoi(os.Getenv(crashStartEnv))
		crashWriter(path, start)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// crashVersion is the i-th content the writer stores; sizes vary so that
// a torn write would show.
func crashVersion(i int) Secrets {
	return Secrets{
		"counter":            strconv.Itoa(i),
		"SO-Apptoken":        fmt.Sprintf("%07d", i),
		"oauth_access_token": strings.Repeat(string(rune('a'+i%26)), 50+(i*7919)%20000),
	}
}

// crashWriter stores ever-changing secrets at path until it is killed.
func crashWriter(path string, start int) {
	f := NewFileStore(path)
	for i := start; ; i++ {
		if err := f.Set("p", crashVersion(i)); err != nil {
			fmt.Fprintln(os.Stderr, "writer:", err)
			os.Exit(1)
		}
		if i == start {
			fmt.Println("ready")
		}
	}
}

func TestFileStoreSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts writer processes")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip("cannot find the test binary:", err)
	}
	dir := t.TempDir()
	next := 0
	for round := 0; round < 12; round++ {
		path := filepath.Join(dir, "secrets.json")
		if round%2 == 1 {
			path = filepath.Join(dir, "secrets.env")
		}
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), crashPathEnv+"="+path, crashStartEnv+"="+strconv.Itoa(next))
		cmd.Stderr = os.Stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, err := bufio.NewReader(out).ReadString('\n')
		if err != nil || line != "ready\n" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("writer did not start: %q, %v", line, err)
		}
		time.Sleep(time.Duration(round*7%40) * time.Millisecond)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()

		got, err := NewFileStore(path).Get("p")
		if err != nil {
			t.Fatalf("round %d: after kill the secrets file is unreadable: %v", round, err)
		}
		n, err := strconv.Atoi(got["counter"])
		if err != nil || n < next || !maps.Equal(got, crashVersion(n)) {
			t.Fatalf("round %d: after kill the file is not one of the written versions (counter %q)", round, got["counter"])
		}
		next = n + 1
	}
	t.Logf("%d versions written", next)
	if next < 24 {
		t.Errorf("only %d versions were written in 12 rounds; the writer hardly ran", next)
	}
}
