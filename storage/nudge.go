package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/mentorbot/mentorbot/domain"
)

var _ domain.NudgeStore = (*Store)(nil)

// checkViolation is PostgreSQL's SQLSTATE for a failed CHECK constraint.
const checkViolation = "23514"

// extendedRow scans the columns of invitationColumns into the destinations
// that scanInvitation passes, and the columns after them into extra.
type extendedRow struct {
	pgx.Row
	extra []any
}

func (r extendedRow) Scan(dest ...any) error {
	return r.Row.Scan(append(dest, r.extra...)...)
}

// ConsideringAfter returns up to limit invitations in Considering with an
// id above afterID that were created before createdBefore, in id order,
// with the Sequence of each one's latest planned reminder.
func (s *Store) ConsideringAfter(ctx context.Context, afterID int64, createdBefore time.Time, limit int) ([]domain.ConsideringInvitation, error) {
	rows, err := s.pool.Query(ctx, `SELECT`+invitationColumns+`,
			coalesce((
				SELECT max(n.sequence) FROM nudges n
				WHERE n.invitation_id = invitations.id AND n.kind = $4
			), 0)
		FROM invitations
		WHERE status = 'considering' AND id > $1 AND created_at < $2
		ORDER BY id
		LIMIT $3`,
		afterID, createdBefore, limit, string(domain.NudgeInvitationReminder))
	if err != nil {
		return nil, fmt.Errorf("read invitations in considering after %d: %w", afterID, err)
	}
	defer rows.Close()

	var batch []domain.ConsideringInvitation
	for rows.Next() {
		var item domain.ConsideringInvitation
		item.Invitation, err = scanInvitation(extendedRow{rows, []any{&item.RemindersSent}})
		if err != nil {
			return nil, fmt.Errorf("read invitations in considering after %d: %w", afterID, err)
		}
		batch = append(batch, item)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read invitations in considering after %d: %w", afterID, err)
	}
	return batch, nil
}

// OngoingAfter returns up to limit ongoing invitations with an id above
// afterID, in id order, with their latest meeting and the nudges planned
// for them.
func (s *Store) OngoingAfter(ctx context.Context, afterID int64, limit int) ([]domain.OngoingRelationship, error) {
	rows, err := s.pool.Query(ctx, `
		WITH batch AS (
			SELECT * FROM invitations
			WHERE status = 'ongoing' AND id > $1
			ORDER BY id
			LIMIT $2
		), latest AS (
			SELECT batch.*, (SELECT max(m.met_at) FROM meetings m WHERE m.invitation_id = batch.id) AS last_met
			FROM batch
		)
		SELECT`+invitationColumns+`,
			last_met,
			coalesce((
				SELECT max(n.sequence) FROM nudges n
				WHERE n.invitation_id = latest.id AND n.kind = $3
			), 0),
			EXISTS (SELECT 1 FROM nudges n WHERE n.invitation_id = latest.id AND n.kind = $4),
			EXISTS (
				SELECT 1 FROM nudges n
				WHERE n.invitation_id = latest.id AND n.kind = $5
					AND n.planned_at >= coalesce(last_met, '-infinity')
			)
		FROM latest
		ORDER BY id`,
		afterID, limit,
		string(domain.NudgeCheckIn), string(domain.NudgeReviewPrompt), string(domain.NudgeInactiveFlag))
	if err != nil {
		return nil, fmt.Errorf("read ongoing invitations after %d: %w", afterID, err)
	}
	defer rows.Close()

	var batch []domain.OngoingRelationship
	for rows.Next() {
		var item domain.OngoingRelationship
		extra := []any{&item.LastMet, &item.CheckInsSent, &item.ReviewSent, &item.InactiveFlagged}
		item.Invitation, err = scanInvitation(extendedRow{rows, extra})
		if err != nil {
			return nil, fmt.Errorf("read ongoing invitations after %d: %w", afterID, err)
		}
		batch = append(batch, item)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read ongoing invitations after %d: %w", afterID, err)
	}
	return batch, nil
}

