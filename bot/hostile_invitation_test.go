package bot_test

// Hostile end-to-end tests of finding a mentor, invitations by DM and
// Review my mentees. Each test drives the bot through the signed HTTP
// receiver and the fakeslack stand-in with forged, stale, concurrent or
// malformed requests, and its comment states the behaviour it checks.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/fakeslack"
	"github.com/mentorbot/mentorbot/domain"
)

// setCapacity saves mentorID's profile again with capacity.
func setCapacity(t *testing.T, b *testBundle, mentorID string, capacity int) {
	t.Helper()
	lists := b.content.Lists
	require.NoError(t, b.store.SaveMentorProfile(t.Context(), personKey(mentorID), domain.MentorProfile{
		JobRole: lists.JobRoles[0], OrgArea: lists.OrganisationalAreas[0],
		Areas: []string{lists.MentoringAreas[2]}, About: "Capacity test", Capacity: capacity,
		Available: true, Searchable: true, UpdatedAt: time.Now(),
	}))
}

// messageClick returns the block_actions payload of a click on a DM button.
func (b *testBundle) messageClick(userID, actionID, value, responseID string) []byte {
	return fakeslack.MessageButtonAction(userID, userID, "1700000000.000100", actionID, value, b.slack.ResponseURL(responseID))
}

// responses returns the bodies posted to response URLs, joined.
func (b *testBundle) responses() string {
	var texts []string
	for _, call := range b.slack.Calls("response_url") {
		texts = append(texts, string(call.Body))
	}
	return strings.Join(texts, "\n")
}

// ongoingCount returns how many Ongoing relationships mentorID has.
func (b *testBundle) ongoingCount(t *testing.T, mentorID string) int {
	t.Helper()
	return b.count(t, `SELECT count(*) FROM invitations WHERE mentor_user_id = $1 AND status = 'ongoing'`, mentorID)
}

// ---------------------------------------------------------------------------
// Races

// A mentor with capacity 1 clicks Accept on two different mentees' DMs at
// the same moment: one becomes Ongoing and the other person learns that
// the mentor is at capacity.
func TestHostileInvitation_CapacityRaceDMButtons(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	setCapacity(t, b, mentorID, 1)

	const mentees = 8
	var payloads [][]byte
	for i := range mentees {
		mentee := fmt.Sprintf("U0RACE%d", i)
		registerDirect(t, b, mentee, domain.RoleMentee)
		invitation := invite(t, b, mentee, mentorID)
		payloads = append(payloads, b.messageClick(mentorID, blocks.ActionAccept,
			strconv.FormatInt(invitation.ID, 10), fmt.Sprintf("accept%d", i)))
	}

	b.concurrently(t, payloads...)
	b.slack.WaitForCalls(t, "response_url", mentees, waitTime)

	assert.Equal(t, 1, b.ongoingCount(t, mentorID), "a mentor with capacity 1 has one mentee")
}

// The capacity race made deterministic: a third transaction holds the
// mentor's profile row while two acceptances queue behind it, then lets
// them go. One becomes Ongoing and the other gets a *domain.AtCapacityError,
// because the Ongoing rows are counted after the lock is taken.
func TestHostileInvitation_CapacityRaceDeterministic(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	setCapacity(t, b, mentorID, 1)
	var ids []int64
	for i := range 2 {
		mentee := fmt.Sprintf("U0DET%d", i)
		registerDirect(t, b, mentee, domain.RoleMentee)
		ids = append(ids, invite(t, b, mentee, mentorID).ID)
	}

	holder, err := b.pool.Begin(t.Context())
	require.NoError(t, err)
	_, err = holder.Exec(t.Context(), `SELECT 1 FROM mentor_profiles WHERE user_id = $1 FOR UPDATE`, mentorID)
	require.NoError(t, err)

	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Go(func() {
			_, errs[i] = b.store.TransitionInvitation(t.Context(), id, personKey(mentorID), domain.StatusOngoing,
				domain.TransitionOptions{}, time.Now())
		})
	}
	require.Eventually(t, func() bool {
		return b.count(t, `SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`) == 2
	}, waitTime, 10*time.Millisecond, "both acceptances wait for the profile lock")
	require.NoError(t, holder.Commit(t.Context()))
	wg.Wait()

	assert.Equal(t, 1, b.ongoingCount(t, mentorID), "a mentor with capacity 1 has one mentee; errors: %v", errs)
}

// The same race from Review my mentees: the mentor picks "Ongoing
// (accept)" on two cards at once.
func TestHostileInvitation_CapacityRaceReviewDropDown(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	setCapacity(t, b, mentorID, 1)

	var ids []int64
	for i := range 3 {
		mentee := fmt.Sprintf("U0REVIEW%d", i)
		registerDirect(t, b, mentee, domain.RoleMentee)
		ids = append(ids, invite(t, b, mentee, mentorID).ID)
	}
	modals := b.slack.ModalCount()
	status, _ := b.postForm(t, fakeslackSlashCommand(mentorID, "mentees"))
	require.Equal(t, http.StatusOK, status)
	review := b.slack.WaitForModal(t, modals, waitTime)

	var payloads [][]byte
	for _, id := range ids {
		payloads = append(payloads, fakeslack.SelectAction(mentorID, review, blocks.ActionReviewStatus, "status",
			fmt.Sprintf("%d:ongoing", id)))
	}
	b.concurrently(t, payloads...)
	require.True(t, b.workers.Wait(t.Context()))

	assert.Equal(t, 1, b.ongoingCount(t, mentorID), "a mentor with capacity 1 has one mentee")
}

