package blocks

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/domain"
)

// The DMs of an invitation's life. Each returns a Message whose Text is
// the fallback that notifications show. Text is escaped like the blocks,
// because Slack reads it as mrkdwn too.

// InvitationMessage builds the mentor's DM about an invitation. In
// Considering it shows the mentee's card and note with buttons to accept,
// decline, decline and pause, see details and send a message. In any other
// status it is the same DM updated in place: the answer buttons give way
// to a line with the status and its date, and an Ongoing relationship
// keeps Details and Message and gains Finish mentoring.
func InvitationMessage(model InvitationMessageModel) Message {
	invitation := model.Invitation
	mentee := withUserID(model.Mentee, invitation.Mentee.UserID)
	id := strconv.FormatInt(invitation.ID, 10)
	considering := invitation.Status == domain.StatusConsidering

	heading := capitalised(boldName(mentee)) + " would like you to be their mentor."
	text := capitalised(fallbackName(mentee, "A colleague")) + " would like you to be their mentor."
	if !considering {
		heading = capitalised(boldName(mentee)) + " asked you to be their mentor."
		text = capitalised(fallbackName(mentee, "A colleague")) + " asked you to be their mentor: " +
			statusSince(invitation) + "."
	}

	blocks := menteeMessageCard(heading, mentee, model.Profile)
	if note, ok := noteQuote(invitation.Note); ok {
		blocks = append(blocks, sectionWithID("invitation_note", "*Their note to you*\n"+note))
	}

	details := button(ActionInvitationDetails, id, "Details")
	message := messageButton(invitation.TeamID, mentee.UserID)
	switch invitation.Status {
	case domain.StatusConsidering:
		blocks = append(blocks, actionsBlock("invitation_answer",
			primaryButton(ActionAccept, id, "Accept"),
			button(ActionDecline, id, "Decline").WithConfirm(confirmDialog(
				"Decline this request?",
				plainName(mentee, "Your colleague")+" will get a kind message suggesting "+
					"they look for another mentor. You can't undo this.",
				"Decline", "Go back")),
			button(ActionDeclinePause, id, "Decline and pause new requests").
				WithConfirm(confirmDialog(
					"Decline and pause?",
					"This declines the request and hides you from search results until you say "+
						"you're available again, which you can do under My profile.",
					"Decline and pause", "Go back")),
			details,
			message,
		))
	case domain.StatusOngoing:
		blocks = append(blocks,
			statusContext("invitation_status", mentorStatusLine(invitation)),
			actionsBlock("invitation_ongoing",
				details,
				message,
				finishButton(id, plainName(mentee, "your mentee")),
			))
	default:
		blocks = append(blocks,
			statusContext("invitation_status", mentorStatusLine(invitation)),
			actionsBlock("invitation_closed", details))
	}
	return Message{Text: text, Blocks: blocks}
}

// menteeMessageCard returns a heading with the mentee's picture, job and
// the areas they want help with, then what they hope to get.
func menteeMessageCard(heading string, mentee PersonCard,
	profile *domain.MenteeProfile,
) []slack.Block {
	if profile == nil {
		return []slack.Block{
			cardHeading("invitation_mentee", mentee,
				heading+"\n_They haven't filled in a mentee profile yet._"),
		}
	}
	return []slack.Block{
		cardHeading("invitation_mentee", mentee, heading+"\n"+
			cardJobLine(profile.JobRole, profile.OrgArea)+
			"\n*Would like help with:* "+cardAreas(profile.Areas)),
		sectionWithID("invitation_hopes", "*What they hope to get from mentoring*\n"+
			cardText(profile.Hopes, maxLongText)),
	}
}

// mentorStatusLine returns the line that replaces the answer buttons on the
// mentor's DM once the invitation has left Considering. Only the mentor
// can accept, but the programme team can also decline or withdraw, so
// the other lines do not say who acted.
func mentorStatusLine(invitation domain.Invitation) string {
	var line string
	switch invitation.Status {
	case domain.StatusOngoing:
		line = withDate("✅ You accepted", invitation)
	case domain.StatusDeclined:
		line = withDate("Declined", invitation)
	case domain.StatusWithdrawn:
		line = withDate("This request was withdrawn", invitation)
	case domain.StatusFinished:
		line = withDate("Finished", invitation)
	default:
		line = statusSince(invitation)
	}
	if reason := strings.TrimSpace(invitation.Reason); reason != "" {
		line += "\nReason: " + EscapeWithin(oneLine(reason), maxReason)
	}
	return line
}

