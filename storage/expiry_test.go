package storage_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/domain"
)

// noticeRecipients returns the recipients of the queued notices of kind
// about invitation id.
func (b *nudgeBundle) noticeRecipients(id int64, kind domain.NoticeKind) []string {
	b.t.Helper()
	rows, err := b.pool.Query(b.ctx, `
		SELECT args->'recipient'->>'UserID' FROM river_job
		WHERE kind = 'notice' AND args->>'type' = $1 AND (args->>'invitation_id')::bigint = $2
		ORDER BY 1`,
		string(kind), id)
	require.NoError(b.t, err)
	defer rows.Close()
	var recipients []string
	for rows.Next() {
		var recipient string
		require.NoError(b.t, rows.Scan(&recipient))
		recipients = append(recipients, recipient)
	}
	require.NoError(b.t, rows.Err())
	return recipients
}

func TestExpireInvitation_Considering(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	id := b.invite(domain.StatusConsidering, b.now.Add(-21*24*time.Hour))
	mentorID := b.mentorOf(id)

	change, expired, err := b.store.ExpireInvitation(b.ctx, id, "no response", b.now, nil)
	require.NoError(t, err)
	require.True(t, expired)
	assert.Equal(t, domain.StatusConsidering, change.From)
	assert.Equal(t, domain.PartyProgramme, change.By)
	assert.Equal(t, domain.StatusDeclined, change.Invitation.Status)

	stored, err := b.store.Invitation(b.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, domain.StatusDeclined, stored.Status)
	assert.Equal(t, "no response", stored.Reason)
	require.NotNil(t, stored.EndedAt)
	assert.True(t, stored.EndedAt.Equal(b.now), "ended at %v, expected %v", stored.EndedAt, b.now)

	var actor, reason string
	require.NoError(t, b.pool.QueryRow(b.ctx, `
		SELECT actor_user_id, reason FROM invitation_events
		WHERE invitation_id = $1 AND to_status = 'declined'`, id).Scan(&actor, &reason))
	assert.Empty(t, actor, "the programme is recorded with no actor")
	assert.Equal(t, "no response", reason)

	assert.ElementsMatch(t, []string{mentorID, b.mentee.UserID}, b.noticeRecipients(id, domain.NoticeInvitationExpired),
		"both people are told")
	assert.Empty(t, b.noticeRecipients(id, domain.NoticeStatusChanged),
		"the expiry DM replaces the generic status DM")
}

func TestExpireInvitation_AnsweredIsKept(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	id := b.invite(domain.StatusOngoing, b.now.Add(-21*24*time.Hour))
	jobsBefore := b.noticeJobCount()

	_, expired, err := b.store.ExpireInvitation(b.ctx, id, "no response", b.now, nil)
	require.NoError(t, err)
	assert.False(t, expired)
	stored, err := b.store.Invitation(b.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, domain.StatusOngoing, stored.Status)
	assert.Equal(t, jobsBefore, b.noticeJobCount(), "no notices are queued")
}

func TestExpireInvitation_TwiceExpiresOnce(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	id := b.invite(domain.StatusConsidering, b.now.Add(-21*24*time.Hour))

	_, first, err := b.store.ExpireInvitation(b.ctx, id, "no response", b.now, nil)
	require.NoError(t, err)
	jobsAfterFirst := b.noticeJobCount()
	_, second, err := b.store.ExpireInvitation(b.ctx, id, "no response", b.now.Add(time.Minute), nil)
	require.NoError(t, err)

	assert.True(t, first)
	assert.False(t, second)
	assert.Equal(t, jobsAfterFirst, b.noticeJobCount())
}

func TestExpireInvitation_Missing(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)

	_, expired, err := b.store.ExpireInvitation(b.ctx, 999999, "no response", b.now, nil)
	require.ErrorIs(t, err, domain.ErrNotFound)
	assert.False(t, expired)
}
