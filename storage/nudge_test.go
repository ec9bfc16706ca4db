package storage_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/domain"
	"github.com/mentorbot/mentorbot/storage"
	"github.com/mentorbot/mentorbot/storage/pgtest"
)

// nudgeBundle is a fresh database with a mentee, ready for invitations to
// be added.
type nudgeBundle struct {
	t      *testing.T
	ctx    context.Context
	pool   *pgxpool.Pool
	store  *storage.Store
	now    time.Time
	mentee domain.PersonKey
}

func setupNudges(t *testing.T) *nudgeBundle {
	t.Helper()
	pool := pgtest.NewPool(t)
	b := &nudgeBundle{
		t:      t,
		ctx:    context.Background(),
		pool:   pool,
		store:  storage.New(pool),
		now:    time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC),
		mentee: domain.PersonKey{TeamID: "T1", UserID: "UMENTEE"},
	}
	b.exec(`INSERT INTO people (team_id, user_id, created_at) VALUES ($1, $2, $3)`,
		b.mentee.TeamID, b.mentee.UserID, b.now)
	return b
}

func (b *nudgeBundle) exec(sql string, args ...any) {
	b.t.Helper()
	_, err := b.pool.Exec(b.ctx, sql, args...)
	require.NoError(b.t, err)
}

// invite inserts an invitation from the bundle's mentee to a new mentor
// with status, created at createdAt, and returns its id. answered_at is
// createdAt too, unless the status is Considering.
func (b *nudgeBundle) invite(status domain.Status, createdAt time.Time) int64 {
	b.t.Helper()
	var id int64
	err := b.pool.QueryRow(b.ctx, `
		WITH mentor AS (
			INSERT INTO people (team_id, user_id, created_at)
			VALUES ($1, 'UMENTOR' || (SELECT count(*) FROM people), $3)
			RETURNING user_id
		)
		INSERT INTO invitations (team_id, mentor_user_id, mentee_user_id, status, created_at, updated_at, answered_at)
		SELECT $1, mentor.user_id, $2, $4, $3, $3, CASE WHEN $4 = 'considering' THEN NULL ELSE $3::timestamptz END
		FROM mentor
		RETURNING id`,
		b.mentee.TeamID, b.mentee.UserID, createdAt, string(status)).Scan(&id)
	require.NoError(b.t, err)
	return id
}

// mentorOf returns the user id of the invitation's mentor.
func (b *nudgeBundle) mentorOf(id int64) string {
	b.t.Helper()
	invitation, err := b.store.Invitation(b.ctx, id)
	require.NoError(b.t, err)
	return invitation.Mentor.UserID
}

// plan runs PlanNudges at the bundle's time and returns the keys planned.
func (b *nudgeBundle) plan(nudges []domain.Nudge, notices []domain.Notice) []string {
	b.t.Helper()
	planned, err := b.store.PlanNudges(b.ctx, nudges, notices, b.now)
	require.NoError(b.t, err)
	return nudgeKeys(planned)
}

// noticeJobCount returns how many River jobs of kind "notice" the database
// holds.
func (b *nudgeBundle) noticeJobCount() int {
	b.t.Helper()
	var count int
	require.NoError(b.t, b.pool.QueryRow(b.ctx, `SELECT count(*) FROM river_job WHERE kind = 'notice'`).Scan(&count))
	return count
}

func nudgeKeys(nudges []domain.Nudge) []string {
	keys := make([]string, len(nudges))
	for i, nudge := range nudges {
		keys[i] = nudge.Key
	}
	return keys
}

// reminder returns a reminder nudge on invitation id with its notice.
func reminder(id int64, sequence int, mentorID string, dueAt time.Time) (domain.Nudge, domain.Notice) {
	recipient := domain.PersonKey{TeamID: "T1", UserID: mentorID}
	key := fmt.Sprintf("invitation:%d:reminder:%d", id, sequence)
	return domain.Nudge{
			Kind: domain.NudgeInvitationReminder, Key: key, Recipient: recipient,
			InvitationID: id, Sequence: sequence, DueAt: dueAt,
		}, domain.Notice{
			Type: domain.NoticeKind(domain.NudgeInvitationReminder), Key: key, Recipient: recipient, InvitationID: id,
		}
}

