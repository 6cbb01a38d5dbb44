package store

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestProfileSaveLoad(t *testing.T) {
	c := Config{Dir: t.TempDir()}
	want := &Profile{
		Name: "hubspot", Provider: "hubspot", Scheme: "oauth2", Store: "keyring",
		SecretNames: []string{"oauth_access_token"},
		Settings:    map[string]string{"client_id": "abc"},
		Expiry:      time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC),
	}
	if err := c.SaveProfile(want); err != nil {
		t.Fatal(err)
	}
	got, err := c.LoadProfile("hubspot")
	if err != nil {
		t.Fatal(err)
	}
	if got.Scheme != "oauth2" || got.Settings["client_id"] != "abc" || !got.Expiry.Equal(want.Expiry) {
		t.Errorf("loaded %+v", got)
	}
	if runtime.GOOS != "windows" {
		fi, _ := os.Stat(filepath.Join(c.Dir, "profiles", "hubspot.json"))
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("profile file mode %v, want 0600", fi.Mode().Perm())
		}
	}
}

func TestLoadProfileMissing(t *testing.T) {
	c := Config{Dir: t.TempDir()}
	_, err := c.LoadProfile("nope")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	if !strings.Contains(err.Error(), `no profile named "nope"`) {
		t.Errorf("error %q does not name the profile", err)
	}
	if err := c.DeleteProfile("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("DeleteProfile of missing: %v, want ErrNotFound", err)
	}
}

func TestLoadProfileRefusesReadableFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("mode bits are not checked on Windows")
	}
	c := Config{Dir: t.TempDir()}
	c.SaveProfile(&Profile{Name: "p"})
	path := filepath.Join(c.Dir, "profiles", "p.json")
	os.Chmod(path, 0o644)
	_, err := c.LoadProfile("p")
	if err == nil || !strings.Contains(err.Error(), "chmod 600 "+path) {
		t.Errorf("LoadProfile of a 0644 file: %v, want a chmod 600 hint", err)
	}
}

func TestListAndDeleteProfiles(t *testing.T) {
	c := Config{Dir: t.TempDir()}
	if ps, err := c.ListProfiles(); err != nil || len(ps) != 0 {
		t.Errorf("empty config: %v, %v", ps, err)
	}
	for _, n := range []string{"zeta", "alpha", "Mid"} {
		if err := c.SaveProfile(&Profile{Name: n}); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(c.Dir, "profiles", "notes.txt"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(c.Dir, "profiles", ".zeta.json.tmp-123"), []byte("x"), 0o600)
	ps, err := c.ListProfiles()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range ps {
		names = append(names, p.Name)
	}
	if strings.Join(names, ",") != "Mid,alpha,zeta" {
		t.Errorf("ListProfiles = %v, want [Mid alpha zeta]", names)
	}
	if err := c.DeleteProfile("alpha"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.LoadProfile("alpha"); !errors.Is(err, ErrNotFound) {
		t.Errorf("after delete: %v", err)
	}
}

func TestSaveProfileRejectsBadName(t *testing.T) {
	c := Config{Dir: t.TempDir()}
	if err := c.SaveProfile(&Profile{Name: "../escape"}); err == nil {
		t.Error("SaveProfile accepted ../escape")
	}
}
