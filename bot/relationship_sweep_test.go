package bot_test

// End-to-end tests of the relationship sweep and the buttons of its DMs.
// The App runs on a test clock that each test moves forward to a nudge's
// due time. Notices go out through River to the Slack stand-in, and every
// click and submission is a signed payload from the stand-in's builders.

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/fakeslack"
	"github.com/mentorbot/mentorbot/domain"
)

// Fragments that tell the relationship DMs apart in a post's blocks and
// text.
const (
	checkInFragment  = blocks.ActionWeMetNote
	reviewFragment   = blocks.ActionContinueMentoring
	inactiveFragment = "since a meeting with"
	feedbackFragment = blocks.ActionGiveFeedback
)

// setupRelationship starts the notice workers, registers the mentee and
// the mentor, and returns a relationship that the mentor accepted at the
// test clock's current time.
func setupRelationship(t *testing.T) (*testBundle, domain.Invitation) {
	t.Helper()
	b := setupSweep(t)
	invitation := inviteAged(t, b, b.clock.Now(), 0)
	change, err := b.store.TransitionInvitation(t.Context(), invitation.ID, personKey(mentorID), domain.StatusOngoing,
		domain.TransitionOptions{}, b.clock.Now())
	require.NoError(t, err)
	return b, change.Invitation
}

// sweepRelationships runs the relationship sweep at the test clock's time.
func sweepRelationships(t *testing.T, b *testBundle) bot.RelationshipSweepReport {
	t.Helper()
	report, err := b.app.SweepRelationships(t.Context(), b.clock.Now())
	require.NoError(t, err)
	return report
}

// postsWith returns the successful posts to userID whose blocks or text
// contain fragment.
func (b *testBundle) postsWith(userID, fragment string) []fakeslack.Call {
	var found []fakeslack.Call
	for _, call := range b.postsTo(userID) {
		if strings.Contains(call.Form.Get("blocks")+call.Form.Get("text"), fragment) {
			found = append(found, call)
		}
	}
	return found
}

// waitForPostsWith waits until userID has count posts with fragment, then
// waits a little longer so that a duplicate would show.
func (b *testBundle) waitForPostsWith(t *testing.T, userID, fragment string, count int) []fakeslack.Call {
	t.Helper()
	require.Eventually(t, func() bool { return len(b.postsWith(userID, fragment)) >= count },
		jobWaitTime, 20*time.Millisecond, "%s did not get %d posts with %q", userID, count, fragment)
	time.Sleep(300 * time.Millisecond)
	posts := b.postsWith(userID, fragment)
	require.Len(t, posts, count, "posts to %s with %q", userID, fragment)
	return posts
}

// waitForResponse waits for a post to a response URL that contains
// fragment.
func (b *testBundle) waitForResponse(t *testing.T, fragment string) {
	t.Helper()
	require.Eventually(t, func() bool { return strings.Contains(b.responses(), fragment) },
		waitTime, 10*time.Millisecond, "no response URL post containing %q; posts: %s", fragment, b.responses())
}

// reviewAdvance returns how far to move the clock from a relationship's
// acceptance to an hour after its review prompt is due.
func reviewAdvance(invitation domain.Invitation) time.Duration {
	accepted := *invitation.AnsweredAt
	reviewAt := accepted.UTC().AddDate(0, domain.DefaultNudgePolicy().ReviewAfterMonths, 0)
	return reviewAt.Sub(accepted) + time.Hour
}

