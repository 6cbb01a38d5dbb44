//go:build unix

package export

import (
	"os"
	"syscall"
)

// forwardedSignals are the signals Run passes on to the command: the ones
// that ask a process to stop, reload or redraw, or that scripts use.
var forwardedSignals = []os.Signal{
	syscall.SIGINT,
	syscall.SIGTERM,
	syscall.SIGHUP,
	syscall.SIGQUIT,
	syscall.SIGUSR1,
	syscall.SIGUSR2,
	syscall.SIGWINCH,
}

// statusCode returns the exit code of a finished process, and 128+N, as
// shells report it, when signal N killed it.
func statusCode(ps *os.ProcessState) int {
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return ps.ExitCode()
}
