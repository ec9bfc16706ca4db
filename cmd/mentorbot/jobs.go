package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/sirupsen/logrus"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/storage"
)

// noticeWorkers bounds how many notices one bot process sends at once.
// Slack allows about one message a second per channel, and a rate-limited
// notice waits for Slack's Retry-After without holding a worker.
const noticeWorkers = 10

// newJobClient returns a River client that sends the notices of the
// storage.NoticeQueue queue with worker. It does not start it.
//
// River logs through logger at Warn and above only, because the worker logs
// each retry, cancellation and failure itself and River's Info lines would
// repeat them.
func newJobClient(pool *pgxpool.Pool, logger logrus.FieldLogger, worker *bot.NoticeWorker, sweeps ...sweep) (*river.Client[pgx.Tx], error) {
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, worker); err != nil {
		return nil, fmt.Errorf("register notice worker: %w", err)
	}
	var periodic []*river.PeriodicJob
	for _, sweep := range sweeps {
		if err := sweep.register(workers); err != nil {
			return nil, err
		}
		periodic = append(periodic, sweep.job)
	}

	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Logger: slog.New(newLogrusHandler(logger.WithField("component", "river"), slog.LevelWarn)),
		Queues: map[string]river.QueueConfig{
			storage.NoticeQueue: {MaxWorkers: noticeWorkers},
			bot.SweepQueue:      {MaxWorkers: 1},
		},
		Workers:      workers,
		PeriodicJobs: periodic,
	})
	if err != nil {
		return nil, fmt.Errorf("create river client: %w", err)
	}
	return client, nil
}

// sweep is a scheduled sweep: its periodic job and how to register its
// worker.
type sweep struct {
	job      *river.PeriodicJob
	register func(*river.Workers) error
}

// invitationSweep schedules app's invitation sweep on config's schedule.
func invitationSweep(app *bot.App, config NudgeConfig) sweep {
	return scheduledSweep("invitation", config.InvitationSweep, bot.NewInvitationSweepWorker(app))
}

// registrationSweep schedules app's registration sweep on config's
// schedule.
func registrationSweep(app *bot.App, config NudgeConfig) sweep {
	return scheduledSweep("registration", config.RegistrationSweep, bot.NewRegistrationSweepWorker(app))
}

// relationshipSweep schedules app's relationship sweep on config's
// schedule.
func relationshipSweep(app *bot.App, config NudgeConfig) sweep {
	return scheduledSweep("relationship", config.RelationshipSweep, bot.NewRelationshipSweepWorker(app))
}

// scheduledSweep returns the sweep that runs worker's job on schedule.
// name names the sweep in an error.
func scheduledSweep[A river.JobArgs](name string, schedule SweepSchedule, worker river.Worker[A]) sweep {
	return sweep{
		job: river.NewPeriodicJob(schedule,
			func() (river.JobArgs, *river.InsertOpts) {
				var args A
				return args, nil
			},
			nil),
		register: func(workers *river.Workers) error {
			if err := river.AddWorkerSafely(workers, worker); err != nil {
				return fmt.Errorf("register %s sweep worker: %w", name, err)
			}
			return nil
		},
	}
}

// setUpNotices creates the River client that sends queued notices with
// sender and runs the scheduled sweeps.
func (s *server) setUpNotices(sender bot.NoticeSender, sweeps ...sweep) error {
	worker := bot.NewNoticeWorker(s.logger, s.store, sender)
	client, err := newJobClient(s.pool, s.logger, worker, sweeps...)
	if err != nil {
		return err
	}
	s.jobs = client
	return nil
}

// startJobs starts sending queued notices, unless setUpNotices was not
// called. The client runs until stopJobs, not until ctx ends, so that
// shutdown can let the notices in progress finish.
func (s *server) startJobs(ctx context.Context) error {
	if s.jobs == nil {
		return nil
	}
	if err := s.jobs.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("start river client: %w", err)
	}
	s.logger.WithFields(logrus.Fields{
		"queue":       storage.NoticeQueue,
		"max_workers": noticeWorkers,
	}).Info("Sending queued notices")
	return nil
}

// stopJobs lets the notices in progress finish for up to shutdownTimeout,
// then cancels the rest. River makes a cancelled job available again
// without counting the attempt, so the next start sends it.
func (s *server) stopJobs() {
	if s.jobs == nil {
		return
	}

	stopCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	err := s.jobs.Stop(stopCtx)
	if err == nil {
		s.logger.Info("Stopped sending queued notices")
		return
	}

	s.logger.WithError(err).Warn("Notices were still sending at shutdown; cancelling them")
	cancelCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := s.jobs.StopAndCancel(cancelCtx); err != nil {
		s.logger.WithError(err).Error("Failed to stop the River client")
	}
}

// logrusHandler is a slog.Handler that writes to a logrus logger, because
// River logs with slog. A group's name becomes a prefix of its attributes'
// keys, as in "group.key".
type logrusHandler struct {
	logger   logrus.FieldLogger
	minLevel slog.Level
	prefix   string
}

var _ slog.Handler = (*logrusHandler)(nil)

// newLogrusHandler returns a handler that writes records at minLevel and
// above to logger.
func newLogrusHandler(logger logrus.FieldLogger, minLevel slog.Level) *logrusHandler {
	return &logrusHandler{logger: logger, minLevel: minLevel}
}

// Enabled reports whether level is at least the handler's minimum level.
func (h *logrusHandler) Enabled(_ context.Context, level slog.Level) bool {
	return level >= h.minLevel
}

// Handle writes record to the logger at the nearest logrus level.
func (h *logrusHandler) Handle(_ context.Context, record slog.Record) error {
	fields := logrus.Fields{}
	record.Attrs(func(attr slog.Attr) bool {
		addAttr(fields, h.prefix, attr)
		return true
	})
	entry := h.logger.WithFields(fields)

	switch {
	case record.Level >= slog.LevelError:
		entry.Error(record.Message)
	case record.Level >= slog.LevelWarn:
		entry.Warn(record.Message)
	case record.Level >= slog.LevelInfo:
		entry.Info(record.Message)
	default:
		entry.Debug(record.Message)
	}
	return nil
}

// WithAttrs returns a handler that adds attrs to every record.
func (h *logrusHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	fields := logrus.Fields{}
	for _, attr := range attrs {
		addAttr(fields, h.prefix, attr)
	}
	return &logrusHandler{logger: h.logger.WithFields(fields), minLevel: h.minLevel, prefix: h.prefix}
}

// WithGroup returns a handler that prefixes later attributes' keys with
// name.
func (h *logrusHandler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	return &logrusHandler{logger: h.logger, minLevel: h.minLevel, prefix: h.prefix + name + "."}
}

// addAttr adds attr to fields under prefix, flattening groups. As slog's
// own handlers do, it drops an attribute with an empty key and inlines a
// group with an empty key.
func addAttr(fields logrus.Fields, prefix string, attr slog.Attr) {
	value := attr.Value.Resolve()
	if value.Kind() == slog.KindGroup {
		if attr.Key != "" {
			prefix += attr.Key + "."
		}
		for _, member := range value.Group() {
			addAttr(fields, prefix, member)
		}
		return
	}
	if attr.Key == "" {
		return
	}
	fields[prefix+attr.Key] = value.Any()
}
