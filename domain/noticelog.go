package domain

import (
	"context"
	"time"
)

// NoticeLog records which notices reached Slack, so that a notice whose
// delivery is tried again after its message was sent is not sent twice.
type NoticeLog interface {
	// SentNotice returns the channel and timestamp of the message sent for
	// the notice key. ok is false when no message was recorded for key.
	SentNotice(ctx context.Context, key string) (channel, ts string, ok bool, err error)

	// RecordSentNotice stores that the notice key was sent as the message
	// ts in channel at the given time. Recording a key again keeps the
	// first record.
	RecordSentNotice(ctx context.Context, key, channel, ts string, at time.Time) error
}
