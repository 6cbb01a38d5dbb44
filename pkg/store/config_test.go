package store

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestDefaultDir(t *testing.T) {
	t.Setenv("CONNAUTH_CONFIG_DIR", "/custom/dir")
	if dir, err := DefaultDir(); err != nil || dir != "/custom/dir" {
		t.Errorf("DefaultDir = %q, %v; want /custom/dir", dir, err)
	}
	t.Setenv("CONNAUTH_CONFIG_DIR", "")
	base, err := os.UserConfigDir()
	if err != nil {
		t.Skip("no user config dir:", err)
	}
	if dir, err := DefaultDir(); err != nil || dir != filepath.Join(base, "connauth") {
		t.Errorf("DefaultDir = %q, %v; want %s", dir, err, filepath.Join(base, "connauth"))
	}
}

func TestEnsureDirIsPrivate(t *testing.T) {
	c := Config{Dir: filepath.Join(t.TempDir(), "connauth")}
	dir, err := c.ensureDir("profiles")
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS == "windows" {
		return
	}
	for _, d := range []string{c.Dir, dir} {
		fi, err := os.Stat(d)
		if err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("%s: mode %v, %v; want 0700", d, fi.Mode().Perm(), err)
		}
	}
}

func TestValidateName(t *testing.T) {
	for _, ok := range []string{"hubspot", "a", "SO-prod_2.eu", strings.Repeat("x", 64), "0day"} {
		if err := ValidateName(ok); err != nil {
			t.Errorf("ValidateName(%q) = %v, want ok", ok, err)
		}
	}
	for _, bad := range []string{"", ".hidden", "-flag", "a/b", "..", "a b", "a#b", strings.Repeat("x", 65), "ø"} {
		err := ValidateName(bad)
		if err == nil {
			t.Errorf("ValidateName(%q) accepted", bad)
			continue
		}
		if !strings.Contains(err.Error(), "letters, digits") {
			t.Errorf("error %q does not say which names are allowed", err)
		}
	}
}

func TestDefaultSecretsPath(t *testing.T) {
	c := Config{Dir: "/cfg"}
	if got, want := c.DefaultSecretsPath("hubspot"), filepath.Join("/cfg", "secrets", "hubspot.json"); got != want {
		t.Errorf("DefaultSecretsPath = %q, want %q", got, want)
	}
}
