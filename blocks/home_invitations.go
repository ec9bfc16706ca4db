package blocks

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/domain"
)

// maxHomeInvitations is how many of a mentee's invitations the App Home
// lists.
const maxHomeInvitations = 5

// InvitationsBlocks builds the App Home's blocks about invitations. They
// are a Find a mentor button when the person may search, and the mentee's
// latest invitations with a Withdraw button on those in Considering. A
// mentor also gets a summary with the way into Review my mentees. It
// returns nil when there is nothing to show.
func InvitationsBlocks(model InvitationsHome) []slack.Block {
	var blocks []slack.Block
	if model.CanFind {
		blocks = append(blocks, actionsBlock("invitations_find",
			primaryButton(ActionFind, "", "Find a mentor")))
	}

	sent := model.Sent[:min(len(model.Sent), maxHomeInvitations)]
	if len(sent) > 0 {
		blocks = append(blocks, sectionWithID("invitations_sent", "*Your requests to mentors*"))
	}
	for position, entry := range sent {
		blocks = append(blocks, sentInvitationBlock(position, entry))
	}

	if model.RegisteredMentor || model.MentorConsidering > 0 || model.MentorOngoing > 0 {
		blocks = append(blocks, slack.NewSectionBlock(
			mrkdwn("*Your mentees*\n"+mentorSummary(model.MentorConsidering, model.MentorOngoing)),
			nil,
			slack.NewAccessory(button(ActionReviewMentees, "", "Review my mentees")),
			slack.SectionBlockOptionBlockID("invitations_mentor"),
		))
	}
	return blocks
}

// sentInvitationBlock returns a line such as "*Name* · Considering since 4
// December 2026", with a Withdraw button while the invitation is in
// Considering and a Finish mentoring button while it is Ongoing.
func sentInvitationBlock(position int, entry SentInvitation) slack.Block {
	invitation := entry.Invitation
	mentor := withUserID(entry.Mentor, invitation.Mentor.UserID)
	id := strconv.FormatInt(invitation.ID, 10)

	var accessory *slack.Accessory
	switch invitation.Status {
	case domain.StatusConsidering:
		withdraw := button(ActionWithdraw, id, "Withdraw").WithConfirm(confirmDialog(
			"Withdraw your request?",
			"Your request to "+plainName(mentor, "this mentor")+
				" will close, and they won't be able to accept it.",
			"Withdraw", "Keep it"))
		accessory = slack.NewAccessory(withdraw)
	case domain.StatusOngoing:
		// A section has room for one button: the DMs carry Message, so
		// the App Home offers the one action found nowhere else for a mentee.
		accessory = slack.NewAccessory(finishButton(id, plainName(mentor, "your mentor")))
	}

	text := capitalised(boldName(mentor)) + " · " + statusSince(invitation)
	return slack.NewSectionBlock(mrkdwn(truncate(text, maxSectionText)), nil, accessory,
		slack.SectionBlockOptionBlockID(fmt.Sprintf("invitations_sent_%d_%s", position, id)))
}

// mentorSummary returns a line such as "You have 2 requests to consider
// and 1 mentee."
func mentorSummary(considering, ongoing int) string {
	var parts []string
	switch {
	case considering == 1:
		parts = append(parts, "1 request to consider")
	case considering > 1:
		parts = append(parts, strconv.Itoa(considering)+" requests to consider")
	}
	switch {
	case ongoing == 1:
		parts = append(parts, "1 mentee")
	case ongoing > 1:
		parts = append(parts, strconv.Itoa(ongoing)+" mentees")
	}
	if len(parts) == 0 {
		return "You have no requests to consider and no mentees at the moment."
	}
	return "You have " + strings.Join(parts, " and ") + "."
}