func TestStore_ConsideringAfterPages(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	cutoff := b.now.Add(-5 * 24 * time.Hour)
	var expected []int64
	for i := range 7 {
		expected = append(expected, b.invite(domain.StatusConsidering, cutoff.Add(-time.Duration(i+1)*time.Hour)))
	}
	tooNew := b.invite(domain.StatusConsidering, cutoff)
	ongoing := b.invite(domain.StatusOngoing, cutoff.Add(-time.Hour))

	var found []int64
	var pageSizes []int
	afterID := int64(0)
	for range 10 {
		batch, err := b.store.ConsideringAfter(b.ctx, afterID, cutoff, 3)
		require.NoError(t, err)
		pageSizes = append(pageSizes, len(batch))
		if len(batch) == 0 {
			break
		}
		for _, item := range batch {
			found = append(found, item.ID)
			assert.Equal(t, domain.StatusConsidering, item.Status, "invitation %d", item.ID)
		}
		afterID = batch[len(batch)-1].ID
	}

	assert.Equal(t, expected, found, "every invitation once, in id order")
	assert.Equal(t, []int{3, 3, 1, 0}, pageSizes)
	assert.NotContains(t, found, tooNew, "created at the cutoff")
	assert.NotContains(t, found, ongoing)
}

func TestStore_ConsideringAfterReminders(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	created := b.now.Add(-12 * 24 * time.Hour)
	none := b.invite(domain.StatusConsidering, created)
	first := b.invite(domain.StatusConsidering, created)
	skipped := b.invite(domain.StatusConsidering, created)

	nudge1, notice1 := reminder(first, 1, b.mentorOf(first), created.Add(5*24*time.Hour))
	nudge2, notice2 := reminder(skipped, 2, b.mentorOf(skipped), created.Add(10*24*time.Hour))
	// A check-in on the same invitation is not a reminder.
	checkIn := domain.Nudge{Kind: domain.NudgeCheckIn, Key: fmt.Sprintf("invitation:%d:check_in:3:mentor", none),
		Recipient: domain.PersonKey{TeamID: "T1", UserID: b.mentorOf(none)}, InvitationID: none, Sequence: 3, DueAt: b.now}
	b.plan([]domain.Nudge{nudge1, nudge2, checkIn}, []domain.Notice{notice1, notice2})

	batch, err := b.store.ConsideringAfter(b.ctx, 0, b.now, 10)
	require.NoError(t, err)
	sent := map[int64]int{}
	for _, item := range batch {
		sent[item.ID] = item.RemindersSent
	}
	assert.Equal(t, map[int64]int{none: 0, first: 1, skipped: 2}, sent)
}

func TestStore_OngoingAfterPages(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	var expected []int64
	for i := range 7 {
		expected = append(expected, b.invite(domain.StatusOngoing, b.now.Add(-time.Duration(i+1)*time.Hour)))
	}
	b.invite(domain.StatusFinished, b.now.Add(-time.Hour))

	var found []int64
	afterID := int64(0)
	for range 10 {
		batch, err := b.store.OngoingAfter(b.ctx, afterID, 3)
		require.NoError(t, err)
		require.LessOrEqual(t, len(batch), 3)
		if len(batch) == 0 {
			break
		}
		for _, item := range batch {
			found = append(found, item.ID)
		}
		afterID = batch[len(batch)-1].ID
	}
	assert.Equal(t, expected, found, "every ongoing invitation once, in id order")
}

func TestStore_OngoingAfterNudges(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	start := b.now.Add(-200 * 24 * time.Hour)
	id := b.invite(domain.StatusOngoing, start)
	invitation, err := b.store.Invitation(b.ctx, id)
	require.NoError(t, err)
	relationship := func() domain.OngoingRelationship {
		t.Helper()
		batch, err := b.store.OngoingAfter(b.ctx, 0, 10)
		require.NoError(t, err)
		require.Len(t, batch, 1)
		return batch[0]
	}

	before := relationship()
	assert.Nil(t, before.LastMet)
	assert.Equal(t, 0, before.CheckInsSent)
	assert.False(t, before.ReviewSent)
	assert.False(t, before.InactiveFlagged)

	// Plan what the default policy finds due: check-in 6, the review and
	// the inactive flag, each to both people, and the flag to the
	// programme team's figures.
	nudges := domain.DefaultNudgePolicy().RelationshipNudges(b.now, invitation, nil, 0, false, false)
	require.Len(t, nudges, 7)
	b.plan(nudges, nil)
	after := relationship()
	assert.Equal(t, 6, after.CheckInsSent)
	assert.True(t, after.ReviewSent)
	assert.True(t, after.InactiveFlagged, "flag planned with no meeting")

	t.Run("MeetingAfterFlag", func(t *testing.T) {
		metAt := b.now.Add(time.Hour)
		require.NoError(t, b.store.RecordMeeting(b.ctx, id, b.mentee.UserID, "Coffee.", metAt))
		met := relationship()
		require.NotNil(t, met.LastMet)
		assert.True(t, metAt.Equal(*met.LastMet), "LastMet is %v", *met.LastMet)
		assert.False(t, met.InactiveFlagged, "the flag came before the meeting")
		assert.True(t, met.ReviewSent)
	})
}

