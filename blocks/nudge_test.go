package blocks_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// closesAt is when the test invitation would expire unanswered.
var closesAt = askedAt.Add(21 * 24 * time.Hour)

func TestNudges_Golden(t *testing.T) {
	t.Parallel()
	noNote := testInvitation(domain.StatusConsidering)
	noNote.Note = ""
	expired := testInvitation(domain.StatusDeclined)
	expired.Reason = "no response"
	matches, cards := testMatches(4)
	ongoing := testInvitation(domain.StatusOngoing)
	finished := testInvitation(domain.StatusFinished)

	views := map[string]any{
		"nudge_reminder_first.json": blocks.InvitationReminderMessage(blocks.InvitationReminderModel{
			Invitation: testInvitation(domain.StatusConsidering), Mentee: menteePerson(), Profile: testMentee(),
			Sequence: 1, ClosesAt: closesAt,
		}),
		"nudge_reminder_second.json": blocks.InvitationReminderMessage(blocks.InvitationReminderModel{
			Invitation: noNote, Mentee: menteePerson(), Sequence: 2,
		}),
		"nudge_expired_mentor.json": blocks.InvitationExpiredMessage(blocks.InvitationExpiredModel{
			Invitation: expired, Recipient: domain.PartyMentor, Other: menteePerson(), Days: 21,
		}),
		"nudge_expired_mentee.json": blocks.InvitationExpiredMessage(blocks.InvitationExpiredModel{
			Invitation: expired, Recipient: domain.PartyMentee, Other: mentorPerson(),
			Suggestions: matches, Cards: cards, Days: 21,
		}),
		"nudge_expired_mentee_no_suggestions.json": blocks.InvitationExpiredMessage(blocks.InvitationExpiredModel{
			Invitation: expired, Recipient: domain.PartyMentee, Other: mentorPerson(), Days: 21,
		}),
		"nudge_registration_reminder.json": blocks.RegistrationReminderMessage(blocks.RegistrationReminderModel{
			Role: domain.RoleMentor, Step: domain.StepAssessment,
		}),
		"nudge_check_in.json": blocks.CheckInMessage(blocks.CheckInModel{
			Invitation: ongoing, Recipient: domain.PartyMentee, Other: mentorPerson(),
		}),
		"nudge_we_met_note.json": blocks.WeMetNoteView(blocks.WeMetNoteModel{
			Invitation: ongoing, Other: mentorPerson(),
		}),
		"nudge_review_prompt.json": blocks.ReviewPromptMessage(blocks.ReviewPromptModel{
			Invitation: ongoing, Recipient: domain.PartyMentor, Other: menteePerson(), Months: 6,
		}),
		"nudge_inactive.json": blocks.InactiveMessage(blocks.InactiveModel{
			Invitation: ongoing, Recipient: domain.PartyMentor, Other: menteePerson(), Days: 90,
		}),
		"nudge_feedback_request.json": blocks.FeedbackRequestMessage(blocks.FeedbackRequestModel{
			Invitation: finished, Recipient: domain.PartyMentee, Other: mentorPerson(),
		}),
		"nudge_feedback.json": blocks.FeedbackView(blocks.FeedbackModel{
			Invitation: finished, Other: mentorPerson(),
		}),
	}
	for name, view := range views {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			requireNudgeWithinLimits(t, view)
			requireGolden(t, name, view)
		})
	}
}

func TestNudges_LongestWithinSlackLimits(t *testing.T) {
	t.Parallel()

	for name, view := range extremeNudges() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			requireNudgeWithinLimits(t, view)
		})
	}
}

