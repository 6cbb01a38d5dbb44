//go:build unix

package export

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

func run(t *testing.T, opts RunOptions) (code int, stdout string) {
	t.Helper()
	var out bytes.Buffer
	if opts.Stdout == nil {
		opts.Stdout = &out
	}
	code, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("Run(%q): %v", opts.Args, err)
	}
	return code, out.String()
}

func TestRunExitCode(t *testing.T) {
	tests := map[string]int{"exit 0": 0, "exit 1": 1, "exit 7": 7, "exit 255": 255}
	for script, want := range tests {
		if code, _ := run(t, RunOptions{Args: []string{"sh", "-c", script}}); code != want {
			t.Errorf("sh -c %q: exit code %d, want %d", script, code, want)
		}
	}
}

func TestRunKilledBySignal(t *testing.T) {
	tests := map[string]int{
		"kill -TERM $$": 128 + int(syscall.SIGTERM),
		"kill -KILL $$": 128 + int(syscall.SIGKILL),
		"kill -USR1 $$": 128 + int(syscall.SIGUSR1),
	}
	for script, want := range tests {
		if code, _ := run(t, RunOptions{Args: []string{"sh", "-c", script}}); code != want {
			t.Errorf("sh -c %q: exit code %d, want %d", script, code, want)
		}
	}
}

func TestRunEnv(t *testing.T) {
	env := MergeEnv([]string{"PATH=" + os.Getenv("PATH"), "API_KEY=old", "CONNAUTH_PROFILE=outer"},
		[]Var{{"API_KEY", "new value\nwith newline"}, {"SO_APPTOKEN", "app"}})
	code, out := run(t, RunOptions{
		Args:    []string{"sh", "-c", `printf '%s|%s|%s' "$API_KEY" "$SO_APPTOKEN" "$CONNAUTH_PROFILE"`},
		Env:     env,
		Profile: "hubspot",
	})
	if want := "new value\nwith newline|app|hubspot"; code != 0 || out != want {
		t.Errorf("child saw %q (exit %d), want %q", out, code, want)
	}
}

func TestRunStreams(t *testing.T) {
	var stderr bytes.Buffer
	code, out := run(t, RunOptions{
		Args:   []string{"sh", "-c", "tr a-z A-Z; echo oops >&2"},
		Stdin:  strings.NewReader("hello\n"),
		Stderr: &stderr,
	})
	if code != 0 || out != "HELLO\n" || stderr.String() != "oops\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, stderr.String())
	}
}

func TestRunCommandNotFound(t *testing.T) {
	_, err := Run(context.Background(), RunOptions{Args: []string{"connauth-no-such-command"}})
	if err == nil || err.Error() != "command not found: connauth-no-such-command" {
		t.Errorf("err = %v, want command not found: connauth-no-such-command", err)
	}
	if _, err := Run(context.Background(), RunOptions{}); err == nil {
		t.Error("no error for no command")
	}
}

func TestRunContextCancel(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	code, err := Run(ctx, RunOptions{Args: []string{"sleep", "10"}})
	if !errors.Is(err, context.DeadlineExceeded) || code != 128+int(syscall.SIGKILL) {
		t.Errorf("Run = %d, %v; want %d, context deadline exceeded", code, err, 128+int(syscall.SIGKILL))
	}
}

// TestRunForwardsSignals starts the test binary as connauth (see TestMain)
// running a shell that traps a signal, sends that signal to connauth only,
// and checks that the shell's trap ran.
func TestRunForwardsSignals(t *testing.T) {
	tests := []struct {
		sig  syscall.Signal
		trap string
	}{
		{syscall.SIGTERM, "TERM"},
		{syscall.SIGINT, "INT"},
		{syscall.SIGHUP, "HUP"},
		{syscall.SIGUSR1, "USR1"},
	}
	for _, tt := range tests {
		t.Run(tt.trap, func(t *testing.T) {
			script := `trap "exit 42" ` + tt.trap + `; echo ready; while :; do sleep 0.05; done`
			cmd := exec.Command(os.Args[0], "sh", "-c", script)
			cmd.Env = append(os.Environ(), "EXPORT_TEST_EXEC=1")
			// A group of its own, so that a timeout can kill the child too.
			cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			timer := time.AfterFunc(10*time.Second, func() { syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) })
			defer timer.Stop()

			line, err := bufio.NewReader(stdout).ReadString('\n')
			if err != nil || line != "ready\n" {
				t.Fatalf("child said %q, %v; want ready", line, err)
			}
			if err := cmd.Process.Signal(tt.sig); err != nil {
				t.Fatal(err)
			}
			err = cmd.Wait()
			if code := cmd.ProcessState.ExitCode(); code != 42 {
				t.Errorf("connauth exited %d (%v), want the child's trap exit 42", code, err)
			}
		})
	}
}
