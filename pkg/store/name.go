package store

import "fmt"

// MaxNameLen is the longest profile name accepted.
const MaxNameLen = 64

// ValidateName reports whether name can be used as a profile name: 1-64
// letters, digits, '.', '_' or '-', not starting with '.' or '-'. Profile
// names become file names and keyring entries, so nothing else is allowed.
func ValidateName(name string) error {
	if !validName(name) {
		return fmt.Errorf("invalid profile name %q: use 1-%d letters, digits, '.', '_' or '-', not starting with '.' or '-'", name, MaxNameLen)
	}
	return nil
}

func validName(name string) bool {
	if len(name) == 0 || len(name) > MaxNameLen || name[0] == '.' || name[0] == '-' {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == '.', c == '_', c == '-':
		default:
			return false
		}
	}
	return true
}
