package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/mentorbot/mentorbot/domain"
)

var _ domain.DeliveryLog = (*Store)(nil)

// RecordDelivery stores id as handled. The primary key makes the insert
// atomic, so when two replicas receive the same delivery only one of them
// gets true.
func (s *Store) RecordDelivery(ctx context.Context, id string, receivedAt time.Time) (bool, error) {
	tag, err := s.pool.Exec(ctx, `
		INSERT INTO slack_deliveries (delivery_id, received_at)
		VALUES ($1, $2)
		ON CONFLICT (delivery_id) DO NOTHING`,
		id, receivedAt)
	if err != nil {
		return false, fmt.Errorf("record slack delivery %s: %w", id, err)
	}
	return tag.RowsAffected() == 1, nil
}

// ForgetDeliveriesBefore deletes the delivery ids received before cutoff.
func (s *Store) ForgetDeliveriesBefore(ctx context.Context, cutoff time.Time) (int64, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM slack_deliveries WHERE received_at < $1`, cutoff)
	if err != nil {
		return 0, fmt.Errorf("delete slack deliveries before %s: %w", cutoff.Format(time.RFC3339), err)
	}
	return tag.RowsAffected(), nil
}
