package blocks_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

func TestInvitationMessages_Golden(t *testing.T) {
	t.Parallel()
	declined := testInvitation(domain.StatusDeclined)
	declined.Reason = "no response"
	noNote := testInvitation(domain.StatusConsidering)
	noNote.Note = ""

	messages := map[string]blocks.Message{
		"invitation_considering.json": blocks.InvitationMessage(blocks.InvitationMessageModel{
			Invitation: testInvitation(domain.StatusConsidering), Mentee: menteePerson(), Profile: testMentee(),
		}),
		"invitation_no_profile.json": blocks.InvitationMessage(blocks.InvitationMessageModel{
			Invitation: noNote, Mentee: blocks.PersonCard{},
		}),
		"invitation_ongoing.json": blocks.InvitationMessage(blocks.InvitationMessageModel{
			Invitation: testInvitation(domain.StatusOngoing), Mentee: menteePerson(), Profile: testMentee(),
		}),
		"invitation_declined.json": blocks.InvitationMessage(blocks.InvitationMessageModel{
			Invitation: declined, Mentee: menteePerson(), Profile: testMentee(),
		}),
		"invitation_withdrawn.json": blocks.InvitationMessage(blocks.InvitationMessageModel{
			Invitation: testInvitation(domain.StatusWithdrawn), Mentee: menteePerson(), Profile: testMentee(),
		}),
		"invitation_finished.json": blocks.InvitationMessage(blocks.InvitationMessageModel{
			Invitation: testInvitation(domain.StatusFinished), Mentee: menteePerson(), Profile: testMentee(),
		}),
		"invitation_sent.json": blocks.InvitationSentMessage(blocks.InvitationSentModel{
			Invitation: testInvitation(domain.StatusConsidering), Mentor: mentorPerson(), AnswerDays: 5,
		}),
		"invitation_sent_no_note.json": blocks.InvitationSentMessage(blocks.InvitationSentModel{
			Invitation: noNote, Mentor: mentorPerson(),
		}),
		"invitation_sent_withdrawn.json": blocks.InvitationSentMessage(blocks.InvitationSentModel{
			Invitation: testInvitation(domain.StatusWithdrawn), Mentor: mentorPerson(), AnswerDays: 5,
		}),
		"status_accepted.json": blocks.StatusChangedMessage(blocks.StatusChangedModel{
			Invitation: testInvitation(domain.StatusOngoing), Recipient: domain.PartyMentee, Other: mentorPerson(),
		}),
		"status_declined.json": blocks.StatusChangedMessage(blocks.StatusChangedModel{
			Invitation: declined, Recipient: domain.PartyMentee, Other: mentorPerson(),
		}),
		"status_declined_mentor.json": blocks.StatusChangedMessage(blocks.StatusChangedModel{
			Invitation: declined, Recipient: domain.PartyMentor, Other: menteePerson(),
		}),
		"status_withdrawn.json": blocks.StatusChangedMessage(blocks.StatusChangedModel{
			Invitation: testInvitation(domain.StatusWithdrawn), Recipient: domain.PartyMentor, Other: menteePerson(),
		}),
		"status_withdrawn_mentee.json": blocks.StatusChangedMessage(blocks.StatusChangedModel{
			Invitation: testInvitation(domain.StatusWithdrawn), Recipient: domain.PartyMentee, Other: mentorPerson(),
		}),
		"status_finished_mentor.json": blocks.StatusChangedMessage(blocks.StatusChangedModel{
			Invitation: testInvitation(domain.StatusFinished), Recipient: domain.PartyMentor, Other: menteePerson(),
		}),
		"status_finished_mentee.json": blocks.StatusChangedMessage(blocks.StatusChangedModel{
			Invitation: testInvitation(domain.StatusFinished), Recipient: domain.PartyMentee, Other: mentorPerson(),
		}),
		"status_considering.json": blocks.StatusChangedMessage(blocks.StatusChangedModel{
			Invitation: testInvitation(domain.StatusConsidering), Recipient: domain.PartyMentee, Other: mentorPerson(),
		}),
		"first_meeting.json": blocks.FirstMeetingMessage(blocks.FirstMeetingModel{
			Mentor: mentorPerson(), Mentee: menteePerson(), Guide: firstMeetingGuide(t),
		}),
		"withdraw_others.json": blocks.WithdrawOthersMessage(blocks.WithdrawOthersModel{
			Accepted: testInvitation(domain.StatusOngoing), Mentor: mentorPerson(),
			Pending: []blocks.PersonCard{{UserID: "U0PRIYA", Name: "Priya Shah"}, {UserID: "U0JO", Name: "Jo Brown"}},
		}),
		"availability_prompt.json": blocks.AvailabilityPromptMessage(blocks.AvailabilityPromptModel{
			Mentee: menteePerson(),
		}),
		"party_left_request_mentee.json": blocks.PartyLeftMessage(blocks.PartyLeftModel{
			Invitation: testInvitation(domain.StatusDeclined), Recipient: domain.PartyMentee, Other: mentorPerson(),
		}),
		"party_left_request_mentor.json": blocks.PartyLeftMessage(blocks.PartyLeftModel{
			Invitation: testInvitation(domain.StatusWithdrawn), Recipient: domain.PartyMentor, Other: menteePerson(),
		}),
		"party_left_finished_mentee.json": blocks.PartyLeftMessage(blocks.PartyLeftModel{
			Invitation: testInvitation(domain.StatusFinished), Recipient: domain.PartyMentee, Other: mentorPerson(),
		}),
		"party_left_finished_mentor.json": blocks.PartyLeftMessage(blocks.PartyLeftModel{
			Invitation: testInvitation(domain.StatusFinished), Recipient: domain.PartyMentor, Other: menteePerson(),
		}),
	}
	for name, message := range messages {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			encoded, err := json.Marshal(message)
			require.NoError(t, err)

			require.NoError(t, blocks.CheckMessage(message))
			require.NoError(t, blocks.CheckFallbackText(encoded))
			requireGolden(t, name, message)
		})
	}
}

