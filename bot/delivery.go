package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/riverqueue/river"
	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/domain"
)

// noticeTimeout bounds one attempt to send a notice, which may take a few
// Web API calls.
const noticeTimeout = 30 * time.Second

// recordTimeout bounds recording a sent notice. The record uses a context
// of its own, so that a job cancelled at shutdown or at its timeout right
// after the message went out still records it.
const recordTimeout = 5 * time.Second

// minRateLimitWait is the shortest wait after Slack rate limits a notice,
// and the wait when a 429 response has no Retry-After header.
const minRateLimitWait = time.Second

// permanentSlackErrors are the Web API error codes that sending the same
// notice again cannot fix: the recipient or the channel is gone, or the bot
// may not post there. message_not_found and cant_update_message come from
// chat.update, when the message to rewrite was deleted or is not the bot's.
var permanentSlackErrors = map[string]bool{
	"user_not_found":      true,
	"account_inactive":    true,
	"channel_not_found":   true,
	"is_archived":         true,
	"cannot_dm_bot":       true,
	"not_in_channel":      true,
	"message_not_found":   true,
	"cant_update_message": true,
}

// NoticeSender builds the message of a queued notice and sends it to Slack.
type NoticeSender interface {
	// SendNotice posts or updates the notice's message and returns its
	// channel and timestamp. Empty values with a nil error mean the notice
	// was skipped on purpose, and it is recorded as done all the same.
	//
	// Return Slack's errors wrapped with %w, so that the NoticeWorker can
	// tell a rate limit or a permanent error from a passing failure. Wrap
	// domain.ErrNotFound when the records the notice is about no longer
	// exist; the notice is then dropped.
	SendNotice(ctx context.Context, notice domain.Notice) (channel, ts string, err error)
}

// NoticeWorker is the River worker that sends queued notices and records
// each one as sent, so that a job River runs again sends nothing.
//
// A rate limit snoozes the job for Slack's Retry-After, and snoozes do not
// count as attempts, so a job that Slack keeps rate limiting waits
// indefinitely. A permanent Slack error, or a notice whose records are
// gone, cancels the job. Any other error makes River try again with its
// retry policy.
type NoticeWorker struct {
	river.WorkerDefaults[domain.Notice]

	logger logrus.FieldLogger
	log    domain.NoticeLog
	sender NoticeSender
	now    func() time.Time
}

var _ river.Worker[domain.Notice] = (*NoticeWorker)(nil)

// NewNoticeWorker returns a worker that sends notices with sender and
// records them in log.
func NewNoticeWorker(logger logrus.FieldLogger, log domain.NoticeLog, sender NoticeSender) *NoticeWorker {
	return &NoticeWorker{logger: logger, log: log, sender: sender, now: time.Now}
}

// Timeout returns how long one attempt may take.
func (w *NoticeWorker) Timeout(*river.Job[domain.Notice]) time.Duration { return noticeTimeout }

// Work sends the job's notice unless its key was recorded as sent.
func (w *NoticeWorker) Work(ctx context.Context, job *river.Job[domain.Notice]) error {
	notice := job.Args
	logger := w.logger.WithFields(logrus.Fields{
		"notice":     string(notice.Type),
		"notice_key": notice.Key,
		"team_id":    notice.Recipient.TeamID,
		"user_id":    notice.Recipient.UserID,
		"job_id":     job.ID,
		"attempt":    job.Attempt,
	})

	// A job that River runs again after a crash, before it marked the job
	// completed, finds its key here, because the earlier run sent the
	// message and recorded it.
	_, _, sent, err := w.log.SentNotice(ctx, notice.Key)
	if err != nil {
		return fmt.Errorf("check whether notice %s was sent: %w", notice.Key, err)
	}
	if sent {
		logger.Debug("Skipped a notice that was already sent")
		return nil
	}

	channel, ts, err := w.sender.SendNotice(ctx, notice)
	if err != nil {
		return w.sendFailed(logger, job, err)
	}
	logger = logger.WithFields(logrus.Fields{"channel_id": channel, "message_ts": ts})

	// NOTE: a failed record still ends the job successfully, because a retry
	// would send the message a second time. If River runs the job again all
	// the same, as after a crash before it marked the job completed, the
	// message is sent twice.
	recordCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
	defer cancel()
	if err := w.log.RecordSentNotice(recordCtx, notice.Key, channel, ts, w.now()); err != nil {
		logger.WithError(err).Error("Sent a notice but failed to record it as sent")
		return nil
	}
	logger.Debug("Sent a notice")
	return nil
}

// sendFailed logs why SendNotice failed with err and returns the error that
// makes River snooze, cancel or retry the job.
func (w *NoticeWorker) sendFailed(logger logrus.FieldLogger, job *river.Job[domain.Notice], err error) error {
	logger = logger.WithError(err)
	failure := fmt.Errorf("send notice %s: %w", job.Args.Key, err)

	if wait, limited := rateLimitWait(err); limited {
		logger.WithField("retry_after_ms", wait.Milliseconds()).Warn("Slack rate limited a notice; sending it again after the wait")
		return river.JobSnooze(wait)
	}
	if code, permanent := permanentSlackError(err); permanent {
		logger.WithField("slack_error", code).Error("Dropped a notice that Slack rejected permanently")
		// Recording the key with no channel marks the message as given up,
		// so an update of it can stop at once instead of retrying.
		recordCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if recordErr := w.log.RecordSentNotice(recordCtx, job.Args.Key, "", "", w.now()); recordErr != nil {
			logger.WithField("record_error", recordErr.Error()).Warn("Failed to record a dropped notice")
		}
		return river.JobCancel(failure)
	}
	if errors.Is(err, domain.ErrNotFound) {
		logger.Warn("Dropped a notice whose records no longer exist")
		return river.JobCancel(failure)
	}

	if job.Attempt >= job.MaxAttempts {
		logger.WithField("max_attempts", job.MaxAttempts).Error("Failed to send a notice on its last attempt; discarding it")
	} else {
		logger.Warn("Failed to send a notice; River will try again")
	}
	return failure
}

// rateLimitWait returns how long to wait when err is Slack's rate limit.
func rateLimitWait(err error) (time.Duration, bool) {
	var limited *slack.RateLimitedError
	if errors.As(err, &limited) {
		return max(limited.RetryAfter, minRateLimitWait), true
	}
	// slack-go returns a 429 without Retry-After as a plain status error.
	var status slack.StatusCodeError
	if errors.As(err, &status) && status.Code == http.StatusTooManyRequests {
		return minRateLimitWait, true
	}
	var response slack.SlackErrorResponse
	if errors.As(err, &response) && response.Err == "ratelimited" {
		return minRateLimitWait, true
	}
	return 0, false
}

// permanentSlackError returns Slack's error code when err is one that a
// retry cannot fix.
func permanentSlackError(err error) (string, bool) {
	var response slack.SlackErrorResponse
	if errors.As(err, &response) && permanentSlackErrors[response.Err] {
		return response.Err, true
	}
	return "", false
}
