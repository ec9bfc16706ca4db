package bot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/bot/fakeslack"
	"github.com/mentorbot/mentorbot/domain"
)

// erasedMark starts every text seeded for the person who erases their
// data, and keptMark every text of other people. Both are single words, so
// they survive the search text's tokenizer and any lower-casing.
const (
	erasedMark = "xylophonist"
	keptMark   = "bassoonist"
)

// saveProfiles gives userID a mentee and a mentor profile, a draft and a
// Slack name, each with text that starts with mark.
func saveProfiles(t *testing.T, b *testBundle, userID, mark string) {
	t.Helper()
	person := personKey(userID)
	lists := b.content.Lists
	now := time.Now()
	require.NoError(t, b.store.SaveMenteeProfile(t.Context(), person, domain.MenteeProfile{
		JobRole: lists.JobRoles[1], OrgArea: lists.OrganisationalAreas[1], Areas: []string{lists.MentoringAreas[2]},
		Hopes: mark + "hopes", UpdatedAt: now,
	}))
	require.NoError(t, b.store.SaveMentorProfile(t.Context(), person, domain.MentorProfile{
		JobRole: lists.JobRoles[0], OrgArea: lists.OrganisationalAreas[0], Areas: []string{lists.MentoringAreas[2]},
		About: mark + "about", Capacity: 5, Available: true, Searchable: true, UpdatedAt: now,
	}))
	require.NoError(t, b.store.SaveProfileDraft(t.Context(), person, domain.RoleMentor,
		map[string]string{"about": mark + "draft"}, now))
	require.NoError(t, b.store.SetDisplayName(t.Context(), person, mark+"name", now))
	_, err := b.store.RecordHelpQuestion(t.Context(), domain.HelpQuestion{Asker: person, Text: mark + "question", AskedAt: now})
	require.NoError(t, err)
}

// inviteWithNote creates an invitation from mentee to mentor with note.
func inviteWithNote(t *testing.T, b *testBundle, mentee, mentor, note string) domain.Invitation {
	t.Helper()
	invitation, err := b.store.CreateInvitation(t.Context(), personKey(mentee), personKey(mentor), note, 3, time.Now())
	require.NoError(t, err)
	return invitation
}

// moveTo changes the invitation's status on behalf of its mentor.
func moveTo(t *testing.T, b *testBundle, invitation domain.Invitation, status domain.Status) {
	t.Helper()
	_, err := b.store.TransitionInvitation(t.Context(), invitation.ID, invitation.Mentor, status,
		domain.TransitionOptions{}, time.Now())
	require.NoError(t, err)
}

// recordMeeting stores a meeting with note by userID at the current time,
// which is part of the key, so two calls store two meetings.
func recordMeeting(t *testing.T, b *testBundle, invitation domain.Invitation, userID, note string) {
	t.Helper()
	require.NoError(t, b.store.RecordMeeting(t.Context(), invitation.ID, userID, note, time.Now()))
}

// requestMyData sends "/mentor my-data" as userID, waits for the file and
// returns its bytes.
func (b *testBundle) requestMyData(t *testing.T, userID string) []byte {
	t.Helper()
	before := len(b.slack.Uploads())
	status, body := b.postForm(t, fakeslackSlashCommand(userID, "my-data"))
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, string(body), "gathering everything", "the command is acknowledged at once")

	var upload fakeslack.Upload
	require.Eventually(t, func() bool {
		uploads := b.slack.Uploads()
		if len(uploads) <= before || !uploads[before].Completed {
			return false
		}
		upload = uploads[before]
		return true
	}, waitTime, 20*time.Millisecond, "no file uploaded for %s", userID)
	assert.Equal(t, "D"+strings.TrimPrefix(userID, "U"), upload.Channel, "the file goes to the person's DM")
	assert.True(t, strings.HasSuffix(upload.Filename, ".json"))
	return upload.Content
}