// Two people who are each both mentee and mentor ask each other at the
// same moment. Both invitations are created, because they are different
// pairs, and neither transaction deadlocks on the other's people row.
func TestHostileInvitation_MutualInvitations(t *testing.T) {
	t.Parallel()
	b := setup(t)
	const a, c = "U0BOTHA", "U0BOTHC"
	for _, id := range []string{a, c} {
		registerDirect(t, b, id, domain.RoleMentee)
		registerDirect(t, b, id, domain.RoleMentor)
	}

	var failures []error
	var mu sync.Mutex
	for round := range 20 {
		// Each round starts from no open invitations between the two.
		_, err := b.pool.Exec(t.Context(), `UPDATE invitations SET status = 'withdrawn' WHERE status = 'considering'`)
		require.NoError(t, err)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for _, pair := range [][2]string{{a, c}, {c, a}} {
			wg.Go(func() {
				<-start
				_, err := b.store.CreateInvitation(t.Context(), personKey(pair[0]), personKey(pair[1]),
					"round "+strconv.Itoa(round), 3, time.Now())
				if err != nil {
					mu.Lock()
					failures = append(failures, err)
					mu.Unlock()
				}
			})
		}
		close(start)
		wg.Wait()
	}
	assert.Empty(t, failures, "mutual invitations sent at once both succeed")
}

// A mentee with MAX_CONSIDERING 3 submits four invitations at the same
// moment: three are created and one is rejected.
func TestHostileInvitation_FourInvitationsAtOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	var payloads [][]byte
	for i := range 4 {
		mentor := fmt.Sprintf("U0FOUR%d", i)
		registerDirect(t, b, mentor, domain.RoleMentor)
		view := fakeslack.View{ID: fmt.Sprintf("VINVITE%d", i), Hash: "h", JSON: map[string]any{
			"type": "modal", "callback_id": blocks.CallbackInvite,
			"private_metadata": blocks.EncodeMetadata(blocks.InviteMetadata{MentorID: mentor}),
		}}
		payloads = append(payloads, fakeslack.ViewSubmission(menteeID, view, nil))
	}
	answers := b.concurrently(t, payloads...)

	cleared := 0
	for _, answer := range answers {
		if answer.ResponseAction == "clear" {
			cleared++
		}
	}
	assert.Equal(t, 3, cleared)
	assert.Equal(t, 3, b.count(t, `SELECT count(*) FROM invitations WHERE mentee_user_id = $1`, menteeID))
}

// The mentor accepts while the mentee withdraws the same invitation:
// exactly one change is made, and the other click gets the real status.
func TestHostileInvitation_AcceptRacesWithdraw(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	for round := range 5 {
		invitation := invite(t, b, menteeID, mentorID)
		id := strconv.FormatInt(invitation.ID, 10)
		b.concurrently(t,
			b.messageClick(mentorID, blocks.ActionAccept, id, fmt.Sprintf("a%d", round)),
			b.messageClick(menteeID, blocks.ActionWithdraw, id, fmt.Sprintf("w%d", round)),
		)
		b.slack.WaitForCalls(t, "response_url", 2*(round+1), waitTime)
		assert.Equal(t, 1, b.count(t, `SELECT count(*) FROM invitation_events WHERE invitation_id = $1 AND from_status <> ''`, invitation.ID))
		// End the round so the pair can be asked again.
		if b.status(t, invitation.ID) == domain.StatusOngoing {
			_, err := b.store.TransitionInvitation(t.Context(), invitation.ID, personKey(mentorID), domain.StatusFinished,
				domain.TransitionOptions{}, time.Now())
			require.NoError(t, err)
		}
	}
	assert.NotContains(t, b.responses(), blocks.ApologyText)
}

// ---------------------------------------------------------------------------
// Stale buttons and dead ends

// allText returns every post's text and blocks to userID, joined.
func (b *testBundle) allText(userID string) string {
	var parts []string
	for _, call := range b.postsTo(userID) {
		parts = append(parts, call.Form.Get("text"), call.Form.Get("blocks"))
	}
	return strings.Join(parts, "\n")
}

// homeJSON returns the App Home that the bot last published for userID,
// or "" when there is none.
func (b *testBundle) homeJSON(userID string) string {
	home := ""
	for _, call := range b.slack.Calls("views.publish") {
		if strings.Contains(string(call.Body), `"user_id":"`+userID+`"`) && call.Answer["ok"] == true {
			home = string(call.Body)
		}
	}
	return home
}

// After the mentor accepts, the mentee's "I've asked …" DM is rewritten in
// place, as the mentor's is, so its "Withdraw my request" button goes.
func TestHostileInvitation_MenteeDMLosesWithdraw(t *testing.T) {
	t.Parallel()
	b := setup(t)
	startNoticeJobs(t, b, b.store, b.app)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	invitation := invite(t, b, menteeID, mentorID)
	b.waitForPost(t, menteeID, blocks.ActionWithdraw)

	b.clickMessage(t, mentorID, blocks.ActionAccept, strconv.FormatInt(invitation.ID, 10), "accept")
	b.waitForPost(t, menteeID, "has accepted your request")
	b.slack.WaitForCalls(t, "chat.update", 1, jobWaitTime)
	time.Sleep(500 * time.Millisecond)

	var menteeUpdates int
	for _, call := range b.slack.Calls("chat.update") {
		if call.Form.Get("channel") == "D"+menteeID[1:] {
			menteeUpdates++
		}
	}
	assert.Equal(t, 1, menteeUpdates, "the mentee's DM loses its Withdraw button")

	// The stale button, clicked.
	b.clickMessage(t, menteeID, blocks.ActionWithdraw, strconv.FormatInt(invitation.ID, 10), "stale")
	require.Eventually(t, func() bool { return strings.Contains(b.responses(), "can't move to Withdrawn") },
		waitTime, 10*time.Millisecond)
}

