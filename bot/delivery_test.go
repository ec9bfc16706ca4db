package bot_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"
	"github.com/riverqueue/river/rivertype"
	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/fakeslack"
	"github.com/mentorbot/mentorbot/domain"
	"github.com/mentorbot/mentorbot/storage"
)

// jobWaitTime bounds how long a test waits for a notice job to finish. A
// rate-limited job waits the stand-in's Retry-After of 1 second first.
const jobWaitTime = 15 * time.Second

var mentorKey = domain.PersonKey{TeamID: fakeslack.TeamID, UserID: "U0MENTOR1"}

func invitationNotice() domain.Notice {
	return domain.Notice{
		Type:         domain.NoticeInvitation,
		Key:          "invitation:7:considering:mentor",
		Recipient:    mentorKey,
		InvitationID: 7,
		Actor:        menteeID,
	}
}

// postingSender is a bot.NoticeSender that posts a plain DM to the notice's
// recipient through the Slack stand-in.
type postingSender struct {
	api *slack.Client
}

func (s postingSender) SendNotice(ctx context.Context, notice domain.Notice) (string, string, error) {
	channel, ts, err := s.api.PostMessageContext(ctx, notice.Recipient.UserID,
		slack.MsgOptionText("Notice "+notice.Key, false))
	if err != nil {
		return "", "", fmt.Errorf("post notice %s: %w", notice.Key, err)
	}
	return channel, ts, nil
}

// failingSender is a bot.NoticeSender that always fails with err.
type failingSender struct {
	err error
}

func (s failingSender) SendNotice(context.Context, domain.Notice) (string, string, error) {
	return "", "", s.err
}

// unrecordedLog is a domain.NoticeLog whose RecordSentNotice always fails,
// as when the database is lost right after Slack accepted the message.
type unrecordedLog struct {
	domain.NoticeLog
}

func (unrecordedLog) RecordSentNotice(context.Context, string, string, string, time.Time) error {
	return errors.New("record sent notice: connection reset by peer")
}

// quickRetryPolicy retries a failed job after 10 milliseconds, in place of
// River's policy of n⁴ seconds.
type quickRetryPolicy struct{}

func (quickRetryPolicy) NextRetry(*rivertype.JobRow) time.Time {
	return time.Now().Add(10 * time.Millisecond)
}

// startNoticeJobs starts a River client that works the notice queue with a
// NoticeWorker until the test ends, and returns its job events.
func startNoticeJobs(t *testing.T, b *testBundle, log domain.NoticeLog, sender bot.NoticeSender) <-chan *river.Event {
	t.Helper()
	workers := river.NewWorkers()
	river.AddWorker(workers, bot.NewNoticeWorker(b.logger, log, sender))
	client, err := river.NewClient(riverpgxv5.New(b.pool), &river.Config{
		Logger:            slog.New(slog.DiscardHandler),
		Queues:            map[string]river.QueueConfig{storage.NoticeQueue: {MaxWorkers: 2}},
		Workers:           workers,
		RetryPolicy:       quickRetryPolicy{},
		FetchCooldown:     10 * time.Millisecond,
		FetchPollInterval: 50 * time.Millisecond,
		TestOnly:          true,
	})
	require.NoError(t, err)

	events, cancel := client.Subscribe(
		river.EventKindJobCompleted, river.EventKindJobCancelled, river.EventKindJobFailed, river.EventKindJobSnoozed)
	t.Cleanup(cancel)
	require.NoError(t, client.Start(context.Background()))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), waitTime)
		defer cancel()
		require.NoError(t, client.StopAndCancel(ctx))
	})
	return events
}

// enqueue inserts notices in a transaction and commits it, or rolls it
// back when commit is false.
func enqueue(t *testing.T, b *testBundle, commit bool, notices ...domain.Notice) {
	t.Helper()
	ctx := context.Background()
	tx, err := b.pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback(ctx) }()

	require.NoError(t, b.store.EnqueueNotices(ctx, tx, notices))
	if commit {
		require.NoError(t, tx.Commit(ctx))
	}
}

