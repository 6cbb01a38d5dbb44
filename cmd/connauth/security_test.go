package main

import (
	"bufio"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// TestNoSecretInCommandLine reads connauth's /proc/PID/cmdline, which any
// user on the machine can read, while a login waits for the browser.
func TestNoSecretInCommandLine(t *testing.T) {
	if _, err := os.Stat("/proc/self/cmdline"); err != nil {
		t.Skip("no /proc here: the check is for Linux")
	}
	as := newMisbehavingAS(t)
	const secret = "cmdline-s3cret-value"
	cmd := exec.Command(builtBinary(t), "login", "oauth2", "--profile", "c", "--issuer", as.issuer("silent"),
		"--client-id", "cli", "--timeout", "10s")
	cmd.Env = append(os.Environ(), append(testEnv(t), "CONNAUTH_CLIENT_SECRET="+secret, "BROWSER=true")...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	waitForLine(t, bufio.NewScanner(stderr), "waiting for you to log in")
	argv, err := os.ReadFile("/proc/" + strconv.Itoa(cmd.Process.Pid) + "/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(argv), secret) {
		t.Fatalf("the client secret is in connauth's command line: %q", argv)
	}
	if !strings.Contains(string(argv), "--client-id") {
		t.Fatalf("read the wrong command line: %q", argv)
	}
}
