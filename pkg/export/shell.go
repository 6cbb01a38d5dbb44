package export

import (
	"bufio"
	"io"
	"strings"
)

// writeShell writes export NAME='value' lines, safe to eval in any POSIX
// shell (sh, dash, bash, zsh).
func writeShell(w io.Writer, vars []Var) error {
	bw := bufio.NewWriter(w)
	for _, v := range vars {
		bw.WriteString("export " + v.Name + "=" + shellQuote(v.Value) + "\n")
	}
	return bw.Flush()
}

// shellQuote quotes s for a POSIX shell. Inside single quotes every byte is
// literal, newlines and invalid UTF-8 included. The one byte that cannot
// appear there, a single quote, closes the quoting, is written as \' and
// reopens it.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
