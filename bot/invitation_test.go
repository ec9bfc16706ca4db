package bot_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/bot/fakeslack"
	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
)

// registerDirect registers userID in role straight through the store, for
// tests about what comes after registration.
func registerDirect(t *testing.T, b *testBundle, userID string, role domain.Role, areas ...string) domain.PersonKey {
	t.Helper()
	person := personKey(userID)
	registration := b.registration(t, userID)
	if registration.LearningCompletedAt == nil {
		completeLearning(t, b, person)
		passAssessment(t, b, person)
		require.NoError(t, b.store.RecordConsent(t.Context(), person, b.content.Conduct.Version, time.Now()))
	}
	lists := b.content.Lists
	if len(areas) == 0 {
		areas = []string{lists.MentoringAreas[2]}
	}
	if role == domain.RoleMentor {
		require.NoError(t, b.store.SaveMentorProfile(t.Context(), person, domain.MentorProfile{
			JobRole: lists.JobRoles[0], OrgArea: lists.OrganisationalAreas[0], Areas: areas,
			About: "Happy to help " + userID, Capacity: 3, Available: true, Searchable: true, UpdatedAt: time.Now(),
		}))
		require.NoError(t, b.store.SetDisplayName(t.Context(), person, "Person "+userID, time.Now()))
	} else {
		require.NoError(t, b.store.SaveMenteeProfile(t.Context(), person, domain.MenteeProfile{
			JobRole: lists.JobRoles[1], OrgArea: lists.OrganisationalAreas[1], Areas: areas,
			Hopes: "Grow as a leader", UpdatedAt: time.Now(),
		}))
	}
	return person
}

// invite creates an invitation from mentee to mentor through the store.
func invite(t *testing.T, b *testBundle, mentee, mentor string) domain.Invitation {
	t.Helper()
	invitation, err := b.store.CreateInvitation(t.Context(), personKey(mentee), personKey(mentor), "Hello", 3, time.Now())
	require.NoError(t, err)
	return invitation
}

// clickMessage clicks a button in a DM that the bot sent to userID.
func (b *testBundle) clickMessage(t *testing.T, userID, actionID, value, responseID string) {
	t.Helper()
	payload := fakeslack.MessageButtonAction(userID, userID, "1700000000.000100", actionID, value, b.slack.ResponseURL(responseID))
	status, _ := b.postForm(t, fakeslack.InteractionForm(payload))
	require.Equal(t, http.StatusOK, status)
}

// postsTo returns the successful chat.postMessage calls to channel.
func (b *testBundle) postsTo(channel string) []fakeslack.Call {
	var posts []fakeslack.Call
	for _, call := range b.slack.Calls("chat.postMessage") {
		if call.Form.Get("channel") == channel && call.Answer != nil && call.Answer["ok"] == true {
			posts = append(posts, call)
		}
	}
	return posts
}

// waitForPost waits for a successful post to channel whose blocks contain
// fragment, and returns it.
func (b *testBundle) waitForPost(t *testing.T, channel, fragment string) fakeslack.Call {
	t.Helper()
	var found fakeslack.Call
	require.Eventually(t, func() bool {
		for _, call := range b.postsTo(channel) {
			if strings.Contains(call.Form.Get("blocks")+call.Form.Get("text"), fragment) {
				found = call
				return true
			}
		}
		return false
	}, jobWaitTime, 20*time.Millisecond, "no post to %s containing %q", channel, fragment)
	return found
}

func (b *testBundle) status(t *testing.T, id int64) domain.Status {
	t.Helper()
	invitation, err := b.store.Invitation(t.Context(), id)
	require.NoError(t, err)
	return invitation.Status
}

