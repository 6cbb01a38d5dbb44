package httpclient

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestCheckURL(t *testing.T) {
	ok := []string{"https://tripletex.no/v2", "http://127.0.0.1:8080/x", "http://[::1]:1/", "http://localhost:9/"}
	for _, u := range ok {
		if err := CheckURL(u); err != nil {
			t.Errorf("CheckURL(%q) = %v, want nil", u, err)
		}
	}
	bad := map[string]string{
		"http://example.com/token": "plain http",
		"ftp://example.com/":       "unsupported URL scheme",
		"/relative":                "not an absolute URL",
	}
	for u, want := range bad {
		err := CheckURL(u)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckURL(%q) = %v, want error containing %q", u, err, want)
		}
	}
}

func TestNewDoesNotFollowRedirects(t *testing.T) {
	hit := false
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hit = true }))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL, http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	resp, err := New(0).Post(srv.URL, "application/x-www-form-urlencoded", strings.NewReader("client_secret=s"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTemporaryRedirect || hit {
		t.Fatalf("status %d, redirect followed: %v", resp.StatusCode, hit)
	}
}

func TestReadBodyCapped(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.Repeat("x", MaxBody+10)))
	}))
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ReadBody(resp); err != ErrTooLarge {
		t.Fatalf("ReadBody error = %v, want ErrTooLarge", err)
	}
}

func TestPrintableStripsControls(t *testing.T) {
	got := Printable("bad\x1b[2Jthing\r\nhere\u0085", 100)
	if got != "bad[2Jthinghere" {
		t.Fatalf("Printable = %q", got)
	}
	if got := Printable("abcdef", 3); got != "abc…" {
		t.Fatalf("Printable cut = %q", got)
	}
}

func TestDoJSONErrorHidesQuery(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(401)
		w.Write([]byte(`{"message":"Invalid \u001b token"}`))
	}))
	defer srv.Close()
	r, _ := http.NewRequest("PUT", srv.URL+"/x?employeeToken=SEKRIT", nil)
	var v any
	err := DoJSON(New(0), r, "create a session", &v)
	if err == nil || strings.Contains(err.Error(), "SEKRIT") || !strings.Contains(err.Error(), "401") || !strings.Contains(err.Error(), "Invalid  token") {
		t.Fatalf("err = %v", err)
	}
	srv.Close()
	r, _ = http.NewRequest("PUT", srv.URL+"/x?employeeToken=SEKRIT", nil)
	err = DoJSON(New(0), r, "create a session", &v)
	if err == nil || strings.Contains(err.Error(), "SEKRIT") {
		t.Fatalf("network err = %v", err)
	}
}