func TestStore_FinishedWithoutFeedbackRequest(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	requested := b.invite(domain.StatusFinished, b.now)
	pending := b.invite(domain.StatusFinished, b.now)
	b.invite(domain.StatusOngoing, b.now)
	invitation, err := b.store.Invitation(b.ctx, requested)
	require.NoError(t, err)
	b.plan(domain.FeedbackNudges(invitation, false), nil)

	batch, err := b.store.FinishedWithoutFeedbackRequest(b.ctx, 0, 10)
	require.NoError(t, err)
	require.Len(t, batch, 1)
	assert.Equal(t, pending, batch[0].ID)

	batch, err = b.store.FinishedWithoutFeedbackRequest(b.ctx, pending, 10)
	require.NoError(t, err)
	assert.Empty(t, batch, "after the last id")
}

func TestStore_PlanNudgesTwice(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	id := b.invite(domain.StatusConsidering, b.now)
	nudge, notice := reminder(id, 1, b.mentorOf(id), b.now)
	other, otherNotice := reminder(id, 2, b.mentorOf(id), b.now)

	assert.Equal(t, []string{nudge.Key}, b.plan([]domain.Nudge{nudge}, []domain.Notice{notice}))
	assert.Equal(t, 1, b.noticeJobCount())

	planned := b.plan([]domain.Nudge{nudge, other}, []domain.Notice{notice, otherNotice})
	assert.Equal(t, []string{other.Key}, planned, "only the new nudge")
	assert.Equal(t, 2, b.noticeJobCount(), "no second job for the first nudge")

	assert.Empty(t, b.plan([]domain.Nudge{nudge, other}, []domain.Notice{notice, otherNotice}))
	assert.Equal(t, 2, b.noticeJobCount())
}

func TestStore_PlanNudgesConcurrent(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	var nudges []domain.Nudge
	var notices []domain.Notice
	for range 10 {
		id := b.invite(domain.StatusConsidering, b.now)
		nudge, notice := reminder(id, 1, b.mentorOf(id), b.now)
		nudges = append(nudges, nudge)
		notices = append(notices, notice)
	}

	// Each goroutine stands for a replica running the same sweep, with a
	// Store of its own on the shared pool.
	const replicas = 4
	var planned [replicas][]domain.Nudge
	var errs [replicas]error
	var wg sync.WaitGroup
	for i := range replicas {
		wg.Go(func() {
			planned[i], errs[i] = storage.New(b.pool).PlanNudges(b.ctx, nudges, notices, b.now)
		})
	}
	wg.Wait()

	total := 0
	for i := range replicas {
		require.NoError(t, errs[i], "replica %d", i)
		total += len(planned[i])
	}
	assert.Equal(t, 10, total, "each nudge planned by one replica")
	assert.Equal(t, 10, b.noticeJobCount())
}

func TestStore_PlanNudgesTeamFlag(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	id := b.invite(domain.StatusOngoing, b.now)
	flag := domain.Nudge{Kind: domain.NudgeInactiveFlag, Key: fmt.Sprintf("invitation:%d:inactive:x", id),
		InvitationID: id, DueAt: b.now}

	b.plan([]domain.Nudge{flag}, nil)

	var teamID, userID string
	require.NoError(t, b.pool.QueryRow(b.ctx, `SELECT team_id, user_id FROM nudges WHERE key = $1`, flag.Key).
		Scan(&teamID, &userID))
	assert.Equal(t, "T1", teamID, "the invitation's team")
	assert.Empty(t, userID)
}