func TestRelationshipSweep_CheckInToBothOnce(t *testing.T) {
	t.Parallel()
	b, _ := setupRelationship(t)

	b.clock.Advance(30*sweepDay - time.Hour)
	assert.Equal(t, bot.RelationshipSweepReport{Ongoing: 1}, sweepRelationships(t, b), "not yet due")
	b.clock.Advance(2 * time.Hour)
	first := sweepRelationships(t, b)
	b.clock.Advance(time.Hour)
	second := sweepRelationships(t, b)

	assert.Equal(t, bot.RelationshipSweepReport{Ongoing: 1, CheckIns: 2}, first)
	assert.Equal(t, bot.RelationshipSweepReport{Ongoing: 1}, second, "the second sweep plans nothing")
	mentorPosts := b.waitForPostsWith(t, mentorID, checkInFragment, 1)
	menteePosts := b.waitForPostsWith(t, menteeID, checkInFragment, 1)
	assert.Contains(t, mentorPosts[0].Form.Get("text"), "How is your mentoring with Person "+menteeID)
	assert.Contains(t, menteePosts[0].Form.Get("text"), "How is your mentoring with Person "+mentorID)
	assert.Contains(t, mentorPosts[0].Form.Get("blocks"), blocks.ActionWeMet)
	require.Eventually(t, func() bool {
		return b.count(t, `SELECT count(*) FROM nudges WHERE kind = 'check_in' AND sent_at IS NOT NULL`) == 2
	}, jobWaitTime, 20*time.Millisecond, "both check-ins are marked as sent")

	entries := logsWith(b, "Swept relationships")
	require.Len(t, entries, 3)
	assert.Equal(t, 2, entries[1].Data["check_ins"])
}

func TestRelationshipSweep_WeMetRecorded(t *testing.T) {
	t.Parallel()
	b, invitation := setupRelationship(t)
	id := strconv.FormatInt(invitation.ID, 10)
	b.clock.Advance(31 * sweepDay)
	sweepRelationships(t, b)
	b.waitForPostsWith(t, menteeID, checkInFragment, 1)

	tappedAt := b.clock.Now()
	b.clickMessage(t, menteeID, blocks.ActionWeMet, id, "we_met")

	b.waitForResponse(t, "recorded that you met")
	assert.Contains(t, b.responses(), `"replace_original":true`, "the check-in is replaced, so it can't be tapped twice")
	lastMet, err := b.store.LastMeeting(t.Context(), invitation.ID)
	require.NoError(t, err)
	require.NotNil(t, lastMet)
	assert.WithinDuration(t, tappedAt, *lastMet, time.Minute, "recorded at the App's time")
	assert.Equal(t, 1, b.count(t, `SELECT count(*) FROM meetings WHERE invitation_id = $1 AND user_id = $2`,
		invitation.ID, menteeID))
}

func TestRelationshipSweep_WeMetDelaysInactiveFlag(t *testing.T) {
	t.Parallel()
	b, invitation := setupRelationship(t)
	id := strconv.FormatInt(invitation.ID, 10)
	b.clock.Advance(31 * sweepDay)
	sweepRelationships(t, b)
	b.waitForPostsWith(t, mentorID, checkInFragment, 1)
	b.clickMessage(t, mentorID, blocks.ActionWeMet, id, "we_met")
	b.waitForResponse(t, "recorded that you met")

	// Day 91 after acceptance is 60 days after the meeting: no flag.
	b.clock.Advance(60 * sweepDay)
	quiet := sweepRelationships(t, b)
	assert.Zero(t, quiet.Inactive)
	assert.Zero(t, quiet.Flagged)

	// 90 days after the meeting, the pair is flagged.
	b.clock.Advance(30 * sweepDay)
	flagged := sweepRelationships(t, b)
	assert.Equal(t, 2, flagged.Inactive)
	assert.Equal(t, 1, flagged.Flagged)
	b.waitForPostsWith(t, menteeID, inactiveFragment, 1)
	b.waitForPostsWith(t, mentorID, inactiveFragment, 1)
}