func TestInvitation_FindInviteAccept(t *testing.T) {
	t.Parallel()
	b := setup(t)
	startNoticeJobs(t, b, b.store, b.app)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)

	// The mentee finds the mentor and asks them, with a note.
	modals := b.slack.ModalCount()
	status, _ := b.postForm(t, fakeslackSlashCommand(menteeID, "find"))
	require.Equal(t, http.StatusOK, status)
	find := b.slack.WaitForModal(t, modals, waitTime)
	require.Equal(t, blocks.CallbackFind, find.CallbackID())
	require.Contains(t, mustMarshal(t, find.JSON), `"value":"`+mentorID+`"`)

	modals = b.slack.ModalCount()
	b.clickNoWait(t, menteeID, find, blocks.ActionAsk, mentorID)
	note := b.slack.WaitForModal(t, modals, waitTime)
	require.Equal(t, blocks.CallbackInvite, note.CallbackID())
	answer, _ := b.submit(t, menteeID, note, map[string]map[string]any{
		blocks.BlockInviteNote: typed("I'd love help with <b>leading</b> a team & more."),
	})
	require.Equal(t, "clear", answer.ResponseAction, "errors: %v", answer.Errors)

	// The mentor gets the invitation DM, the mentee a note of what's next.
	invitationDM := b.waitForPost(t, mentorID, blocks.ActionAccept)
	var dmBlocks any
	require.NoError(t, json.Unmarshal([]byte(invitationDM.Form.Get("blocks")), &dmBlocks))
	require.Contains(t, mustMarshal(t, dmBlocks), "&lt;b&gt;leading&lt;/b&gt; a team &amp; more")
	b.waitForPost(t, menteeID, blocks.ActionWithdraw)
	invitations, err := b.store.MenteeInvitations(t.Context(), personKey(menteeID), 5)
	require.NoError(t, err)
	require.Len(t, invitations, 1)
	id := invitations[0].ID
	require.Equal(t, domain.StatusConsidering, invitations[0].Status)

	// The mentor accepts from the DM.
	b.clickMessage(t, mentorID, blocks.ActionAccept, strconv.FormatInt(id, 10), "accept")
	require.Eventually(t, func() bool { return b.status(t, id) == domain.StatusOngoing }, waitTime, 10*time.Millisecond)

	// Both DMs about the request are updated in place, without stale
	// buttons, at the DM channel ids Slack answered with.
	updates := map[string]string{}
	for _, update := range b.slack.WaitForCalls(t, "chat.update", 2, jobWaitTime) {
		updates[update.Form.Get("channel")] = update.Form.Get("blocks")
	}
	require.Contains(t, updates, "D0MENTOR1")
	require.NotContains(t, updates["D0MENTOR1"], blocks.ActionAccept)
	require.Contains(t, updates, "D0MENTEE1")
	require.NotContains(t, updates["D0MENTEE1"], blocks.ActionWithdraw)
	b.waitForPost(t, menteeID, "accepted")
	opened := b.slack.WaitForCalls(t, "conversations.open", 1, jobWaitTime)[0]
	require.ElementsMatch(t, []string{mentorID, menteeID}, strings.Split(opened.Form.Get("users"), ","))
	confirmation := b.slack.WaitForCalls(t, "response_url", 1, waitTime)[0]
	require.Contains(t, string(confirmation.Body), "accepted")

	var events int
	require.NoError(t, b.pool.QueryRow(t.Context(), `SELECT count(*) FROM invitation_events WHERE invitation_id = $1`, id).Scan(&events))
	require.Equal(t, 2, events, "one audit row for the invitation and one for the acceptance")
}

func TestInvitation_ConcurrentAcceptsChangeOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	invitation := invite(t, b, menteeID, mentorID)

	var wg sync.WaitGroup
	for i := range 2 {
		wg.Go(func() {
			b.clickMessage(t, mentorID, blocks.ActionAccept, strconv.FormatInt(invitation.ID, 10), fmt.Sprintf("accept%d", i))
		})
	}
	wg.Wait()
	confirmations := b.slack.WaitForCalls(t, "response_url", 2, waitTime)

	var ongoing int
	require.NoError(t, b.pool.QueryRow(t.Context(),
		`SELECT count(*) FROM invitation_events WHERE to_status = 'ongoing'`).Scan(&ongoing))
	require.Equal(t, 1, ongoing)
	texts := string(confirmations[0].Body) + string(confirmations[1].Body)
	require.Contains(t, texts, "accepted")
	require.Contains(t, texts, "already Ongoing", "the second click is told it already happened")
}

