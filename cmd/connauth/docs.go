//go:build docs

// The man page writer is built only with -tags docs (release builds run it
// to ship man pages in the archives): cobra/doc brings in a Markdown
// engine whose package init alone costs every 'connauth token' about
// 0.4 ms.

package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

func addDocsCmd(root *cobra.Command, a *app) { root.AddCommand(newDocsCmd(a)) }

func newDocsCmd(a *app) *cobra.Command {
	var manDir string
	c := &cobra.Command{
		Use:     "docs --man DIR",
		Short:   "Write man pages for every command",
		Example: `  go run -tags docs ./cmd/connauth docs --man ./man && man ./man/connauth-login.1`,
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if manDir == "" {
				return usageErrorf("docs needs --man DIR")
			}
			if err := os.MkdirAll(manDir, 0o755); err != nil {
				return err
			}
			root := c.Root()
			root.DisableAutoGenTag = true
			header := &doc.GenManHeader{Title: "CONNAUTH", Section: "1", Source: "connauth " + versionString()}
			if err := doc.GenManTree(root, header, manDir); err != nil {
				return fmt.Errorf("writing man pages to %s: %w", manDir, err)
			}
			fmt.Fprintf(a.ErrOut, "Wrote man pages to %s.\n", manDir)
			return nil
		},
	}
	c.Flags().StringVar(&manDir, "man", "", "directory to write the man pages (section 1) to")
	return c
}