// FinishedWithoutFeedbackRequest returns up to limit finished invitations
// with an id above afterID, in id order, for which no feedback request was
// planned.
func (s *Store) FinishedWithoutFeedbackRequest(ctx context.Context, afterID int64, limit int) ([]domain.Invitation, error) {
	rows, err := s.pool.Query(ctx, `SELECT`+invitationColumns+`
		FROM invitations
		WHERE status = 'finished' AND id > $1
			AND NOT EXISTS (SELECT 1 FROM nudges n WHERE n.invitation_id = invitations.id AND n.kind = $3)
		ORDER BY id
		LIMIT $2`,
		afterID, limit, string(domain.NudgeFeedbackRequest))
	if err != nil {
		return nil, fmt.Errorf("read finished invitations after %d: %w", afterID, err)
	}
	invitations, err := scanInvitations(rows)
	if err != nil {
		return nil, fmt.Errorf("read finished invitations after %d: %w", afterID, err)
	}
	return invitations, nil
}

// PlanNudges records the nudges not planned before and enqueues their
// notices, in one transaction. The rows are inserted in key order, so two
// callers that plan overlapping nudges wait for each other instead of
// deadlocking, and the one that waited skips what the other planned.
//
// A nudge with no Recipient, such as an inactive flag, is stored with its
// invitation's team and an empty user id.
func (s *Store) PlanNudges(ctx context.Context, nudges []domain.Nudge, notices []domain.Notice, at time.Time) ([]domain.Nudge, error) {
	if err := checkPlan(nudges, notices); err != nil {
		return nil, err
	}
	if len(nudges) == 0 {
		return nil, nil
	}

	var planned []domain.Nudge
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		inserted, err := insertNudges(ctx, tx, nudges, at)
		if err != nil {
			return err
		}

		for _, nudge := range nudges {
			if inserted[nudge.Key] {
				planned = append(planned, nudge)
			}
		}
		var due []domain.Notice
		for _, notice := range notices {
			if inserted[notice.Key] {
				due = append(due, notice)
			}
		}
		return s.EnqueueNotices(ctx, tx, due)
	})
	if err != nil {
		return nil, err
	}
	return planned, nil
}

// checkPlan returns an error unless every nudge has a key of its own and
// every notice has the key of one of the nudges.
func checkPlan(nudges []domain.Nudge, notices []domain.Notice) error {
	keys := make(map[string]bool, len(nudges))
	for _, nudge := range nudges {
		switch {
		case nudge.Key == "":
			return fmt.Errorf("plan %s nudge to %q: missing key", nudge.Kind, nudge.Recipient.UserID)
		case keys[nudge.Key]:
			return fmt.Errorf("plan nudges: duplicate key %s", nudge.Key)
		}
		keys[nudge.Key] = true
	}
	for _, notice := range notices {
		if !keys[notice.Key] {
			return fmt.Errorf("plan nudges: %s notice %q has no nudge with its key", notice.Type, notice.Key)
		}
	}
	return nil
}

