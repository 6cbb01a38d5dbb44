package export

import (
	"context"
	"fmt"
	"os"
	"testing"
)

// TestMain lets the test binary play connauth: with EXPORT_TEST_EXEC=1 it
// runs its arguments through Run, as `connauth exec` would, and exits with
// the command's code. Tests start it to send it signals.
func TestMain(m *testing.M) {
	if os.Getenv("EXPORT_TEST_EXEC") == "1" {
		code, err := Run(context.Background(), RunOptions{
			Args:   os.Args[1:],
			Stdin:  os.Stdin,
			Stdout: os.Stdout,
			Stderr: os.Stderr,
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(code)
	}
	os.Exit(m.Run())
}
