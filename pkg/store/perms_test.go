package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestCheckPrivateRefusesReadableFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("mode bits are not checked on Windows")
	}
	path := filepath.Join(t.TempDir(), "s.json")
	os.WriteFile(path, []byte("{}"), 0o600)
	if err := CheckPrivate(path); err != nil {
		t.Errorf("0600 file refused: %v", err)
	}
	os.Chmod(path, 0o644)
	err := CheckPrivate(path)
	if err == nil {
		t.Fatal("0644 file accepted")
	}
	want := "secrets file " + path + " can be read by other users (mode 0644); run: chmod 600 " + path
	if err.Error() != want {
		t.Errorf("error = %q\nwant    %q", err, want)
	}
	os.Chmod(path, 0o620)
	if err := CheckPrivate(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("group-writable file: %v, want a chmod 600 hint", err)
	}
}

func TestCheckPrivateRefusesSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.json")
	os.WriteFile(real, []byte("{}"), 0o600)
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("cannot create symlinks here:", err)
	}
	err := CheckPrivate(link)
	if err == nil || !strings.Contains(err.Error(), link) || !strings.Contains(err.Error(), "real file") {
		t.Errorf("symlink: %v, want an error naming the link and the fix", err)
	}
}

func TestCheckPrivateMissing(t *testing.T) {
	err := CheckPrivate(filepath.Join(t.TempDir(), "none.json"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
}
