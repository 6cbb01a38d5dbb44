package export

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// writeGithub appends vars to the GitHub Actions environment file at path,
// so that later steps of the job see them, and first writes to w an
// ::add-mask:: command for every line of every value, so that the runner
// hides them in the logs.
func writeGithub(w io.Writer, vars []Var, path string) error {
	if path == "" {
		return errors.New("GITHUB_ENV is not set: the github format is meant for GitHub Actions steps; use --format shell elsewhere")
	}
	var masks, entries strings.Builder
	for _, v := range vars {
		if !utf8.ValidString(v.Value) {
			return fmt.Errorf("the value of %s is not valid UTF-8, which the GitHub Actions runner cannot pass on", v.Name)
		}
		masks.WriteString(maskCommands(v.Value))
		entry, err := envFileEntry(v.Name, v.Value, randomDelimiter)
		if err != nil {
			return err
		}
		entries.WriteString(entry)
	}
	if _, err := io.WriteString(w, masks.String()); err != nil {
		return err
	}
	return appendFile(path, entries.String())
}

// maskCommands returns an ::add-mask:: command for each line of value:
// the runner masks what it is given as a whole, and logs go by line.
// Lines are split at \n and at \r, and blank ones skipped (the runner
// refuses to mask whitespace).
func maskCommands(value string) string {
	var b strings.Builder
	lines := strings.FieldsFunc(value, func(r rune) bool { return r == '\n' || r == '\r' })
	for _, line := range lines {
		if strings.TrimSpace(line) == "" {
			continue
		}
		// Workflow command data escapes % (and \r, \n, which lines lack).
		b.WriteString("::add-mask::" + strings.ReplaceAll(line, "%", "%25") + "\n")
	}
	return b.String()
}

// envFileEntry returns NAME<<DELIM\nvalue\nDELIM\n, the multi-line syntax of
// $GITHUB_ENV, with a delimiter from newDelimiter that occurs in neither
// name nor value.
func envFileEntry(name, value string, newDelimiter func() string) (string, error) {
	for range 10 {
		d := newDelimiter()
		if !strings.Contains(value, d) && !strings.Contains(name, d) {
			return name + "<<" + d + "\n" + value + "\n" + d + "\n", nil
		}
	}
	return "", fmt.Errorf("could not find a delimiter that does not occur in the value of %s", name)
}

// randomDelimiter returns ghadelimiter_ and 32 random hex digits, the
// shape @actions/core uses.
func randomDelimiter() string {
	b := make([]byte, 16)
	rand.Read(b) // never returns an error; it crashes the program instead
	return "ghadelimiter_" + hex.EncodeToString(b)
}

// appendFile appends s to the file at path in one write, creating it
// readable only by its owner.
func appendFile(path, s string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(s); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
