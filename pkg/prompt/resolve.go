// Package prompt gathers the inputs a login needs: from flags (non-secret
// values only), from CONNAUTH_<NAME> environment variables, from a
// --secrets-from file, and on a terminal from masked huh prompts.
package prompt

import (
	"fmt"
	"strings"
)

// Field is one input to gather.
type Field struct {
	Name        string
	Description string
	Secret      bool
	Optional    bool
	// Flag names the command-line flag that may carry a non-secret value.
	Flag string
	// Validate, when set, checks a non-empty answer at the prompt (a URL's
	// shape, say) so the user can fix it there.
	Validate func(string) error
}

// EnvName is the environment variable that may carry the field's value.
func (f Field) EnvName() string {
	return "CONNAUTH_" + strings.ToUpper(strings.NewReplacer("-", "_", ".", "_").Replace(f.Name))
}

// Sources are where values come from, in order of precedence: Flags, then
// File (--secrets-from), then the environment, then a prompt.
type Sources struct {
	Flags  map[string]string
	File   map[string]string
	Getenv func(string) string
	// Ask prompts for the fields still missing; nil when there is no
	// terminal to ask on.
	Ask func(fields []Field, values map[string]string) error
}

// Resolve returns a value for every field, or a *MissingError naming each
// required field that no source gave.
func Resolve(fields []Field, src Sources) (map[string]string, error) {
	values := map[string]string{}
	var missing []Field
	for _, f := range fields {
		if v, ok := lookup(f, src); ok {
			values[f.Name] = v
			continue
		}
		missing = append(missing, f)
	}
	if len(missing) == 0 {
		return values, nil
	}
	if src.Ask != nil {
		if err := src.Ask(missing, values); err != nil {
			return nil, err
		}
		missing = stillMissing(missing, values)
	}
	if required := requiredOnly(missing); len(required) > 0 {
		return nil, &MissingError{Fields: required}
	}
	return values, nil
}

func lookup(f Field, src Sources) (string, bool) {
	if v, ok := src.Flags[f.Name]; ok && !f.Secret {
		return v, true
	}
	if v, ok := src.File[f.Name]; ok {
		return v, true
	}
	if src.Getenv != nil {
		if v := src.Getenv(f.EnvName()); v != "" {
			return v, true
		}
	}
	return "", false
}

func stillMissing(fields []Field, values map[string]string) []Field {
	var out []Field
	for _, f := range fields {
		if values[f.Name] == "" {
			out = append(out, f)
		}
	}
	return out
}

func requiredOnly(fields []Field) []Field {
	var out []Field
	for _, f := range fields {
		if !f.Optional {
			out = append(out, f)
		}
	}
	return out
}

// MissingError names the inputs that were needed and not given, and how to
// give each one.
type MissingError struct {
	Fields []Field
}

func (e *MissingError) Error() string {
	var b strings.Builder
	b.WriteString("missing input (no terminal to prompt on):")
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "\n  %s: %s", f.Name, howToGive(f))
	}
	return b.String()
}

func howToGive(f Field) string {
	ways := []string{}
	if f.Flag != "" && !f.Secret {
		ways = append(ways, "pass --"+f.Flag)
	}
	ways = append(ways, "set "+f.EnvName(), fmt.Sprintf("put %q in a --secrets-from FILE (JSON or name=value lines; - reads stdin)", f.Name))
	return strings.Join(ways, ", or ")
}