// withDate returns prefix followed by " on " and the date the invitation
// entered its status, or prefix alone when there is no such date.
func withDate(prefix string, invitation domain.Invitation) string {
	if at, ok := statusTime(invitation); ok {
		return prefix + " on " + dateOf(at)
	}
	return prefix
}

func statusContext(blockID, text string) slack.Block {
	return slack.NewContextBlock(blockID, mrkdwn(truncate(text, maxSectionText)))
}

// InvitationSentMessage builds the mentee's DM after asking a mentor: what
// happens next, and a button to withdraw the request while it is in
// Considering. In any other status the button gives way to the status and
// its date, so the DM can be updated in place.
func InvitationSentMessage(model InvitationSentModel) Message {
	invitation := model.Invitation
	mentor := withUserID(model.Mentor, invitation.Mentor.UserID)
	id := strconv.FormatInt(invitation.ID, 10)

	heading := "I've asked " + boldName(mentor) + " to be your mentor, and sent them your profile"
	note, hasNote := noteQuote(invitation.Note)
	if hasNote {
		heading += " and your note"
	}
	blocks := []slack.Block{cardHeading("sent_heading", mentor, heading+".")}
	if hasNote {
		blocks = append(blocks, sectionWithID("sent_note", "*Your note*\n"+note))
	}

	if invitation.Status != domain.StatusConsidering {
		blocks = append(blocks, statusContext("sent_status", "*Status:* "+statusSince(invitation)))
		return Message{
			Text: "Your request to " + fallbackName(mentor, "your mentor") + ": " +
				statusSince(invitation) + ".",
			Blocks: blocks,
		}
	}

	next := []string{
		"*What happens next*",
		"• " + answerTime(model.AnswerDays, boldName(mentor)),
		"• I'll message you here as soon as they answer.",
		"• If you change your mind before then, you can withdraw your request.",
	}
	blocks = append(blocks,
		sectionWithID("sent_next", strings.Join(next, "\n")),
		actionsBlock("sent_actions",
			button(ActionWithdraw, id, "Withdraw my request").WithConfirm(confirmDialog(
				"Withdraw your request?",
				"Your request to "+plainName(mentor, "this mentor")+
					" will close, and they won't be able to accept it.",
				"Withdraw", "Keep it")),
		),
	)
	return Message{
		Text: "I've asked " + fallbackName(mentor, "your mentor") +
			" to be your mentor. You'll hear from me as soon as they answer.",
		Blocks: blocks,
	}
}

// answerTime returns the sentence on how long mentors usually take to
// answer, with name as the mentor's name in mrkdwn.
func answerTime(days int, name string) string {
	switch {
	case days == 1:
		return "Mentors usually answer within a day. If " + name +
			" hasn't answered by then, I'll send them a reminder."
	case days > 1:
		return fmt.Sprintf("Mentors usually answer within %d days. If %s hasn't answered by then, "+
			"I'll send them a reminder.", days, name)
	default:
		return "Mentors usually answer within a few days, and I'll send " + name +
			" a reminder if they haven't."
	}
}