func TestNudges_EscapeTypedText(t *testing.T) {
	t.Parallel()
	typed := "<!channel> <https://evil.example|Payroll> & more"
	card := blocks.PersonCard{UserID: "U0X", Name: typed}
	mentee := &domain.MenteeProfile{JobRole: typed, OrgArea: typed, Areas: []string{typed}, Hopes: typed}
	invitation := testInvitation(domain.StatusConsidering)
	invitation.Note, invitation.Reason = typed, typed
	candidate := domain.MentorCandidate{
		Person: domain.PersonKey{UserID: "U0X"}, Name: typed,
		Profile: domain.MentorProfile{JobRole: typed, OrgArea: typed},
	}
	suggestions := []domain.Match{{Mentor: candidate, Reasons: []string{typed}}}

	views := map[string]any{
		"reminder": blocks.InvitationReminderMessage(blocks.InvitationReminderModel{
			Invitation: invitation, Mentee: card, Profile: mentee, Sequence: 1,
		}),
		"expired-mentor": blocks.InvitationExpiredMessage(blocks.InvitationExpiredModel{
			Invitation: invitation, Recipient: domain.PartyMentor, Other: card,
		}),
		"expired-mentee": blocks.InvitationExpiredMessage(blocks.InvitationExpiredModel{
			Invitation: invitation, Recipient: domain.PartyMentee, Other: card, Suggestions: suggestions,
		}),
		"check-in": blocks.CheckInMessage(blocks.CheckInModel{Invitation: invitation, Other: card}),
		"we-met":   blocks.WeMetNoteView(blocks.WeMetNoteModel{Invitation: invitation, Other: card}),
		"review":   blocks.ReviewPromptMessage(blocks.ReviewPromptModel{Invitation: invitation, Other: card}),
		"inactive": blocks.InactiveMessage(blocks.InactiveModel{Invitation: invitation, Other: card}),
		"feedback-request": blocks.FeedbackRequestMessage(blocks.FeedbackRequestModel{
			Invitation: invitation, Other: card,
		}),
		"feedback": blocks.FeedbackView(blocks.FeedbackModel{Invitation: invitation, Other: card}),
	}
	for name, view := range views {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			encoded, err := json.Marshal(view)
			require.NoError(t, err)

			texts := mrkdwnTexts(t, encoded)
			require.NotEmpty(t, texts)
			for _, text := range texts {
				require.NotContains(t, text, "<!")
				require.NotContains(t, text, "<http")
				require.NotContains(t, text, "&&")
			}
		})
	}
}

func TestInvitationReminderMessage_Buttons(t *testing.T) {
	t.Parallel()

	message := blocks.InvitationReminderMessage(blocks.InvitationReminderModel{
		Invitation: testInvitation(domain.StatusConsidering), Mentee: menteePerson(), Sequence: 1,
	})

	want := []string{blocks.ActionAccept, blocks.ActionDecline, blocks.ActionDeclinePause,
		blocks.ActionInvitationDetails, blocks.ActionMessage}
	require.Equal(t, want, actionIDsOf(t, message))
	require.Equal(t, []string{"Accept=42"}, buttonsOf(message.Blocks, blocks.ActionAccept))
	require.Equal(t, []string{"Decline=42"}, buttonsOf(message.Blocks, blocks.ActionDecline))
	require.Equal(t, []string{"Decline and pause new requests=42"},
		buttonsOf(message.Blocks, blocks.ActionDeclinePause))
	require.Equal(t, []string{"Details=42"}, buttonsOf(message.Blocks, blocks.ActionInvitationDetails))
}

func TestInvitationReminderMessage_Sequence(t *testing.T) {
	t.Parallel()

	for sequence, want := range map[int]string{
		1: "A reminder: Alex Example asked you to be their mentor on 4 December 2026.",
		2: "A second reminder: Alex Example asked you to be their mentor on 4 December 2026.",
		3: "A third reminder: Alex Example asked you to be their mentor on 4 December 2026.",
		4: "Another reminder: Alex Example asked you to be their mentor on 4 December 2026.",
	} {
		t.Run(fmt.Sprint(sequence), func(t *testing.T) {
			t.Parallel()

			message := blocks.InvitationReminderMessage(blocks.InvitationReminderModel{
				Invitation: testInvitation(domain.StatusConsidering), Mentee: menteePerson(), Sequence: sequence,
			})

			require.Equal(t, want, message.Text)
		})
	}
}

func TestInvitationExpiredMessage_Suggestions(t *testing.T) {
	t.Parallel()
	matches, cards := testMatches(5)
	invitation := testInvitation(domain.StatusDeclined)

	toMentee := blocks.InvitationExpiredMessage(blocks.InvitationExpiredModel{
		Invitation: invitation, Recipient: domain.PartyMentee, Other: mentorPerson(),
		Suggestions: matches, Cards: cards, Days: 21,
	})
	toMentor := blocks.InvitationExpiredMessage(blocks.InvitationExpiredModel{
		Invitation: invitation, Recipient: domain.PartyMentor, Other: menteePerson(),
		Suggestions: matches, Cards: cards, Days: 21,
	})

	require.Equal(t, []string{"Ask to be my mentor=U01", "Ask to be my mentor=U02", "Ask to be my mentor=U03"},
		buttonsOf(toMentee.Blocks, blocks.ActionAsk))
	require.Equal(t, []string{"Find a mentor="}, buttonsOf(toMentee.Blocks, blocks.ActionFind))
	require.Contains(t, encodedMessage(t, toMentee), "Reason: no response")
	require.Contains(t, encodedMessage(t, toMentee), "*Priya Shah*", "the name the search stored")
	require.Nil(t, actionIDsOf(t, toMentor))
	require.Equal(t, "The request from Alex Example has closed because it wasn't answered in 21 days. "+
		"No action needed.", toMentor.Text)
}

