package store

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"maps"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

// TestSecretService runs the keyring store against the real OS keyring.
// It is opt-in: on Linux, run it against a throwaway gnome-keyring with
//
//	dbus-run-session -- bash scripts/secret-service-env.sh \
//	    env CONNAUTH_TEST_SECRET_SERVICE=1 go test -race -run SecretService -v ./pkg/store/
func TestSecretService(t *testing.T) {
	if os.Getenv("CONNAUTH_TEST_SECRET_SERVICE") != "1" {
		t.Skip("set CONNAUTH_TEST_SECRET_SERVICE=1 to test against the real OS keyring; on Linux run: " +
			"dbus-run-session -- bash scripts/secret-service-env.sh env CONNAUTH_TEST_SECRET_SERVICE=1 go test -race -run SecretService -v ./pkg/store/")
	}
	kr := SystemKeyring()
	const timeout = 10 * time.Second
	if err := ProbeKeyring(kr, timeout); err != nil {
		t.Fatalf("the OS keyring does not answer: %v", err)
	}
	k := NewKeyring(kr, timeout)
	b := make([]byte, 4)
	rand.Read(b)
	profile := "connauth-test-" + hex.EncodeToString(b)
	t.Cleanup(func() { k.Delete(profile) })

	small := Secrets{"api_key": "007", "SO-Apptoken": "tok-$`\"\n"}
	if err := k.Set(profile, small); err != nil {
		t.Fatalf("Set small: %v", err)
	}
	if got, err := k.Get(profile); err != nil || !maps.Equal(got, small) {
		t.Fatalf("Get small = %v, %v", got, err)
	}

	big := bigSecrets("real")
	if err := k.Set(profile, big); err != nil {
		t.Fatalf("Set 4 KB: %v", err)
	}
	got, err := k.Get(profile)
	if err != nil || !maps.Equal(got, big) {
		t.Fatalf("Get 4 KB: %v (equal: %v)", err, maps.Equal(got, big))
	}
	head, err := kr.Get(KeyringService, profile)
	if err != nil || !strings.HasPrefix(head, chunkPrefix) {
		t.Fatalf("head item = %q, %v; want a chunk header", head, err)
	}
	h, _, _ := parseChunkHeader(head)

	if err := k.Set(profile, small); err != nil {
		t.Fatalf("Set small over big: %v", err)
	}
	for _, u := range h.users(profile) {
		if _, err := kr.Get(KeyringService, u); !errors.Is(err, keyring.ErrNotFound) {
			t.Errorf("old chunk %s still there after replacing: %v", u, err)
		}
	}

	if err := k.Set(profile, big); err != nil {
		t.Fatal(err)
	}
	head, _ = kr.Get(KeyringService, profile)
	h, _, _ = parseChunkHeader(head)
	if err := k.Delete(profile); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := k.Get(profile); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	for _, u := range append(h.users(profile), profile) {
		if _, err := kr.Get(KeyringService, u); !errors.Is(err, keyring.ErrNotFound) {
			t.Errorf("item %s still there after Delete: %v", u, err)
		}
	}
}
