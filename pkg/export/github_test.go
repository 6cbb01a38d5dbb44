package export

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// parseGithubEnv reads a $GITHUB_ENV file the way the Actions runner does:
// NAME=value lines, and NAME<<DELIM blocks ending at a line that is DELIM.
func parseGithubEnv(t *testing.T, content string) map[string]string {
	t.Helper()
	env := map[string]string{}
	lines := strings.Split(content, "\n")
	if lines[len(lines)-1] != "" {
		t.Fatalf("env file does not end in a newline: %q", content)
	}
	lines = lines[:len(lines)-1]
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		name, delim, ok := strings.Cut(line, "<<")
		if !ok {
			name, value, ok := strings.Cut(line, "=")
			if !ok {
				t.Fatalf("line %d = %q: neither NAME=value nor NAME<<DELIM", i, line)
			}
			env[name] = value
			continue
		}
		var value []string
		for i++; ; i++ {
			if i == len(lines) {
				t.Fatalf("no closing delimiter for %s", name)
			}
			if lines[i] == delim {
				break
			}
			value = append(value, lines[i])
		}
		env[name] = strings.Join(value, "\n")
	}
	return env
}

func TestGithubFormat(t *testing.T) {
	path := filepath.Join(t.TempDir(), "github_env")
	if err := os.WriteFile(path, []byte("EARLIER=kept\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	vars := []Var{
		{"A", "simple"},
		{"B", "line one\nline two\n\n  \nline five"},
		{"C", ""},
		{"D", "trailing\n"},
		{"E", "100% sure"},
		{"F", "ghadelimiter_deadbeef"},
		{"G", "crlf\r\nend"},
	}
	var out bytes.Buffer
	if err := Write(&out, "github", vars, Options{GithubEnvPath: path}); err != nil {
		t.Fatal(err)
	}
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	env := parseGithubEnv(t, string(content))
	if env["EARLIER"] != "kept" {
		t.Errorf("earlier content of the file was not kept: %q", content)
	}
	for _, v := range vars {
		if got, ok := env[v.Name]; !ok || got != v.Value {
			t.Errorf("%s read back as %q, want %q", v.Name, got, v.Value)
		}
	}
	for _, line := range strings.Split(string(content), "\n") {
		if _, delim, ok := strings.Cut(line, "<<"); ok && strings.Contains(out.String(), delim) {
			t.Errorf("stdout shows the delimiter %s", delim)
		}
	}

	wantMasks := []string{
		"::add-mask::simple",
		"::add-mask::line one",
		"::add-mask::line two",
		"::add-mask::line five",
		"::add-mask::trailing",
		"::add-mask::100%25 sure",
		"::add-mask::ghadelimiter_deadbeef",
		"::add-mask::crlf",
		"::add-mask::end",
	}
	gotMasks := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if !slices.Equal(gotMasks, wantMasks) {
		t.Errorf("mask lines =\n%s\nwant\n%s", strings.Join(gotMasks, "\n"), strings.Join(wantMasks, "\n"))
	}
}

func TestGithubFormatCreatesPrivateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "github_env")
	if err := Write(new(bytes.Buffer), "github", []Var{{"A", "x"}}, Options{GithubEnvPath: path}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("env file mode = %v, want no access for group and others", perm)
	}
}

func TestGithubFormatNoPath(t *testing.T) {
	var out bytes.Buffer
	err := Write(&out, "github", []Var{{"A", "hidden"}}, Options{})
	if err == nil {
		t.Fatal("no error without GithubEnvPath")
	}
	for _, want := range []string{"GITHUB_ENV", "GitHub Actions", "--format shell"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
	if out.Len() != 0 {
		t.Errorf("wrote %q before failing", out.String())
	}
}

func TestGithubFormatInvalidUTF8(t *testing.T) {
	path := filepath.Join(t.TempDir(), "github_env")
	var out bytes.Buffer
	err := Write(&out, "github", []Var{{"A", "ok"}, {"B", "hidden\xff"}}, Options{GithubEnvPath: path})
	if err == nil || strings.Contains(err.Error(), "hidden") {
		t.Fatalf("error = %v, want one naming B without its value", err)
	}
	if out.Len() != 0 {
		t.Errorf("wrote %q before failing", out.String())
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("env file written before failing")
	}
}

func TestEnvFileEntryDelimiterCollision(t *testing.T) {
	candidates := []string{"ghadelimiter_1", "ghadelimiter_2", "ghadelimiter_3"}
	next := func() string {
		d := candidates[0]
		candidates = candidates[1:]
		return d
	}
	got, err := envFileEntry("A", "x ghadelimiter_1 ghadelimiter_2\nghadelimiter_1", next)
	if err != nil {
		t.Fatal(err)
	}
	want := "A<<ghadelimiter_3\nx ghadelimiter_1 ghadelimiter_2\nghadelimiter_1\nghadelimiter_3\n"
	if got != want {
		t.Errorf("entry = %q, want %q", got, want)
	}

	always := func() string { return "x" }
	if _, err := envFileEntry("A", "hidden x", always); err == nil || strings.Contains(err.Error(), "hidden") {
		t.Errorf("error = %v, want one without the value when every delimiter collides", err)
	}
}

func TestRandomDelimiter(t *testing.T) {
	a, b := randomDelimiter(), randomDelimiter()
	if !strings.HasPrefix(a, "ghadelimiter_") || len(a) != len("ghadelimiter_")+32 {
		t.Errorf("delimiter %q: want ghadelimiter_ and 32 hex digits", a)
	}
	if a == b {
		t.Errorf("two delimiters are the same: %q", a)
	}
}
