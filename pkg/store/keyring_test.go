package store

import (
	"errors"
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// fakeJWT returns a JWT-like token of n bytes.
func fakeJWT(n int, seed string) string {
	var b strings.Builder
	b.WriteString("eyJhbGciOiJSUzI1NiJ9.")
	for b.Len() < n {
		b.WriteString(seed)
	}
	return b.String()[:n]
}

func bigSecrets(seed string) Secrets {
	return Secrets{
		"jwt_access_token":  fakeJWT(4096, seed),
		"jwt_refresh_token": fakeJWT(1200, seed+"r"),
		"api_key":           "key-" + seed,
	}
}

func windowsLikeKeyring() *memKeyring {
	kr := newMemKeyring()
	kr.maxItem = 2560
	return kr
}

func TestKeyringSmallRoundTripIsOneItem(t *testing.T) {
	kr := windowsLikeKeyring()
	k := NewKeyring(kr, time.Second)
	want := Secrets{"api_key": "abc", "SO-Apptoken": "007"}
	if err := k.Set("hubspot", want); err != nil {
		t.Fatal(err)
	}
	got, err := k.Get("hubspot")
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(got, want) {
		t.Errorf("Get = %v, want %v", got, want)
	}
	if users := kr.users(KeyringService); len(users) != 1 || users[0] != "hubspot" {
		t.Errorf("items = %v, want just [hubspot]", users)
	}
	if k.Kind() != "keyring" {
		t.Errorf("Kind = %q", k.Kind())
	}
}

func TestKeyring4KBSecretFitsWindowsItemLimit(t *testing.T) {
	kr := windowsLikeKeyring()
	// A 4 KB token does not fit one Windows item...
	if err := kr.Set(KeyringService, "direct", fakeJWT(4096, "x")); err == nil {
		t.Fatal("mock keyring accepted a 4 KB item; the size limit is not enforced")
	}
	// ...but the store splits it.
	k := NewKeyring(kr, time.Second)
	want := bigSecrets("a")
	if err := k.Set("jwtprof", want); err != nil {
		t.Fatalf("Set: %v", err)
	}
	got, err := k.Get("jwtprof")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if !maps.Equal(got, want) {
		t.Error("Get did not return the secrets that were Set")
	}
	if head := kr.item("jwtprof"); !strings.HasPrefix(head, "connauth-chunks:v1:") {
		t.Errorf("head item = %q, want a chunk header", head)
	}
	for _, u := range kr.users(KeyringService) {
		if n := len(kr.item(u)); n > chunkSize {
			t.Errorf("item %s is %d bytes, more than %d", u, n, chunkSize)
		}
	}
}

func TestKeyringReplaceRemovesOldChunks(t *testing.T) {
	kr := windowsLikeKeyring()
	k := NewKeyring(kr, time.Second)
	if err := k.Set("p", bigSecrets("a")); err != nil {
		t.Fatal(err)
	}
	before := len(kr.users(KeyringService))
	if err := k.Set("p", bigSecrets("b")); err != nil {
		t.Fatal(err)
	}
	if after := len(kr.users(KeyringService)); after != before {
		t.Errorf("after replacing, %d items, want %d (old chunks left behind: %v)", after, before, kr.users(KeyringService))
	}
	small := Secrets{"api_key": "k"}
	if err := k.Set("p", small); err != nil {
		t.Fatal(err)
	}
	if users := kr.users(KeyringService); len(users) != 1 {
		t.Errorf("after storing small secrets, items = %v, want just the head", users)
	}
	got, err := k.Get("p")
	if err != nil || !maps.Equal(got, small) {
		t.Errorf("Get = %v, %v; want %v", got, err, small)
	}
}

func TestKeyringFailedSetKeepsOldSecrets(t *testing.T) {
	for _, start := range []string{"small", "big"} {
		// 4 writes make a big Set: 3 chunks and the head. Fail each one.
		for n := 0; n < 4; n++ {
			t.Run(fmt.Sprintf("%s/fail-after-%d-writes", start, n), func(t *testing.T) {
				kr := windowsLikeKeyring()
				k := NewKeyring(kr, time.Second)
				old := Secrets{"api_key": "old"}
				if start == "big" {
					old = bigSecrets("old")
				}
				if err := k.Set("p", old); err != nil {
					t.Fatal(err)
				}
				kr.setFailAfter(n)
				newer := bigSecrets("new")
				err := k.Set("p", newer)
				if err == nil {
					t.Fatal("Set succeeded although the keyring failed")
				}
				if strings.Contains(err.Error(), newer["api_key"]) || strings.Contains(err.Error(), "eyJ") {
					t.Errorf("error shows a secret value: %v", err)
				}
				kr.setFailAfter(-1)
				got, err := k.Get("p")
				if err != nil {
					t.Fatalf("Get after failed Set: %v", err)
				}
				if !maps.Equal(got, old) {
					t.Error("Get after a failed Set does not return the previous secrets")
				}
			})
		}
	}
}

func TestKeyringTimeout(t *testing.T) {
	kr := newMemKeyring()
	kr.hang = make(chan struct{})
	t.Cleanup(func() { close(kr.hang) })
	k := NewKeyring(kr, 50*time.Millisecond)
	_, err := k.Get("p")
	if err == nil {
		t.Fatal("Get on a hanging keyring returned no error")
	}
	if !errors.Is(err, ErrKeyringTimeout) {
		t.Errorf("error does not match ErrKeyringTimeout: %v", err)
	}
	for _, want := range []string{"did not answer within 50ms", "--store file"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if err := k.Set("p", Secrets{"a": "b"}); !errors.Is(err, ErrKeyringTimeout) {
		t.Errorf("Set on a hanging keyring: %v, want a timeout", err)
	}
}

func TestKeyringGetMissing(t *testing.T) {
	k := NewKeyring(newMemKeyring(), time.Second)
	_, err := k.Get("nobody")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get of missing profile: %v, want ErrNotFound", err)
	}
	if !strings.Contains(err.Error(), "connauth login") {
		t.Errorf("error %q does not say how to fix it", err)
	}
}

func TestKeyringDeleteRemovesEverything(t *testing.T) {
	kr := windowsLikeKeyring()
	k := NewKeyring(kr, time.Second)
	if err := k.Set("p", bigSecrets("a")); err != nil {
		t.Fatal(err)
	}
	if err := k.Set("other", Secrets{"api_key": "x"}); err != nil {
		t.Fatal(err)
	}
	if err := k.Delete("p"); err != nil {
		t.Fatal(err)
	}
	if users := kr.users(KeyringService); len(users) != 1 || users[0] != "other" {
		t.Errorf("after Delete, items = %v, want just [other]", users)
	}
	if _, err := k.Get("p"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	if err := k.Delete("p"); err != nil {
		t.Errorf("second Delete: %v, want nil", err)
	}
}

func TestKeyringMissingChunkIsReported(t *testing.T) {
	kr := windowsLikeKeyring()
	k := NewKeyring(kr, time.Second)
	s := bigSecrets("a")
	if err := k.Set("p", s); err != nil {
		t.Fatal(err)
	}
	h, _, _ := parseChunkHeader(kr.item("p"))
	kr.Delete(KeyringService, chunkUser("p", h.gen, 1))
	_, err := k.Get("p")
	if err == nil {
		t.Fatal("Get with a missing chunk returned no error")
	}
	if !strings.Contains(err.Error(), "part 2 of 3") || !strings.Contains(err.Error(), "connauth login") {
		t.Errorf("error %q does not name the missing part and the fix", err)
	}
	if strings.Contains(err.Error(), "eyJ") {
		t.Errorf("error shows a secret: %v", err)
	}
}

func TestKeyringMalformedHeader(t *testing.T) {
	kr := newMemKeyring()
	kr.Set(KeyringService, "p", "connauth-chunks:v1:abc:zero")
	_, err := NewKeyring(kr, time.Second).Get("p")
	if err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("Get with a malformed header: %v, want a 'damaged' error", err)
	}
}

func TestKeyringUnicodeSplitsOnRuneBoundaries(t *testing.T) {
	kr := windowsLikeKeyring()
	k := NewKeyring(kr, time.Second)
	want := Secrets{"note": strings.Repeat("æøå€😀", 400)}
	if err := k.Set("p", want); err != nil {
		t.Fatal(err)
	}
	for _, u := range kr.users(KeyringService) {
		if !utf8.ValidString(kr.item(u)) {
			t.Errorf("item %s is not valid UTF-8", u)
		}
	}
	got, err := k.Get("p")
	if err != nil || !maps.Equal(got, want) {
		t.Errorf("round trip failed: %v", err)
	}
}

func TestSplitChunks(t *testing.T) {
	doc := strings.Repeat("a", 1799) + "é" + strings.Repeat("b", 10)
	chunks := splitChunks(doc, 1800)
	if len(chunks) != 2 || chunks[0] != strings.Repeat("a", 1799) || strings.Join(chunks, "") != doc {
		t.Errorf("splitChunks cut inside a rune or lost data: %d chunks", len(chunks))
	}
	if got := splitChunks("short", 1800); len(got) != 1 || got[0] != "short" {
		t.Errorf("splitChunks(short) = %v", got)
	}
}

func TestKeyringRejectsBadProfileName(t *testing.T) {
	k := NewKeyring(newMemKeyring(), time.Second)
	if err := k.Set("a#1#2", Secrets{"x": "y"}); err == nil {
		t.Error("Set accepted a profile name with '#', which would collide with chunk items")
	}
}
