package httpclient

import (
	"bytes"
	"encoding/pem"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
)

func TestBodyCapSeenByAReaderThatStopsAtTheCap(t *testing.T) {
	for _, size := range []int{MaxBody, MaxBody + 1} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Write(bytes.Repeat([]byte("a"), size))
		}))
		resp, err := New(0).Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		// x/oauth2 reads through io.LimitReader(body, 1<<20).
		b, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody))
		resp.Body.Close()
		srv.Close()
		switch {
		case size == MaxBody && (err != nil || len(b) != MaxBody):
			t.Errorf("a body of exactly 1 MiB: %d bytes, %v; want it whole", len(b), err)
		case size > MaxBody && !errors.Is(err, ErrTooLarge):
			t.Errorf("a body of %d bytes: err %v, want ErrTooLarge", size, err)
		}
	}
}

func TestDebugRedactsSecrets(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"access_token":"AT-SECRET"}`)
	}))
	defer srv.Close()
	var log bytes.Buffer
	c, err := NewWith(Options{Debug: &log})
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"RT-SECRET"}, "client_id": {"cli"}, "client_secret": {"CS-SECRET"}}
	req, _ := http.NewRequest("POST", srv.URL+"/token?code=CODE-SECRET&scope=read", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth("cli", "BASIC-SECRET")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	out := log.String()
	for _, secret := range []string{"RT-SECRET", "CS-SECRET", "CODE-SECRET", "BASIC-SECRET", "AT-SECRET", "Y2xp"} {
		if strings.Contains(out, secret) {
			t.Errorf("debug log shows %s:\n%s", secret, out)
		}
	}
	for _, want := range []string{"grant_type=refresh_token", "client_id=cli", "refresh_token=[redacted]", "scope=read", "Authorization: Basic [redacted]", "200 OK"} {
		if !strings.Contains(out, want) {
			t.Errorf("debug log lacks %q:\n%s", want, out)
		}
	}
}

func TestCAFileErrors(t *testing.T) {
	if _, err := NewWith(Options{CAFile: "/nonexistent.pem"}); err == nil {
		t.Error("a missing --ca-file was accepted")
	}
	f := t.TempDir() + "/empty.pem"
	if err := writeFile(f, "not a certificate"); err != nil {
		t.Fatal(err)
	}
	if _, err := NewWith(Options{CAFile: f}); err == nil || !strings.Contains(err.Error(), "no PEM certificate") {
		t.Errorf("a --ca-file without certificates: %v", err)
	}
}

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o600) }

func TestCAFileIsTrusted(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	if _, err := New(0).Get(srv.URL); err == nil {
		t.Fatal("a self-signed server was trusted without --ca-file")
	}
	f := t.TempDir() + "/ca.pem"
	pemBlock := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := writeFile(f, string(pemBlock)); err != nil {
		t.Fatal(err)
	}
	c, err := NewWith(Options{CAFile: f})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Get(srv.URL)
	if err != nil {
		t.Fatalf("with --ca-file: %v", err)
	}
	resp.Body.Close()
}
