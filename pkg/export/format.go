package export

import (
	"fmt"
	"io"
	"strings"
)

// Formats lists the formats Write accepts, for flag help and completion.
var Formats = []string{"shell", "dotenv", "json", "github"}

// Options tunes Write.
type Options struct {
	// GithubEnvPath is the file the github format appends to: the value of
	// $GITHUB_ENV in a GitHub Actions step.
	GithubEnvPath string
}

// Write writes vars to w in format, one of Formats:
//
//   - shell:  export NAME='value' lines for eval "$(connauth env p)"
//   - dotenv: NAME=value lines, double-quoted where needed
//   - json:   one object {NAME: value}
//   - github: appends the vars to opts.GithubEnvPath and writes an
//     ::add-mask:: command per line of each value to w
func Write(w io.Writer, format string, vars []Var, opts Options) error {
	if err := validate(vars); err != nil {
		return err
	}
	switch format {
	case "shell":
		return writeShell(w, vars)
	case "dotenv":
		return writeDotenv(w, vars)
	case "json":
		return writeJSON(w, vars)
	case "github":
		return writeGithub(w, vars, opts.GithubEnvPath)
	}
	return fmt.Errorf("unknown format %q: valid formats are %s", format, strings.Join(Formats, ", "))
}

// validate checks what every format needs: names that are environment
// variable names, each once, and values an environment variable can hold.
func validate(vars []Var) error {
	seen := make(map[string]bool, len(vars))
	for _, v := range vars {
		if !isEnvName(v.Name) {
			return fmt.Errorf("%q is not a valid environment variable name", v.Name)
		}
		if seen[v.Name] {
			return fmt.Errorf("environment variable %s is given twice", v.Name)
		}
		seen[v.Name] = true
		if strings.IndexByte(v.Value, 0) >= 0 {
			return fmt.Errorf("the value of %s holds a NUL byte, which an environment variable cannot hold", v.Name)
		}
	}
	return nil
}

// isEnvName reports whether s is a portable environment variable name:
// letters, digits and _, not starting with a digit.
func isEnvName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
