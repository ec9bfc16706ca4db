package bot_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/bot/fakeslack"
	"github.com/mentorbot/mentorbot/domain"
)

const (
	// adminGroup is the programme team's Slack user group in every test
	// bundle.
	adminGroup = "S0PROGRAM1"
)

// setupConsole is setup with adminID in the programme team's user group.
func setupConsole(t *testing.T) *testBundle {
	t.Helper()
	b := setup(t)
	b.slack.SetUsergroup(adminGroup, adminID)
	return b
}

// forgedView returns view as the stand-in would hold it, for a submission of
// a modal that the bot never opened, as a forged request sends.
func forgedView(t *testing.T, id string, view any) fakeslack.View {
	t.Helper()
	var decoded map[string]any
	require.NoError(t, json.Unmarshal([]byte(mustMarshal(t, view)), &decoded))
	return fakeslack.View{ID: id, Hash: "1700000000.forged", JSON: decoded}
}

// clickHomeNoModal clicks a button on userID's App Home that opens no
// modal.
func (b *testBundle) clickHomeNoModal(t *testing.T, userID, actionID, value string) {
	t.Helper()
	status, _ := b.postForm(t, fakeslack.InteractionForm(fakeslack.HomeButtonAction(userID, actionID, "home", value)))
	require.Equal(t, http.StatusOK, status)
}

// lookUp looks userID up as the admin, through the App Home's button and
// the look-up modal, and returns the person view.
func (b *testBundle) lookUp(t *testing.T, userID string) fakeslack.View {
	t.Helper()
	picker := b.clickHome(t, adminID, blocks.ActionAdminLookUp, "")
	require.Equal(t, blocks.CallbackAdminLookUp, picker.CallbackID())
	answer, view := b.submit(t, adminID, picker, map[string]map[string]any{
		blocks.BlockAdminPerson: {"type": "users_select", "selected_user": userID},
	})
	require.Equal(t, "update", answer.ResponseAction, "errors: %v", answer.Errors)
	require.Equal(t, blocks.CallbackAdminPerson, view.CallbackID())
	return view
}

// auditActions returns the actions of the test team's audit log, oldest
// first.
func (b *testBundle) auditActions(t *testing.T) []domain.AuditAction {
	t.Helper()
	entries, err := b.store.AuditEntries(t.Context(), fakeslack.TeamID, 100)
	require.NoError(t, err)
	actions := make([]domain.AuditAction, len(entries))
	for i, entry := range entries {
		actions[len(entries)-1-i] = entry.Action
	}
	return actions
}

// homeOf returns the JSON of the App Home last published for userID.
func (b *testBundle) homeOf(t *testing.T, userID string) string {
	t.Helper()
	var home string
	require.Eventually(t, func() bool {
		for _, call := range b.slack.Calls("views.publish") {
			if strings.Contains(string(call.Body), `"user_id":"`+userID+`"`) {
				home = string(call.Body)
			}
		}
		return home != ""
	}, waitTime, 10*time.Millisecond, "no App Home published for %s", userID)
	return home
}

