package export

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// EnvName returns the environment variable name for the secret name with
// the prefix prepended: upper-cased, with every character other than A-Z,
// 0-9 and _ replaced by _, and a leading _ when it would start with a
// digit. EnvName("", "SO-Apptoken") is "SO_APPTOKEN".
func EnvName(prefix, name string) string {
	s := sanitize(prefix + name)
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		s = "_" + s
	}
	return s
}

// sanitize upper-cases the ASCII letters in s and replaces every other byte
// that is not 0-9 or _ by _, so each byte of a multi-byte character, or of
// invalid UTF-8, becomes one _.
func sanitize(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z':
			b[i] = c - 'a' + 'A'
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_':
		default:
			b[i] = '_'
		}
	}
	return string(b)
}

// EnvVars turns secrets into environment variables named by EnvName, sorted
// by name. It fails when two secrets map to the same name, or when a value
// holds a NUL byte, which no environment variable can.
func EnvVars(prefix string, secrets map[string]string) ([]Var, error) {
	names := slices.Sorted(maps.Keys(secrets))

	from := make(map[string]string, len(secrets))
	vars := make([]Var, 0, len(secrets))
	for _, name := range names {
		env := EnvName(prefix, name)
		if env == "" {
			return nil, fmt.Errorf("secret %q has an empty name", name)
		}
		if other, ok := from[env]; ok {
			return nil, fmt.Errorf("secrets %q and %q both map to the environment variable %s", other, name, env)
		}
		if strings.IndexByte(secrets[name], 0) >= 0 {
			return nil, fmt.Errorf("secret %q holds a NUL byte, which an environment variable cannot hold", name)
		}
		from[env] = name
		vars = append(vars, Var{Name: env, Value: secrets[name]})
	}
	slices.SortFunc(vars, func(a, b Var) int { return strings.Compare(a.Name, b.Name) })
	return vars, nil
}
