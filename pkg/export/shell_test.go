package export

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// nastyValues are values that break naive quoting. $(...) and backticks
// touch files in the directory given, which must not appear.
func nastyValues(dir string) []string {
	all := make([]byte, 0, 255)
	for c := 1; c < 256; c++ {
		all = append(all, byte(c))
	}
	return []string{
		"",
		"plain",
		"it's",
		"'",
		"''",
		`'\''`,
		"a\nb",
		"trailing newline\n",
		"\n\n",
		"\nleading newline",
		"tab\there",
		"cr\r\nlf",
		"$(touch " + dir + "/dollar)",
		"`touch " + dir + "/backtick`",
		"'; touch " + dir + "/semicolon; '",
		"${HOME} $HOME $0 $1 $@ $$",
		`back\slash\`,
		`\'`,
		`\n`,
		"\x01\x02\x1b[31m\x7f",
		"héllo ✓ 日本",
		"\xff\xfe invalid utf-8 \xc3",
		"-n",
		"-e --",
		"!! !$ ^x^y",
		"%s %n %%",
		" spaced  out ",
		"#not a comment",
		"~ * ? [a] {a,b}",
		`"double" "quotes"`,
		string(all),
	}
}

// shells returns the distinct POSIX shells installed.
func shells(t *testing.T) []string {
	seen := map[string]bool{}
	var found []string
	for _, name := range []string{"sh", "dash", "bash", "zsh"} {
		path, err := exec.LookPath(name)
		if err != nil {
			continue
		}
		real, err := filepath.EvalSymlinks(path)
		if err != nil || seen[real] {
			continue
		}
		seen[real] = true
		found = append(found, path)
	}
	if len(found) == 0 {
		t.Skip("no POSIX shell installed")
	}
	return found
}

func TestShellFormatText(t *testing.T) {
	var out bytes.Buffer
	vars := []Var{{"A", "it's"}, {"B", ""}, {"C", "x\ny"}}
	if err := Write(&out, "shell", vars, Options{}); err != nil {
		t.Fatal(err)
	}
	want := "export A='it'\\''s'\nexport B=''\nexport C='x\ny'\n"
	if out.String() != want {
		t.Errorf("shell output = %q, want %q", out.String(), want)
	}
}

// TestShellFormatEval evals the output in every shell installed and checks
// that each variable reads back byte for byte, as a shell variable and as
// an exported one.
func TestShellFormatEval(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no POSIX shell")
	}
	dir := t.TempDir()
	values := nastyValues(dir)
	vars := make([]Var, len(values))
	for i, v := range values {
		vars[i] = Var{Name: fmt.Sprintf("V%02d", i), Value: v}
	}
	var out bytes.Buffer
	if err := Write(&out, "shell", vars, Options{}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "env.sh")
	if err := os.WriteFile(file, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	for _, sh := range shells(t) {
		for _, locale := range []string{"C", "C.UTF-8"} {
			for _, v := range vars {
				// $0 is the shell itself: the exec'd one sees only exported variables.
				script := `eval "$(cat "$1")" && printf %s "$` + v.Name + `" && printf '\0' && exec "$0" -c 'printf %s "$` + v.Name + `"'`
				cmd := exec.Command(sh, "-c", script, sh, file)
				cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "LC_ALL=" + locale}
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				got, err := cmd.Output()
				if err != nil {
					t.Errorf("%s (%s), %s: %v: %s", sh, locale, v.Name, err, stderr.Bytes())
					continue
				}
				want := v.Value + "\x00" + v.Value
				if string(got) != want {
					t.Errorf("%s (%s), %s: got %q, want %q", sh, locale, v.Name, got, want)
				}
			}
		}
	}
	for _, f := range []string{"dollar", "backtick", "semicolon"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("a value ran a command: %s exists", f)
		}
	}
}