func TestInvitation_ForgedActionChangesNothing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	invitation := invite(t, b, menteeID, mentorID)

	// Another person sends the mentor's Accept with the invitation's id,
	// and the mentee tries to accept their own request.
	for _, userID := range []string{"U0STRANGER", menteeID} {
		b.clickMessage(t, userID, blocks.ActionAccept, strconv.FormatInt(invitation.ID, 10), "forged"+userID)
	}
	notices := b.slack.WaitForCalls(t, "response_url", 2, waitTime)

	require.Equal(t, domain.StatusConsidering, b.status(t, invitation.ID))
	require.Contains(t, string(notices[0].Body)+string(notices[1].Body), "isn't one of your invitations")
	require.Contains(t, string(notices[0].Body)+string(notices[1].Body), "Only the other person")
	require.NotEmpty(t, logsWith(b, "Rejected a change to an invitation that is not the person's"))
}

func TestInvitation_DeclineAndPause(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	invitation := invite(t, b, menteeID, mentorID)

	b.clickMessage(t, mentorID, blocks.ActionDeclinePause, strconv.FormatInt(invitation.ID, 10), "decline")
	b.slack.WaitForCalls(t, "response_url", 1, waitTime)

	require.Equal(t, domain.StatusDeclined, b.status(t, invitation.ID))
	require.False(t, b.registration(t, mentorID).Mentor.Available, "the mentor leaves search results")
	candidates, err := b.store.SearchMentors(t.Context(), personKey("U0OTHERMENTEE"), domain.SearchFilter{}, 10)
	require.NoError(t, err)
	require.Empty(t, candidates)
}

func TestInvitation_WithdrawFromHome(t *testing.T) {
	t.Parallel()
	b := setup(t)
	startNoticeJobs(t, b, b.store, b.app)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	invitation := invite(t, b, menteeID, mentorID)
	b.waitForPost(t, mentorID, blocks.ActionAccept)

	payload := fakeslack.HomeButtonAction(menteeID, blocks.ActionWithdraw, "home", strconv.FormatInt(invitation.ID, 10))
	status, _ := b.postForm(t, fakeslack.InteractionForm(payload))
	require.Equal(t, http.StatusOK, status)

	require.Eventually(t, func() bool { return b.status(t, invitation.ID) == domain.StatusWithdrawn }, waitTime, 10*time.Millisecond)
	b.waitForPost(t, mentorID, "withdrawn")
	// The App Home has no response URL, so the confirmation is a DM.
	b.waitForPost(t, menteeID, "You've withdrawn your request")
}

func TestInvitation_FinishAsksMentorAboutAvailability(t *testing.T) {
	t.Parallel()
	b := setup(t)
	startNoticeJobs(t, b, b.store, b.app)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	invitation := invite(t, b, menteeID, mentorID)
	_, err := b.store.TransitionInvitation(t.Context(), invitation.ID, personKey(mentorID), domain.StatusOngoing,
		domain.TransitionOptions{}, time.Now())
	require.NoError(t, err)
	require.NoError(t, b.store.SetMentorAvailability(t.Context(), personKey(mentorID), false, true, time.Now()))

	b.clickMessage(t, menteeID, blocks.ActionFinish, strconv.FormatInt(invitation.ID, 10), "finish")

	require.Eventually(t, func() bool { return b.status(t, invitation.ID) == domain.StatusFinished }, waitTime, 10*time.Millisecond)
	b.waitForPost(t, mentorID, blocks.ActionAvailableAgain)
	b.clickMessage(t, mentorID, blocks.ActionAvailableAgain, "true", "available")
	require.Eventually(t, func() bool { return b.registration(t, mentorID).Mentor.Available }, waitTime, 10*time.Millisecond)
}

func TestInvitation_MentorOverCapacity(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	setCapacity(t, b, mentorID, 1)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, "U0MENTEE2", domain.RoleMentee)
	first := invite(t, b, menteeID, mentorID)
	second := invite(t, b, "U0MENTEE2", mentorID)

	b.clickMessage(t, mentorID, blocks.ActionAccept, strconv.FormatInt(first.ID, 10), "first")
	b.slack.WaitForCalls(t, "response_url", 1, waitTime)
	b.clickMessage(t, mentorID, blocks.ActionAccept, strconv.FormatInt(second.ID, 10), "second")
	notices := b.slack.WaitForCalls(t, "response_url", 2, waitTime)

	require.Equal(t, domain.StatusOngoing, b.status(t, first.ID))
	require.Equal(t, domain.StatusConsidering, b.status(t, second.ID))
	require.Contains(t, string(notices[1].Body), "already mentoring 1 mentee")

	// A mentor at capacity is not listed, and can't be asked.
	_, err := b.store.CreateInvitation(t.Context(), personKey("U0MENTEE3"), personKey(mentorID), "", 3, time.Now())
	require.ErrorIs(t, err, domain.ErrMentorUnavailable)
}

