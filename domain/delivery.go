package domain

import (
	"context"
	"time"
)

// DeliveryRetention is how long a Slack delivery id is remembered. Slack
// retries a failed Events API callback up to three times over about five
// minutes, so an hour covers every retry with a wide margin.
const DeliveryRetention = time.Hour

// DeliveryLog remembers which Slack deliveries the bot has already handled,
// across restarts and across bot replicas that share one database.
type DeliveryLog interface {
	// RecordDelivery stores id as handled at receivedAt. It returns true the
	// first time it sees id and false for every later call with the same id.
	RecordDelivery(ctx context.Context, id string, receivedAt time.Time) (first bool, err error)

	// ForgetDeliveriesBefore deletes the ids received before cutoff and
	// returns how many it deleted.
	ForgetDeliveriesBefore(ctx context.Context, cutoff time.Time) (int64, error)
}