func TestRelationshipSweep_InactiveFlagToBoth(t *testing.T) {
	t.Parallel()
	b, invitation := setupRelationship(t)
	b.clock.Advance(90*sweepDay + time.Hour)

	first := sweepRelationships(t, b)
	second := sweepRelationships(t, b)

	assert.Equal(t, bot.RelationshipSweepReport{Ongoing: 1, CheckIns: 2, Inactive: 2, Flagged: 1}, first)
	assert.Equal(t, bot.RelationshipSweepReport{Ongoing: 1}, second)
	for _, userID := range []string{mentorID, menteeID} {
		posts := b.waitForPostsWith(t, userID, inactiveFragment, 1)
		assert.Contains(t, posts[0].Form.Get("text"), "It's been 90 days since a meeting with")
		assert.Contains(t, posts[0].Form.Get("blocks"), blocks.ActionWeMet)
		assert.Contains(t, posts[0].Form.Get("blocks"), blocks.ActionFinish)
	}
	assert.Equal(t, 1, b.count(t, `
		SELECT count(*) FROM nudges WHERE invitation_id = $1 AND kind = 'inactive_flag' AND user_id = ''`,
		invitation.ID), "the programme team's figures count the flag once")
}

func TestRelationshipSweep_ReviewCarryOn(t *testing.T) {
	t.Parallel()
	b, invitation := setupRelationship(t)
	id := strconv.FormatInt(invitation.ID, 10)
	b.clock.Advance(reviewAdvance(invitation) - 2*time.Hour)
	assert.Zero(t, sweepRelationships(t, b).ReviewPrompts, "not yet six months")
	b.clock.Advance(2 * time.Hour)

	report := sweepRelationships(t, b)

	assert.Equal(t, 2, report.ReviewPrompts)
	mentorPosts := b.waitForPostsWith(t, mentorID, reviewFragment, 1)
	b.waitForPostsWith(t, menteeID, reviewFragment, 1)
	assert.Contains(t, mentorPosts[0].Form.Get("text"), "have been mentoring for six months")
	assert.Contains(t, mentorPosts[0].Form.Get("blocks"), blocks.ActionFinish)

	b.clickMessage(t, mentorID, blocks.ActionContinueMentoring, id, "carry_on")
	b.waitForResponse(t, "carries on")
	b.waitForPostsWith(t, menteeID, "carry_on_text", 1)
	assert.Equal(t, domain.StatusOngoing, b.status(t, invitation.ID))
	assert.Equal(t, 1, b.count(t, `SELECT count(*) FROM review_continuations WHERE invitation_id = $1 AND user_id = $2`,
		invitation.ID, mentorID))
	assert.Zero(t, sweepRelationships(t, b).ReviewPrompts, "one review prompt per relationship")
}