func TestStore_PlanNudgesInvalid(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	id := b.invite(domain.StatusConsidering, b.now)
	nudge, notice := reminder(id, 1, b.mentorOf(id), b.now)
	noKey := nudge
	noKey.Key = ""
	stray := notice
	stray.Key = "invitation:999:reminder:1"

	tests := []struct {
		name     string
		nudges   []domain.Nudge
		notices  []domain.Notice
		expected string
	}{
		{"MissingKey", []domain.Nudge{noKey}, nil, "missing key"},
		{"KeyTwice", []domain.Nudge{nudge, nudge}, nil, "duplicate key"},
		{"StrayNotice", []domain.Nudge{nudge}, []domain.Notice{notice, stray}, "has no nudge"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			_, err := b.store.PlanNudges(b.ctx, test.nudges, test.notices, b.now)
			require.Error(t, err)
			assert.Contains(t, err.Error(), test.expected)
		})
	}
	assert.Equal(t, 0, b.noticeJobCount())
	batch, err := b.store.ConsideringAfter(b.ctx, 0, b.now.Add(time.Hour), 10)
	require.NoError(t, err)
	require.Len(t, batch, 1)
	assert.Equal(t, 0, batch[0].RemindersSent, "nothing planned")
}

func TestStore_MarkNudgeSent(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	id := b.invite(domain.StatusConsidering, b.now)
	nudge, _ := reminder(id, 1, b.mentorOf(id), b.now)
	b.plan([]domain.Nudge{nudge}, nil)
	sentAt := b.now.Add(time.Minute)
	sentAtOf := func() time.Time {
		t.Helper()
		var at time.Time
		require.NoError(t, b.pool.QueryRow(b.ctx, `SELECT sent_at FROM nudges WHERE key = $1`, nudge.Key).Scan(&at))
		return at
	}

	require.NoError(t, b.store.MarkNudgeSent(b.ctx, nudge.Key, sentAt))
	assert.True(t, sentAt.Equal(sentAtOf()))

	require.NoError(t, b.store.MarkNudgeSent(b.ctx, nudge.Key, sentAt.Add(time.Hour)))
	assert.True(t, sentAt.Equal(sentAtOf()), "marked again keeps the first time")

	err := b.store.MarkNudgeSent(b.ctx, "invitation:999:reminder:1", sentAt)
	assert.ErrorIs(t, err, domain.ErrNotFound)
}

func TestStore_RecordMeeting(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	id := b.invite(domain.StatusOngoing, b.now)
	mentorID := b.mentorOf(id)
	lastMet := func() *time.Time {
		t.Helper()
		batch, err := b.store.OngoingAfter(b.ctx, 0, 10)
		require.NoError(t, err)
		require.Len(t, batch, 1)
		return batch[0].LastMet
	}

	later := b.now.Add(48 * time.Hour)
	require.NoError(t, b.store.RecordMeeting(b.ctx, id, mentorID, "", later))
	require.NoError(t, b.store.RecordMeeting(b.ctx, id, b.mentee.UserID, "Lunch.", b.now.Add(24*time.Hour)))
	require.NoError(t, b.store.RecordMeeting(b.ctx, id, mentorID, "", later), "the same tap again")

	met := lastMet()
	require.NotNil(t, met)
	assert.True(t, later.Equal(*met), "LastMet is %v", *met)
	var count int
	require.NoError(t, b.pool.QueryRow(b.ctx, `SELECT count(*) FROM meetings WHERE invitation_id = $1`, id).Scan(&count))
	assert.Equal(t, 2, count)

	t.Run("NotParty", func(t *testing.T) {
		err := b.store.RecordMeeting(b.ctx, id, "UOTHER", "", b.now)
		assert.ErrorIs(t, err, domain.ErrNotParty)
	})
	t.Run("NotFound", func(t *testing.T) {
		err := b.store.RecordMeeting(b.ctx, id+100, mentorID, "", b.now)
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})
	t.Run("NotOngoing", func(t *testing.T) {
		finished := b.invite(domain.StatusFinished, b.now)
		err := b.store.RecordMeeting(b.ctx, finished, b.mentee.UserID, "", b.now)
		assert.ErrorIs(t, err, domain.ErrNotOngoing)
		var count int
		require.NoError(t, b.pool.QueryRow(b.ctx, `SELECT count(*) FROM meetings WHERE invitation_id = $1`,
			finished).Scan(&count))
		assert.Zero(t, count)
	})
}