// textMatches returns "table.column" for each text, JSON, array or text
// search column of every table in the public schema whose value contains
// mark, ignoring case.
func (b *testBundle) textMatches(t *testing.T, mark string) []string {
	t.Helper()
	ctx := context.Background()
	rows, err := b.pool.Query(ctx, `
		SELECT table_name, column_name
		FROM information_schema.columns
		WHERE table_schema = 'public'
			AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'tsvector')
		ORDER BY table_name, column_name`)
	require.NoError(t, err)
	type column struct{ table, name string }
	var columns []column
	for rows.Next() {
		var c column
		require.NoError(t, rows.Scan(&c.table, &c.name))
		columns = append(columns, c)
	}
	require.NoError(t, rows.Err())
	require.NotEmpty(t, columns)

	var matches []string
	for _, c := range columns {
		var count int
		query := fmt.Sprintf(`SELECT count(*) FROM %q WHERE %q::text ILIKE '%%' || $1 || '%%'`, c.table, c.name)
		require.NoError(t, b.pool.QueryRow(ctx, query, mark).Scan(&count))
		if count > 0 {
			matches = append(matches, c.table+"."+c.name)
		}
	}
	return matches
}

func TestMyData_OwnRecordsOnly(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	saveProfiles(t, b, menteeID, "menteeown")
	saveProfiles(t, b, mentorID, "mentorown")
	invitation := inviteWithNote(t, b, menteeID, mentorID, "menteeownnote")
	moveTo(t, b, invitation, domain.StatusOngoing)
	recordMeeting(t, b, invitation, menteeID, "menteeownmeeting")
	recordMeeting(t, b, invitation, mentorID, "mentorownmeeting")
	requireNoError(t)(b.store.RecordContinuation(t.Context(), invitation.ID, menteeID, time.Now()))
	moveTo(t, b, invitation, domain.StatusFinished)
	require.NoError(t, b.store.RecordFeedback(t.Context(), invitation.ID, menteeID, 5, "menteeownfeedback", time.Now()))
	require.NoError(t, b.store.RecordFeedback(t.Context(), invitation.ID, mentorID, 4, "mentorownfeedback", time.Now()))
	retake, err := b.store.StartAttempt(t.Context(), personKey(menteeID), time.Now())
	require.NoError(t, err)
	question := b.content.Assessment.Questions[0].ID
	recorded, err := b.store.RecordAnswer(t.Context(), retake.ID, question, 1, time.Now())
	require.NoError(t, err)
	require.True(t, recorded)

	raw := b.requestMyData(t, menteeID)
	var data domain.PersonalData
	require.NoError(t, json.Unmarshal(raw, &data), string(raw))
	text := string(raw)

	assert.Equal(t, menteeID, data.UserID)
	require.NotNil(t, data.Person)
	assert.Equal(t, "menteeownname", data.Person.DisplayName)
	require.NotNil(t, data.MenteeProfile)
	assert.Equal(t, "menteeownhopes", data.MenteeProfile.Hopes)
	require.NotNil(t, data.MentorProfile)
	assert.Equal(t, "menteeownabout", data.MentorProfile.About)
	require.Len(t, data.ProfileDrafts, 1)
	assert.Contains(t, string(data.ProfileDrafts[0].Draft), "menteeowndraft")
	assert.NotEmpty(t, data.LearningPlaces)
	require.Len(t, data.AssessmentAttempts, 2, "the passed attempt and the retake")
	assert.Empty(t, data.AssessmentAttempts[0].Answers)
	require.Len(t, data.AssessmentAttempts[1].Answers, 1)
	assert.Equal(t, question, data.AssessmentAttempts[1].Answers[0].QuestionID)
	assert.Equal(t, 1, data.AssessmentAttempts[1].Answers[0].OptionIndex)
	assert.NotEmpty(t, data.ConductConsents)
	require.Len(t, data.Invitations, 1)
	assert.Equal(t, domain.PartyMentee, data.Invitations[0].Role)
	assert.Equal(t, mentorID, data.Invitations[0].OtherUserID)
	assert.Equal(t, "menteeownnote", data.Invitations[0].Note)
	assert.NotEmpty(t, data.InvitationEvents, "the mentee created the invitation")
	require.Len(t, data.Meetings, 1)
	assert.Equal(t, "menteeownmeeting", data.Meetings[0].Note)
	require.Len(t, data.Feedback, 1)
	assert.Equal(t, "menteeownfeedback", data.Feedback[0].Comment)
	assert.Len(t, data.ReviewContinuations, 1)
	require.Len(t, data.HelpQuestions, 1)
	assert.Equal(t, "menteeownquestion", data.HelpQuestions[0].Question)
	assert.NotContains(t, text, "mentorown", "nothing the mentor wrote")

	raw = b.requestMyData(t, mentorID)
	data = domain.PersonalData{}
	require.NoError(t, json.Unmarshal(raw, &data), string(raw))
	text = string(raw)

	assert.Equal(t, mentorID, data.UserID)
	require.Len(t, data.Invitations, 1)
	assert.Equal(t, domain.PartyMentor, data.Invitations[0].Role)
	assert.Equal(t, menteeID, data.Invitations[0].OtherUserID)
	assert.Empty(t, data.Invitations[0].Note, "the note is the mentee's text")
	require.Len(t, data.Meetings, 1)
	assert.Equal(t, "mentorownmeeting", data.Meetings[0].Note)
	require.Len(t, data.Feedback, 1)
	assert.Equal(t, "mentorownfeedback", data.Feedback[0].Comment)
	assert.Contains(t, text, "mentorownabout")
	assert.NotContains(t, text, "menteeown", "nothing the mentee wrote")
}

