package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/connauth/connauth/pkg/prompt"
	"github.com/connauth/connauth/pkg/store"
	"github.com/connauth/connauth/schemes"
)

// Exit codes, as documented in the README.
const (
	exitOK         = 0
	exitFailed     = 1
	exitUsage      = 2 // usage error or missing input
	exitNoProfile  = 3
	exitLoginAgain = 4
)

// usageError marks an error in how connauth was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// exitCodeError carries a child's exit code out of `connauth exec`; it
// prints nothing.
type exitCodeError struct{ code int }

func (e exitCodeError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// errLoginAgain marks a grant that is no longer valid.
var errLoginAgain = errors.New("log in again")

// loginAgainError words a grant that ended and matches errLoginAgain.
type loginAgainError struct{ err error }

func (e loginAgainError) Error() string        { return e.err.Error() }
func (e loginAgainError) Unwrap() error        { return e.err }
func (e loginAgainError) Is(target error) bool { return target == errLoginAgain }

func exitCode(err error) int {
	var ec exitCodeError
	var ue usageError
	var me *prompt.MissingError
	var se schemes.UsageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ec):
		return ec.code
	case errors.As(err, &ue), errors.As(err, &me), errors.As(err, &se), isCobraUsage(err):
		return exitUsage
	case errors.Is(err, store.ErrNotFound):
		return exitNoProfile
	case errors.Is(err, errLoginAgain):
		return exitLoginAgain
	default:
		return exitFailed
	}
}

// isCobraUsage recognises the argument errors cobra makes itself.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "invalid argument", "accepts ", "requires at least", "flag needs an argument", "required flag"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}
