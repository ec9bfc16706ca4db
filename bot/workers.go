package bot

import (
	"context"
	"sync"
	"time"

	"github.com/sirupsen/logrus"
)

// Workers runs the work that follows an acknowledgement, at most a fixed
// number at a time. Go never blocks the caller, so an acknowledgement is
// never held up by a backlog.
type Workers struct {
	logger  logrus.FieldLogger
	slots   chan struct{}
	timeout time.Duration
	running sync.WaitGroup
}

// NewWorkers returns a pool that runs up to size jobs at once, each with
// the given timeout.
func NewWorkers(logger logrus.FieldLogger, size int, timeout time.Duration) *Workers {
	return &Workers{
		logger:  logger,
		slots:   make(chan struct{}, size),
		timeout: timeout,
	}
}

// Go runs work in the background once a slot is free. The work's context
// is not tied to the request that scheduled it, because that request ends
// with the acknowledgement.
func (w *Workers) Go(work func(ctx context.Context)) {
	w.running.Add(1)
	go func() {
		defer w.running.Done()
		w.slots <- struct{}{}
		defer func() { <-w.slots }()
		defer w.recoverPanic()

		ctx, cancel := context.WithTimeout(context.Background(), w.timeout)
		defer cancel()
		work(ctx)
	}()
}

// Wait blocks until every job has finished or ctx ends, and reports
// whether they all finished.
func (w *Workers) Wait(ctx context.Context) bool {
	done := make(chan struct{})
	go func() {
		w.running.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-ctx.Done():
		return false
	}
}

func (w *Workers) recoverPanic() {
	if value := recover(); value != nil {
		w.logger.WithField("panic", value).Error("Recovered from a panic in background work")
	}
}