// The rules let a mentee finish an Ongoing relationship, so a Finish
// button is offered to the mentee, on the App Home and in the acceptance
// DM.
func TestHostileInvitation_MenteeCanFinish(t *testing.T) {
	t.Parallel()
	b := setup(t)
	startNoticeJobs(t, b, b.store, b.app)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	invitation := invite(t, b, menteeID, mentorID)
	b.clickMessage(t, mentorID, blocks.ActionAccept, strconv.FormatInt(invitation.ID, 10), "accept")
	b.waitForPost(t, menteeID, "has accepted your request")

	status, _ := b.postJSON(t, fakeslackAppHomeOpened("Ev0HOMEFIN", menteeID))
	require.Equal(t, http.StatusOK, status)
	require.Eventually(t, func() bool {
		return strings.Contains(b.homeJSON(menteeID), "Ongoing since")
	}, waitTime, 10*time.Millisecond)

	surfaces := b.homeJSON(menteeID) + b.allText(menteeID)
	assert.True(t, strings.Contains(surfaces, blocks.ActionFinish),
		"the mentee can end the mentoring from the App Home or a DM")
}

// A mentor with capacity 1 who accepts a second mentee reads "You're
// already mentoring 1 mentee", in the singular.
func TestHostileInvitation_AtCapacityGrammar(t *testing.T) {
	t.Parallel()
	message := (&domain.AtCapacityError{Capacity: 1}).Error()
	assert.NotContains(t, message, "1 people")
}

// The too-many-requests error is a view_submission "errors" text, which
// Slack shows as plain text under the input, so it names the mentors
// instead of using "<@U…>" mentions.
func TestHostileInvitation_TooManyPendingNamesMentors(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	for i := range 4 {
		registerDirect(t, b, fmt.Sprintf("U0MENTOR%d", i+2), domain.RoleMentor)
	}
	for i := range 3 {
		invite(t, b, menteeID, fmt.Sprintf("U0MENTOR%d", i+2))
	}
	view := fakeslack.View{ID: "VINVITE", Hash: "h", JSON: map[string]any{
		"type": "modal", "callback_id": blocks.CallbackInvite,
		"private_metadata": blocks.EncodeMetadata(blocks.InviteMetadata{MentorID: "U0MENTOR5"}),
	}}
	answer := b.submitRaw(t, fakeslack.ViewSubmission(menteeID, view, nil))
	require.Equal(t, "errors", answer.ResponseAction)
	assert.NotContains(t, answer.Errors[blocks.BlockInviteNote], "<@", "plain-text errors show no raw mentions")
}

// Asking one's current mentor again, from a stale Ask button or the
// mentor card, says that they are already the person's mentor.
func TestHostileInvitation_AskCurrentMentorMessage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	invitation := invite(t, b, menteeID, mentorID)
	_, err := b.store.TransitionInvitation(t.Context(), invitation.ID, personKey(mentorID), domain.StatusOngoing,
		domain.TransitionOptions{}, time.Now())
	require.NoError(t, err)

	view := fakeslack.View{ID: "VINVITE", Hash: "h", JSON: map[string]any{
		"type": "modal", "callback_id": blocks.CallbackInvite,
		"private_metadata": blocks.EncodeMetadata(blocks.InviteMetadata{MentorID: mentorID}),
	}}
	answer := b.submitRaw(t, fakeslack.ViewSubmission(menteeID, view, nil))
	require.Equal(t, "errors", answer.ResponseAction)
	assert.NotContains(t, answer.Errors[blocks.BlockInviteNote], "You'll hear as soon as they answer")
}

// "Withdraw the others" withdraws only the requests that were waiting
// when the mentor accepted, not ones sent afterwards.
func TestHostileInvitation_WithdrawOthersSkipsNewerRequests(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	for i := range 3 {
		registerDirect(t, b, fmt.Sprintf("U0MENTOR%d", i+2), domain.RoleMentor)
	}
	accepted := invite(t, b, menteeID, "U0MENTOR2")
	_, err := b.store.TransitionInvitation(t.Context(), accepted.ID, personKey("U0MENTOR2"), domain.StatusOngoing,
		domain.TransitionOptions{}, time.Now())
	require.NoError(t, err)
	// A week later the mentee asks someone new, then clicks the old button.
	later := invite(t, b, menteeID, "U0MENTOR3")

	b.clickMessage(t, menteeID, blocks.ActionWithdrawOthers, strconv.FormatInt(accepted.ID, 10), "others")
	require.Eventually(t, func() bool { return strings.Contains(b.responses(), "withdraw") }, waitTime, 10*time.Millisecond)

	assert.Equal(t, domain.StatusConsidering, b.status(t, later.ID), "a request sent after the acceptance stays open")
	assert.NotContains(t, b.responses(), "request(s)")
}

// "Withdraw the others" skips a request that changed meanwhile (here
// declined by its mentor between the DM and the click) and withdraws the
// rest.
func TestHostileInvitation_WithdrawOthersSkipsChangedRequests(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	for i := range 4 {
		registerDirect(t, b, fmt.Sprintf("U0MENTOR%d", i+2), domain.RoleMentor)
	}
	accepted := invite(t, b, menteeID, "U0MENTOR2")
	first := invite(t, b, menteeID, "U0MENTOR3")
	second := invite(t, b, menteeID, "U0MENTOR4")
	_, err := b.store.TransitionInvitation(t.Context(), accepted.ID, personKey("U0MENTOR2"), domain.StatusOngoing,
		domain.TransitionOptions{}, time.Now())
	require.NoError(t, err)

	// MenteeInvitations lists newest first, so the bot meets `second`
	// first. The mentor's decline of `second` is in flight (its row is
	// locked) when the mentee clicks, and commits while the bot waits.
	holder, err := b.pool.Begin(t.Context())
	require.NoError(t, err)
	defer func() { _ = holder.Rollback(t.Context()) }()
	_, err = holder.Exec(t.Context(), `UPDATE invitations SET status = 'declined', ended_at = now() WHERE id = $1`, second.ID)
	require.NoError(t, err)
	b.clickMessage(t, menteeID, blocks.ActionWithdrawOthers, strconv.FormatInt(accepted.ID, 10), "others")
	require.Eventually(t, func() bool {
		return b.count(t, `SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`) == 1
	}, waitTime, 10*time.Millisecond, "the bot waits for the declined row")
	require.NoError(t, holder.Commit(t.Context()))

	b.slack.WaitForCalls(t, "response_url", 1, waitTime)
	require.True(t, b.workers.Wait(t.Context()))
	assert.Equal(t, domain.StatusWithdrawn, b.status(t, first.ID), "the untouched request is withdrawn; responses: %s", b.responses())
}