func TestRelationshipSweep_ReviewFinishThenFeedback(t *testing.T) {
	t.Parallel()
	b, invitation := setupRelationship(t)
	id := strconv.FormatInt(invitation.ID, 10)
	b.clock.Advance(reviewAdvance(invitation))
	sweepRelationships(t, b)
	b.waitForPostsWith(t, menteeID, reviewFragment, 1)

	// The review prompt's Finish is the invitation's Finish button, and it
	// replaces the prompt, so its buttons go.
	payload := fakeslack.MessageButtonActionInBlock(menteeID, menteeID, "1700000000.000100",
		blocks.BlockReviewPromptActions, blocks.ActionFinish, id, b.slack.ResponseURL("finish"))
	status, _ := b.postForm(t, fakeslack.InteractionForm(payload))
	require.Equal(t, http.StatusOK, status)
	require.Eventually(t, func() bool { return b.status(t, invitation.ID) == domain.StatusFinished },
		waitTime, 10*time.Millisecond)
	b.waitForResponse(t, `"replace_original":true`)
	b.clickMessage(t, mentorID, blocks.ActionContinueMentoring, id, "late_carry_on")
	b.waitForResponse(t, "isn't ongoing any more")
	assert.Zero(t, b.count(t, `SELECT count(*) FROM review_continuations`), "a late Carry on is not stored")

	report := sweepRelationships(t, b)
	assert.Equal(t, bot.RelationshipSweepReport{Finished: 1, FeedbackRequests: 2}, report)
	assert.Equal(t, bot.RelationshipSweepReport{}, sweepRelationships(t, b), "one request per relationship")
	b.waitForPostsWith(t, mentorID, feedbackFragment, 1)
	requests := b.waitForPostsWith(t, menteeID, feedbackFragment, 1)
	assert.Contains(t, requests[0].Form.Get("text"), "has finished. How did it go?")

	// The mentee opens the form, leaves out the rating, then sends it.
	modals := b.slack.ModalCount()
	b.clickMessage(t, menteeID, blocks.ActionGiveFeedback, id, "feedback")
	form := b.slack.WaitForModal(t, modals, waitTime)
	require.Equal(t, blocks.CallbackFeedback, form.CallbackID())

	answer, _ := b.submit(t, menteeID, form, map[string]map[string]any{
		blocks.BlockFeedbackComment: typed("Helpful."),
	})
	assert.Equal(t, "errors", answer.ResponseAction)
	assert.Equal(t, "Please choose a rating from 1 to 5.", answer.Errors[blocks.BlockFeedbackRating])

	answer, _ = b.submit(t, menteeID, form, map[string]map[string]any{
		blocks.BlockFeedbackRating:  radio("4"),
		blocks.BlockFeedbackComment: typed("  Very helpful & kind.  "),
	})
	assert.Equal(t, "clear", answer.ResponseAction, "errors: %v", answer.Errors)
	var rating int
	var comment string
	require.NoError(t, b.pool.QueryRow(t.Context(),
		`SELECT rating, comment FROM feedback WHERE invitation_id = $1 AND user_id = $2`,
		invitation.ID, menteeID).Scan(&rating, &comment))
	assert.Equal(t, 4, rating)
	assert.Equal(t, "Very helpful & kind.", comment)
	b.waitForPost(t, menteeID, "Thank you for your feedback")
}

func TestRelationshipSweep_FeedbackFormFieldErrors(t *testing.T) {
	t.Parallel()
	b, invitation := setupRelationship(t)
	id := strconv.FormatInt(invitation.ID, 10)
	_, err := b.store.TransitionInvitation(t.Context(), invitation.ID, personKey(mentorID), domain.StatusFinished,
		domain.TransitionOptions{}, b.clock.Now())
	require.NoError(t, err)
	modals := b.slack.ModalCount()
	b.clickMessage(t, mentorID, blocks.ActionGiveFeedback, id, "feedback")
	form := b.slack.WaitForModal(t, modals, waitTime)

	cases := []struct {
		name     string
		values   map[string]map[string]any
		blockIDs []string
	}{
		{"RatingOutOfRange", map[string]map[string]any{blocks.BlockFeedbackRating: radio("7")},
			[]string{blocks.BlockFeedbackRating}},
		{"RatingNotNumber", map[string]map[string]any{blocks.BlockFeedbackRating: radio("five")},
			[]string{blocks.BlockFeedbackRating}},
		{"CommentTooLong", map[string]map[string]any{
			blocks.BlockFeedbackRating:  radio("3"),
			blocks.BlockFeedbackComment: typed(strings.Repeat("é", blocks.MaxFeedbackCommentLength+1)),
		}, []string{blocks.BlockFeedbackComment}},
		{"BothWrong", map[string]map[string]any{
			blocks.BlockFeedbackComment: typed(strings.Repeat("a", blocks.MaxFeedbackCommentLength+1)),
		}, []string{blocks.BlockFeedbackRating, blocks.BlockFeedbackComment}},
	}
	for _, c := range cases {
		answer, _ := b.submit(t, mentorID, form, c.values)
		assert.Equal(t, "errors", answer.ResponseAction, c.name)
		for _, blockID := range c.blockIDs {
			assert.NotEmpty(t, answer.Errors[blockID], "%s: error under %s", c.name, blockID)
		}
		assert.Len(t, answer.Errors, len(c.blockIDs), c.name)
	}
	assert.Zero(t, b.count(t, `SELECT count(*) FROM feedback`))

	// The longest comment allowed is stored.
	answer, _ := b.submit(t, mentorID, form, map[string]map[string]any{
		blocks.BlockFeedbackRating:  radio("2"),
		blocks.BlockFeedbackComment: typed(strings.Repeat("é", blocks.MaxFeedbackCommentLength)),
	})
	assert.Equal(t, "clear", answer.ResponseAction, "errors: %v", answer.Errors)
	assert.Equal(t, 1, b.count(t, `SELECT count(*) FROM feedback WHERE user_id = $1 AND rating = 2`, mentorID))
}

