package localpg

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// lockPollInterval is how often lockFile retries a lock that another Cluster
// holds. flock cannot be interrupted by a context, so lockFile polls instead
// of blocking.
const lockPollInterval = 50 * time.Millisecond

// lockFile opens or creates path and takes a flock on it, with operation
// syscall.LOCK_EX or syscall.LOCK_SH, waiting until the lock is free or ctx
// ends. Closing the file releases the lock.
//
// flock locks belong to the open file, not the process, so two Clusters in
// one process exclude each other just as two processes do. Go opens files
// with O_CLOEXEC, so the server programs do not inherit the lock.
func lockFile(ctx context.Context, path string, operation int) (*os.File, error) {
	file, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}

	for {
		locked, err := tryLock(file, operation)
		if err != nil {
			_ = file.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if locked {
			return file, nil
		}

		select {
		case <-ctx.Done():
			_ = file.Close()
			return nil, fmt.Errorf("wait for lock on %s: %w", path, ctx.Err())
		case <-time.After(lockPollInterval):
		}
	}
}

// tryLock takes a flock on file without waiting and reports whether it got
// it. On Linux, a failed attempt to turn a shared lock into an exclusive one
// may drop the shared lock.
func tryLock(file *os.File, operation int) (bool, error) {
	err := syscall.Flock(int(file.Fd()), operation|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) || errors.Is(err, syscall.EINTR) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, nil
}