// waitForFinalEvent returns the first event of a job that River will not
// run again, and every event before it.
func waitForFinalEvent(t *testing.T, events <-chan *river.Event) (*river.Event, []*river.Event) {
	t.Helper()
	var seen []*river.Event
	deadline := time.After(jobWaitTime)
	for {
		select {
		case event := <-events:
			seen = append(seen, event)
			if finalized(event.Job.State) {
				return event, seen
			}
		case <-deadline:
			t.Fatalf("no notice job finished within %s; events: %d", jobWaitTime, len(seen))
			return nil, nil
		}
	}
}

// finalized reports whether River runs a job in state no more.
func finalized(state rivertype.JobState) bool {
	switch state {
	case rivertype.JobStateCompleted, rivertype.JobStateCancelled, rivertype.JobStateDiscarded:
		return true
	default:
		return false
	}
}

// okCount returns how many of calls Slack accepted.
func okCount(calls []fakeslack.Call) int {
	count := 0
	for _, call := range calls {
		if call.Answer["ok"] == true {
			count++
		}
	}
	return count
}

// logsWith returns the log entries with message.
func logsWith(b *testBundle, message string) []*logrus.Entry {
	var found []*logrus.Entry
	for _, entry := range b.logs.AllEntries() {
		if entry.Message == message {
			found = append(found, entry)
		}
	}
	return found
}

func TestNoticeWorker_DeliversOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	events := startNoticeJobs(t, b, b.store, postingSender{api: b.api})

	enqueue(t, b, true, invitationNotice())

	final, _ := waitForFinalEvent(t, events)
	assert.Equal(t, river.EventKindJobCompleted, final.Kind)
	calls := b.slack.Calls("chat.postMessage")
	require.Len(t, calls, 1)
	assert.Equal(t, mentorKey.UserID, calls[0].Form.Get("channel"))

	channel, ts, ok, err := b.store.SentNotice(context.Background(), invitationNotice().Key)
	require.NoError(t, err)
	assert.True(t, ok, "the notice is recorded as sent")
	assert.Equal(t, "D0MENTOR1", channel, "the DM channel Slack answered with")
	assert.Equal(t, "1700000000.000100", ts)
}

func TestNoticeWorker_EnqueuedTwiceSendsOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	enqueue(t, b, true, invitationNotice())
	enqueue(t, b, true, invitationNotice())

	events := startNoticeJobs(t, b, b.store, postingSender{api: b.api})

	final, _ := waitForFinalEvent(t, events)
	assert.Equal(t, river.EventKindJobCompleted, final.Kind)
	assert.Len(t, b.slack.Calls("chat.postMessage"), 1)
}

func TestNoticeWorker_RolledBackSendsNothing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	events := startNoticeJobs(t, b, b.store, postingSender{api: b.api})
	committed := invitationNotice()
	committed.Key = "invitation:8:considering:mentor"
	committed.InvitationID = 8

	enqueue(t, b, false, invitationNotice())
	enqueue(t, b, true, committed)

	final, _ := waitForFinalEvent(t, events)
	assert.Equal(t, committed.Key, decodeNotice(t, final.Job).Key)
	calls := b.slack.Calls("chat.postMessage")
	require.Len(t, calls, 1)
	assert.Equal(t, "Notice "+committed.Key, calls[0].Form.Get("text"))
}

func TestNoticeWorker_RetriesUntilSlackAccepts(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.slack.FailNextStatus("chat.postMessage", 500)
	b.slack.FailNext("chat.postMessage", "ratelimited")
	events := startNoticeJobs(t, b, b.store, postingSender{api: b.api})

	enqueue(t, b, true, invitationNotice())

	final, seen := waitForFinalEvent(t, events)
	assert.Equal(t, river.EventKindJobCompleted, final.Kind)
	kinds := make([]river.EventKind, 0, len(seen))
	for _, event := range seen {
		kinds = append(kinds, event.Kind)
	}
	assert.Equal(t, []river.EventKind{river.EventKindJobFailed, river.EventKindJobSnoozed, river.EventKindJobCompleted}, kinds)

	calls := b.slack.Calls("chat.postMessage")
	assert.Len(t, calls, 3)
	assert.Equal(t, 1, okCount(calls), "exactly one message reaches Slack")
	assert.Len(t, final.Job.Errors, 1, "only the 500 counts as a failed attempt")
	assert.Equal(t, 2, final.Job.Attempt)

	retried := logsWith(b, "Failed to send a notice; River will try again")
	require.Len(t, retried, 1)
	assert.Equal(t, logrus.WarnLevel, retried[0].Level)
	limited := logsWith(b, "Slack rate limited a notice; sending it again after the wait")
	require.Len(t, limited, 1)
	assert.Equal(t, int64(1000), limited[0].Data["retry_after_ms"])
}