func TestRelationshipSweep_WeMetWithNote(t *testing.T) {
	t.Parallel()
	b, invitation := setupRelationship(t)
	id := strconv.FormatInt(invitation.ID, 10)
	b.clock.Advance(31 * sweepDay)
	sweepRelationships(t, b)
	b.waitForPostsWith(t, mentorID, checkInFragment, 1)

	modals := b.slack.ModalCount()
	b.clickMessage(t, mentorID, blocks.ActionWeMetNote, id, "note")
	form := b.slack.WaitForModal(t, modals, waitTime)
	require.Equal(t, blocks.CallbackWeMet, form.CallbackID())

	tooLong, _ := b.submit(t, mentorID, form, map[string]map[string]any{
		blocks.BlockWeMetNote: typed(strings.Repeat("x", blocks.MaxMeetingNoteLength+1)),
	})
	assert.Equal(t, "errors", tooLong.ResponseAction)
	assert.Contains(t, tooLong.Errors[blocks.BlockWeMetNote], strconv.Itoa(blocks.MaxMeetingNoteLength))
	assert.Zero(t, b.count(t, `SELECT count(*) FROM meetings`), "a rejected note records no meeting")

	saved, _ := b.submit(t, mentorID, form, map[string]map[string]any{
		blocks.BlockWeMetNote: typed("Talked about <goals> & next steps."),
	})
	assert.Equal(t, "clear", saved.ResponseAction, "errors: %v", saved.Errors)
	var note string
	require.NoError(t, b.pool.QueryRow(t.Context(),
		`SELECT note FROM meetings WHERE invitation_id = $1 AND user_id = $2`, invitation.ID, mentorID).Scan(&note))
	assert.Equal(t, "Talked about <goals> & next steps.", note)
	b.waitForPost(t, mentorID, "with your note")
}

// A person outside the relationship, a click from another workspace, and
// values that are not the relationship's id change nothing, open no
// modal, and each get a clear message with no apology.
func TestRelationshipSweep_ForgedButtonsRejected(t *testing.T) {
	t.Parallel()
	b, invitation := setupRelationship(t)
	id := strconv.FormatInt(invitation.ID, 10)
	modals := b.slack.ModalCount()

	cases := []struct{ user, action, value string }{
		{"U0STRANGER", blocks.ActionWeMet, id},
		{"U0STRANGER", blocks.ActionWeMetNote, id},
		{"U0STRANGER", blocks.ActionContinueMentoring, id},
		{"U0STRANGER", blocks.ActionGiveFeedback, id},
		{"U0STRANGER", blocks.ActionFinish, id},
		{mentorID, blocks.ActionWeMet, "abc"},
		{mentorID, blocks.ActionWeMet, ""},
		{mentorID, blocks.ActionWeMetNote, "-1"},
		{mentorID, blocks.ActionContinueMentoring, "999999"},
		{mentorID, blocks.ActionGiveFeedback, "9223372036854775807"},
		{mentorID, blocks.ActionGiveFeedback, id + "0"},
	}
	for i, c := range cases {
		b.clickMessage(t, c.user, c.action, c.value, fmt.Sprintf("forged%d", i))
	}
	otherTeam := editPayload(t, b.messageClick(mentorID, blocks.ActionWeMet, id, "other_team"),
		func(p map[string]any) {
			p["team"] = map[string]any{"id": "T0OTHER99", "domain": "other"}
			p["user"].(map[string]any)["team_id"] = "T0OTHER99"
		})
	status, _ := b.postForm(t, fakeslack.InteractionForm(otherTeam))
	require.Equal(t, http.StatusOK, status)

	b.slack.WaitForCalls(t, "response_url", len(cases)+1, waitTime)
	require.True(t, b.workers.Wait(t.Context()))

	rejected := 0
	for _, call := range b.slack.Calls("response_url") {
		if strings.Contains(string(call.Body), "isn't one of your invitations") {
			rejected++
		}
	}
	assert.Equal(t, len(cases)+1, rejected, "each click is told the relationship isn't theirs")
	assert.NotContains(t, b.responses(), blocks.ApologyText)
	assert.Equal(t, modals, b.slack.ModalCount(), "no modal opens")
	assert.Equal(t, domain.StatusOngoing, b.status(t, invitation.ID))
	assert.Zero(t, b.count(t, `SELECT count(*) FROM meetings`))
	assert.Zero(t, b.count(t, `SELECT count(*) FROM review_continuations`))
	assert.NotEmpty(t, logsWith(b, "Rejected a relationship action on an invitation that is not the person's"))
}

