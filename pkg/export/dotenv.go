package export

import (
	"bufio"
	"io"
	"strings"
)

// writeDotenv writes NAME=value lines in the dialect docker compose,
// python-dotenv and godotenv read: bare when the value is plain, otherwise
// double-quoted with escapes.
func writeDotenv(w io.Writer, vars []Var) error {
	bw := bufio.NewWriter(w)
	for _, v := range vars {
		bw.WriteString(v.Name + "=" + dotenvQuote(v.Value) + "\n")
	}
	return bw.Flush()
}

// dotenvQuote returns s bare when every byte is in [A-Za-z0-9_./:@+=-],
// else double-quoted with \ " $ ` newline, carriage return and tab escaped.
// The escapes for \ " $ ` are also those of a POSIX shell's double quotes,
// so a single-line value stays literal even when the file is sourced.
func dotenvQuote(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
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

func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte("_./:@+=-", c) >= 0) {
			return false
		}
	}
	return true
}
