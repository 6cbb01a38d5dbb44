package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
)

// RunOptions says what Run runs, and with what.
type RunOptions struct {
	// Args is the command and its arguments; Args[0] is looked up in PATH.
	Args []string
	// Env is the command's whole environment, usually
	// MergeEnv(os.Environ(), vars). Nil means connauth's own environment.
	Env []string
	// Profile, when set, is passed to the command as CONNAUTH_PROFILE,
	// replacing any CONNAUTH_PROFILE in Env.
	Profile string
	// Stdin, Stdout and Stderr are the command's standard streams; pass
	// os.Stdin, os.Stdout and os.Stderr to hand over the terminal. Nil
	// means the null device, as in os/exec.
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// Run runs a command the way `connauth exec` does: with opts.Env, its
// standard streams connected to opts', and every signal connauth receives
// forwarded to it. It returns the command's exit code, or 128+N when
// signal N killed it; a non-zero exit is not an error. err is set when the
// command could not be run, or when ctx was done (cancelling ctx kills the
// command, so do not pass a context that a signal cancels: signals are
// forwarded instead).
func Run(ctx context.Context, opts RunOptions) (exitCode int, err error) {
	if len(opts.Args) == 0 {
		return 0, errors.New("no command given")
	}
	cmd := exec.CommandContext(ctx, opts.Args[0], opts.Args[1:]...)
	if errors.Is(cmd.Err, exec.ErrNotFound) {
		return 0, fmt.Errorf("command not found: %s", opts.Args[0])
	}
	cmd.Env = opts.Env
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	if opts.Profile != "" {
		cmd.Env = MergeEnv(cmd.Env, []Var{{Name: "CONNAUTH_PROFILE", Value: opts.Profile}})
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = opts.Stdin, opts.Stdout, opts.Stderr

	// Catch signals before the start, so none arriving in between kills
	// connauth and leaves the command running without it.
	sigs := make(chan os.Signal, 16)
	signal.Notify(sigs, forwardedSignals...)
	defer signal.Stop(sigs)

	if err := cmd.Start(); err != nil {
		return 0, err
	}
	done := make(chan struct{})
	go forward(cmd.Process, sigs, done)
	err = cmd.Wait()
	close(done)

	if cmd.ProcessState == nil {
		return 0, err
	}
	exitCode = statusCode(cmd.ProcessState)
	if ctx.Err() != nil {
		return exitCode, ctx.Err()
	}
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		return exitCode, err // the command ran, but copying its streams failed
	}
	return exitCode, nil
}

// forward sends each signal from sigs to p until done is closed.
func forward(p *os.Process, sigs <-chan os.Signal, done <-chan struct{}) {
	for {
		select {
		case sig := <-sigs:
			_ = p.Signal(sig) // fails only when p has exited, or on Windows
		case <-done:
			return
		}
	}
}
