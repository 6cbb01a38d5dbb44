// Package dotenv holds the quoting that connauth's dotenv output and
// dotenv secrets files share.
package dotenv

import "strings"

// Quote returns value bare when every byte is in [A-Za-z0-9_./:@+=-], else
// double-quoted with \ " $ ` newline, carriage return and tab escaped. The
// escapes for \ " $ ` are also those of a POSIX shell's double quotes, so a
// single-line value stays literal even when the file is sourced.
func Quote(value string) string {
	if isPlain(value) {
		return value
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(value); i++ {
		switch c := value[i]; c {
		case '\\', '"', '$', '`':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// IsPlainByte reports whether c may appear in an unquoted value.
func IsPlainByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
		strings.IndexByte("_./:@+=-", c) >= 0
}

func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if !IsPlainByte(s[i]) {
			return false
		}
	}
	return true
}
