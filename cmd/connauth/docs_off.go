//go:build !docs

package main

import "github.com/spf13/cobra"

// addDocsCmd adds nothing: see docs.go for why the man page writer is
// built only with -tags docs.
func addDocsCmd(*cobra.Command, *app) {}