func TestMyData_NothingStored(t *testing.T) {
	t.Parallel()
	b := setup(t)

	raw := b.requestMyData(t, "U0STRANGER")
	var data domain.PersonalData
	require.NoError(t, json.Unmarshal(raw, &data), string(raw))

	assert.Equal(t, "U0STRANGER", data.UserID)
	assert.Nil(t, data.Person)
	assert.NotNil(t, data.Invitations, "empty lists are [] rather than null")
	assert.Empty(t, data.Invitations)
}

// openErasure sends "/mentor delete-me" as userID and returns the modal.
func (b *testBundle) openErasure(t *testing.T, userID string) fakeslack.View {
	t.Helper()
	modals := b.slack.ModalCount()
	status, _ := b.postForm(t, fakeslackSlashCommand(userID, "delete-me"))
	require.Equal(t, http.StatusOK, status)
	view := b.slack.WaitForModal(t, modals, waitTime)
	require.Equal(t, blocks.CallbackErasure, view.CallbackID())
	return view
}

func TestDeleteMe_ErasesAndKeepsHistory(t *testing.T) {
	t.Parallel()
	b := setup(t)
	startNoticeJobs(t, b, b.store, b.app)
	const (
		leaver       = menteeID
		pendingTo    = "U0MENTOR2"
		ongoingWith  = "U0MENTOR3"
		finishedWith = "U0MENTOR4"
		askedBy      = "U0MENTEE5"
	)
	registerDirect(t, b, leaver, domain.RoleMentee)
	registerDirect(t, b, leaver, domain.RoleMentor)
	for _, mentor := range []string{pendingTo, ongoingWith, finishedWith} {
		registerDirect(t, b, mentor, domain.RoleMentor)
	}
	registerDirect(t, b, askedBy, domain.RoleMentee)
	saveProfiles(t, b, leaver, erasedMark)
	saveProfiles(t, b, askedBy, keptMark)

	pending := inviteWithNote(t, b, leaver, pendingTo, erasedMark+"pendingnote")
	b.waitForPost(t, pendingTo, blocks.ActionAccept)
	ongoing := inviteWithNote(t, b, leaver, ongoingWith, erasedMark+"ongoingnote")
	moveTo(t, b, ongoing, domain.StatusOngoing)
	recordMeeting(t, b, ongoing, leaver, erasedMark+"meeting")
	recordMeeting(t, b, ongoing, ongoingWith, keptMark+"meeting")
	requireNoError(t)(b.store.RecordContinuation(t.Context(), ongoing.ID, leaver, time.Now()))
	finished := inviteWithNote(t, b, leaver, finishedWith, erasedMark+"finishednote")
	moveTo(t, b, finished, domain.StatusOngoing)
	moveTo(t, b, finished, domain.StatusFinished)
	require.NoError(t, b.store.RecordFeedback(t.Context(), finished.ID, leaver, 5, erasedMark+"feedback", time.Now()))
	require.NoError(t, b.store.RecordFeedback(t.Context(), finished.ID, finishedWith, 4, keptMark+"feedback", time.Now()))
	asked := inviteWithNote(t, b, askedBy, leaver, keptMark+"note")
	b.waitForPost(t, leaver, blocks.ActionAccept)
	require.NotEmpty(t, b.textMatches(t, erasedMark), "the seeded text is stored")

	// Closing the confirmation changes nothing. Slack sends no view_closed
	// for it, because it is opened without notify_on_close, and a forged
	// one is ignored.
	view := b.openErasure(t, leaver)
	status, _ := b.postForm(t, fakeslack.InteractionForm(fakeslack.ViewClosed(leaver, view, nil)))
	require.Equal(t, http.StatusOK, status)
	time.Sleep(200 * time.Millisecond)
	assert.Equal(t, domain.StatusConsidering, b.status(t, pending.ID))
	assert.NotNil(t, b.registration(t, leaver).Mentee)
	assert.Zero(t, b.count(t, `SELECT count(*) FROM audit_log WHERE action = 'erasure'`))

	answer, done := b.submit(t, leaver, b.openErasure(t, leaver), nil)
	require.Equal(t, "update", answer.ResponseAction, "errors: %v", answer.Errors)
	assert.Equal(t, blocks.CallbackErasureDone, done.CallbackID())

	assert.Empty(t, b.textMatches(t, erasedMark), "no column holds the erased person's text")
	assert.ElementsMatch(t, []string{
		"feedback.comment", "help_questions.question", "invitations.note", "meetings.note", "mentee_profiles.hopes",
		"mentor_profiles.about", "mentor_profiles.search_text", "people.display_name", "profile_drafts.draft",
	}, b.textMatches(t, keptMark), "the other people's text is kept")

	registration := b.registration(t, leaver)
	assert.Nil(t, registration.Mentee)
	assert.Nil(t, registration.Mentor)
	assert.Nil(t, registration.LearningCompletedAt)
	assert.Nil(t, registration.ConsentAt)
	assert.Empty(t, registration.PlacesDone)
	assert.Zero(t, b.count(t, `SELECT count(*) FROM assessment_attempts WHERE user_id = $1`, leaver))
	assert.Zero(t, b.count(t, `SELECT count(*) FROM review_continuations WHERE user_id = $1`, leaver))
	assert.Zero(t, b.count(t, `SELECT count(*) FROM nudges WHERE user_id = $1`, leaver))
	assert.Equal(t, 1, b.count(t, `SELECT count(*) FROM people WHERE user_id = $1 AND erased_at IS NOT NULL`, leaver))
	assert.Equal(t, 4, b.count(t, `SELECT count(*) FROM invitations WHERE $1 IN (mentor_user_id, mentee_user_id)`, leaver),
		"the relationship history is kept")
	assert.Equal(t, 1, b.count(t, `
		SELECT count(*) FROM audit_log
		WHERE action = 'erasure' AND actor_user_id = $1 AND subject_user_id = $1 AND detail = ''`, leaver))
	assert.Equal(t, 1, b.count(t, `SELECT count(*) FROM audit_log`), "one audit entry, without detail")

	// Open requests and relationships close, and the other person is told.
	assert.Equal(t, domain.StatusWithdrawn, b.status(t, pending.ID))
	assert.Equal(t, domain.StatusFinished, b.status(t, ongoing.ID))
	assert.Equal(t, domain.StatusDeclined, b.status(t, asked.ID))
	closed, err := b.store.Invitation(t.Context(), pending.ID)
	require.NoError(t, err)
	assert.Equal(t, domain.ErasureReason, closed.Reason)
	for _, other := range []string{pendingTo, ongoingWith, askedBy} {
		post := b.waitForPost(t, other, "left the mentoring programme")
		assert.Contains(t, post.Form.Get("text"), blocks.FormerMember)
		assert.NotContains(t, post.Form.Get("blocks"), leaver, "no mention of the person who left")
	}
	assert.Empty(t, b.postsWith(leaver, "left the mentoring programme"), "nothing is sent to the person who left")

	// The mentor's request DM is rewritten without naming the leaver.
	require.Eventually(t, func() bool {
		for _, call := range b.slack.Calls("chat.update") {
			if call.Form.Get("channel") == "D"+strings.TrimPrefix(pendingTo, "U") &&
				strings.Contains(call.Form.Get("text"), "A former member asked you") {
				return !strings.Contains(call.Form.Get("blocks"), leaver)
			}
		}
		return false
	}, jobWaitTime, 20*time.Millisecond, "the mentor's request DM names a former member")

	// The mentee whose request closed sees a former member on the App Home.
	status, _ = b.postJSON(t, fakeslack.AppHomeOpened("Ev0ERASEDHOME", askedBy))
	require.Equal(t, http.StatusOK, status)
	require.Eventually(t, func() bool { return strings.Contains(b.homeJSON(askedBy), "A former member") },
		waitTime, 20*time.Millisecond, "the App Home names a former member")
	assert.NotContains(t, b.homeJSON(askedBy), leaver)

	// So does the mentor's Review my mentees.
	modals := b.slack.ModalCount()
	status, _ = b.postForm(t, fakeslackSlashCommand(ongoingWith, "mentees"))
	require.Equal(t, http.StatusOK, status)
	review := mustMarshal(t, b.slack.WaitForModal(t, modals, waitTime).JSON)
	assert.Contains(t, review, "A former member")
	assert.NotContains(t, review, leaver)
	assert.NotContains(t, review, "avatars.example/"+leaver)

	// An old button of the leaver's records nothing new about them.
	err = b.store.RecordFeedback(t.Context(), finished.ID, leaver, 3, erasedMark+"late", time.Now())
	require.ErrorIs(t, err, domain.ErrErased)
}