// StatusChangedMessage builds the DM that tells model.Recipient about a
// change the other person, or the programme team, made to the
// invitation: an acceptance, a decline, a withdrawal or the end of the
// mentoring.
func StatusChangedMessage(model StatusChangedModel) Message {
	invitation := model.Invitation
	otherKey := invitation.Mentor
	if model.Recipient == domain.PartyMentor {
		otherKey = invitation.Mentee
	}
	other := withUserID(model.Other, otherKey.UserID)
	name, plainOther := boldName(other), fallbackName(other, "The other person")
	message := messageButton(invitation.TeamID, other.UserID)
	find := primaryButton(ActionFind, "", "Find a mentor")
	toMentee := model.Recipient == domain.PartyMentee

	var lines []string
	var text string
	var actions []*slack.ButtonBlockElement
	switch {
	case invitation.Status == domain.StatusOngoing && toMentee:
		lines = []string{
			"🎉 " + name + " has accepted your request and will be your mentor!",
			"I've started a group conversation for the two of you, with a short guide to " +
				"your first meeting. Say hello there and agree when to meet.",
		}
		text = "🎉 " + plainOther + " has accepted your request and will be your mentor."
		actions = []*slack.ButtonBlockElement{message,
			finishButton(strconv.FormatInt(invitation.ID, 10), plainName(other, "your mentor"))}
	case invitation.Status == domain.StatusOngoing:
		lines = []string{"You're now mentoring " + name + "."}
		text = "You're now mentoring " + plainOther + "."
		actions = []*slack.ButtonBlockElement{message}
	case invitation.Status == domain.StatusDeclined && toMentee:
		lines = []string{
			name + " isn't able to take you on as a mentee just now.",
			"Mentors say no for all sorts of reasons, most often time, so please don't read " +
				"anything into it. Other mentors would be glad to help.",
		}
		text = plainOther + " isn't able to take you on as a mentee just now."
		actions = []*slack.ButtonBlockElement{find}
	case invitation.Status == domain.StatusDeclined:
		lines = []string{"The request from " + name + " has closed. Nothing more to do."}
		text = "The request from " + plainOther + " has closed."
	case invitation.Status == domain.StatusWithdrawn && toMentee:
		lines = []string{
			"Your request to " + name + " has been withdrawn.",
			"You can look for another mentor whenever you're ready.",
		}
		text = "Your request to " + plainOther + " has been withdrawn."
		actions = []*slack.ButtonBlockElement{find}
	case invitation.Status == domain.StatusWithdrawn:
		lines = []string{name + " has withdrawn their request. Nothing more to do."}
		text = plainOther + " has withdrawn their request."
	case invitation.Status == domain.StatusFinished && model.ByProgramme:
		lines = []string{
			"The programme team has ended your mentoring with " + name + ".",
			"Thank you for the time and care you've given it. If you have questions, " +
				"the programme team will be glad to talk them through.",
		}
		text = "The programme team has ended your mentoring with " + plainOther + "."
		actions = []*slack.ButtonBlockElement{message}
		if toMentee {
			lines = append(lines, "If you'd like another mentor, you can look for one at any time.")
			actions = append(actions, find)
		}
	case invitation.Status == domain.StatusFinished:
		lines = []string{
			"Your mentoring with " + name + " has finished.",
			"Thank you for the time and care you've given it. I hope it's been worthwhile.",
		}
		text = "Your mentoring with " + plainOther + " has finished. Thank you!"
		actions = []*slack.ButtonBlockElement{message}
		if toMentee {
			lines = append(lines, "If you'd like another mentor, you can look for one at any time.")
			actions = append(actions, find)
		}
	default:
		lines = []string{"Your request with " + name + " is now " + invitation.Status.Title() + "."}
		text = "Your request with " + plainOther + " is now " + invitation.Status.Title() + "."
	}

	blocks := []slack.Block{cardHeading("status_text", other, strings.Join(lines, "\n\n"))}
	if reason := strings.TrimSpace(invitation.Reason); reason != "" && !invitation.Status.Open() {
		reasonText := "Reason given: " + EscapeWithin(oneLine(reason), maxReason)
		blocks = append(blocks, statusContext("status_reason", reasonText))
	}
	if action := actionsBlock("status_actions", actions...); len(action.Elements.ElementSet) > 0 {
		blocks = append(blocks, action)
	}
	return Message{Text: text, Blocks: blocks}
}

// FirstMeetingMessage builds the welcome posted to the pair's group DM
// once a mentor accepts, followed by the sections of model.Guide. It
// names both people with mentions, which Slack shows as their names.
func FirstMeetingMessage(model FirstMeetingModel) Message {
	mentor, mentee := mentionName(model.Mentor), mentionName(model.Mentee)

	blocks := []slack.Block{sectionWithID("meeting_welcome", fmt.Sprintf(
		"👋 Welcome, %s and %s! %s has agreed to mentor %s, "+
			"and this conversation is for the two of you. "+
			"Here's a short guide to your first meeting.",
		mentee, mentor, mentor, mentee))}
	blocks = append(blocks, resourceSections(model.Guide)...)

	return Message{
		Text: fmt.Sprintf("Welcome, %s and %s! Here's a short guide to your first meeting.",
			mentee, mentor),
		Blocks: blocks,
	}
}