// Review my mentees' status drop-down asks for confirmation first, as the
// DM's Decline and Finish buttons do.
func TestHostileInvitation_ReviewDropDownConfirms(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	invite(t, b, menteeID, mentorID)

	modals := b.slack.ModalCount()
	status, _ := b.postForm(t, fakeslackSlashCommand(mentorID, "mentees"))
	require.Equal(t, http.StatusOK, status)
	review := b.slack.WaitForModal(t, modals, waitTime)

	encoded := mustMarshal(t, review.JSON)
	require.Contains(t, encoded, `"action_id":"`+blocks.ActionReviewStatus+`"`)
	assert.True(t, strings.Contains(encoded, `"confirm"`), "an irreversible choice asks first")
}

// ---------------------------------------------------------------------------
// Forged actions

// Buttons with ids that are not the clicker's, do not exist, or are not
// numbers change nothing. Each person learns that the invitation isn't
// theirs, with no apology for a plain forgery.
func TestHostileInvitation_ForgedInvitationButtons(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	invitation := invite(t, b, menteeID, mentorID)
	id := strconv.FormatInt(invitation.ID, 10)

	cases := []struct{ user, action, value string }{
		{"U0STRANGER", blocks.ActionDecline, id},
		{"U0STRANGER", blocks.ActionWithdraw, id},
		{"U0STRANGER", blocks.ActionFinish, id},
		{menteeID, blocks.ActionDecline, id},
		{mentorID, blocks.ActionWithdraw, id},
		{mentorID, blocks.ActionFinish, id},
		{mentorID, blocks.ActionAccept, "999999"},
		{mentorID, blocks.ActionAccept, "-1"},
		{mentorID, blocks.ActionAccept, "0"},
		{mentorID, blocks.ActionAccept, "9223372036854775807"},
	}
	for i, c := range cases {
		b.clickMessage(t, c.user, c.action, c.value, fmt.Sprintf("forged%d", i))
	}
	b.slack.WaitForCalls(t, "response_url", len(cases), waitTime)
	require.True(t, b.workers.Wait(t.Context()))

	assert.Equal(t, domain.StatusConsidering, b.status(t, invitation.ID))
	assert.NotContains(t, b.responses(), blocks.ApologyText)
}

// A click from another workspace on this workspace's invitation id finds
// nothing and changes nothing.
func TestHostileInvitation_OtherTeamAccept(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	invitation := invite(t, b, menteeID, mentorID)

	payload := editPayload(t, b.messageClick(mentorID, blocks.ActionAccept, strconv.FormatInt(invitation.ID, 10), "other"),
		func(p map[string]any) {
			p["team"] = map[string]any{"id": "T0OTHER99", "domain": "other"}
			p["user"].(map[string]any)["team_id"] = "T0OTHER99"
		})
	status, _ := b.postForm(t, fakeslack.InteractionForm(payload))
	require.Equal(t, http.StatusOK, status)
	b.slack.WaitForCalls(t, "response_url", 1, waitTime)
	assert.Equal(t, domain.StatusConsidering, b.status(t, invitation.ID))
	assert.Contains(t, b.responses(), "isn't one of your invitations")

	// The same from an Enterprise Grid org: the key is the enterprise.
	grid := editPayload(t, b.messageClick(mentorID, blocks.ActionAccept, strconv.FormatInt(invitation.ID, 10), "grid"),
		gridPayload(fakeslack.TeamID))
	status, _ = b.postForm(t, fakeslack.InteractionForm(grid))
	require.Equal(t, http.StatusOK, status)
	b.slack.WaitForCalls(t, "response_url", 2, waitTime)
	assert.Equal(t, domain.StatusConsidering, b.status(t, invitation.ID))
}

// Details on someone else's invitation opens nothing and reveals nothing.
func TestHostileInvitation_ForgedDetails(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	invitation := invite(t, b, menteeID, mentorID)

	for i, value := range []string{strconv.FormatInt(invitation.ID, 10), "424242", "-5"} {
		b.clickMessage(t, "U0STRANGER", blocks.ActionInvitationDetails, value, fmt.Sprintf("d%d", i))
	}
	b.slack.WaitForCalls(t, "response_url", 3, waitTime)
	require.True(t, b.workers.Wait(t.Context()))
	assert.Empty(t, b.slack.Calls("views.open"))
	assert.NotContains(t, b.responses(), "Grow as a leader")
}

// Status drop-down values that the rules forbid, or that name another
// mentor's invitation, are rejected, and the real status is redrawn.
func TestHostileInvitation_ForgedReviewStatus(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	registerDirect(t, b, "U0MENTOR2", domain.RoleMentor)
	mine := invite(t, b, menteeID, mentorID)
	theirs := invite(t, b, menteeID, "U0MENTOR2")

	modals := b.slack.ModalCount()
	status, _ := b.postForm(t, fakeslackSlashCommand(mentorID, "mentees"))
	require.Equal(t, http.StatusOK, status)
	review := b.slack.WaitForModal(t, modals, waitTime)

	values := []string{
		fmt.Sprintf("%d:withdrawn", mine.ID),
		fmt.Sprintf("%d:finished", mine.ID),
		fmt.Sprintf("%d:considering", mine.ID),
		fmt.Sprintf("%d:ongoing", theirs.ID),
		fmt.Sprintf("%d:declined", theirs.ID),
	}
	for _, value := range values {
		current := b.slack.CurrentView(t, review.ID)
		payload := fakeslack.SelectAction(mentorID, current, blocks.ActionReviewStatus, "status", value)
		status, _ := b.postForm(t, fakeslack.InteractionForm(payload))
		require.Equal(t, http.StatusOK, status)
		require.True(t, b.workers.Wait(t.Context()))
	}
	assert.Equal(t, domain.StatusConsidering, b.status(t, mine.ID))
	assert.Equal(t, domain.StatusConsidering, b.status(t, theirs.ID))
	b.requireNoRejectedViews(t)
}

