package blocks

import (
	"strings"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/domain"
)

// PartyLeftModel is the DM that tells one person that an invitation or
// relationship closed because the other person left: their Slack account
// was deactivated, or they erased their data and left the programme, as
// the invitation's Reason tells.
type PartyLeftModel struct {
	Invitation domain.Invitation
	// Recipient is the party who receives the message.
	Recipient domain.Party
	// Other is the person who left.
	Other PersonCard
}

// PartyLeftMessage builds the DM of model. A mentee is offered the search
// for another mentor. A person who erased their data is named
// FormerMember, so a request names the date it was sent as well.
func PartyLeftMessage(model PartyLeftModel) Message {
	invitation := model.Invitation
	toMentee := model.Recipient == domain.PartyMentee
	otherKey := invitation.Mentee
	if toMentee {
		otherKey = invitation.Mentor
	}
	other := withUserID(model.Other, otherKey.UserID)
	name, plainOther := boldName(other), fallbackName(other, "The other person")
	because := ", because their Slack account is no longer active."
	sent := ""
	if invitation.Reason == domain.ErasureReason {
		because = " because they've left the mentoring programme."
		if !invitation.CreatedAt.IsZero() {
			sent = ", sent on " + dateOf(invitation.CreatedAt) + ","
		}
	}

	var opening, plainOpening, closing string
	switch {
	case invitation.Status == domain.StatusFinished:
		opening = "Your mentoring with " + name + " has ended" + because
		plainOpening = "Your mentoring with " + plainOther + " has ended" + because
		closing = "Thank you for the time and care you've given it."
		if toMentee {
			closing += " If you'd like another mentor, you can look for one at any time."
		}
	case toMentee:
		opening = "Your request to " + name + sent + " has closed" + because
		plainOpening = "Your request to " + plainOther + sent + " has closed" + because
		closing = "Other mentors would be glad to help."
	default:
		opening = "The request from " + name + sent + " has closed" + because
		plainOpening = "The request from " + plainOther + sent + " has closed" + because
		closing = "Nothing more to do."
	}

	blocks := []slack.Block{cardHeading("left_text", other, strings.Join([]string{opening, closing}, "\n\n"))}
	if toMentee {
		blocks = append(blocks, actionsBlock("left_actions", primaryButton(ActionFind, "", "Find a mentor")))
	}
	return Message{Text: plainOpening, Blocks: blocks}
}
