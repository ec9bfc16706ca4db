package blocks_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

func TestErasureViews_Golden(t *testing.T) {
	t.Parallel()

	for name, view := range map[string]any{
		"erasure_confirm.json": blocks.ErasureView("/mentor"),
		"erasure_done.json":    blocks.ErasureDoneView(),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			require.NoError(t, blocks.CheckView(view))
			requireGolden(t, name, view)
		})
	}
}

func TestPartyLeftMessage_ErasedGolden(t *testing.T) {
	t.Parallel()
	erased := blocks.PersonCard{Erased: true}
	closed := func(status domain.Status) domain.Invitation {
		invitation := testInvitation(status)
		invitation.Reason = domain.ErasureReason
		return invitation
	}

	for name, message := range map[string]blocks.Message{
		"party_left_erased_request_mentee.json": blocks.PartyLeftMessage(blocks.PartyLeftModel{
			Invitation: closed(domain.StatusDeclined), Recipient: domain.PartyMentee, Other: erased,
		}),
		"party_left_erased_request_mentor.json": blocks.PartyLeftMessage(blocks.PartyLeftModel{
			Invitation: closed(domain.StatusWithdrawn), Recipient: domain.PartyMentor, Other: erased,
		}),
		"party_left_erased_finished_mentor.json": blocks.PartyLeftMessage(blocks.PartyLeftModel{
			Invitation: closed(domain.StatusFinished), Recipient: domain.PartyMentor, Other: erased,
		}),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			encoded, err := json.Marshal(message)
			require.NoError(t, err)

			require.NoError(t, blocks.CheckMessage(message))
			require.NoError(t, blocks.CheckFallbackText(encoded))
			assert.Contains(t, message.Text, blocks.FormerMember)
			assert.Contains(t, message.Text, "left the mentoring programme")
			assert.NotContains(t, string(encoded), "<@", "no mention of the person who left")
			requireGolden(t, name, message)
		})
	}
}

// TestErasedCard_NoMentionOrPicture builds the views that name the other
// person of an invitation with an erased person's card, which still has the
// user id and picture that a lookup returned, and checks that neither shows.
func TestErasedCard_NoMentionOrPicture(t *testing.T) {
	t.Parallel()
	erased := blocks.PersonCard{UserID: "U0MENTEE", Name: "Alex Example",
		ImageURL: "https://avatars.example/alex_192.png", Erased: true}
	ongoing := testInvitation(domain.StatusOngoing)
	finished := testInvitation(domain.StatusFinished)
	finished.Note = ""

	for name, built := range map[string]any{
		"invitation DM": blocks.InvitationMessage(blocks.InvitationMessageModel{
			Invitation: finished, Mentee: erased,
		}),
		"review": blocks.ReviewView(blocks.ReviewModel{
			Entries: []blocks.ReviewEntry{{Invitation: ongoing, Mentee: erased}}, Total: 1,
		}),
		"sent on the App Home": blocks.InvitationsBlocks(blocks.InvitationsHome{
			Sent: []blocks.SentInvitation{{Invitation: finished, Mentor: erased}},
		}),
		"person card": blocks.PersonCardView(blocks.PersonCardModel{Card: erased, Invitation: finished}),
		"status DM": blocks.StatusChangedMessage(blocks.StatusChangedModel{
			Invitation: finished, Recipient: domain.PartyMentor, Other: erased,
		}),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			encoded, err := json.Marshal(built)
			require.NoError(t, err)
			text := string(encoded)

			assert.Contains(t, text, "ormer member")
			assert.NotContains(t, text, "U0MENTEE", "no mention or Message link")
			assert.NotContains(t, text, "Alex Example")
			assert.NotContains(t, text, "avatars.example")
		})
	}
}