// Ask with a mentor id that is the mentee, an unregistered person, a
// hidden, unavailable, full or deactivated mentor, or junk gets a rule's
// message under the note each time, and creates no invitation.
func TestHostileInvitation_AskForbiddenMentors(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	for _, id := range []string{"U0HIDDEN", "U0AWAY", "U0FULL", "U0GONE"} {
		registerDirect(t, b, id, domain.RoleMentor)
	}
	require.NoError(t, b.store.SetMentorAvailability(t.Context(), personKey("U0HIDDEN"), true, false, time.Now()))
	require.NoError(t, b.store.SetMentorAvailability(t.Context(), personKey("U0AWAY"), false, true, time.Now()))
	setCapacity(t, b, "U0FULL", 1)
	registerDirect(t, b, "U0FULLMENTEE", domain.RoleMentee)
	full := invite(t, b, "U0FULLMENTEE", "U0FULL")
	_, err := b.store.TransitionInvitation(t.Context(), full.ID, personKey("U0FULL"), domain.StatusOngoing,
		domain.TransitionOptions{}, time.Now())
	require.NoError(t, err)
	now := time.Now()
	require.NoError(t, b.store.SetDeactivated(t.Context(), personKey("U0GONE"), &now))

	for _, mentor := range []string{menteeID, "U0NOBODY", "U0HIDDEN", "U0AWAY", "U0FULL", "U0GONE", "", "<!channel>", strings.Repeat("U", 5000)} {
		view := fakeslack.View{ID: "VINVITE", Hash: "h", JSON: map[string]any{
			"type": "modal", "callback_id": blocks.CallbackInvite,
			"private_metadata": blocks.EncodeMetadata(blocks.InviteMetadata{MentorID: mentor}),
		}}
		answer := b.submitRaw(t, fakeslack.ViewSubmission(menteeID, view, nil))
		assert.Equal(t, "errors", answer.ResponseAction, "mentor %.20q: %+v", mentor, answer)
	}
	assert.Equal(t, 0, b.count(t, `SELECT count(*) FROM invitations WHERE mentee_user_id = $1`, menteeID))
}

// A note of 1,001 characters is rejected. One of exactly 1,000, full of
// mrkdwn and mentions, reaches the mentor's DM escaped and within limits.
func TestHostileInvitation_NoteLimitsAndInjection(t *testing.T) {
	t.Parallel()
	b := setup(t)
	startNoticeJobs(t, b, b.store, b.app)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	view := fakeslack.View{ID: "VINVITE", Hash: "h", JSON: map[string]any{
		"type": "modal", "callback_id": blocks.CallbackInvite,
		"private_metadata": blocks.EncodeMetadata(blocks.InviteMetadata{MentorID: mentorID}),
		"blocks": []any{map[string]any{"type": "input", "block_id": blocks.BlockInviteNote,
			"element": map[string]any{"type": "plain_text_input", "action_id": "invite:note"}}},
	}}
	note := func(text string) map[string]map[string]any {
		return map[string]map[string]any{blocks.BlockInviteNote: typed(text)}
	}

	answer := b.submitRaw(t, submissionPayload(t, menteeID, view, note(strings.Repeat("é", 1001))))
	assert.Equal(t, "errors", answer.ResponseAction)

	hostile := "<!channel> <!here> <@U0MENTOR1> <https://evil.example|Click me> &amp; ```x``` *b* _i_ ~s~ > quote\n"
	text := strings.Repeat(hostile, 1000/len([]rune(hostile)))
	text += strings.Repeat("&", 1000-len([]rune(text)))
	answer = b.submitRaw(t, submissionPayload(t, menteeID, view, note(text)))
	require.Equal(t, "clear", answer.ResponseAction, "errors: %v", answer.Errors)

	dm := b.waitForPost(t, mentorID, blocks.ActionAccept)
	dmBlocks := dm.Form.Get("blocks") + dm.Form.Get("text")
	for _, raw := range []string{"<!channel>", "<!here>", "<@U0MENTOR1>", "<https://evil"} {
		assert.NotContains(t, dmBlocks, raw)
	}
	b.requireNoRejectedViews(t)
}

// ---------------------------------------------------------------------------
// Review my mentees at sizes