func TestStore_LastMeeting(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	id := b.invite(domain.StatusOngoing, b.now)

	none, err := b.store.LastMeeting(b.ctx, id)
	require.NoError(t, err)
	assert.Nil(t, none)

	later := b.now.Add(72 * time.Hour)
	require.NoError(t, b.store.RecordMeeting(b.ctx, id, b.mentee.UserID, "", later))
	require.NoError(t, b.store.RecordMeeting(b.ctx, id, b.mentorOf(id), "", b.now.Add(time.Hour)))
	lastMet, err := b.store.LastMeeting(b.ctx, id)
	require.NoError(t, err)
	require.NotNil(t, lastMet)
	assert.True(t, later.Equal(*lastMet), "LastMeeting is %v", *lastMet)
}

func TestStore_RecordContinuation(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	id := b.invite(domain.StatusOngoing, b.now)
	countOf := func(invitationID int64) int {
		t.Helper()
		var count int
		require.NoError(t, b.pool.QueryRow(b.ctx, `SELECT count(*) FROM review_continuations WHERE invitation_id = $1`,
			invitationID).Scan(&count))
		return count
	}

	first, err := b.store.RecordContinuation(b.ctx, id, b.mentee.UserID, b.now)
	require.NoError(t, err)
	assert.True(t, first)
	again, err := b.store.RecordContinuation(b.ctx, id, b.mentee.UserID, b.now.Add(10*time.Second))
	require.NoError(t, err)
	assert.False(t, again, "the same choice again within the minute")
	requireNoError(t)(b.store.RecordContinuation(b.ctx, id, b.mentorOf(id), b.now))
	assert.Equal(t, 2, countOf(id))
	invitation, err := b.store.Invitation(b.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, domain.StatusOngoing, invitation.Status)

	t.Run("NotParty", func(t *testing.T) {
		_, err := b.store.RecordContinuation(b.ctx, id, "UOTHER", b.now)
		assert.ErrorIs(t, err, domain.ErrNotParty)
	})
	t.Run("NotFound", func(t *testing.T) {
		_, err := b.store.RecordContinuation(b.ctx, id+100, b.mentee.UserID, b.now)
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})
	t.Run("NotOngoing", func(t *testing.T) {
		finished := b.invite(domain.StatusFinished, b.now)
		_, err := b.store.RecordContinuation(b.ctx, finished, b.mentee.UserID, b.now)
		assert.ErrorIs(t, err, domain.ErrNotOngoing)
		assert.Zero(t, countOf(finished))
	})
}

func TestStore_RecordFeedback(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	id := b.invite(domain.StatusFinished, b.now)
	feedbackOf := func(userID string) (int, string) {
		t.Helper()
		var rating int
		var comment string
		require.NoError(t, b.pool.QueryRow(b.ctx, `
			SELECT rating, comment FROM feedback WHERE invitation_id = $1 AND user_id = $2`,
			id, userID).Scan(&rating, &comment))
		return rating, comment
	}

	require.NoError(t, b.store.RecordFeedback(b.ctx, id, b.mentee.UserID, 4, "Helpful.", b.now))
	rating, comment := feedbackOf(b.mentee.UserID)
	assert.Equal(t, 4, rating)
	assert.Equal(t, "Helpful.", comment)

	t.Run("SecondReplacesFirst", func(t *testing.T) {
		require.NoError(t, b.store.RecordFeedback(b.ctx, id, b.mentee.UserID, 5, "Very helpful.", b.now.Add(time.Hour)))
		rating, comment := feedbackOf(b.mentee.UserID)
		assert.Equal(t, 5, rating)
		assert.Equal(t, "Very helpful.", comment)
	})

	for _, invalid := range []int{0, 6, -1} {
		t.Run(fmt.Sprintf("Rating%d", invalid), func(t *testing.T) {
			err := b.store.RecordFeedback(b.ctx, id, b.mentorOf(id), invalid, "", b.now)
			require.ErrorIs(t, err, domain.ErrInvalidRating)
			assert.Contains(t, err.Error(), fmt.Sprintf("rating %d", invalid))
			message, ok := domain.UserMessage(err)
			assert.True(t, ok)
			assert.Equal(t, "Please choose a rating from 1 to 5.", message)
		})
	}

	t.Run("NotParty", func(t *testing.T) {
		err := b.store.RecordFeedback(b.ctx, id, "UOTHER", 3, "", b.now)
		assert.ErrorIs(t, err, domain.ErrNotParty)
	})
}

// requireNoError returns a function that fails the test when the error of
// a call that returns a bool and an error is not nil.
func requireNoError(t *testing.T) func(bool, error) {
	return func(_ bool, err error) {
		t.Helper()
		require.NoError(t, err)
	}
}
