package authserver

import (
	"os/exec"
	"testing"
)

// The one user testdata/oauth2-mock-server/server.mjs accepts.
const (
	MockUser     = "alice"
	MockPassword = "correct horse battery staple"
)

// MockServer is axa-group's oauth2-mock-server, for the password grant.
type MockServer struct {
	Issuer string
	cmd    *exec.Cmd
}

// StartMockServer runs it on a random loopback port until the test ends.
func StartMockServer(t testing.TB) *MockServer {
	t.Helper()
	cmd, issuer, err := runNode(testdataDir("oauth2-mock-server"), "oauth2-mock-server")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stopProcess(cmd) })
	return &MockServer{Issuer: issuer, cmd: cmd}
}