func TestDeleteMe_ForgedSubmissionErasesSubmitter(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)

	// The submitter adds metadata naming someone else, but only the
	// payload's user, whom Slack sets, counts.
	view := b.openErasure(t, menteeID)
	view.JSON["private_metadata"] = fmt.Sprintf(`{"user_id":%q,"team_id":%q}`, mentorID, fakeslack.TeamID)
	answer, _ := b.submit(t, menteeID, view, nil)
	require.Equal(t, "update", answer.ResponseAction)

	assert.Nil(t, b.registration(t, menteeID).Mentee, "the submitter is erased")
	mentor := b.registration(t, mentorID)
	assert.NotNil(t, mentor.Mentor, "the person named in the metadata keeps their profile")
	assert.NotNil(t, mentor.LearningCompletedAt)
	assert.Zero(t, b.count(t, `SELECT count(*) FROM people WHERE user_id = $1 AND erased_at IS NOT NULL`, mentorID))
	assert.Zero(t, b.count(t, `SELECT count(*) FROM audit_log WHERE subject_user_id = $1`, mentorID))
}

func TestDeleteMe_RegisterAgain(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	answer, _ := b.submit(t, menteeID, b.openErasure(t, menteeID), nil)
	require.Equal(t, "update", answer.ResponseAction)
	erased, err := b.store.Erased(t.Context(), menteeID)
	require.NoError(t, err)
	require.True(t, erased)

	require.NoError(t, b.store.StartRole(t.Context(), personKey(menteeID), domain.RoleMentee, time.Now()))

	erased, err = b.store.Erased(t.Context(), menteeID)
	require.NoError(t, err)
	assert.False(t, erased, "registering again makes the person a member again")
}