func TestInvitationExpiredMessage_Days(t *testing.T) {
	t.Parallel()

	for days, want := range map[int]string{
		0:  "it wasn't answered in time.",
		1:  "it wasn't answered in a day.",
		21: "it wasn't answered in 21 days.",
	} {
		t.Run(fmt.Sprint(days), func(t *testing.T) {
			t.Parallel()

			message := blocks.InvitationExpiredMessage(blocks.InvitationExpiredModel{
				Invitation: testInvitation(domain.StatusDeclined), Recipient: domain.PartyMentee,
				Other: mentorPerson(), Days: days,
			})

			require.True(t, strings.HasSuffix(message.Text, want), message.Text)
		})
	}
}

func TestRegistrationReminderMessage_Steps(t *testing.T) {
	t.Parallel()

	for step, want := range map[domain.Step]string{
		domain.StepLearning:   "You started registering as a mentee, and the next step is the learning package.",
		domain.StepAssessment: "You started registering as a mentee, and the next step is the assessment.",
		domain.StepConduct:    "You started registering as a mentee, and the next step is the code of conduct.",
		domain.StepDetails:    "You started registering as a mentee, and the next step is the details form.",
		domain.StepDone:       "You started registering as a mentee, and you're nearly there.",
		domain.Step(0):        "You started registering as a mentee, and you're nearly there.",
	} {
		t.Run(step.String(), func(t *testing.T) {
			t.Parallel()

			message := blocks.RegistrationReminderMessage(blocks.RegistrationReminderModel{
				Role: domain.RoleMentee, Step: step,
			})

			require.Equal(t, want, message.Text)
			require.Equal(t, []string{"Carry on=mentee"}, buttonsOf(message.Blocks, blocks.ActionContinue))
		})
	}
}

func TestCheckInMessage_Buttons(t *testing.T) {
	t.Parallel()

	message := blocks.CheckInMessage(blocks.CheckInModel{
		Invitation: testInvitation(domain.StatusOngoing), Recipient: domain.PartyMentor,
		Other: blocks.PersonCard{Name: "Alex"},
	})

	require.Equal(t, []string{blocks.ActionWeMet, blocks.ActionWeMetNote, blocks.ActionMessage},
		actionIDsOf(t, message))
	require.Equal(t, []string{"We met=42"}, buttonsOf(message.Blocks, blocks.ActionWeMet))
	require.Equal(t, []string{"Add a note=42"}, buttonsOf(message.Blocks, blocks.ActionWeMetNote))
	require.Contains(t, encodedMessage(t, message), "id=U0MENTEE", "the mentor messages the mentee")
}

func TestReviewPromptMessage_Buttons(t *testing.T) {
	t.Parallel()

	message := blocks.ReviewPromptMessage(blocks.ReviewPromptModel{
		Invitation: testInvitation(domain.StatusOngoing), Recipient: domain.PartyMentee,
		Other: blocks.PersonCard{Name: "Sam"},
	})

	require.Equal(t, []string{blocks.ActionContinueMentoring, blocks.ActionFinish, blocks.ActionMessage},
		actionIDsOf(t, message))
	require.Equal(t, []string{"Carry on=42"}, buttonsOf(message.Blocks, blocks.ActionContinueMentoring))
	require.Equal(t, []string{"Finish mentoring=42"}, buttonsOf(message.Blocks, blocks.ActionFinish))
	require.Contains(t, encodedMessage(t, message), "id=U0MENTOR", "the mentee messages the mentor")
}

func TestReviewPromptMessage_Months(t *testing.T) {
	t.Parallel()

	for months, want := range map[int]string{0: "six months", 1: "one month", 6: "six months", 13: "13 months"} {
		message := blocks.ReviewPromptMessage(blocks.ReviewPromptModel{
			Invitation: testInvitation(domain.StatusOngoing), Other: mentorPerson(), Months: months,
		})

		require.Contains(t, message.Text, "mentoring for "+want+".", "months %d", months)
	}
}

