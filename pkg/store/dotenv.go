package store

import (
	"fmt"
	"sort"
	"strings"

	"github.com/connauth/connauth/pkg/dotenv"
)

// This is a small dotenv dialect of its own, so that secret names such as
// "SO-Apptoken" and values such as "007" or "a$b" round-trip exactly.
//
//	# comment
//	export NAME=value        unquoted: trimmed, taken literally
//	NAME='value'             single-quoted: literal
//	NAME="a\"b\n"            double-quoted: \\ \" \$ \` \n \r \t
//
// Error messages give line numbers and names, never values.

// validSecretName reports whether name can be written as a dotenv name.
func validSecretName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !isNameByte(name[i]) {
			return false
		}
	}
	return true
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '.' || c == '-'
}

// encodeDotenv writes one NAME=value line per secret, sorted by name.
func encodeDotenv(s Secrets) ([]byte, error) {
	names := make([]string, 0, len(s))
	for name := range s {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, name := range names {
		if !validSecretName(name) {
			return nil, fmt.Errorf("secret name %q cannot be written to a dotenv file: use letters, digits, '_', '.' or '-', or a .json file", name)
		}
		value := s[name]
		if strings.IndexByte(value, 0) >= 0 {
			return nil, fmt.Errorf("secret %q contains a NUL byte, which a dotenv file cannot hold; use a .json file", name)
		}
		b.WriteString(name)
		b.WriteByte('=')
		b.WriteString(dotenv.Quote(value))
		b.WriteByte('\n')
	}
	return []byte(b.String()), nil
}

// dotenvParser reads dotenv text one assignment at a time.
type dotenvParser struct {
	src  string
	pos  int
	line int
}

// parseDotenv decodes dotenv text.
func parseDotenv(data []byte) (Secrets, error) {
	p := &dotenvParser{src: strings.TrimPrefix(string(data), "\ufeff"), line: 1}
	s := Secrets{}
	seen := map[string]int{}
	for {
		p.skipBlank()
		if p.pos >= len(p.src) {
			return s, nil
		}
		if p.peek() == '\n' {
			p.pos++
			p.line++
			continue
		}
		if p.peek() == '#' {
			p.skipLine()
			continue
		}
		line := p.line
		name, value, err := p.assignment()
		if err != nil {
			return nil, err
		}
		if first, ok := seen[name]; ok {
			return nil, fmt.Errorf("line %d: %s is already set on line %d; keep one of them", line, name, first)
		}
		seen[name] = line
		s[name] = value
	}
}

func (p *dotenvParser) peek() byte { return p.src[p.pos] }

// skipBlank skips spaces, tabs and carriage returns.
func (p *dotenvParser) skipBlank() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t' || p.src[p.pos] == '\r') {
		p.pos++
	}
}

// skipLine moves to the start of the next line.
func (p *dotenvParser) skipLine() {
	for p.pos < len(p.src) && p.src[p.pos] != '\n' {
		p.pos++
	}
}

// assignment reads `[export ]NAME=value` and the rest of its line.
func (p *dotenvParser) assignment() (name, value string, err error) {
	if rest, ok := strings.CutPrefix(p.src[p.pos:], "export"); ok && len(rest) > 0 && (rest[0] == ' ' || rest[0] == '\t') {
		p.pos += len("export")
		p.skipBlank()
	}
	start := p.pos
	for p.pos < len(p.src) && isNameByte(p.src[p.pos]) {
		p.pos++
	}
	name = p.src[start:p.pos]
	p.skipBlank()
	if name == "" || p.pos >= len(p.src) || p.peek() != '=' {
		// The text may be a stray secret value: do not show it.
		return "", "", fmt.Errorf("line %d: expected NAME=value, where NAME is letters, digits, '_', '.' or '-'", p.line)
	}
	p.pos++
	p.skipBlank()
	if p.pos >= len(p.src) || p.peek() == '\n' {
		return name, "", nil
	}
	switch p.peek() {
	case '"':
		value, err = p.doubleQuoted(name)
	case '\'':
		value, err = p.singleQuoted(name)
	default:
		return name, p.unquoted(), nil
	}
	if err != nil {
		return "", "", err
	}
	return name, value, p.endOfLine(name)
}

// unquoted reads the rest of the line, up to a " #" comment, trimmed.
func (p *dotenvParser) unquoted() string {
	start := p.pos
	p.skipLine()
	v := p.src[start:p.pos]
	for i := 1; i < len(v); i++ {
		if v[i] == '#' && (v[i-1] == ' ' || v[i-1] == '\t') {
			v = v[:i]
			break
		}
	}
	return strings.TrimRight(v, " \t\r")
}

// singleQuoted reads a literal value up to the next single quote.
func (p *dotenvParser) singleQuoted(name string) (string, error) {
	line := p.line
	p.pos++
	end := strings.IndexByte(p.src[p.pos:], '\'')
	if end < 0 {
		return "", fmt.Errorf("line %d: the value of %s has no closing single quote", line, name)
	}
	v := p.src[p.pos : p.pos+end]
	p.line += strings.Count(v, "\n")
	p.pos += end + 1
	return v, nil
}

// doubleQuoted reads a value up to the next unescaped double quote.
func (p *dotenvParser) doubleQuoted(name string) (string, error) {
	line := p.line
	p.pos++
	var b strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		p.pos++
		switch c {
		case '"':
			return b.String(), nil
		case '\n':
			p.line++
			b.WriteByte(c)
		case '\\':
			if p.pos >= len(p.src) {
				break
			}
			e := p.src[p.pos]
			p.pos++
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case '\\', '"', '$', '`':
				b.WriteByte(e)
			default:
				if e == '\n' {
					p.line++
				}
				b.WriteByte('\\')
				b.WriteByte(e)
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", fmt.Errorf("line %d: the value of %s has no closing double quote", line, name)
}

// endOfLine accepts blanks and a comment after a quoted value.
func (p *dotenvParser) endOfLine(name string) error {
	p.skipBlank()
	if p.pos >= len(p.src) || p.peek() == '\n' || p.peek() == '#' {
		p.skipLine()
		return nil
	}
	return fmt.Errorf("line %d: unexpected text after the quoted value of %s; quote the whole value", p.line, name)
}