// insertNudges inserts the nudges whose keys are new, in key order, and
// returns the set of keys it inserted. A nudge to a person who erased
// their data is not inserted, so it is never sent.
func insertNudges(ctx context.Context, tx pgx.Tx, nudges []domain.Nudge, at time.Time) (map[string]bool, error) {
	sorted := slices.Clone(nudges)
	slices.SortFunc(sorted, func(a, b domain.Nudge) int { return strings.Compare(a.Key, b.Key) })

	n := len(sorted)
	keys, kinds, teamIDs, userIDs := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	invitationIDs, sequences, dueAts := make([]int64, n), make([]int32, n), make([]time.Time, n)
	for i, nudge := range sorted {
		keys[i], kinds[i] = nudge.Key, string(nudge.Kind)
		teamIDs[i], userIDs[i] = nudge.Recipient.TeamID, nudge.Recipient.UserID
		invitationIDs[i], sequences[i], dueAts[i] = nudge.InvitationID, int32(nudge.Sequence), nudge.DueAt
	}

	rows, err := tx.Query(ctx, `
		INSERT INTO nudges (key, kind, team_id, user_id, invitation_id, sequence, planned_at, due_at)
		SELECT
			u.key,
			u.kind,
			coalesce(nullif(u.team_id, ''), (SELECT i.team_id FROM invitations i WHERE i.id = u.invitation_id), ''),
			u.user_id,
			nullif(u.invitation_id, 0),
			u.sequence,
			$8,
			u.due_at
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::integer[], $7::timestamptz[])
			AS u (key, kind, team_id, user_id, invitation_id, sequence, due_at)
		WHERE NOT EXISTS (
			SELECT 1 FROM people p
			WHERE p.user_id = u.user_id AND p.erased_at IS NOT NULL
				AND p.team_id = coalesce(nullif(u.team_id, ''), (SELECT i.team_id FROM invitations i WHERE i.id = u.invitation_id))
		)
		ORDER BY u.key
		ON CONFLICT (key) DO NOTHING
		RETURNING key`,
		keys, kinds, teamIDs, userIDs, invitationIDs, sequences, dueAts, at)
	if err != nil {
		return nil, fmt.Errorf("insert %d nudges: %w", n, err)
	}
	insertedKeys, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("insert %d nudges: %w", n, err)
	}

	inserted := make(map[string]bool, len(insertedKeys))
	for _, key := range insertedKeys {
		inserted[key] = true
	}
	return inserted, nil
}

// MarkNudgeSent stores when the nudge key reached its recipient, keeping
// the first time when it is marked again.
func (s *Store) MarkNudgeSent(ctx context.Context, key string, at time.Time) error {
	tag, err := s.pool.Exec(ctx, `UPDATE nudges SET sent_at = coalesce(sent_at, $2) WHERE key = $1`, key, at)
	if err != nil {
		return fmt.Errorf("mark nudge %s sent: %w", key, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("nudge %s: %w", key, domain.ErrNotFound)
	}
	return nil
}

// meetingPrecision is the precision of a stored meeting or choice to carry
// on. Taps by one person within the same minute are stored once, so a
// double tap does not count twice in the programme team's figures.
const meetingPrecision = time.Minute

// RecordMeeting stores a "We met" tap by userID, who must be one of the
// people of an Ongoing invitation. A meeting of a relationship that has
// ended would change no nudge, so it is rejected with domain.ErrNotOngoing.
func (s *Store) RecordMeeting(ctx context.Context, invitationID int64, userID, note string, at time.Time) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if err := checkOngoingParty(ctx, tx, invitationID, userID); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
			INSERT INTO meetings (invitation_id, user_id, met_at, note)
			VALUES ($1, $2, $3, $4)
			ON CONFLICT (invitation_id, user_id, met_at)
			DO UPDATE SET note = CASE WHEN excluded.note <> '' THEN excluded.note ELSE meetings.note END`,
			invitationID, userID, at.Truncate(meetingPrecision), note)
		if err != nil {
			return fmt.Errorf("record meeting on invitation %d by %s: %w", invitationID, userID, err)
		}
		return nil
	})
}

// LastMeeting returns the latest "We met" tap on the invitation, or nil.
func (s *Store) LastMeeting(ctx context.Context, invitationID int64) (*time.Time, error) {
	var lastMet *time.Time
	err := s.pool.QueryRow(ctx, `SELECT max(met_at) FROM meetings WHERE invitation_id = $1`, invitationID).
		Scan(&lastMet)
	if err != nil {
		return nil, fmt.Errorf("read last meeting of invitation %d: %w", invitationID, err)
	}
	return lastMet, nil
}

// RecordContinuation stores userID's "Carry on" choice on a review prompt
// of an Ongoing invitation, and reports whether it was new. Choices by one
// person within the same minute are kept once.
func (s *Store) RecordContinuation(ctx context.Context, invitationID int64, userID string, at time.Time) (bool, error) {
	inserted := false
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := checkOngoingParty(ctx, tx, invitationID, userID); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `
			INSERT INTO review_continuations (invitation_id, user_id, decided_at)
			VALUES ($1, $2, $3)
			ON CONFLICT DO NOTHING`,
			invitationID, userID, at.Truncate(meetingPrecision))
		if err != nil {
			return fmt.Errorf("record continuation of invitation %d by %s: %w", invitationID, userID, err)
		}
		inserted = tag.RowsAffected() == 1
		return nil
	})
	return inserted, err
}

// RecordFeedback stores userID's rating and comment on an invitation,
// replacing any feedback they gave on it before. The table's CHECK
// constraint rejects a rating outside 1 to 5, which is returned as
// domain.ErrInvalidRating.
func (s *Store) RecordFeedback(ctx context.Context, invitationID int64, userID string, rating int, comment string, at time.Time) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := checkParty(ctx, tx, invitationID, userID); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
			INSERT INTO feedback (invitation_id, user_id, rating, comment, given_at)
			VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (invitation_id, user_id)
			DO UPDATE SET rating = excluded.rating, comment = excluded.comment, given_at = excluded.given_at`,
			invitationID, userID, rating, comment, at)

		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == checkViolation && pgErr.ConstraintName == "feedback_rating_check" {
			return fmt.Errorf("record feedback on invitation %d by %s: rating %d: %w",
				invitationID, userID, rating, domain.ErrInvalidRating)
		}
		if err != nil {
			return fmt.Errorf("record feedback on invitation %d by %s: %w", invitationID, userID, err)
		}
		return nil
	})
}