func TestInactiveMessage_Buttons(t *testing.T) {
	t.Parallel()

	message := blocks.InactiveMessage(blocks.InactiveModel{
		Invitation: testInvitation(domain.StatusOngoing), Recipient: domain.PartyMentor,
		Other: menteePerson(), Days: 90,
	})

	require.Equal(t, []string{blocks.ActionWeMet, blocks.ActionFinish}, actionIDsOf(t, message))
	require.Equal(t, []string{"We met=42"}, buttonsOf(message.Blocks, blocks.ActionWeMet))
	require.Equal(t, "It's been 90 days since a meeting with Alex Example was recorded.", message.Text)
}

func TestFeedbackRequestMessage_Button(t *testing.T) {
	t.Parallel()

	message := blocks.FeedbackRequestMessage(blocks.FeedbackRequestModel{
		Invitation: testInvitation(domain.StatusFinished), Recipient: domain.PartyMentee, Other: mentorPerson(),
	})

	require.Equal(t, []string{"Give feedback=42"}, buttonsOf(message.Blocks, blocks.ActionGiveFeedback))
}

func TestWeMetNoteView_NoteInput(t *testing.T) {
	t.Parallel()

	view := blocks.WeMetNoteView(blocks.WeMetNoteModel{
		Invitation: testInvitation(domain.StatusOngoing), Other: mentorPerson(),
	})

	input := findInput(t, view, blocks.BlockWeMetNote)
	require.True(t, input.Optional)
	element, ok := input.Element.(*slack.PlainTextInputBlockElement)
	require.True(t, ok, "a plain_text_input")
	require.True(t, element.Multiline)
	require.Equal(t, blocks.MaxMeetingNoteLength, element.MaxLength)
	require.Equal(t, blocks.CallbackWeMet, view.CallbackID)
	var metadata blocks.WeMetMetadata
	require.NoError(t, blocks.DecodeMetadata(view.PrivateMetadata, &metadata))
	require.Equal(t, blocks.WeMetMetadata{InvitationID: 42}, metadata)
}

func TestFeedbackView_Inputs(t *testing.T) {
	t.Parallel()

	view := blocks.FeedbackView(blocks.FeedbackModel{
		Invitation: testInvitation(domain.StatusFinished), Other: mentorPerson(),
	})

	rating := findInput(t, view, blocks.BlockFeedbackRating)
	require.False(t, rating.Optional, "the rating must be required")
	radio, ok := rating.Element.(*slack.RadioButtonsBlockElement)
	require.True(t, ok, "radio buttons")
	var values []string
	for _, option := range radio.Options {
		values = append(values, option.Value)
	}
	require.Equal(t, []string{"5", "4", "3", "2", "1"}, values)
	comment := findInput(t, view, blocks.BlockFeedbackComment)
	require.True(t, comment.Optional)
	element, ok := comment.Element.(*slack.PlainTextInputBlockElement)
	require.True(t, ok, "a plain_text_input")
	require.Equal(t, blocks.MaxFeedbackCommentLength, element.MaxLength)
	require.Equal(t, blocks.CallbackFeedback, view.CallbackID)
	var metadata blocks.FeedbackMetadata
	require.NoError(t, blocks.DecodeMetadata(view.PrivateMetadata, &metadata))
	require.Equal(t, blocks.FeedbackMetadata{InvitationID: 42}, metadata)
}

func TestParseWeMetNote(t *testing.T) {
	t.Parallel()

	for name, tc := range map[string]struct {
		values string
		want   string
	}{
		"Typed": {
			values: `{"note": {"nudge:meeting_note": {"type": "plain_text_input", "value": "Planned my CV."}}}`,
			want:   "Planned my CV.",
		},
		"Trimmed":       {values: `{"note": {"nudge:meeting_note": {"value": "\n  Two lines\nof note.  \n"}}}`, want: "Two lines\nof note."},
		"KeepsMarkup":   {values: `{"note": {"nudge:meeting_note": {"value": "<!channel> & *bold*"}}}`, want: "<!channel> & *bold*"},
		"DropsNUL":      {values: `{"note": {"nudge:meeting_note": {"value": "Met\u0000 for lunch"}}}`, want: "Met for lunch"},
		"NullValues":    {values: `null`},
		"EmptyValues":   {values: `{}`},
		"NullBlock":     {values: `{"note": null}`},
		"NullValue":     {values: `{"note": {"nudge:meeting_note": {"type": "plain_text_input", "value": null}}}`},
		"Blank":         {values: `{"note": {"nudge:meeting_note": {"value": "   \n "}}}`},
		"Garbage":       {values: `{"note": {"nudge:meeting_note": {"selected_option": {"value": "3"}}}}`},
		"WrongActionID": {values: `{"note": {"other": {"value": "Met"}}}`},
		"WrongBlockID":  {values: `{"comment": {"nudge:meeting_note": {"value": "Met"}}}`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			note := blocks.ParseWeMetNote(stateValues(t, tc.values))

			require.Equal(t, tc.want, note)
		})
	}
}