func TestNoticeWorker_RateLimitWithoutRetryAfter(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.slack.FailNextStatus("chat.postMessage", 429)
	events := startNoticeJobs(t, b, b.store, postingSender{api: b.api})

	enqueue(t, b, true, invitationNotice())

	final, seen := waitForFinalEvent(t, events)
	assert.Equal(t, river.EventKindJobCompleted, final.Kind)
	assert.Equal(t, river.EventKindJobSnoozed, seen[0].Kind)
	assert.Empty(t, final.Job.Errors)
	assert.Equal(t, 1, okCount(b.slack.Calls("chat.postMessage")))
}

func TestNoticeWorker_PermanentErrorCancels(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.slack.FailNext("chat.postMessage", "user_not_found")
	events := startNoticeJobs(t, b, b.store, postingSender{api: b.api})

	enqueue(t, b, true, invitationNotice())

	final, seen := waitForFinalEvent(t, events)
	assert.Equal(t, river.EventKindJobCancelled, final.Kind)
	assert.Len(t, seen, 1, "no retry before the cancellation")
	assert.Len(t, b.slack.Calls("chat.postMessage"), 1)
	channel, _, ok, err := b.store.SentNotice(context.Background(), invitationNotice().Key)
	require.NoError(t, err)
	assert.True(t, ok, "a dropped notice is recorded as given up")
	assert.Empty(t, channel, "with no channel, since nothing was sent")

	dropped := logsWith(b, "Dropped a notice that Slack rejected permanently")
	require.Len(t, dropped, 1)
	assert.Equal(t, logrus.ErrorLevel, dropped[0].Level)
	assert.Equal(t, "user_not_found", dropped[0].Data["slack_error"])
	assert.Equal(t, string(domain.NoticeInvitation), dropped[0].Data["notice"])
	assert.Equal(t, invitationNotice().Key, dropped[0].Data["notice_key"])
	assert.Equal(t, mentorKey.UserID, dropped[0].Data["user_id"])
	assert.Equal(t, mentorKey.TeamID, dropped[0].Data["team_id"])
}

func TestNoticeWorker_AlreadySentSendsNothing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	notice := invitationNotice()
	require.NoError(t, b.store.RecordSentNotice(context.Background(), notice.Key, "D0MENTOR1", "1600000000.000100", time.Now()))
	events := startNoticeJobs(t, b, b.store, postingSender{api: b.api})

	enqueue(t, b, true, notice)

	final, _ := waitForFinalEvent(t, events)
	assert.Equal(t, river.EventKindJobCompleted, final.Kind)
	assert.Empty(t, b.slack.Calls("chat.postMessage"))
	assert.Len(t, logsWith(b, "Skipped a notice that was already sent"), 1)
}

func TestNoticeWorker_RecordFailsAfterSend(t *testing.T) {
	t.Parallel()
	b := setup(t)
	events := startNoticeJobs(t, b, unrecordedLog{NoticeLog: b.store}, postingSender{api: b.api})

	enqueue(t, b, true, invitationNotice())

	// The job completes, because trying again would send the DM twice.
	final, seen := waitForFinalEvent(t, events)
	assert.Equal(t, river.EventKindJobCompleted, final.Kind)
	assert.Len(t, seen, 1)
	assert.Len(t, b.slack.Calls("chat.postMessage"), 1)
	failed := logsWith(b, "Sent a notice but failed to record it as sent")
	require.Len(t, failed, 1)
	assert.Equal(t, logrus.ErrorLevel, failed[0].Level)
	assert.Equal(t, "D0MENTOR1", failed[0].Data["channel_id"])
}

// decisionCase is an error from SendNotice and what River does next.
type decisionCase struct {
	name        string
	err         error
	maxAttempts int
	want        river.EventKind
	// wantState is the job's final state; empty means River runs the job
	// again.
	wantState rivertype.JobState
	// wantWait is the least time until a snoozed job runs again.
	wantWait time.Duration
}

