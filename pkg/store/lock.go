package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"
)

// lockPoll is how often a waiting Lock tries again.
const lockPoll = 50 * time.Millisecond

// Lock takes an exclusive cross-process lock on profile, waiting until ctx
// is done. The lock lives in a dedicated file, <Dir>/locks/<profile>.lock.
// Call unlock to release it.
func (c Config) Lock(ctx context.Context, profile string) (unlock func(), err error) {
	if err := ValidateName(profile); err != nil {
		return nil, err
	}
	if _, err := c.ensureDir("locks"); err != nil {
		return nil, err
	}
	return lockFile(ctx, c.lockPath(profile), fmt.Sprintf("profile %q", profile))
}

// LockPath takes an exclusive cross-process lock on a secrets file of the
// user's choosing by locking path+".lock", waiting until ctx is done.
func LockPath(ctx context.Context, path string) (unlock func(), err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot create directory for %s: %w", path, err)
	}
	return lockFile(ctx, path+".lock", path)
}

func lockFile(ctx context.Context, path, what string) (func(), error) {
	fl := flock.New(path, flock.SetPermissions(0o600))
	for {
		ok, err := fl.TryLock()
		if err != nil {
			return nil, fmt.Errorf("cannot lock %s (lock file %s): %w", what, path, err)
		}
		if ok {
			return func() { fl.Unlock() }, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("another connauth process holds the lock on %s (%s); wait for it to finish and try again: %w", what, path, ctx.Err())
		case <-time.After(lockPoll):
		}
	}
}