func TestParseWeMetNote_NilValues(t *testing.T) {
	t.Parallel()

	require.Empty(t, blocks.ParseWeMetNote(nil))
}

func TestParseFeedback(t *testing.T) {
	t.Parallel()

	// state returns the state.values of a submitted FeedbackView, with the
	// rating's selected_option and the comment's value given as JSON.
	state := func(option, comment string) string {
		return `{"rating": {"nudge:rating": {"type": "radio_buttons", "selected_option": ` + option + `}},` +
			`"comment": {"nudge:comment": {"type": "plain_text_input", "value": ` + comment + `}}}`
	}
	for name, tc := range map[string]struct {
		values      string
		wantRating  int
		wantComment string
		wantOK      bool
	}{
		"Three":         {values: state(`{"value": "3"}`, `" Kind and useful. "`), wantRating: 3, wantComment: "Kind and useful.", wantOK: true},
		"Five":          {values: state(`{"value": "5"}`, `null`), wantRating: 5, wantOK: true},
		"One":           {values: state(`{"value": "1"}`, `""`), wantRating: 1, wantOK: true},
		"Spaces":        {values: state(`{"value": " 4 "}`, `"ok"`), wantRating: 4, wantComment: "ok", wantOK: true},
		"NoComment":     {values: `{"rating": {"nudge:rating": {"selected_option": {"value": "2"}}}}`, wantRating: 2, wantOK: true},
		"Zero":          {values: state(`{"value": "0"}`, `"ok"`)},
		"Six":           {values: state(`{"value": "6"}`, `"ok"`)},
		"Negative":      {values: state(`{"value": "-3"}`, `"ok"`)},
		"Garbage":       {values: state(`{"value": "Excellent"}`, `"ok"`)},
		"Fraction":      {values: state(`{"value": "3.5"}`, `"ok"`)},
		"Huge":          {values: state(`{"value": "99999999999999999999"}`, `"ok"`)},
		"EmptyValue":    {values: state(`{"value": ""}`, `"ok"`)},
		"NullOption":    {values: state(`null`, `"ok"`)},
		"MissingRating": {values: `{"comment": {"nudge:comment": {"value": "ok"}}}`},
		"WrongActionID": {values: `{"rating": {"other": {"selected_option": {"value": "3"}}}}`},
		"NullBlock":     {values: `{"rating": null}`},
		"NullValues":    {values: `null`},
		"EmptyValues":   {values: `{}`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			got, comment, ok := blocks.ParseFeedback(stateValues(t, tc.values))

			require.Equal(t, tc.wantOK, ok)
			require.Equal(t, tc.wantRating, got)
			require.Equal(t, tc.wantComment, comment)
		})
	}
}

func TestParseFeedback_NilValues(t *testing.T) {
	t.Parallel()

	_, _, ok := blocks.ParseFeedback(nil)

	require.False(t, ok)
}