func TestNoticeWorker_ErrorDecisions(t *testing.T) {
	t.Parallel()
	b := setup(t)
	tests := []decisionCase{
		{
			name: "WrappedPermanent", err: fmt.Errorf("open DM: %w", slack.SlackErrorResponse{Err: "user_not_found"}),
			want: river.EventKindJobCancelled, wantState: rivertype.JobStateCancelled,
		},
		{
			name: "RecordsGone", err: fmt.Errorf("read invitation 7: %w", domain.ErrNotFound),
			want: river.EventKindJobCancelled, wantState: rivertype.JobStateCancelled,
		},
		{
			name: "RateLimited", err: &slack.RateLimitedError{RetryAfter: 30 * time.Second},
			want: river.EventKindJobSnoozed, wantWait: 29 * time.Second,
		},
		{
			name: "RateLimitedWithoutWait", err: &slack.RateLimitedError{},
			want: river.EventKindJobSnoozed, wantWait: 900 * time.Millisecond,
		},
		{
			name: "RateLimitedStatus", err: slack.StatusCodeError{Code: 429, Status: "429 Too Many Requests"},
			want: river.EventKindJobSnoozed, wantWait: 900 * time.Millisecond,
		},
		{
			name: "ServerError", err: slack.StatusCodeError{Code: 500, Status: "500 Internal Server Error"},
			want: river.EventKindJobFailed,
		},
		{name: "InternalError", err: slack.SlackErrorResponse{Err: "internal_error"}, want: river.EventKindJobFailed},
		{name: "Timeout", err: context.DeadlineExceeded, want: river.EventKindJobFailed},
		{
			name: "LastAttempt", err: slack.StatusCodeError{Code: 503, Status: "503 Service Unavailable"}, maxAttempts: 1,
			want: river.EventKindJobFailed, wantState: rivertype.JobStateDiscarded,
		},
	}
	permanent := []string{
		"user_not_found", "account_inactive", "channel_not_found", "is_archived",
		"cannot_dm_bot", "not_in_channel", "message_not_found", "cant_update_message",
	}
	for _, code := range permanent {
		tests = append(tests, decisionCase{
			name: code, err: slack.SlackErrorResponse{Err: code},
			want: river.EventKindJobCancelled, wantState: rivertype.JobStateCancelled,
		})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			worker := bot.NewNoticeWorker(b.logger, b.store, failingSender{err: tt.err})
			testWorker := rivertest.NewWorker(t, riverpgxv5.New(nil), &river.Config{}, worker)
			tx, err := b.pool.Begin(ctx)
			require.NoError(t, err)
			defer func() { _ = tx.Rollback(ctx) }()
			notice := invitationNotice()
			notice.Key = "decision:" + tt.name

			started := time.Now()
			result, _ := testWorker.Work(ctx, t, tx, notice, &river.InsertOpts{
				Queue: storage.NoticeQueue, MaxAttempts: tt.maxAttempts,
			})

			assert.Equal(t, tt.want, result.EventKind)
			if tt.wantState != "" {
				assert.Equal(t, tt.wantState, result.Job.State)
			} else {
				assert.False(t, finalized(result.Job.State), "state %s", result.Job.State)
			}
			if tt.wantWait > 0 {
				assert.GreaterOrEqual(t, result.Job.ScheduledAt.Sub(started), tt.wantWait)
			}
		})
	}
}

func TestNoticeWorker_LastAttemptLogsError(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	worker := bot.NewNoticeWorker(b.logger, b.store, failingSender{err: slack.StatusCodeError{Code: 503}})
	testWorker := rivertest.NewWorker(t, riverpgxv5.New(nil), &river.Config{}, worker)
	tx, err := b.pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback(ctx) }()

	_, _ = testWorker.Work(ctx, t, tx, invitationNotice(), &river.InsertOpts{MaxAttempts: 1})

	discarded := logsWith(b, "Failed to send a notice on its last attempt; discarding it")
	require.Len(t, discarded, 1)
	assert.Equal(t, logrus.ErrorLevel, discarded[0].Level)
	assert.Empty(t, logsWith(b, "Failed to send a notice; River will try again"))
}

// decodeNotice returns the notice that job carries.
func decodeNotice(t *testing.T, job *rivertype.JobRow) domain.Notice {
	t.Helper()
	var notice domain.Notice
	require.NoError(t, json.Unmarshal(job.EncodedArgs, &notice))
	return notice
}
