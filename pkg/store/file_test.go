package store

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestFileStoreRoundTrip(t *testing.T) {
	for _, name := range []string{"secrets.json", "secrets.env"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "new", "dir", name)
			f := NewFileStore(path)
			if f.Kind() != "file" {
				t.Errorf("Kind = %q", f.Kind())
			}
			if _, err := f.Get("any"); !errors.Is(err, ErrNotFound) {
				t.Errorf("Get before Set: %v, want ErrNotFound", err)
			}
			if err := f.Set("any", trickySecrets); err != nil {
				t.Fatal(err)
			}
			got, err := f.Get("ignored")
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(got, trickySecrets) {
				t.Error("file round trip changed the secrets")
			}
			if runtime.GOOS != "windows" {
				fi, _ := os.Stat(path)
				di, _ := os.Stat(filepath.Dir(path))
				if fi.Mode().Perm() != 0o600 || di.Mode().Perm() != 0o700 {
					t.Errorf("file mode %v, dir mode %v; want 0600 and 0700", fi.Mode().Perm(), di.Mode().Perm())
				}
			}
			if err := f.Delete("any"); err != nil {
				t.Fatal(err)
			}
			if err := f.Delete("any"); err != nil {
				t.Errorf("Delete of missing file: %v, want nil", err)
			}
			if _, err := f.Get("any"); !errors.Is(err, ErrNotFound) {
				t.Errorf("Get after Delete: %v, want ErrNotFound", err)
			}
		})
	}
}

func TestFileStoreJSONIsSesamShape(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	if err := NewFileStore(path).Set("p", Secrets{"oauth_client_id": "id", "SO-Apptoken": "t"}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if want := "{\n  \"SO-Apptoken\": \"t\",\n  \"oauth_client_id\": \"id\"\n}\n"; string(data) != want {
		t.Errorf("file = %q, want %q", data, want)
	}
}

func TestFileStoreRefusesReadableFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("mode bits are not checked on Windows")
	}
	path := filepath.Join(t.TempDir(), "s.env")
	os.WriteFile(path, []byte("api_key=topsecret\n"), 0o644)
	_, err := NewFileStore(path).Get("p")
	if err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("Get of a 0644 file: %v, want a chmod 600 hint", err)
	}
	if strings.Contains(err.Error(), "topsecret") {
		t.Errorf("error shows a secret: %v", err)
	}
}

func TestFileStoreParseErrorNamesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	os.WriteFile(path, []byte(`{"api_key": topsecret}`), 0o600)
	_, err := NewFileStore(path).Get("p")
	if err == nil || !strings.Contains(err.Error(), path) || strings.Contains(err.Error(), "topsecret") {
		t.Errorf("parse error = %v, want the path and no value", err)
	}
}

func TestFileStoreUnknownExtension(t *testing.T) {
	f := NewFileStore(filepath.Join(t.TempDir(), "s.txt"))
	if err := f.Set("p", Secrets{"a": "b"}); err == nil || !strings.Contains(err.Error(), ".json") {
		t.Errorf("Set with .txt: %v, want an error naming the accepted extensions", err)
	}
}