func TestInvitation_TooManyPendingListsThem(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	for i := range 4 {
		registerDirect(t, b, fmt.Sprintf("U0MENTOR%d", i+2), domain.RoleMentor)
	}
	for i := range 3 {
		invite(t, b, menteeID, fmt.Sprintf("U0MENTOR%d", i+2))
	}

	modals := b.slack.ModalCount()
	status, _ := b.postForm(t, fakeslackSlashCommand(menteeID, "find"))
	require.Equal(t, http.StatusOK, status)
	find := b.slack.WaitForModal(t, modals, waitTime)
	modals = b.slack.ModalCount()
	b.clickNoWait(t, menteeID, find, blocks.ActionAsk, "U0MENTOR5")
	note := b.slack.WaitForModal(t, modals, waitTime)
	answer, _ := b.submit(t, menteeID, note, nil)

	require.Equal(t, "errors", answer.ResponseAction)
	message := answer.Errors[blocks.BlockInviteNote]
	require.Contains(t, message, "You can have 3 requests waiting")
	for i := range 3 {
		require.Contains(t, message, fmt.Sprintf("Person U0MENTOR%d", i+2), "names, since an error under a field is plain text")
	}
}

func TestInvitation_DMDeliveredOnceAfterSlackErrors(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	b.slack.FailNextStatus("chat.postMessage", http.StatusInternalServerError)
	b.slack.FailNext("chat.postMessage", "ratelimited")
	startNoticeJobs(t, b, b.store, b.app)

	invitation := invite(t, b, menteeID, mentorID)

	b.waitForPost(t, mentorID, blocks.ActionAccept)
	b.waitForPost(t, menteeID, blocks.ActionWithdraw)
	time.Sleep(300 * time.Millisecond)
	require.Len(t, b.postsTo(mentorID), 1, "the invitation DM arrives once")
	require.Len(t, b.postsTo(menteeID), 1)
	stored, err := b.store.Invitation(t.Context(), invitation.ID)
	require.NoError(t, err)
	require.Equal(t, "D0MENTOR1", stored.MentorChannel, "the DM's place is kept for updates")
}

func TestInvitation_FindQueries(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	area := b.content.Lists.MentoringAreas[2]

	status, body := b.postForm(t, fakeslackSlashCommand(menteeID, "find area:“Carer developmnt”"))
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, string(body), "ephemeral")
	require.Contains(t, string(body), "Carer developmnt")
	require.Empty(t, b.slack.Calls("views.open"))

	status, body = b.postForm(t, fakeslackSlashCommand(menteeID, "find colour:blue"))
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, string(body), "colour")

	modals := b.slack.ModalCount()
	status, _ = b.postForm(t, fakeslackSlashCommand(menteeID, "find area:“"+area+"” leading"))
	require.Equal(t, http.StatusOK, status)
	find := b.slack.WaitForModal(t, modals, waitTime)
	var metadata blocks.FindMetadata
	require.NoError(t, blocks.DecodeMetadata(find.PrivateMetadata(), &metadata))
	require.Equal(t, []string{area}, metadata.Filter.Areas)
	require.Equal(t, "leading", metadata.Filter.Text)
}

func TestInvitation_FindNeedsRegisteredMentee(t *testing.T) {
	t.Parallel()
	b := setup(t)

	status, _ := b.postForm(t, fakeslackSlashCommand(menteeID, "find"))
	require.Equal(t, http.StatusOK, status)

	notice := b.slack.WaitForCalls(t, "chat.postMessage", 1, waitTime)
	require.Contains(t, notice[0].Form.Get("text"), "register as a mentee")
	require.Zero(t, b.slack.ModalCount())
}