func TestInvitationMessage_ButtonsByStatus(t *testing.T) {
	t.Parallel()

	for status, want := range map[domain.Status][]string{
		domain.StatusConsidering: {blocks.ActionAccept, blocks.ActionDecline, blocks.ActionDeclinePause,
			blocks.ActionInvitationDetails, blocks.ActionMessage},
		domain.StatusOngoing:   {blocks.ActionInvitationDetails, blocks.ActionMessage, blocks.ActionFinish},
		domain.StatusDeclined:  {blocks.ActionInvitationDetails},
		domain.StatusWithdrawn: {blocks.ActionInvitationDetails},
		domain.StatusFinished:  {blocks.ActionInvitationDetails},
	} {
		t.Run(string(status), func(t *testing.T) {
			t.Parallel()

			message := blocks.InvitationMessage(blocks.InvitationMessageModel{
				Invitation: testInvitation(status), Mentee: menteePerson(), Profile: testMentee(),
			})

			require.Equal(t, want, actionIDsOf(t, message))
		})
	}
}

func TestInvitationMessage_ButtonValues(t *testing.T) {
	t.Parallel()

	message := blocks.InvitationMessage(blocks.InvitationMessageModel{
		Invitation: testInvitation(domain.StatusConsidering), Mentee: menteePerson(),
	})

	require.Equal(t, []string{"Accept=42"}, buttonsOf(message.Blocks, blocks.ActionAccept))
	require.Equal(t, []string{"Decline=42"}, buttonsOf(message.Blocks, blocks.ActionDecline))
	require.Equal(t, []string{"Details=42"}, buttonsOf(message.Blocks, blocks.ActionInvitationDetails))
	encoded, err := json.Marshal(message)
	require.NoError(t, err)
	require.Contains(t, string(encoded), `"url":"slack://user?team=T0TEAM\u0026id=U0MENTEE"`)
}

func TestStatusChangedMessage_Actions(t *testing.T) {
	t.Parallel()

	for name, tc := range map[string]struct {
		status    domain.Status
		recipient domain.Party
		want      []string
	}{
		"AcceptedToMentee":  {domain.StatusOngoing, domain.PartyMentee, []string{blocks.ActionMessage, blocks.ActionFinish}},
		"DeclinedToMentee":  {domain.StatusDeclined, domain.PartyMentee, []string{blocks.ActionFind}},
		"DeclinedToMentor":  {domain.StatusDeclined, domain.PartyMentor, nil},
		"WithdrawnToMentor": {domain.StatusWithdrawn, domain.PartyMentor, nil},
		"WithdrawnToMentee": {domain.StatusWithdrawn, domain.PartyMentee, []string{blocks.ActionFind}},
		"FinishedToMentor":  {domain.StatusFinished, domain.PartyMentor, []string{blocks.ActionMessage}},
		"FinishedToMentee":  {domain.StatusFinished, domain.PartyMentee, []string{blocks.ActionMessage, blocks.ActionFind}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			message := blocks.StatusChangedMessage(blocks.StatusChangedModel{
				Invitation: testInvitation(tc.status), Recipient: tc.recipient, Other: mentorPerson(),
			})

			require.Equal(t, tc.want, actionIDsOf(t, message))
			require.NoError(t, blocks.CheckMessage(message))
		})
	}
}