// A stranger who submits a party's note or feedback modal, and modals
// whose metadata names no relationship of the person, record nothing.
func TestRelationshipSweep_ForgedSubmissionsRejected(t *testing.T) {
	t.Parallel()
	b, invitation := setupRelationship(t)
	id := strconv.FormatInt(invitation.ID, 10)
	modals := b.slack.ModalCount()
	b.clickMessage(t, menteeID, blocks.ActionWeMetNote, id, "note")
	noteForm := b.slack.WaitForModal(t, modals, waitTime)
	_, err := b.store.TransitionInvitation(t.Context(), invitation.ID, personKey(mentorID), domain.StatusFinished,
		domain.TransitionOptions{}, b.clock.Now())
	require.NoError(t, err)
	modals = b.slack.ModalCount()
	b.clickMessage(t, menteeID, blocks.ActionGiveFeedback, id, "feedback")
	feedbackForm := b.slack.WaitForModal(t, modals, waitTime)

	withMetadata := func(view fakeslack.View, metadata string) fakeslack.View {
		edited := fakeslack.View{ID: view.ID, Hash: view.Hash, JSON: map[string]any{}}
		for key, value := range view.JSON {
			edited.JSON[key] = value
		}
		edited.JSON["private_metadata"] = metadata
		return edited
	}
	rating := map[string]map[string]any{blocks.BlockFeedbackRating: radio("5")}
	cases := []struct {
		name   string
		user   string
		view   fakeslack.View
		values map[string]map[string]any
	}{
		{"StrangerNote", "U0STRANGER", noteForm, nil},
		{"StrangerFeedback", "U0STRANGER", feedbackForm, rating},
		{"MissingInvitation", menteeID, withMetadata(feedbackForm, blocks.EncodeMetadata(blocks.FeedbackMetadata{InvitationID: 999999})), rating},
		{"InvalidMetadata", menteeID, withMetadata(feedbackForm, "not json"), rating},
		{"InvalidNoteMetadata", menteeID, withMetadata(noteForm, `{"invitation":"1"}`), nil},
	}
	for _, c := range cases {
		answer, _ := b.submit(t, c.user, c.view, c.values)
		assert.Equal(t, "push", answer.ResponseAction, c.name)
		assert.Contains(t, string(answer.View), "isn't one of your invitations", c.name)
	}
	assert.Zero(t, b.count(t, `SELECT count(*) FROM feedback`))
	assert.Zero(t, b.count(t, `SELECT count(*) FROM meetings`))

	// The note form opened while the relationship was ongoing, and it has
	// finished since, so its own person learns that nothing was recorded.
	answer, _ := b.submit(t, menteeID, noteForm, nil)
	assert.Equal(t, "push", answer.ResponseAction)
	assert.Contains(t, string(answer.View), "isn't ongoing any more")
	assert.Zero(t, b.count(t, `SELECT count(*) FROM meetings`))
}

