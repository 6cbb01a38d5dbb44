package store

import "fmt"

// notFoundError carries a message for users and matches ErrNotFound with
// errors.Is.
type notFoundError struct{ msg string }

func (e *notFoundError) Error() string { return e.msg }
func (e *notFoundError) Unwrap() error { return ErrNotFound }

// NotFound returns an error with the given message that matches ErrNotFound.
func NotFound(format string, args ...any) error {
	return &notFoundError{msg: fmt.Sprintf(format, args...)}
}