func TestInvitation_FindPagesAndFilters(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	lists := b.content.Lists
	for i := range 7 {
		area := lists.MentoringAreas[2]
		if i >= 5 {
			area = lists.MentoringAreas[3]
		}
		registerDirect(t, b, fmt.Sprintf("U0MENTOR%d", i+2), domain.RoleMentor, area)
	}

	modals := b.slack.ModalCount()
	status, _ := b.postForm(t, fakeslackSlashCommand(menteeID, "find"))
	require.Equal(t, http.StatusOK, status)
	find := b.slack.WaitForModal(t, modals, waitTime)
	require.Equal(t, 3, strings.Count(mustMarshal(t, find.JSON), `"action_id":"`+blocks.ActionAsk+`"`))

	find = b.click(t, menteeID, find, blocks.ActionFindPage, "2")
	require.Equal(t, 1, strings.Count(mustMarshal(t, find.JSON), `"action_id":"`+blocks.ActionAsk+`"`), "page 3 of 7 results")

	// Choosing an area filter updates the results in place.
	payload := fakeslack.ModalButtonAction(menteeID, find, blocks.ActionFindFilter, "filter_areas", "")
	var decoded map[string]any
	require.NoError(t, json.Unmarshal(payload, &decoded))
	decoded["view"].(map[string]any)["state"] = map[string]any{"values": map[string]any{
		"filter_areas": map[string]any{blocks.ActionFindFilter: multiSelected(lists.MentoringAreas[3])},
	}}
	status, _ = b.postForm(t, fakeslack.InteractionForm(mustJSONBytes(t, decoded)))
	require.Equal(t, http.StatusOK, status)
	filtered := b.slack.WaitForViewChange(t, find.ID, find.Hash, waitTime)
	encoded := mustMarshal(t, filtered.JSON)
	require.Equal(t, 2, strings.Count(encoded, `"action_id":"`+blocks.ActionAsk+`"`))
	require.Contains(t, encoded, `"value":"U0MENTOR7"`)
	require.Contains(t, encoded, `"value":"U0MENTOR8"`)
}

func TestInvitation_ReviewSevenMentees(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	setCapacity(t, b, mentorID, 10)
	var invitations []domain.Invitation
	for i := range 7 {
		mentee := fmt.Sprintf("U0MENTEE%d", i+2)
		registerDirect(t, b, mentee, domain.RoleMentee)
		invitations = append(invitations, invite(t, b, mentee, mentorID))
	}

	modals := b.slack.ModalCount()
	status, _ := b.postForm(t, fakeslackSlashCommand(mentorID, "mentees"))
	require.Equal(t, http.StatusOK, status)
	review := b.slack.WaitForModal(t, modals, waitTime)
	require.Equal(t, blocks.CallbackReview, review.CallbackID())
	countCards := func(view fakeslack.View) int {
		return strings.Count(mustMarshal(t, view.JSON), `"action_id":"`+blocks.ActionInvitationDetails+`"`)
	}
	require.Equal(t, 3, countCards(review))

	review = b.click(t, mentorID, review, blocks.ActionReviewPage, "1")
	require.Equal(t, 3, countCards(review))
	review = b.click(t, mentorID, review, blocks.ActionReviewPage, "2")
	require.Equal(t, 1, countCards(review))

	// Accepting from the drop-down makes the same change as the DM button.
	target := invitations[0]
	payload := fakeslack.SelectAction(mentorID, review, blocks.ActionReviewStatus, "status", fmt.Sprintf("%d:ongoing", target.ID))
	status, _ = b.postForm(t, fakeslack.InteractionForm(payload))
	require.Equal(t, http.StatusOK, status)
	b.slack.WaitForViewChange(t, review.ID, review.Hash, waitTime)
	require.Equal(t, domain.StatusOngoing, b.status(t, target.ID))

	// A refused change tells why and redraws the real status.
	current := b.slack.CurrentView(t, review.ID)
	payload = fakeslack.SelectAction(mentorID, current, blocks.ActionReviewStatus, "status", fmt.Sprintf("%d:considering", target.ID))
	status, _ = b.postForm(t, fakeslack.InteractionForm(payload))
	require.Equal(t, http.StatusOK, status)
	b.slack.WaitForViewChange(t, review.ID, current.Hash, waitTime)
	require.Equal(t, domain.StatusOngoing, b.status(t, target.ID))
	b.waitForPost(t, mentorID, "can't move to Considering")
}

