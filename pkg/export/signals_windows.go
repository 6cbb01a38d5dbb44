package export

import "os"

// forwardedSignals are the signals Run catches while the command runs.
// Windows delivers Ctrl-C and Ctrl-Break to every process on the console,
// the command included, and cannot send them to one process; connauth
// catches them only so that it outlives the command and reports its exit.
var forwardedSignals = []os.Signal{os.Interrupt}

// statusCode returns the exit code of a finished process.
func statusCode(ps *os.ProcessState) int {
	return ps.ExitCode()
}
