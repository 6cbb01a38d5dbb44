package export

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestDotenvFormat(t *testing.T) {
	tests := []struct{ value, want string }{
		{"", `X=`},
		{"abc123", `X=abc123`},
		{"a_b.c/d:e@f+g=h-i", `X=a_b.c/d:e@f+g=h-i`},
		{"eyJhbGciOi.eyJzdWIi.sig-_", `X=eyJhbGciOi.eyJzdWIi.sig-_`},
		{"two words", `X="two words"`},
		{"it's", `X="it's"`},
		{`say "hi"`, `X="say \"hi\""`},
		{`back\slash`, `X="back\\slash"`},
		{"$HOME ${HOME}", `X="\$HOME \${HOME}"`},
		{"`id`", "X=\"\\`id\\`\""},
		{"a\nb", `X="a\nb"`},
		{"a\r\nb", `X="a\r\nb"`},
		{"a\tb", `X="a\tb"`},
		{"#hash", `X="#hash"`},
		{"héllo", `X="héllo"`},
		{"\x01\xff", "X=\"\x01\xff\""},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		if err := Write(&out, "dotenv", []Var{{"X", tt.value}}, Options{}); err != nil {
			t.Fatal(err)
		}
		if got := out.String(); got != tt.want+"\n" {
			t.Errorf("dotenv of %q = %q, want %q", tt.value, got, tt.want+"\n")
		}
	}
}

func TestDotenvOneLinePerVar(t *testing.T) {
	values := nastyValues(t.TempDir())
	vars := make([]Var, len(values))
	for i, v := range values {
		vars[i] = Var{Name: fmt.Sprintf("V%02d", i), Value: v}
	}
	var out bytes.Buffer
	if err := Write(&out, "dotenv", vars, Options{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != len(vars) {
		t.Fatalf("got %d lines for %d vars", len(lines), len(vars))
	}
	for i, line := range lines {
		if !strings.HasPrefix(line, vars[i].Name+"=") || strings.ContainsRune(line, '\r') {
			t.Errorf("line %d = %q: not %s=value on one line", i, line, vars[i].Name)
		}
	}
}

// TestDotenvSourced checks that a shell sourcing the file reads single-line
// values literally and runs nothing.
func TestDotenvSourced(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	var vars []Var
	for i, v := range nastyValues(dir) {
		if !strings.ContainsAny(v, "\n\r\t") {
			vars = append(vars, Var{Name: fmt.Sprintf("V%02d", i), Value: v})
		}
	}
	var out bytes.Buffer
	if err := Write(&out, "dotenv", vars, Options{}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, ".env")
	if err := os.WriteFile(file, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, v := range vars {
		cmd := exec.Command(sh, "-c", `. "$1" && printf %s "$`+v.Name+`"`, sh, file)
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}
		got, err := cmd.Output()
		if err != nil {
			t.Errorf("%s: %v", v.Name, err)
			continue
		}
		if string(got) != v.Value {
			t.Errorf("%s: sourced %q, want %q", v.Name, got, v.Value)
		}
	}
	for _, f := range []string{"dollar", "backtick", "semicolon"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("a value ran a command: %s exists", f)
		}
	}
}
