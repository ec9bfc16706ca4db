package bot_test

import (
	"sync"
	"time"
)

// testClock is the App's clock in the end-to-end tests. It runs with the
// real time, plus an offset that a test moves forward to reach a nudge's
// due time.
type testClock struct {
	mu     sync.Mutex
	offset time.Duration
}

// Now returns the real time plus the offset.
func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

// Advance moves the clock forward by d.
func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}