func TestRelationshipSweep_DeactivatedNotNudged(t *testing.T) {
	t.Parallel()
	b, invitation := setupRelationship(t)
	b.slack.DeactivateUser(mentorID)
	b.clock.Advance(31 * sweepDay)

	report := sweepRelationships(t, b)

	// The relationship finishes, and the same sweep then asks the mentee
	// alone for feedback on it.
	assert.Equal(t, bot.RelationshipSweepReport{Ongoing: 1, Finished: 1, FeedbackRequests: 1, Deactivated: 2}, report)
	assert.Equal(t, domain.StatusFinished, b.status(t, invitation.ID))
	b.waitForPostsWith(t, menteeID, "left_text", 1)
	assert.Empty(t, b.postsWith(menteeID, checkInFragment), "the mentee is told why instead of nudged")
	assert.Empty(t, b.postsWith(mentorID, checkInFragment))
	assert.Zero(t, b.count(t, `SELECT count(*) FROM nudges WHERE invitation_id = $1 AND kind <> 'feedback_request'`,
		invitation.ID), "no check-in is planned")
	assert.Zero(t, b.count(t, `SELECT count(*) FROM nudges WHERE user_id = $1 AND kind <> 'feedback_request'`, mentorID),
		"nothing but the unsent feedback request is planned for the deactivated mentor")
	assert.Zero(t, b.count(t, `SELECT count(*) FROM nudges WHERE user_id = $1 AND sent_at IS NOT NULL`, mentorID))
}

func TestRelationshipSweep_ConcurrentSweepsPlanOnce(t *testing.T) {
	t.Parallel()
	b, _ := setupRelationship(t)
	b.clock.Advance(31 * sweepDay)
	now := b.clock.Now()

	reports := make([]bot.RelationshipSweepReport, 3)
	errs := make([]error, len(reports))
	var wg sync.WaitGroup
	for i := range reports {
		wg.Go(func() {
			reports[i], errs[i] = b.app.SweepRelationships(t.Context(), now)
		})
	}
	wg.Wait()

	planned := 0
	for i := range reports {
		require.NoError(t, errs[i])
		planned += reports[i].CheckIns
	}
	assert.Equal(t, 2, planned, "the sweeps plan each check-in once between them")
	b.waitForPostsWith(t, mentorID, checkInFragment, 1)
	b.waitForPostsWith(t, menteeID, checkInFragment, 1)
}

// A notice that is queued and no longer applies when it is sent, because
// the relationship moved on or the pair met, is skipped without a post.
func TestRelationshipSweep_StaleNoticesSkipped(t *testing.T) {
	t.Parallel()
	b, invitation := setupRelationship(t)
	since := invitation.AnsweredAt.UTC().Format(domain.InactiveSinceLayout)
	notice := func(kind domain.NoticeKind, key string) domain.Notice {
		return domain.Notice{Type: kind, Key: key, Recipient: personKey(menteeID), InvitationID: invitation.ID}
	}
	require.NoError(t, b.store.RecordMeeting(t.Context(), invitation.ID, mentorID, "", b.clock.Now().Add(time.Hour)))

	inactive := notice(domain.NoticeInactive, fmt.Sprintf("invitation:%d:inactive:%s:mentee", invitation.ID, since))
	channel, _, err := b.app.SendNotice(t.Context(), inactive)
	require.NoError(t, err)
	assert.Empty(t, channel, "the pair met after the flag")

	feedback := notice(domain.NoticeFeedbackRequest, fmt.Sprintf("invitation:%d:feedback:mentee", invitation.ID))
	channel, _, err = b.app.SendNotice(t.Context(), feedback)
	require.NoError(t, err)
	assert.Empty(t, channel, "an ongoing relationship gets no feedback request")

	_, err = b.store.TransitionInvitation(t.Context(), invitation.ID, personKey(menteeID), domain.StatusFinished,
		domain.TransitionOptions{}, b.clock.Now())
	require.NoError(t, err)
	for _, kind := range []domain.NoticeKind{domain.NoticeCheckIn, domain.NoticeReviewPrompt} {
		channel, _, err := b.app.SendNotice(t.Context(), notice(kind, fmt.Sprintf("invitation:%d:%s:mentee", invitation.ID, kind)))
		require.NoError(t, err)
		assert.Empty(t, channel, "%s of a finished relationship", kind)
	}

	stranger := notice(domain.NoticeCheckIn, "invitation:1:check_in:1:stranger")
	stranger.Recipient = personKey("U0STRANGER")
	_, _, err = b.app.SendNotice(t.Context(), stranger)
	assert.ErrorIs(t, err, domain.ErrNotFound, "a notice to someone outside the relationship is dropped")
	assert.Empty(t, b.postsWith(menteeID, inactiveFragment))
	assert.Empty(t, b.postsWith(menteeID, feedbackFragment))
	assert.Empty(t, b.postsWith(menteeID, checkInFragment))
	assert.Empty(t, b.postsWith(menteeID, reviewFragment))
}