func TestHostileInvitation_ReviewSizes(t *testing.T) {
	t.Parallel()
	for _, size := range []int{0, 1, 3, 4, 7, 100} {
		t.Run(strconv.Itoa(size), func(t *testing.T) {
			t.Parallel()
			b := setup(t)
			registerDirect(t, b, mentorID, domain.RoleMentor)
			setCapacity(t, b, mentorID, 10)
			for i := range size {
				mentee := fmt.Sprintf("U0M%03d", i)
				require.NoError(t, b.store.SaveMenteeProfile(t.Context(), personKey(mentee), domain.MenteeProfile{
					JobRole: "<!channel>", OrgArea: strings.Repeat("&", 80), Areas: []string{b.content.Lists.MentoringAreas[0]},
					Hopes: "x", UpdatedAt: time.Now(),
				}))
				require.NoError(t, b.store.SetDisplayName(t.Context(), personKey(mentee), strings.Repeat("<&>", 40), time.Now()))
				invitation := invite(t, b, mentee, mentorID)
				if i%3 == 1 {
					_, err := b.store.TransitionInvitation(t.Context(), invitation.ID, personKey(mentee), domain.StatusWithdrawn,
						domain.TransitionOptions{Reason: strings.Repeat("<reason>", 100)}, time.Now())
					require.NoError(t, err)
				}
			}

			modals := b.slack.ModalCount()
			status, _ := b.postForm(t, fakeslackSlashCommand(mentorID, "mentees"))
			require.Equal(t, http.StatusOK, status)
			review := b.slack.WaitForModal(t, modals, waitTime)
			pages := max((size+blocks.PageSize-1)/blocks.PageSize, 1)
			for page := 1; page < pages; page++ {
				review = b.click(t, mentorID, review, blocks.ActionReviewPage, strconv.Itoa(page))
			}
			b.requireNoRejectedViews(t)

			// Pages beyond the end, and absurd ones: expected, the last or
			// first page again, as the code's comment promises.
			for _, page := range []string{"-1", strconv.Itoa(pages + 5), "3074457345618258604"} {
				b.clickNoWait(t, mentorID, b.slack.CurrentView(t, review.ID), blocks.ActionReviewPage, page)
				require.True(t, b.workers.Wait(t.Context()))
				for _, entry := range b.logs.AllEntries() {
					if entry.Level <= logrus.WarnLevel {
						t.Errorf("page %s: %s: %v", page, entry.Message, entry.Data["error"])
					}
				}
				b.logs.Reset()
			}
		})
	}
}

// ---------------------------------------------------------------------------
// Queries

// findAnswer runs "/mentor find text" and returns the ephemeral answer's
// text, or "" when the bot opened the modal instead, and the modal.
func (b *testBundle) findAnswer(t *testing.T, userID, text string) (string, *fakeslack.View) {
	t.Helper()
	modals := b.slack.ModalCount()
	status, body := b.postForm(t, fakeslackSlashCommand(userID, text))
	require.Equal(t, http.StatusOK, status)
	if len(body) > 0 {
		var answer struct {
			Text string `json:"text"`
		}
		require.NoError(t, json.Unmarshal(body, &answer), string(body))
		return answer.Text, nil
	}
	view := b.slack.WaitForModal(t, modals, waitTime)
	return "", &view
}

// Job roles such as "Research manager or administrator" contain "or", so
// the list of ambiguous matches quotes each entry to keep them apart.
func TestHostileInvitation_FindAmbiguousListQuoted(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)

	text, _ := b.findAnswer(t, menteeID, "find role:research")
	t.Logf("answer: %s", text)
	assert.NotContains(t, text, "Research manager or administrator or Researcher")
}

// Queries a person might type, as Slack sends them with &, < and >
// encoded, each open the modal or explain the problem, with no apology and
// no view that Slack rejects.
func TestHostileInvitation_FindQueries(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)

	longWords := strings.Repeat("leadership ", 900)
	queries := []string{
		`find area:"Career development"`,
		"find area:“Career development”",
		"find area:‘Career development’",
		`find area:"Career development”`,
		"find area:",
		`find area:""`,
		"find area:, role:,",
		"find colour:blue",
		"find area:manag",
		"find area:ing",
		"find org:other role:other",
		"find " + longWords,
		"find " + strings.Repeat("x", 10000),
		"find '; DROP TABLE invitations; -- a:* | !b & (c",
		"find 🙂 🎉",
		"find Zoë O'Brien don't",
		"find area:Equality, diversity and inclusion",
		`find area:"Equality, diversity and inclusion"`,
		"find finance &amp; planning &lt;b&gt;",
		"find https://example.com/a:b 10:30",
		"find <@U0MENTOR1> <!channel>",
	}
	for _, query := range queries {
		text, view := b.findAnswer(t, menteeID, query)
		if view == nil {
			t.Logf("%.60q -> %s", query, text)
		} else {
			var metadata blocks.FindMetadata
			require.NoError(t, blocks.DecodeMetadata(view.PrivateMetadata(), &metadata))
			t.Logf("%.60q -> modal, filter %+v", query, metadata.Filter)
		}
	}
	b.requireNoRejectedViews(t)
}

// A search for emoji alone has no words, so it filters nothing and the
// modal shows no "Matching" line.
func TestHostileInvitation_FindEmojiFiltersNothing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)

	_, view := b.findAnswer(t, menteeID, "find 🙂")
	require.NotNil(t, view)
	encoded := mustMarshal(t, view.JSON)
	assert.Contains(t, encoded, `"value":"`+mentorID+`"`)
	assert.False(t, strings.Contains(encoded, "Matching “🙂”"), "no claim to match text that filtered nothing")
}

// Free text typed after /mentor find can be removed in the modal with its
// Clear button.
func TestHostileInvitation_FindTextCanBeCleared(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)

	_, view := b.findAnswer(t, menteeID, "find nobodyhasthisword")
	require.NotNil(t, view)
	encoded := mustMarshal(t, view.JSON)
	assert.Contains(t, encoded, "No mentors match")
	assert.True(t, strings.Contains(encoded, `"type":"plain_text_input"`) || strings.Contains(encoded, "Clear"),
		"the modal offers a way to drop the text")
}

// A value with no letters or digits, such as "," or "-", gets a problem
// message instead of matching the one entry that contains it.
func TestHostileInvitation_FindPunctuationRejected(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)

	text, view := b.findAnswer(t, menteeID, "find area:,")
	if view != nil {
		var metadata blocks.FindMetadata
		require.NoError(t, blocks.DecodeMetadata(view.PrivateMetadata(), &metadata))
		assert.Empty(t, metadata.Filter.Areas, "“area:,” names no area")
		return
	}
	t.Logf("answer: %s", text)
}