func TestInvitation_DeactivatedMentorsLeaveSearch(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	registerDirect(t, b, "U0MENTOR2", domain.RoleMentor)

	// Slack reports one account deactivated by event, and the other only
	// through users.info when its card is drawn.
	event := fakeslack.EventCallback("Ev0USERGONE", map[string]any{
		"type": "user_change", "event_ts": "1700000000.000200",
		"user": map[string]any{"id": mentorID, "team_id": fakeslack.TeamID, "name": "gone", "deleted": true,
			"profile": map[string]any{"display_name": "Gone"}},
	})
	status, _ := b.postJSON(t, event)
	require.Equal(t, http.StatusOK, status)
	require.Eventually(t, func() bool {
		return b.count(t, `SELECT count(*) FROM people WHERE user_id = $1 AND deactivated_at IS NOT NULL`, mentorID) == 1
	}, waitTime, 10*time.Millisecond)
	b.slack.DeactivateUser("U0MENTOR2")

	modals := b.slack.ModalCount()
	status, _ = b.postForm(t, fakeslackSlashCommand(menteeID, "find"))
	require.Equal(t, http.StatusOK, status)
	find := b.slack.WaitForModal(t, modals, waitTime)

	encoded := mustMarshal(t, find.JSON)
	require.NotContains(t, encoded, `"value":"`+mentorID+`"`)
	require.NotContains(t, encoded, `"value":"U0MENTOR2"`)
	require.Equal(t, 1, b.count(t, `SELECT count(*) FROM people WHERE user_id = 'U0MENTOR2' AND deactivated_at IS NOT NULL`))
}

func TestInvitation_AcceptNeedsCurrentConduct(t *testing.T) {
	t.Parallel()
	first := setup(t)
	registerDirect(t, first, menteeID, domain.RoleMentee)
	registerDirect(t, first, mentorID, domain.RoleMentor)
	invitation := invite(t, first, menteeID, mentorID)

	b := setupWith(t, first.pool, func(loaded *content.Content) { loaded.Conduct.Version = "2027-01" })
	b.clickMessage(t, mentorID, blocks.ActionAccept, strconv.FormatInt(invitation.ID, 10), "accept")
	notice := b.slack.WaitForCalls(t, "response_url", 1, waitTime)[0]

	require.Contains(t, string(notice.Body), "code of conduct has changed")
	require.Equal(t, domain.StatusConsidering, b.status(t, invitation.ID))
}

func TestInvitation_ReviewOnAppHome(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	setCapacity(t, b, mentorID, 10)
	var invitations []domain.Invitation
	for i := range 4 {
		mentee := fmt.Sprintf("U0MENTEE%d", i+2)
		registerDirect(t, b, mentee, domain.RoleMentee)
		invitations = append(invitations, invite(t, b, mentee, mentorID))
	}
	countCards := func(view fakeslack.View) int {
		return strings.Count(mustMarshal(t, view.JSON), `"action_id":"`+blocks.ActionInvitationDetails+`"`)
	}

	status, _ := b.postJSON(t, fakeslack.AppHomeOpened("Ev0REVIEWHOME", mentorID))
	require.Equal(t, http.StatusOK, status)
	home := b.slack.WaitForViewChange(t, "VHOME"+mentorID, "", waitTime)
	require.Equal(t, 3, countCards(home), "the first three mentees on the App Home")

	// Paging on the App Home republishes it with the next page.
	payload := fakeslack.HomeButtonAction(mentorID, blocks.ActionReviewPage, "review_pages", "1")
	status, _ = b.postForm(t, fakeslack.InteractionForm(payload))
	require.Equal(t, http.StatusOK, status)
	home = b.slack.WaitForViewChange(t, "VHOME"+mentorID, home.Hash, waitTime)
	require.Equal(t, 1, countCards(home))
	var metadata blocks.ReviewMetadata
	require.NoError(t, blocks.DecodeMetadata(home.PrivateMetadata(), &metadata))
	require.Equal(t, 1, metadata.Page)

	// The drop-down on the App Home makes the change and keeps the page.
	target := invitations[0]
	payload = fakeslack.SelectAction(mentorID, home, blocks.ActionReviewStatus, "status", fmt.Sprintf("%d:ongoing", target.ID))
	status, _ = b.postForm(t, fakeslack.InteractionForm(payload))
	require.Equal(t, http.StatusOK, status)
	home = b.slack.WaitForViewChange(t, "VHOME"+mentorID, home.Hash, waitTime)
	require.Equal(t, domain.StatusOngoing, b.status(t, target.ID))
	require.NoError(t, blocks.DecodeMetadata(home.PrivateMetadata(), &metadata))
	require.Equal(t, 1, metadata.Page)
}