func TestRelationshipSweep_WaitsForWorkingHours(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	// The stand-in's users are in Europe/London. Saturday noon there is
	// outside the default hours, so the check-ins wait for Monday 09:00.
	london, err := time.LoadLocation("Europe/London")
	require.NoError(t, err)
	now := time.Date(2026, time.December, 5, 12, 0, 0, 0, london)
	invitation, err := b.store.CreateInvitation(t.Context(), personKey(menteeID), personKey(mentorID), "", 3,
		now.Add(-32*sweepDay))
	require.NoError(t, err)
	_, err = b.store.TransitionInvitation(t.Context(), invitation.ID, personKey(mentorID), domain.StatusOngoing,
		domain.TransitionOptions{}, now.Add(-31*sweepDay))
	require.NoError(t, err)
	app := bot.NewApp(bot.AppConfig{Logger: b.logger, API: b.api, Content: b.content, Store: b.store})

	report, err := app.SweepRelationships(t.Context(), now)

	require.NoError(t, err)
	require.Equal(t, 2, report.CheckIns)
	rows, err := b.pool.Query(t.Context(), `
		SELECT scheduled_at FROM river_job WHERE kind = 'notice' AND args->>'type' = 'check_in'
			AND (args->>'invitation_id')::bigint = $1`, invitation.ID)
	require.NoError(t, err)
	var scheduled []time.Time
	for rows.Next() {
		var at time.Time
		require.NoError(t, rows.Scan(&at))
		scheduled = append(scheduled, at)
	}
	require.NoError(t, rows.Err())
	require.Len(t, scheduled, 2)
	monday := time.Date(2026, time.December, 7, 9, 0, 0, 0, london)
	for _, at := range scheduled {
		assert.True(t, at.Equal(monday), "scheduled at %s", at.In(london))
	}
}

func TestRelationshipSweep_BothLeftFoundOnce(t *testing.T) {
	t.Parallel()
	b, invitation := setupRelationship(t)
	_, err := b.store.TransitionInvitation(t.Context(), invitation.ID, personKey(menteeID), domain.StatusFinished,
		domain.TransitionOptions{}, b.clock.Now())
	require.NoError(t, err)
	b.slack.DeactivateUser(mentorID)
	b.slack.DeactivateUser(menteeID)
	// The bot missed the user_change events, and its cached Slack profiles
	// expire after ten minutes.
	b.clock.Advance(11 * time.Minute)

	first := sweepRelationships(t, b)
	second := sweepRelationships(t, b)

	assert.Equal(t, bot.RelationshipSweepReport{Finished: 1, Deactivated: 2}, first)
	assert.Equal(t, bot.RelationshipSweepReport{}, second, "the pair is not read again")
	assert.Empty(t, b.postsWith(menteeID, feedbackFragment))
	assert.Empty(t, b.postsWith(mentorID, feedbackFragment))
}
