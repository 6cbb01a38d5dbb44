package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLockExcludesSecondLocker(t *testing.T) {
	c := Config{Dir: t.TempDir()}
	unlock, err := c.Lock(context.Background(), "hubspot")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	if _, err := c.Lock(ctx, "hubspot"); err == nil {
		t.Fatal("second Lock succeeded while the first is held")
	} else if !strings.Contains(err.Error(), `another connauth process holds the lock on profile "hubspot"`) {
		t.Errorf("error %q does not say who holds which lock", err)
	}

	// Other profiles are not blocked.
	u2, err := c.Lock(context.Background(), "other")
	if err != nil {
		t.Fatalf("lock on another profile: %v", err)
	}
	u2()

	// A waiting locker gets the lock once it is released.
	got := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		u, err := c.Lock(ctx, "hubspot")
		if err == nil {
			u()
		}
		got <- err
	}()
	time.Sleep(100 * time.Millisecond)
	unlock()
	if err := <-got; err != nil {
		t.Errorf("waiting locker did not get the lock after unlock: %v", err)
	}
}

func TestLockPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "secrets.env")
	unlock, err := LockPath(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := LockPath(ctx, path); err == nil {
		t.Error("second LockPath succeeded while the first is held")
	}
}

func TestLockRejectsBadName(t *testing.T) {
	c := Config{Dir: t.TempDir()}
	if _, err := c.Lock(context.Background(), "../x"); err == nil {
		t.Error("Lock accepted ../x")
	}
}
