package main

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/sirupsen/logrus/hooks/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
	"github.com/mentorbot/mentorbot/storage"
	"github.com/mentorbot/mentorbot/storage/pgtest"
)

// channelSender is a bot.NoticeSender that hands each notice to a channel
// and reports it as posted.
type channelSender chan domain.Notice

func (c channelSender) SendNotice(_ context.Context, notice domain.Notice) (string, string, error) {
	c <- notice
	return "D0MENTOR1", "1700000000.000100", nil
}

func TestServer_SendsQueuedNotices(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	logger, logs := test.NewNullLogger()
	pool := pgtest.NewPool(t)
	s := &server{logger: logger, pool: pool, store: storage.New(pool)}
	sender := make(channelSender, 1)
	notice := domain.Notice{
		Type:      domain.NoticeInvitation,
		Key:       "invitation:7:considering:mentor",
		Recipient: domain.PersonKey{TeamID: "T0MENTOR1", UserID: "U0MENTOR1"},
	}

	require.NoError(t, s.setUpNotices(sender))
	require.NoError(t, s.startJobs(ctx))
	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	require.NoError(t, s.store.EnqueueNotices(ctx, tx, []domain.Notice{notice}))
	require.NoError(t, tx.Commit(ctx))

	select {
	case sent := <-sender:
		assert.Equal(t, notice, sent)
	case <-time.After(10 * time.Second):
		t.Fatal("the enqueued notice was not sent within 10 seconds")
	}
	require.Eventually(t, func() bool {
		_, _, ok, err := s.store.SentNotice(ctx, notice.Key)
		return err == nil && ok
	}, 5*time.Second, 10*time.Millisecond, "the notice is recorded as sent")

	s.stopJobs()
	assert.Equal(t, "Stopped sending queued notices", logs.LastEntry().Message)
}

func TestServer_RunsRegistrationSweepJob(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	logger, logs := test.NewNullLogger()
	pool := pgtest.NewPool(t)
	s := &server{logger: logger, pool: pool, store: storage.New(pool)}
	loaded, err := content.Default()
	require.NoError(t, err)
	app := bot.NewApp(bot.AppConfig{Logger: logger, Content: loaded, Store: s.store})
	schedule, err := checkSchedule("REGISTRATION_SWEEP_SCHEDULE", "0 * * * *")
	require.NoError(t, err)

	require.NoError(t, s.setUpNotices(make(channelSender, 1), registrationSweep(app, NudgeConfig{RegistrationSweep: schedule})))
	require.NoError(t, s.startJobs(ctx))
	t.Cleanup(s.stopJobs)
	_, err = s.jobs.Insert(ctx, bot.RegistrationSweepArgs{}, nil)
	require.NoError(t, err)

	require.Eventually(t, func() bool {
		for _, entry := range logs.AllEntries() {
			if entry.Message == "Swept unfinished registrations" {
				return true
			}
		}
		return false
	}, 10*time.Second, 10*time.Millisecond, "the worker runs the registration sweep")
}

func TestLogrusHandler(t *testing.T) {
	t.Parallel()
	logger, logs := test.NewNullLogger()
	logger.SetLevel(logrus.DebugLevel)
	slogger := slog.New(newLogrusHandler(logger, slog.LevelWarn))

	slogger.Info("Job errored; retrying", "job_id", 1)
	slogger.With("client_id", "c1").WithGroup("job").Warn("Job appears to be stuck",
		"id", 7, slog.Group("queue", "name", "notices"), slog.String("", "dropped"))
	slogger.Error("Failed to report error for job", slog.Group("", "job_id", 8))

	entries := logs.AllEntries()
	require.Len(t, entries, 2, "the Info record is below the minimum level")
	assert.Equal(t, logrus.WarnLevel, entries[0].Level)
	assert.Equal(t, "Job appears to be stuck", entries[0].Message)
	assert.Equal(t, logrus.Fields{"client_id": "c1", "job.id": int64(7), "job.queue.name": "notices"}, entries[0].Data)
	assert.Equal(t, logrus.ErrorLevel, entries[1].Level)
	assert.Equal(t, logrus.Fields{"job_id": int64(8)}, entries[1].Data)
}
