package store

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.json")
	os.WriteFile(path, []byte("old"), 0o644)
	if err := WriteFileAtomic(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if string(data) != "new" {
		t.Errorf("content = %q, want new", data)
	}
	if runtime.GOOS != "windows" {
		fi, _ := os.Stat(path)
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("mode = %v, want 0600 (also when replacing a 0644 file)", fi.Mode().Perm())
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only the file (temp file left behind?)", len(entries))
	}
}

func TestWriteFileAtomicRefusesSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.json")
	os.WriteFile(real, []byte("keep"), 0o600)
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("cannot create symlinks here:", err)
	}
	err := WriteFileAtomic(link, []byte("new"))
	if err == nil || !strings.Contains(err.Error(), link) || !strings.Contains(err.Error(), "point it at the real file") {
		t.Errorf("write through symlink: %v, want an error naming the link and the fix", err)
	}
	if data, _ := os.ReadFile(real); string(data) != "keep" {
		t.Errorf("target was changed to %q", data)
	}
}

func TestWriteFileAtomicMissingDir(t *testing.T) {
	err := WriteFileAtomic(filepath.Join(t.TempDir(), "no", "such", "s.json"), []byte("x"))
	if err == nil {
		t.Error("write into a missing directory succeeded")
	}
}