// A straight or curly single quote after the colon opens a phrase, so
// area:'Career development' gives the same filter as double quotes.
func TestHostileInvitation_FindSingleQuotesAfterColon(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)

	for _, query := range []string{"find area:'Career development'", "find area:‘Career development’"} {
		_, view := b.findAnswer(t, menteeID, query)
		require.NotNil(t, view)
		var metadata blocks.FindMetadata
		require.NoError(t, blocks.DecodeMetadata(view.PrivateMetadata(), &metadata))
		assert.Equal(t, []string{"Career development"}, metadata.Filter.Areas, query)
		assert.Empty(t, metadata.Filter.Text, query)
	}
}

// ---------------------------------------------------------------------------
// Delivery

// noticeJobs returns the state and attempt of each notice job by its
// notice type.
func (b *testBundle) noticeJobs(t *testing.T) map[string][]string {
	t.Helper()
	rows, err := b.pool.Query(t.Context(), `SELECT args->>'type', state::text, attempt FROM river_job ORDER BY id`)
	require.NoError(t, err)
	defer rows.Close()
	jobs := map[string][]string{}
	for rows.Next() {
		var kind, state string
		var attempt int
		require.NoError(t, rows.Scan(&kind, &state, &attempt))
		jobs[kind] = append(jobs[kind], fmt.Sprintf("%s/%d", state, attempt))
	}
	require.NoError(t, rows.Err())
	return jobs
}

// The mentor's invitation DM fails for good (user_not_found), then the
// mentee withdraws. The update of that DM can never succeed, so it is
// dropped at once instead of being retried until River discards it.
func TestHostileInvitation_UpdateOfDroppedDMEndsAtOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	invitation := invite(t, b, menteeID, mentorID)
	_, err := b.store.TransitionInvitation(t.Context(), invitation.ID, personKey(menteeID), domain.StatusWithdrawn,
		domain.TransitionOptions{}, time.Now())
	require.NoError(t, err)

	events := startNoticeJobs(t, b, b.store, goneMentorSender{app: b.app})
	deadline := time.After(jobWaitTime)
	for {
		select {
		case event := <-events:
			notice := decodeNotice(t, event.Job)
			if notice.Type == domain.NoticeInvitationUpdate && finalized(event.Job.State) {
				t.Logf("jobs: %v", b.noticeJobs(t))
				assert.Less(t, event.Job.Attempt, 3, "an update that can't succeed stops early")
				return
			}
		case <-deadline:
			t.Fatalf("the update job never finished; jobs: %v", b.noticeJobs(t))
		}
	}
}

// goneMentorSender sends notices with the bot, except that Slack answers
// user_not_found to the mentor's invitation DM, as for an account removed
// between the request and the DM.
type goneMentorSender struct {
	app bot.NoticeSender
}

func (s goneMentorSender) SendNotice(ctx context.Context, notice domain.Notice) (string, string, error) {
	if notice.Type == domain.NoticeInvitation {
		return "", "", fmt.Errorf("post to %s: %w", notice.Recipient.UserID, slack.SlackErrorResponse{Err: "user_not_found"})
	}
	return s.app.SendNotice(ctx, notice)
}

// The mentee withdraws before the mentor's invitation DM has gone out
// (Slack was down). The mentor never saw the request, so they get no
// message about it at all, and every job ends.
func TestHostileInvitation_WithdrawnBeforeDMSent(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	invitation := invite(t, b, menteeID, mentorID)
	_, err := b.store.TransitionInvitation(t.Context(), invitation.ID, personKey(menteeID), domain.StatusWithdrawn,
		domain.TransitionOptions{}, time.Now())
	require.NoError(t, err)

	startNoticeJobs(t, b, b.store, b.app)
	require.Eventually(t, func() bool {
		jobs := b.noticeJobs(t)
		for _, states := range jobs {
			for _, state := range states {
				if !strings.HasPrefix(state, "completed") && !strings.HasPrefix(state, "cancelled") {
					return false
				}
			}
		}
		return true
	}, jobWaitTime, 50*time.Millisecond)

	assert.False(t, strings.Contains(b.allText(mentorID), blocks.ActionAccept), "no Accept button")
	assert.Empty(t, b.postsTo(mentorID), "no message about a request the mentor never saw")
}

// A whole relationship with Slack failing along the way (500 and 429 on
// posts, a 500 on chat.update and on conversations.open) delivers every DM
// exactly once, rewrites the mentor's DM and opens the group DM once.
func TestHostileInvitation_LifecycleDeliveredOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	registerDirect(t, b, "U0MENTOR2", domain.RoleMentor)
	b.slack.FailNextStatus("chat.postMessage", http.StatusInternalServerError)
	b.slack.FailNext("chat.postMessage", "ratelimited")
	b.slack.FailNextStatus("chat.update", http.StatusInternalServerError)
	b.slack.FailNextStatus("conversations.open", http.StatusInternalServerError)
	startNoticeJobs(t, b, b.store, b.app)

	invitation := invite(t, b, menteeID, mentorID)
	other := invite(t, b, menteeID, "U0MENTOR2")
	b.waitForPost(t, mentorID, blocks.ActionAccept)
	// A request withdrawn before its DM went out is never rewritten, so the
	// count of rewrites below needs U0MENTOR2 to have it first.
	b.waitForPost(t, "U0MENTOR2", blocks.ActionAccept)
	b.clickMessage(t, mentorID, blocks.ActionAccept, strconv.FormatInt(invitation.ID, 10), "accept")
	b.waitForPost(t, menteeID, blocks.ActionWithdrawOthers)
	b.clickMessage(t, menteeID, blocks.ActionWithdrawOthers, strconv.FormatInt(invitation.ID, 10), "others")
	require.Eventually(t, func() bool { return b.status(t, other.ID) == domain.StatusWithdrawn }, waitTime, 10*time.Millisecond)
	b.clickMessage(t, mentorID, blocks.ActionFinish, strconv.FormatInt(invitation.ID, 10), "finish")
	b.waitForPost(t, mentorID, blocks.ActionAvailableAgain)
	require.Eventually(t, func() bool {
		for _, states := range b.noticeJobs(t) {
			for _, state := range states {
				if !strings.HasPrefix(state, "completed") {
					return false
				}
			}
		}
		return true
	}, jobWaitTime, 50*time.Millisecond, "every notice completes")

	// Each notice key was sent once, and no text reached Slack twice.
	seen := map[string]int{}
	for _, call := range b.slack.Calls("chat.postMessage") {
		if call.Answer["ok"] == true {
			seen[call.Form.Get("channel")+" "+call.Form.Get("text")]++
		}
	}
	for message, n := range seen {
		assert.Equal(t, 1, n, "sent %d times: %s", n, message)
	}
	assert.Equal(t, 1, okCount(b.slack.Calls("conversations.open")))
	assert.Equal(t, 5, okCount(b.slack.Calls("chat.update")),
		"ongoing and finished on the mentor's DM, withdrawn on U0MENTOR2's, and both requests on the mentee's DMs")
	assert.NotContains(t, strings.Join(b.notices(), "\n")+b.responses(), blocks.ApologyText)
}