// checkParty returns the invitation, locked until tx ends so its status
// cannot change meanwhile. It returns domain.ErrNotFound when the
// invitation does not exist, domain.ErrNotParty when userID is neither its
// mentor nor its mentee, and domain.ErrErased when userID erased their
// data, so that an old button records nothing new about them.
func checkParty(ctx context.Context, tx pgx.Tx, invitationID int64, userID string) (domain.Invitation, error) {
	invitation, err := scanInvitation(tx.QueryRow(ctx,
		`SELECT`+invitationColumns+` FROM invitations WHERE id = $1 FOR SHARE`, invitationID))
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.Invitation{}, fmt.Errorf("invitation %d: %w", invitationID, domain.ErrNotFound)
	}
	if err != nil {
		return domain.Invitation{}, fmt.Errorf("read invitation %d: %w", invitationID, err)
	}
	if _, ok := invitation.PartyOf(userID); !ok {
		return domain.Invitation{}, domain.ErrNotParty
	}
	var erased bool
	err = tx.QueryRow(ctx, `
		SELECT EXISTS (SELECT 1 FROM people WHERE team_id = $1 AND user_id = $2 AND erased_at IS NOT NULL)`,
		invitation.TeamID, userID).Scan(&erased)
	if err != nil {
		return domain.Invitation{}, fmt.Errorf("check whether %s erased their data: %w", userID, err)
	}
	if erased {
		return domain.Invitation{}, fmt.Errorf("invitation %d: %w", invitationID, domain.ErrErased)
	}
	return invitation, nil
}

// checkOngoingParty is checkParty that also returns domain.ErrNotOngoing
// when the invitation is not Ongoing.
func checkOngoingParty(ctx context.Context, tx pgx.Tx, invitationID int64, userID string) error {
	invitation, err := checkParty(ctx, tx, invitationID, userID)
	if err != nil {
		return err
	}
	if invitation.Status != domain.StatusOngoing {
		return fmt.Errorf("invitation %d is %s: %w", invitationID, invitation.Status, domain.ErrNotOngoing)
	}
	return nil
}
