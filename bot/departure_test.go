package bot_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/bot/fakeslack"
	"github.com/mentorbot/mentorbot/domain"
)

// deactivate sends Slack's user_change event for userID's deactivated
// account.
func (b *testBundle) deactivate(t *testing.T, eventID, userID string) {
	t.Helper()
	b.slack.DeactivateUser(userID)
	event := fakeslack.EventCallback(eventID, map[string]any{
		"type": "user_change", "event_ts": "1700000000.000300",
		"user": map[string]any{"id": userID, "team_id": fakeslack.TeamID, "name": "gone", "deleted": true,
			"profile": map[string]any{"display_name": "Gone"}},
	})
	status, _ := b.postJSON(t, event)
	require.Equal(t, http.StatusOK, status)
}

func TestDeparture_MenteeLeaving(t *testing.T) {
	t.Parallel()
	b := setupSweep(t)
	registerDirect(t, b, "U0MENTOR2", domain.RoleMentor)
	pending := inviteAged(t, b, time.Now(), time.Hour)
	ongoing := invite(t, b, menteeID, "U0MENTOR2")
	b.waitForPost(t, "U0MENTOR2", blocks.ActionAccept)
	_, err := b.store.TransitionInvitation(t.Context(), ongoing.ID, personKey("U0MENTOR2"), domain.StatusOngoing,
		domain.TransitionOptions{}, time.Now())
	require.NoError(t, err)
	b.waitForPost(t, menteeID, "status_text")

	b.deactivate(t, "Ev0MENTEEGONE", menteeID)

	require.Eventually(t, func() bool { return b.status(t, pending.ID) == domain.StatusWithdrawn },
		jobWaitTime, 20*time.Millisecond, "the pending request is withdrawn")
	require.Eventually(t, func() bool { return b.status(t, ongoing.ID) == domain.StatusFinished },
		jobWaitTime, 20*time.Millisecond, "the relationship is finished")
	requestDM := b.waitForPost(t, mentorID, "left_text")
	assert.Contains(t, requestDM.Form.Get("text"), "The request from")
	relationshipDM := b.waitForPost(t, "U0MENTOR2", "left_text")
	assert.Contains(t, relationshipDM.Form.Get("text"), "has ended, because their Slack account is no longer active")
	b.waitForPost(t, "U0MENTOR2", blocks.ActionAvailableAgain)

	stored, err := b.store.Invitation(t.Context(), pending.ID)
	require.NoError(t, err)
	assert.Equal(t, domain.DepartureReason, stored.Reason)
	assert.Equal(t, 1, b.count(t, `SELECT count(*) FROM people WHERE user_id = $1 AND deactivated_at IS NOT NULL`, menteeID))
	require.Eventually(t, func() bool {
		for _, call := range b.slack.Calls("chat.update") {
			if call.Form.Get("ts") == stored.MentorTS && call.Answer["ok"] == true {
				return true
			}
		}
		return false
	}, jobWaitTime, 20*time.Millisecond, "the mentor's request DM loses its buttons")

	// Slack may send the event again, with a new id, and nothing changes.
	b.deactivate(t, "Ev0MENTEEGONE2", menteeID)
	time.Sleep(300 * time.Millisecond)
	assert.Len(t, b.postsTo(mentorID), 2, "the mentor's request DM and one DM about the departure")
	for _, post := range b.postsTo(menteeID) {
		assert.NotContains(t, post.Form.Get("blocks"), "left_text", "nothing about it is sent to the person who left")
	}
}

func TestDeparture_MentorFoundAtSendTime(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	// Slack deactivated the mentor while the bot was not listening, so only
	// users.info reports it.
	b.slack.DeactivateUser(mentorID)
	invitation := invite(t, b, menteeID, mentorID)

	startNoticeJobs(t, b, b.store, b.app)

	post := b.waitForPost(t, menteeID, "left_text")
	assert.Contains(t, post.Form.Get("text"), "Your request to")
	assert.Contains(t, post.Form.Get("blocks"), blocks.ActionFind, "the mentee can look for someone else")
	assert.Equal(t, domain.StatusDeclined, b.status(t, invitation.ID))
	assert.Empty(t, b.postsTo(mentorID), "nothing is sent to the mentor who left")
}