// mentionName returns a mention of the person, which Slack shows as their
// current name, or their escaped name in bold when the user id is not
// one.
func mentionName(card PersonCard) string {
	if card.Erased {
		return FormerMember
	}
	if mention, ok := mentionOf(card.UserID); ok {
		return mention
	}
	return boldName(card)
}

// WithdrawOthersMessage builds the DM that asks a mentee whose request was
// accepted whether to withdraw the requests still waiting for an answer.
// With nothing pending, it states that and has no button.
func WithdrawOthersMessage(model WithdrawOthersModel) Message {
	accepted := model.Accepted
	mentor := withUserID(model.Mentor, accepted.Mentor.UserID)

	if len(model.Pending) == 0 {
		text := "Now that " + fallbackName(mentor, "your mentor") +
			" has accepted, you have no other requests waiting, so there's nothing more to do."
		return Message{Text: text, Blocks: []slack.Block{sectionWithID("others_none",
			"Now that "+boldName(mentor)+" has accepted, you have no other requests waiting, "+
				"so there's nothing more to do.")}}
	}

	question := "Now that " + boldName(mentor) +
		" has accepted, would you like to withdraw your other requests?"
	waiting := "You're still waiting to hear from:\n" + nameList(model.Pending, maxLongText)
	return Message{
		Text: "Now that " + fallbackName(mentor, "your mentor") +
			" has accepted, would you like to withdraw your other requests?",
		Blocks: []slack.Block{
			sectionWithID("others_question", question),
			sectionWithID("others_pending", waiting),
			actionsBlock("others_actions", primaryButton(ActionWithdrawOthers,
				strconv.FormatInt(accepted.ID, 10), "Withdraw the others")),
			slack.NewContextBlock("others_keep",
				mrkdwn("If you'd rather keep them open, there's nothing to do.")),
		},
	}
}

// nameList returns the people as bullet points, as many as fit in max
// characters, and a last line that counts the rest.
func nameList(cards []PersonCard, max int) string {
	var lines []string
	length := 0
	for i, card := range cards {
		line := "• " + mentionName(card)
		// Leave room for the line that counts the rest.
		if length+utf8.RuneCountInString(line)+1 > max-40 {
			lines = append(lines, fmt.Sprintf("…and %d more", len(cards)-i))
			break
		}
		lines = append(lines, line)
		length += utf8.RuneCountInString(line) + 1
	}
	return strings.Join(lines, "\n")
}

// AvailabilityPromptMessage builds the DM that asks a mentor whose
// mentoring finished whether they are available to mentor someone new.
// Its buttons send ActionAvailableAgain with "true" or "false".
func AvailabilityPromptMessage(model AvailabilityPromptModel) Message {
	question := "Your mentoring with " + boldName(model.Mentee) + " has finished. " +
		"Are you available to mentor someone new?"
	return Message{
		Text: "Your mentoring with " + fallbackName(model.Mentee, "your mentee") +
			" has finished. Are you available to mentor someone new?",
		Blocks: []slack.Block{
			sectionWithID("availability_question", question),
			// Both buttons have the same action id, which Slack allows
			// only once per block.
			actionsBlock("availability_yes",
				primaryButton(ActionAvailableAgain, "true", "Yes, I am available to mentor")),
			actionsBlock("availability_no", button(ActionAvailableAgain, "false", "Not right now")),
			slack.NewContextBlock("availability_hint",
				mrkdwn("You can change this at any time under *My profile*.")),
		},
	}
}

// withUserID returns card with userID filled in when it has none. The
// card of an erased person keeps none, so it cannot mention or link to
// them.
func withUserID(card PersonCard, userID string) PersonCard {
	if card.Erased {
		card.UserID = ""
		return card
	}
	if card.UserID == "" {
		card.UserID = userID
	}
	return card
}