// extremeNudges returns every nudge built from the longest inputs: names
// of 500 characters, a note and hopes of 1,000 characters of emoji and
// the characters that mrkdwn escapes, the largest ids and three
// suggestions with long reasons.
func extremeNudges() map[string]any {
	lists := longestContent().Lists
	mentee := longestMentee(lists)
	mentee.Hopes = longText(1000)
	longURL := "https://avatars.example/" + strings.Repeat("a", 2000) + ".png"
	person := func(userID string) blocks.PersonCard {
		return blocks.PersonCard{UserID: userID, Name: longText(500), ImageURL: longURL}
	}
	at := askedAt
	invitation := domain.Invitation{
		ID: 9_223_372_036_854_775_807, TeamID: "T" + strings.Repeat("9", 20),
		Mentor: domain.PersonKey{UserID: "W" + strings.Repeat("8", 20)},
		Mentee: domain.PersonKey{UserID: "U" + strings.Repeat("7", 20)},
		Status: domain.StatusConsidering, Note: longText(domain.MaxNoteLength), Reason: longText(1000),
		CreatedAt: at, UpdatedAt: at, AnsweredAt: &at, EndedAt: &at,
	}

	var suggestions []domain.Match
	cards := map[string]blocks.PersonCard{}
	for i := range 3 {
		userID := fmt.Sprintf("U%020d", i)
		suggestions = append(suggestions, domain.Match{
			Mentor: domain.MentorCandidate{
				Person: domain.PersonKey{UserID: userID}, Name: longText(500), Profile: *longestMentor(lists),
			},
			Reasons: []string{longText(1000), longText(1000)},
		})
		cards[userID] = person(userID)
	}

	views := map[string]any{
		"we-met":   blocks.WeMetNoteView(blocks.WeMetNoteModel{Invitation: invitation, Other: person("U1")}),
		"feedback": blocks.FeedbackView(blocks.FeedbackModel{Invitation: invitation, Other: person("U1")}),
		"registration": blocks.RegistrationReminderMessage(blocks.RegistrationReminderModel{
			Role: domain.RoleMentor, Step: domain.StepDetails,
		}),
	}
	for _, sequence := range []int{1, 2, 99} {
		views[fmt.Sprintf("reminder-%d", sequence)] = blocks.InvitationReminderMessage(
			blocks.InvitationReminderModel{
				Invitation: invitation, Mentee: person("U1"), Profile: mentee,
				Sequence: sequence, ClosesAt: closesAt,
			})
	}
	for _, recipient := range []domain.Party{domain.PartyMentor, domain.PartyMentee, domain.PartyProgramme} {
		name := string(recipient)
		views["expired-"+name] = blocks.InvitationExpiredMessage(blocks.InvitationExpiredModel{
			Invitation: invitation, Recipient: recipient, Other: person("U1"),
			Suggestions: suggestions, Cards: cards, Days: 1_000_000,
		})
		views["check-in-"+name] = blocks.CheckInMessage(blocks.CheckInModel{
			Invitation: invitation, Recipient: recipient, Other: person("U1"),
		})
		views["review-"+name] = blocks.ReviewPromptMessage(blocks.ReviewPromptModel{
			Invitation: invitation, Recipient: recipient, Other: person("U1"), Months: 1_000_000,
		})
		views["inactive-"+name] = blocks.InactiveMessage(blocks.InactiveModel{
			Invitation: invitation, Recipient: recipient, Other: person("U1"), Days: 1_000_000,
		})
		views["feedback-request-"+name] = blocks.FeedbackRequestMessage(blocks.FeedbackRequestModel{
			Invitation: invitation, Recipient: recipient, Other: person("U1"),
		})
	}
	return views
}

// requireNudgeWithinLimits checks a message or modal against Slack's
// limits, and a message's fallback text too.
func requireNudgeWithinLimits(t *testing.T, view any) {
	t.Helper()
	encoded, err := json.Marshal(view)
	require.NoError(t, err)

	if message, ok := view.(blocks.Message); ok {
		require.NoError(t, blocks.CheckMessage(message))
		require.NoError(t, blocks.CheckFallbackText(encoded))
		require.LessOrEqual(t, utf8.RuneCountInString(message.Text), 4000, "fallback text")
	} else {
		require.NoError(t, blocks.CheckView(view))
	}
	requireConfirmsWithinLimits(t, encoded)
	requireImagesWithinLimits(t, encoded)
}

func TestCarryOnMessage_NamesChooser(t *testing.T) {
	t.Parallel()
	message := blocks.CarryOnMessage(blocks.PersonCard{UserID: "U0MENTOR1", Name: "Sam <Finance> & Co"})

	require.NoError(t, blocks.CheckMessage(message))
	require.Contains(t, message.Text, "Sam &lt;Finance&gt; &amp; Co would like to carry on")
}

func TestDirectMessageAnswer_WithinLimits(t *testing.T) {
	t.Parallel()
	for _, canContact := range []bool{true, false} {
		message := blocks.DirectMessageAnswer("/mentor", canContact)

		require.NoError(t, blocks.CheckMessage(message))
		require.Equal(t, canContact, strings.Contains(message.Text, "Contact the programme team"))
	}
}
