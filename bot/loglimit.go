package bot

import (
	"sync"
	"time"
)

// logLimiter keeps a flood of the same warning, such as unsigned requests
// from a scanner, from filling the log: it allows one line per key per
// interval and counts the lines it held back.
type logLimiter struct {
	interval time.Duration
	now      func() time.Time

	mu         sync.Mutex
	last       map[string]time.Time
	suppressed map[string]int
}

func newLogLimiter(interval time.Duration) *logLimiter {
	return &logLimiter{
		interval:   interval,
		now:        time.Now,
		last:       map[string]time.Time{},
		suppressed: map[string]int{},
	}
}

// Allow reports whether a line for key may be logged now and, if so, how
// many lines for key were held back since the last one.
func (l *logLimiter) Allow(key string) (bool, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if last, ok := l.last[key]; ok && now.Sub(last) < l.interval {
		l.suppressed[key]++
		return false, 0
	}
	held := l.suppressed[key]
	l.last[key] = now
	l.suppressed[key] = 0
	return true, held
}
