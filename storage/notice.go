package storage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/mentorbot/mentorbot/domain"
)

var _ domain.NoticeLog = (*Store)(nil)

// NoticeQueue is the River queue that notice jobs are inserted into. The
// River client that sends notices must work this queue.
const NoticeQueue = "notices"

// NoticeMaxAttempts is how many times River tries a notice job before it
// discards it. River's default retry policy waits about n⁴ seconds after
// the nth failure (1 s, 16 s, 81 s, ...), so 12 attempts keep trying for
// about 11 hours, which covers a Slack outage of a working day. Waits for a
// Slack rate limit do not count as attempts.
const NoticeMaxAttempts = 12

// newInsertOnlyClient returns a River client that inserts jobs and works
// none, because its Config has no Workers.
func newInsertOnlyClient(pool *pgxpool.Pool) *river.Client[pgx.Tx] {
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		// Insert errors are returned to the caller, so River's own log
		// lines add nothing.
		Logger: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		// NewClient fails only for a missing driver or an invalid Config,
		// and both are fixed here.
		panic(fmt.Sprintf("create insert-only river client: %v", err))
	}
	return client
}

// EnqueueNotices inserts a River job for each notice in tx, so the notices
// are sent only if tx commits. Each notice needs a Key.
//
// A notice is skipped as a duplicate while River keeps a job with equal
// args: one that waits, runs or retries, or one that completed less than
// River's retention period ago, 24 hours by default. Key identifies the
// message, so equal args mean the same message, and a message that is
// meant to be sent again needs a new Key.
func (s *Store) EnqueueNotices(ctx context.Context, tx pgx.Tx, notices []domain.Notice) error {
	if len(notices) == 0 {
		return nil
	}

	params := make([]river.InsertManyParams, 0, len(notices))
	for _, notice := range notices {
		if notice.Key == "" {
			return fmt.Errorf("enqueue %s notice to %s: missing key", notice.Type, notice.Recipient.UserID)
		}
		params = append(params, river.InsertManyParams{
			Args: notice,
			InsertOpts: &river.InsertOpts{
				Queue:       NoticeQueue,
				MaxAttempts: NoticeMaxAttempts,
				// Two jobs for one key could run at once, both find the
				// key unsent in sent_notices, and both send.
				UniqueOpts: river.UniqueOpts{ByArgs: true},
				// A zero time sends the notice at once.
				ScheduledAt: notice.SendAt,
			},
		})
	}

	if _, err := s.jobs.InsertManyTx(ctx, tx, params); err != nil {
		return fmt.Errorf("enqueue %d notices: %w", len(notices), err)
	}
	return nil
}

// SentNotice returns the channel and timestamp recorded for the notice key.
func (s *Store) SentNotice(ctx context.Context, key string) (channel, ts string, ok bool, err error) {
	err = s.pool.QueryRow(ctx, `
		SELECT channel, ts FROM sent_notices WHERE key = $1`,
		key,
	).Scan(&channel, &ts)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", "", false, nil
	}
	if err != nil {
		return "", "", false, fmt.Errorf("read sent notice %s: %w", key, err)
	}
	return channel, ts, true, nil
}

// RecordSentNotice stores that the notice key was sent as the message ts in
// channel. Recording a key again keeps the first record.
func (s *Store) RecordSentNotice(ctx context.Context, key, channel, ts string, at time.Time) error {
	_, err := s.pool.Exec(ctx, `
		INSERT INTO sent_notices (key, channel, ts, sent_at)
		VALUES ($1, $2, $3, $4)
		ON CONFLICT (key) DO NOTHING`,
		key, channel, ts, at)
	if err != nil {
		return fmt.Errorf("record sent notice %s: %w", key, err)
	}
	return nil
}