// ---------------------------------------------------------------------------
// Smaller findings

// A Details click with a hidden mentor's user id, from a person who never
// registered or from a registered mentee, shows nothing of the profile.
func TestHostileInvitation_HiddenMentorProfileRefused(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	require.NoError(t, b.store.SetMentorAvailability(t.Context(), personKey(mentorID), true, false, time.Now()))

	find := fakeslack.View{ID: "VFIND", Hash: "h", JSON: map[string]any{"type": "modal", "callback_id": blocks.CallbackFind}}
	b.clickNoWait(t, "U0STRANGER", find, blocks.ActionMentorDetails, mentorID)
	require.True(t, b.workers.Wait(t.Context()))

	for _, call := range b.slack.Calls("views.push") {
		assert.False(t, strings.Contains(string(call.Body), "Happy to help "+mentorID),
			"a hidden mentor's profile was shown to a stranger")
	}
}

// The App Home lists a mentee's open invitations first, so a current
// mentor stays listed after five newer requests have closed.
func TestHostileInvitation_HomeKeepsOngoingMentor(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	current := invite(t, b, menteeID, mentorID)
	_, err := b.store.TransitionInvitation(t.Context(), current.ID, personKey(mentorID), domain.StatusOngoing,
		domain.TransitionOptions{}, time.Now())
	require.NoError(t, err)
	registerDirect(t, b, "U0MENTOR2", domain.RoleMentor)
	for range 5 {
		later := invite(t, b, menteeID, "U0MENTOR2")
		_, err := b.store.TransitionInvitation(t.Context(), later.ID, personKey(menteeID), domain.StatusWithdrawn,
			domain.TransitionOptions{}, time.Now())
		require.NoError(t, err)
	}

	status, _ := b.postJSON(t, fakeslackAppHomeOpened("Ev0HOME5", menteeID))
	require.Equal(t, http.StatusOK, status)
	require.Eventually(t, func() bool { return b.homeJSON(menteeID) != "" }, waitTime, 10*time.Millisecond)
	assert.True(t, strings.Contains(b.homeJSON(menteeID), "Ongoing since"), "the current mentor is on the App Home")
}

// "Withdraw the others" replaces its question with the outcome, and a
// second click says that nothing was left to withdraw.
func TestHostileInvitation_WithdrawOthersTwice(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	registerDirect(t, b, "U0MENTOR2", domain.RoleMentor)
	accepted := invite(t, b, menteeID, mentorID)
	invite(t, b, menteeID, "U0MENTOR2")
	_, err := b.store.TransitionInvitation(t.Context(), accepted.ID, personKey(mentorID), domain.StatusOngoing,
		domain.TransitionOptions{}, time.Now())
	require.NoError(t, err)

	for i := range 2 {
		b.clickMessage(t, menteeID, blocks.ActionWithdrawOthers, strconv.FormatInt(accepted.ID, 10), fmt.Sprintf("o%d", i))
		b.slack.WaitForCalls(t, "response_url", i+1, waitTime)
	}
	assert.False(t, strings.Contains(b.responses(), "withdrawn 0 other"), "responses: %s", b.responses())
}

// A mentee with three requests waiting withdraws one while asking a
// fourth mentor, with no apology and never more than three waiting.
func TestHostileInvitation_InviteWhileWithdrawing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	var first domain.Invitation
	for i := range 4 {
		mentor := fmt.Sprintf("U0MENTOR%d", i+2)
		registerDirect(t, b, mentor, domain.RoleMentor)
		if i < 3 {
			invitation := invite(t, b, menteeID, mentor)
			if i == 0 {
				first = invitation
			}
		}
	}
	view := fakeslack.View{ID: "VINVITE", Hash: "h", JSON: map[string]any{
		"type": "modal", "callback_id": blocks.CallbackInvite,
		"private_metadata": blocks.EncodeMetadata(blocks.InviteMetadata{MentorID: "U0MENTOR5"}),
	}}
	answers := b.concurrently(t,
		fakeslack.ViewSubmission(menteeID, view, nil),
		b.messageClick(menteeID, blocks.ActionWithdraw, strconv.FormatInt(first.ID, 10), "w"),
	)
	require.True(t, b.workers.Wait(t.Context()))
	t.Logf("invite answer: %s %v", answers[0].ResponseAction, answers[0].Errors)
	assert.LessOrEqual(t, b.count(t, `SELECT count(*) FROM invitations WHERE mentee_user_id = $1 AND status = 'considering'`, menteeID), 3)
	assert.NotContains(t, b.responses(), blocks.ApologyText)
}