func TestConsole_NonAdminRejectedEverywhere(t *testing.T) {
	t.Parallel()
	b := setupConsole(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	invitation := invite(t, b, menteeID, mentorID)
	_, err := b.store.TransitionInvitation(t.Context(), invitation.ID, personKey(mentorID), domain.StatusOngoing,
		domain.TransitionOptions{}, time.Now())
	require.NoError(t, err)
	id := strconv.FormatInt(invitation.ID, 10)
	const stranger = "U0STRANGER"
	modals := b.slack.ModalCount()

	// A person outside the programme team sends every console button,
	// with values naming real people and a real relationship.
	clicks := []struct{ actionID, value string }{
		{blocks.ActionAdminFigures, ""},
		{blocks.ActionAdminLookUp, ""},
		{blocks.ActionAdminExportRelationships, ""},
		{blocks.ActionAdminExportRegistrations, ""},
		{blocks.ActionAdminHideMentor, mentorID},
		{blocks.ActionAdminShowMentor, mentorID},
		{blocks.ActionAdminResetAssessment, mentorID},
		{blocks.ActionAdminEndRelationship, id},
	}
	for _, click := range clicks {
		b.clickHomeNoModal(t, stranger, click.actionID, click.value)
	}
	notices := b.slack.WaitForCalls(t, "chat.postMessage", len(clicks), waitTime)

	// And submits the console's two forms, made up in full.
	lookUp := forgedView(t, "V0FORGED1", blocks.LookUpView())
	answer, _ := b.submit(t, stranger, lookUp, map[string]map[string]any{
		blocks.BlockAdminPerson: {"type": "users_select", "selected_user": mentorID},
	})
	assert.Equal(t, "push", answer.ResponseAction, "an error modal, not the person view")
	assert.NotContains(t, string(answer.View), mentorID)
	end := forgedView(t, "V0FORGED2", blocks.EndRelationshipView(blocks.EndRelationshipModel{
		Invitation: invitation, PersonID: mentorID,
	}))
	answer, _ = b.submit(t, stranger, end, map[string]map[string]any{blocks.BlockAdminEndReason: typed("Forged.")})
	assert.Equal(t, "push", answer.ResponseAction)
	assert.Contains(t, string(answer.View), "Only the programme team can do that")

	for _, notice := range notices {
		assert.Equal(t, stranger, notice.Form.Get("channel"))
		assert.Contains(t, notice.Form.Get("text"), "Only the programme team can do that")
	}
	rejected := logsWith(b, "Rejected an admin action from someone outside the programme team")
	require.Len(t, rejected, len(clicks)+2, "each rejection is logged")
	for _, entry := range rejected {
		assert.Equal(t, stranger, entry.Data["user_id"])
		assert.NotEmpty(t, entry.Data["action"])
	}

	// Nothing changed.
	assert.Equal(t, domain.StatusOngoing, b.status(t, invitation.ID))
	assert.NotNil(t, b.registration(t, mentorID).AssessmentPassedAt)
	candidate, err := b.store.MentorCandidate(t.Context(), personKey(mentorID))
	require.NoError(t, err)
	assert.False(t, candidate.AdminHidden)
	assert.Empty(t, b.slack.Uploads())
	assert.Equal(t, modals, b.slack.ModalCount(), "no modal opened")
	assert.Empty(t, b.auditActions(t))

	// The App Home shows the console to the programme team only.
	require.Equal(t, http.StatusOK, first(b.postJSON(t, fakeslackAppHomeOpened("Ev0HOME1", stranger))))
	require.Equal(t, http.StatusOK, first(b.postJSON(t, fakeslackAppHomeOpened("Ev0HOME2", adminID))))
	assert.NotContains(t, b.homeOf(t, stranger), blocks.ActionReloadContent)
	assert.Contains(t, b.homeOf(t, adminID), blocks.ActionReloadContent)
}

func first(status int, _ []byte) int { return status }

func TestConsole_FiguresOnHomeAndModal(t *testing.T) {
	t.Parallel()
	b := setupConsole(t)
	for _, userID := range []string{"U0MENTOR1", "U0MENTOR2", "U0MENTOR3"} {
		registerDirect(t, b, userID, domain.RoleMentor)
	}
	for _, userID := range []string{"U0MENTEE1", "U0MENTEE2"} {
		registerDirect(t, b, userID, domain.RoleMentee)
	}
	require.NoError(t, b.store.StartRole(t.Context(), personKey("U0STARTER"), domain.RoleMentee, time.Now()))
	ongoing := invite(t, b, "U0MENTEE1", "U0MENTOR1")
	_, err := b.store.TransitionInvitation(t.Context(), ongoing.ID, personKey("U0MENTOR1"), domain.StatusOngoing,
		domain.TransitionOptions{}, time.Now())
	require.NoError(t, err)
	waiting := invite(t, b, "U0MENTEE2", "U0MENTOR2")
	_, err = b.pool.Exec(t.Context(), `UPDATE invitations SET created_at = $2 WHERE id = $1`,
		waiting.ID, time.Now().Add(-10*24*time.Hour))
	require.NoError(t, err)
	invite(t, b, "U0MENTEE2", "U0MENTOR3")

	require.Equal(t, http.StatusOK, first(b.postJSON(t, fakeslackAppHomeOpened("Ev0HOME3", adminID))))
	home := b.homeOf(t, adminID)
	assert.Contains(t, home, "*Registered:* 3 mentors and 2 mentees")
	assert.Contains(t, home, "*Mentoring now:* 1 relationship, 0 with no meeting for 90 days")
	assert.Contains(t, home, "*Waiting for an answer:* 2 requests, 1 for over 5 days")

	modal := b.clickHome(t, adminID, blocks.ActionAdminFigures, "")
	require.Equal(t, blocks.CallbackAdminFigures, modal.CallbackID())
	text := mustMarshal(t, modal.JSON)
	assert.Contains(t, text, "Mentors: *3 registered*")
	assert.Contains(t, text, "Mentees: *2 registered*. Still registering, by next step: learning package 1,")
	assert.Contains(t, text, "By status: Considering 2, Ongoing 1, Declined 0, Withdrawn 0, Finished 0")
	assert.Contains(t, text, "Median time for a mentor to answer:")
	assert.Contains(t, text, "Waiting for over 5 days: 1")
}

func TestConsole_ExportsParse(t *testing.T) {
	t.Parallel()
	b := setupConsole(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	require.NoError(t, b.store.SetDisplayName(t.Context(), personKey(mentorID), "=HYPERLINK(\"https://evil.example\")", time.Now()))
	first := invite(t, b, menteeID, mentorID)
	_, err := b.store.TransitionInvitation(t.Context(), first.ID, personKey(menteeID), domain.StatusWithdrawn,
		domain.TransitionOptions{Reason: "+1 changed my mind"}, time.Now())
	require.NoError(t, err)
	second := invite(t, b, menteeID, mentorID)

	b.clickHomeNoModal(t, adminID, blocks.ActionAdminExportRelationships, "")
	b.clickHomeNoModal(t, adminID, blocks.ActionAdminExportRegistrations, "")
	require.Eventually(t, func() bool {
		uploads := b.slack.Uploads()
		return len(uploads) == 2 && uploads[0].Completed && uploads[1].Completed
	}, waitTime, 10*time.Millisecond)

	files := map[string][][]string{}
	for _, upload := range b.slack.Uploads() {
		assert.True(t, upload.Completed)
		assert.Equal(t, "D"+adminID[1:], upload.Channel, "shared in the admin's DM")
		rows, err := csv.NewReader(bytes.NewReader(upload.Content)).ReadAll()
		require.NoError(t, err, upload.Filename)
		files[strings.SplitN(upload.Filename, "-", 2)[0]] = rows
	}

	relationships := files["relationships"]
	require.Len(t, relationships, 3, "a header and two relationships")
	assert.Equal(t, "invitation_id", relationships[0][0])
	assert.Equal(t, []string{strconv.FormatInt(first.ID, 10), mentorID}, relationships[1][:2])
	assert.Equal(t, `'=HYPERLINK("https://evil.example")`, relationships[1][2], "a formula is defused")
	assert.Equal(t, "withdrawn", relationships[1][5])
	assert.Equal(t, "'+1 changed my mind", relationships[1][9])
	assert.Equal(t, strconv.FormatInt(second.ID, 10), relationships[2][0])
	assert.Equal(t, "considering", relationships[2][5])
	assert.Empty(t, relationships[2][7], "not answered yet")

	registrations := files["registrations"]
	require.Len(t, registrations, 3, "a header and two people")
	byUser := map[string][]string{}
	for _, row := range registrations[1:] {
		byUser[row[0]] = row
	}
	assert.Equal(t, "registered", byUser[mentorID][4])
	assert.Empty(t, byUser[mentorID][3], "never started as a mentee")
	assert.Equal(t, "registered", byUser[menteeID][3])
	assert.Equal(t, "true", byUser[mentorID][10])
	assert.Equal(t, b.content.Conduct.Version, byUser[mentorID][9])

	// The audit entry follows the upload.
	require.Eventually(t, func() bool { return len(b.auditActions(t)) == 2 }, waitTime, 10*time.Millisecond)
	assert.ElementsMatch(t, []domain.AuditAction{domain.AuditExportRelationships, domain.AuditExportRegistrations},
		b.auditActions(t))
}

func TestConsole_HideAndShowMentor(t *testing.T) {
	t.Parallel()
	b := setupConsole(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	found := func() bool {
		candidates, err := b.store.SearchMentors(t.Context(), personKey(menteeID), domain.SearchFilter{}, 10)
		require.NoError(t, err)
		return len(candidates) == 1
	}
	require.True(t, found())

	view := b.lookUp(t, mentorID)
	view = b.click(t, adminID, view, blocks.ActionAdminHideMentor, mentorID)

	assert.Contains(t, mustMarshal(t, view.JSON), "is hidden from search")
	assert.Contains(t, mustMarshal(t, view.JSON), blocks.ActionAdminShowMentor)
	assert.False(t, found())
	// The mentor turns their own setting off and on again.
	require.NoError(t, b.store.SetMentorAvailability(t.Context(), personKey(mentorID), true, false, time.Now()))
	require.NoError(t, b.store.SetMentorAvailability(t.Context(), personKey(mentorID), true, true, time.Now()))
	assert.False(t, found(), "the programme team's hiding outlasts the mentor's setting")

	view = b.click(t, adminID, view, blocks.ActionAdminShowMentor, mentorID)
	assert.Contains(t, mustMarshal(t, view.JSON), "no longer hidden")
	assert.True(t, found())

	// A forged value names no one.
	b.clickNoWait(t, adminID, view, blocks.ActionAdminHideMentor, "<!channel>")
	notice := b.slack.WaitForCalls(t, "chat.postMessage", 1, waitTime)[0]
	assert.Contains(t, notice.Form.Get("text"), "doesn't name a person")
	assert.True(t, found())

	assert.Equal(t, []domain.AuditAction{domain.AuditLookUpPerson, domain.AuditHideMentor, domain.AuditShowMentor},
		b.auditActions(t))
}

func TestConsole_EndRelationshipTellsBoth(t *testing.T) {
	t.Parallel()
	b := setupConsole(t)
	startNoticeJobs(t, b, b.store, b.app)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	invitation := invite(t, b, menteeID, mentorID)
	b.waitForPost(t, mentorID, blocks.ActionAccept)
	_, err := b.store.TransitionInvitation(t.Context(), invitation.ID, personKey(mentorID), domain.StatusOngoing,
		domain.TransitionOptions{}, time.Now())
	require.NoError(t, err)
	id := strconv.FormatInt(invitation.ID, 10)

	view := b.lookUp(t, menteeID)
	view = b.click(t, adminID, view, blocks.ActionAdminEndRelationship, id)
	require.Equal(t, blocks.CallbackAdminEndRelationship, view.CallbackID())

	answer, _ := b.submit(t, adminID, view, map[string]map[string]any{blocks.BlockAdminEndReason: typed("   ")})
	assert.Equal(t, "errors", answer.ResponseAction)
	assert.Contains(t, answer.Errors[blocks.BlockAdminEndReason], "Please give a reason")
	answer, _ = b.submit(t, adminID, view, map[string]map[string]any{
		blocks.BlockAdminEndReason: typed(strings.Repeat("x", domain.MaxEndReasonLength+1)),
	})
	assert.Contains(t, answer.Errors[blocks.BlockAdminEndReason], "Please keep the reason to 500 characters")
	require.Equal(t, domain.StatusOngoing, b.status(t, invitation.ID))

	answer, shown := b.submit(t, adminID, view, map[string]map[string]any{
		blocks.BlockAdminEndReason: typed("Priya has moved to another campus."),
	})
	require.Equal(t, "update", answer.ResponseAction, "errors: %v", answer.Errors)
	assert.Equal(t, blocks.CallbackAdminPerson, shown.CallbackID())
	assert.Contains(t, mustMarshal(t, shown.JSON), "has ended. I'm letting them both know")

	assert.Equal(t, domain.StatusFinished, b.status(t, invitation.ID))
	for _, userID := range []string{mentorID, menteeID} {
		dm := b.waitForPost(t, userID, "The programme team has ended your mentoring")
		assert.Contains(t, dm.Form.Get("blocks"), "Priya has moved to another campus.")
	}
	entries, err := b.store.AuditEntries(t.Context(), fakeslack.TeamID, 10)
	require.NoError(t, err)
	require.NotEmpty(t, entries)
	assert.Equal(t, domain.AuditEndRelationship, entries[0].Action)
	assert.Equal(t, adminID, entries[0].Actor)
	assert.Equal(t, invitation.ID, entries[0].InvitationID)

	// Ending it again changes nothing.
	answer, _ = b.submit(t, adminID, view, map[string]map[string]any{blocks.BlockAdminEndReason: typed("Again.")})
	assert.Contains(t, answer.Errors[blocks.BlockAdminEndReason], "Finished now")
}

func TestConsole_ResetAssessment(t *testing.T) {
	t.Parallel()
	b := setupConsole(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)

	view := b.lookUp(t, mentorID)
	view = b.click(t, adminID, view, blocks.ActionAdminResetAssessment, mentorID)

	text := mustMarshal(t, view.JSON)
	assert.Contains(t, text, "assessment is reset")
	assert.Contains(t, text, "won't appear in search as a mentor")
	assert.Contains(t, text, "Mentor: next step is the assessment")
	registration := b.registration(t, mentorID)
	assert.Nil(t, registration.AssessmentPassedAt)
	assert.Equal(t, domain.StepAssessment, registration.NextStep(domain.RoleMentor, b.content.Conduct.Version))
	candidates, err := b.store.SearchMentors(t.Context(), personKey(menteeID), domain.SearchFilter{}, 10)
	require.NoError(t, err)
	assert.Empty(t, candidates, "out of search until they pass again")
	assert.Contains(t, b.homeOf(t, mentorID), blocks.ActionContinue, "their App Home offers the assessment")
	assert.Equal(t, []domain.AuditAction{domain.AuditLookUpPerson, domain.AuditResetAssessment}, b.auditActions(t))
}