func TestStatusChangedMessage_LinksOtherPerson(t *testing.T) {
	t.Parallel()

	toMentor := blocks.StatusChangedMessage(blocks.StatusChangedModel{
		Invitation: testInvitation(domain.StatusFinished), Recipient: domain.PartyMentor,
		Other: blocks.PersonCard{Name: "Alex"},
	})
	toMentee := blocks.StatusChangedMessage(blocks.StatusChangedModel{
		Invitation: testInvitation(domain.StatusFinished), Recipient: domain.PartyMentee,
		Other: blocks.PersonCard{Name: "Sam"},
	})

	require.Contains(t, encodedMessage(t, toMentor), "id=U0MENTEE")
	require.Contains(t, encodedMessage(t, toMentee), "id=U0MENTOR")
}

func TestStatusChangedMessage_ReasonShown(t *testing.T) {
	t.Parallel()
	declined := testInvitation(domain.StatusDeclined)
	declined.Reason = "Away <until> June & busy"

	message := blocks.StatusChangedMessage(blocks.StatusChangedModel{
		Invitation: declined, Recipient: domain.PartyMentee, Other: mentorPerson(),
	})

	require.Contains(t, encodedMessage(t, message), "Away \\u0026lt;until\\u0026gt; June \\u0026amp; busy")
}

func TestFirstMeetingMessage_MentionsBoth(t *testing.T) {
	t.Parallel()

	message := blocks.FirstMeetingMessage(blocks.FirstMeetingModel{
		Mentor: mentorPerson(), Mentee: menteePerson(), Guide: firstMeetingGuide(t),
	})

	require.Contains(t, message.Text, "<@U0MENTEE>")
	require.Contains(t, message.Text, "<@U0MENTOR>")
	require.NotContains(t, encodedMessage(t, message), "Sam", "mentions show the names")
	for _, topic := range []string{"an hour a month for six months", "objectives", "can offer",
		"confidentiality", "end", "mentoring agreement"} {
		require.Contains(t, encodedMessage(t, message), topic)
	}
}

func TestWithdrawOthersMessage_ListsPending(t *testing.T) {
	t.Parallel()

	message := blocks.WithdrawOthersMessage(blocks.WithdrawOthersModel{
		Accepted: testInvitation(domain.StatusOngoing), Mentor: mentorPerson(),
		Pending: []blocks.PersonCard{{UserID: "U0PRIYA"}, {Name: "Jo <Brown>"}},
	})

	require.Equal(t, []string{"Withdraw the others=42"}, buttonsOf(message.Blocks, blocks.ActionWithdrawOthers))
	require.Contains(t, encodedMessage(t, message), "• \\u003c@U0PRIYA\\u003e")
	require.Contains(t, encodedMessage(t, message), "• *Jo \\u0026lt;Brown\\u0026gt;*")
}

func TestWithdrawOthersMessage_ManyPendingCounted(t *testing.T) {
	t.Parallel()
	pending := make([]blocks.PersonCard, 100)
	for i := range pending {
		pending[i] = blocks.PersonCard{Name: strings.Repeat("<", 80)}
	}

	message := blocks.WithdrawOthersMessage(blocks.WithdrawOthersModel{
		Accepted: testInvitation(domain.StatusOngoing), Mentor: mentorPerson(), Pending: pending,
	})

	require.NoError(t, blocks.CheckMessage(message))
	require.Regexp(t, `…and \d+ more`, encodedMessage(t, message))
}

func TestAvailabilityPromptMessage_Values(t *testing.T) {
	t.Parallel()

	message := blocks.AvailabilityPromptMessage(blocks.AvailabilityPromptModel{Mentee: menteePerson()})

	require.Equal(t, []string{"Yes, I am available to mentor=true", "Not right now=false"},
		buttonsOf(message.Blocks, blocks.ActionAvailableAgain))
}

func TestInvitationSentMessage_AnswerDays(t *testing.T) {
	t.Parallel()

	for days, want := range map[int]string{
		0: "within a few days",
		1: "within a day.",
		5: "within 5 days.",
	} {
		message := blocks.InvitationSentMessage(blocks.InvitationSentModel{
			Invitation: testInvitation(domain.StatusConsidering), Mentor: mentorPerson(), AnswerDays: days,
		})
		require.Contains(t, encodedMessage(t, message), want, days)
	}
}

// actionIDsOf returns the action_id of every button in the message, in
// order.
func actionIDsOf(t *testing.T, message blocks.Message) []string {
	t.Helper()
	var root any
	require.NoError(t, json.Unmarshal([]byte(encodedMessage(t, message)), &root))

	var ids []string
	var walk func(value any)
	walk = func(value any) {
		switch node := value.(type) {
		case map[string]any:
			if node["type"] == "button" {
				id, _ := node["action_id"].(string)
				ids = append(ids, id)
			}
			for _, key := range []string{"blocks", "elements", "accessory"} {
				walk(node[key])
			}
		case []any:
			for _, item := range node {
				walk(item)
			}
		}
	}
	walk(root)
	return ids
}

func encodedMessage(t *testing.T, message blocks.Message) string {
	t.Helper()
	encoded, err := json.Marshal(message)
	require.NoError(t, err)
	return string(encoded)
}