func TestHelp_ListsDataCommands(t *testing.T) {
	t.Parallel()
	b := setup(t)

	status, body := b.postForm(t, fakeslackSlashCommand(menteeID, "help"))

	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, string(body), "my-data")
	assert.Contains(t, string(body), "delete-me")
}

// erase submits userID's confirmation of delete-me.
func (b *testBundle) erase(t *testing.T, userID string) {
	t.Helper()
	answer, _ := b.submit(t, userID, b.openErasure(t, userID), nil)
	require.Equal(t, "update", answer.ResponseAction, "errors: %v", answer.Errors)
}

func TestDeleteMe_UnregisteredAskerAndRepeat(t *testing.T) {
	t.Parallel()
	b := setup(t)
	const asker = "U0NEWBIE1"
	_, err := b.store.RecordHelpQuestion(t.Context(), domain.HelpQuestion{
		Asker: personKey(asker), Text: "newbieonlyquestion", AskedAt: time.Now(),
	})
	require.NoError(t, err)

	b.erase(t, asker)
	b.erase(t, asker)

	assert.Empty(t, b.textMatches(t, "newbieonlyquestion"), "the question of someone who never registered is erased")
	assert.Equal(t, 1, b.count(t, `SELECT count(*) FROM audit_log WHERE action = 'erasure' AND subject_user_id = $1`, asker),
		"a repeated erasure is one entry")
}

func TestMyData_ErasedOtherIsFormerMember(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	invitation := inviteWithNote(t, b, menteeID, mentorID, "hello")
	moveTo(t, b, invitation, domain.StatusOngoing)

	b.erase(t, menteeID)
	raw := b.requestMyData(t, mentorID)

	var data domain.PersonalData
	require.NoError(t, json.Unmarshal(raw, &data), string(raw))
	require.Len(t, data.Invitations, 1)
	assert.Empty(t, data.Invitations[0].OtherUserID)
	assert.True(t, data.Invitations[0].FormerMember)
	assert.NotContains(t, string(raw), menteeID)
}

// requireNoError returns a function that fails the test when the error of
// a call that returns a bool and an error is not nil.
func requireNoError(t *testing.T) func(bool, error) {
	return func(_ bool, err error) {
		t.Helper()
		require.NoError(t, err)
	}
}
