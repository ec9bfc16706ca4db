package blocks

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/domain"
)

// The DMs that the scheduled sweeps send, and the two modals their buttons
// open. Like the invitation DMs, each message's Text is the fallback that
// notifications show, escaped because Slack reads it as mrkdwn too.

// Block ids of the nudge modals' inputs. A view_submission response with
// errors must name one of these.
const (
	BlockWeMetNote       = "note"
	BlockFeedbackRating  = "rating"
	BlockFeedbackComment = "comment"
)

// Action ids of the nudge modals' inputs. Inputs without dispatch_action
// send no block_actions, so no handler routes on these.
const (
	actionMeetingNote     = "nudge:meeting_note"
	actionFeedbackRating  = "nudge:rating"
	actionFeedbackComment = "nudge:comment"
)

// MaxMeetingNoteLength and MaxFeedbackCommentLength bound, in characters,
// the texts typed into WeMetNoteView and FeedbackView. Slack enforces an
// input's max_length in its clients only, so the handler must check again.
const (
	MaxMeetingNoteLength     = 500
	MaxFeedbackCommentLength = 1000
)

// maxSuggestions is how many mentors an expired request suggests.
const maxSuggestions = 3

// ratingLabels are the feedback ratings' labels, from 5 down to 1.
var ratingLabels = []string{"5 – Excellent", "4 – Good", "3 – All right", "2 – Not great", "1 – Poor"}

// InvitationReminderMessage builds a reminder to the mentor of an
// invitation still in Considering. It is the invitation DM with a heading
// that names which reminder this is, so the mentee's card, the note and
// the answer buttons are the same as there.
func InvitationReminderMessage(model InvitationReminderModel) Message {
	invitation := model.Invitation
	mentee := withUserID(model.Mentee, invitation.Mentee.UserID)

	opening := reminderOpening(model.Sequence)
	request := " asked you to be their mentor"
	if !invitation.CreatedAt.IsZero() {
		request += " on " + dateOf(invitation.CreatedAt)
	}
	heading := opening + boldName(mentee) + request + "."
	text := opening + fallbackName(mentee, "A colleague") + request + "."

	// InvitationMessage starts with the heading card, so the reminder
	// replaces that block and keeps the rest.
	invitationDM := InvitationMessage(InvitationMessageModel{
		Invitation: invitation, Mentee: mentee, Profile: model.Profile,
	})
	blocks := []slack.Block{menteeMessageCard(heading, mentee, model.Profile)[0]}
	blocks = append(blocks, invitationDM.Blocks[1:]...)
	if !model.ClosesAt.IsZero() {
		blocks = append(blocks, statusContext("reminder_closes",
			"If you haven't answered by "+dateOf(model.ClosesAt)+", the request will close."))
	}
	return Message{Text: text, Blocks: blocks}
}

// reminderOpening returns the words before the mentee's name, such as "A
// second reminder: ".
func reminderOpening(sequence int) string {
	switch sequence {
	case 0, 1:
		return "A reminder: "
	case 2:
		return "A second reminder: "
	case 3:
		return "A third reminder: "
	default:
		return "Another reminder: "
	}
}

// InvitationExpiredMessage builds the DM that tells one person that an
// invitation closed unanswered. The mentor learns that nothing is needed.
// The mentee gets a kind word, the reason, up to three suggested mentors
// with a button to ask each, and a button to find a mentor.
func InvitationExpiredMessage(model InvitationExpiredModel) Message {
	invitation := model.Invitation
	if model.Recipient != domain.PartyMentee {
		mentee := withUserID(model.Other, invitation.Mentee.UserID)
		closed := " has closed because " + unansweredIn(model.Days) + ". No action needed."
		return Message{
			Text:   "The request from " + fallbackName(mentee, "your colleague") + closed,
			Blocks: []slack.Block{sectionWithID("expired_text", "The request from "+boldName(mentee)+closed)},
		}
	}

	mentor := withUserID(model.Other, invitation.Mentor.UserID)
	closed := " has closed because " + unansweredIn(model.Days) + "."
	lines := []string{
		"Your request to " + boldName(mentor) + closed,
		"Mentors are often short of time, so please don't read anything into it. " +
			"Other mentors would be glad to help.",
	}
	reason := strings.TrimSpace(invitation.Reason)
	if reason == "" {
		reason = "no response"
	}
	blocks := []slack.Block{
		cardHeading("expired_text", mentor, strings.Join(lines, "\n\n")),
		statusContext("expired_reason", "Reason: "+EscapeWithin(oneLine(reason), maxReason)),
	}

	suggestions := model.Suggestions[:min(len(model.Suggestions), maxSuggestions)]
	if len(suggestions) > 0 {
		blocks = append(blocks, sectionWithID("expired_suggestions", "*Mentors you could ask next*"))
	}
	for position, match := range suggestions {
		blocks = append(blocks, suggestionBlocks(position, match, model.Cards)...)
	}
	blocks = append(blocks, actionsBlock("expired_actions", button(ActionFind, "", "Find a mentor")))

	return Message{
		Text:   "Your request to " + fallbackName(mentor, "your mentor") + closed,
		Blocks: blocks,
	}
}

// unansweredIn returns why an invitation expired, such as "it wasn't
// answered in 21 days".
func unansweredIn(days int) string {
	switch {
	case days == 1:
		return "it wasn't answered in a day"
	case days > 1:
		return fmt.Sprintf("it wasn't answered in %d days", days)
	default:
		return "it wasn't answered in time"
	}
}

// suggestionBlocks returns one suggested mentor: their name, job and
// first reason, with a button to ask them. position keeps the block ids
// unique.
func suggestionBlocks(position int, match domain.Match, cards map[string]PersonCard) []slack.Block {
	mentor := match.Mentor
	userID := mentor.Person.UserID
	card := mentorCard(mentor, cards[userID])

	lines := []string{boldName(card), cardJobLine(mentor.Profile.JobRole, mentor.Profile.OrgArea)}
	if len(match.Reasons) > 0 && strings.TrimSpace(match.Reasons[0]) != "" {
		reason := capitalise(oneLine(match.Reasons[0]))
		lines = append(lines, "_"+EscapeWithin(reason, maxReason)+"_")
	}

	id := strconv.Itoa(position)
	return []slack.Block{
		cardHeading("suggestion_"+id, card, strings.Join(lines, "\n")),
		actionsBlock("suggestion_actions_"+id, primaryButton(ActionAsk, userID, "Ask to be my mentor")),
	}
}

// RegistrationReminderMessage builds the DM that asks a person who
// stopped registering to carry on from model.Step. Its button opens that
// step for model.Role.
func RegistrationReminderMessage(model RegistrationReminderModel) Message {
	started := "You started registering as a " + roleNoun(model.Role)
	line := started + ", and you're nearly there."
	text := line
	if model.Step >= domain.StepLearning && model.Step < domain.StepDone {
		line = started + ", and the next step is the *" + stepName(model.Step) + "*."
		text = started + ", and the next step is the " + stepName(model.Step) + "."
	}

	return Message{
		Text: text,
		Blocks: []slack.Block{
			sectionWithID("registration_reminder", line),
			actionsBlock("registration_reminder_actions",
				primaryButton(ActionContinue, string(model.Role), "Carry on")),
			slack.NewContextBlock("registration_reminder_stop",
				mrkdwn("Not for you? You can ignore this, and I won't remind you about this step again.")),
		},
	}
}

// CheckInMessage builds the DM that asks one person of an Ongoing
// relationship how it is going, with buttons to record a meeting, with or
// without a note, and to message the other person.
func CheckInMessage(model CheckInModel) Message {
	invitation := model.Invitation
	other := otherPerson(invitation, model.Recipient, model.Other)
	id := strconv.FormatInt(invitation.ID, 10)

	lines := []string{
		"How is your mentoring with " + boldName(other) + " going?",
		"If you've met since I last asked, press *We met* so the meeting is recorded. " +
			"*Add a note* lets you say a few words about it too.",
	}
	return Message{
		Text: "How is your mentoring with " + fallbackName(other, "your colleague") + " going?",
		Blocks: []slack.Block{
			cardHeading("check_in_text", other, strings.Join(lines, "\n\n")),
			actionsBlock("check_in_actions",
				primaryButton(ActionWeMet, id, "We met"),
				button(ActionWeMetNote, id, "Add a note"),
				messageButton(invitation.TeamID, other.UserID),
			),
		},
	}
}

// WeMetNoteView builds the modal that records a meeting with an optional
// note, opened by ActionWeMetNote. ParseWeMetNote reads the note of its
// view_submission. The invitation id is in the private_metadata as
// WeMetMetadata.
func WeMetNoteView(model WeMetNoteModel) slack.ModalViewRequest {
	intro := "Glad you met " + boldName(model.Other) + ". " +
		"Saving records the meeting, with a note if you'd like to add one."

	note := slack.NewPlainTextInputBlockElement(
		plain("What you talked about, or what you agreed to do next"), actionMeetingNote)
	note.Multiline = true
	note.MaxLength = MaxMeetingNoteLength
	input := slack.NewInputBlock(BlockWeMetNote, plain("A note about the meeting"),
		plain("A line or two is plenty. You can leave this empty."), note)
	input.Optional = true

	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      CallbackWeMet,
		Title:           plain("We met"),
		Submit:          plain("Save"),
		Close:           plain("Cancel"),
		Blocks:          slack.Blocks{BlockSet: []slack.Block{sectionWithID("we_met_intro", intro), input}},
		PrivateMetadata: EncodeMetadata(WeMetMetadata{InvitationID: model.Invitation.ID}),
	}
}

// ParseWeMetNote returns the trimmed note of a submitted WeMetNoteView, or
// "" when the input is missing, null or blank. The caller must check its
// length against MaxMeetingNoteLength.
func ParseWeMetNote(values map[string]map[string]slack.BlockAction) string {
	return textValue(values, BlockWeMetNote, actionMeetingNote)
}

// ReviewPromptMessage builds the DM that asks one person of an Ongoing
// relationship to look back with the other and decide whether to carry on
// or finish.
func ReviewPromptMessage(model ReviewPromptModel) Message {
	invitation := model.Invitation
	other := otherPerson(invitation, model.Recipient, model.Other)
	id := strconv.FormatInt(invitation.ID, 10)
	since := "You and " + boldName(other) + " have been mentoring for " + monthsText(model.Months) + "."

	lines := []string{
		since + " Time to look back together: is it still helping?",
		"Talk it over at your next meeting. If it's still helping, choose *Carry on*. " +
			"If you've got what you came for, finishing is a good outcome too.",
	}
	return Message{
		Text: "You and " + fallbackName(other, "your colleague") + " have been mentoring for " +
			monthsText(model.Months) + ". Time to look back together: is it still helping?",
		Blocks: []slack.Block{
			cardHeading("review_prompt_text", other, strings.Join(lines, "\n\n")),
			actionsBlock(BlockReviewPromptActions,
				primaryButton(ActionContinueMentoring, id, "Carry on"),
				finishButton(id, plainName(other, "the other person")),
				messageButton(invitation.TeamID, other.UserID),
			),
		},
	}
}

// monthsText returns a number of months in words, such as "six months".
func monthsText(months int) string {
	words := []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
		"ten", "eleven", "twelve"}
	switch {
	case months <= 0:
		return "six months"
	case months == 1:
		return "one month"
	case months <= len(words):
		return words[months-1] + " months"
	default:
		return strconv.Itoa(months) + " months"
	}
}

// InactiveMessage builds the DM that tells one person of an Ongoing
// relationship that no meeting has been recorded for a long time, with
// buttons to record one or to finish the mentoring.
func InactiveMessage(model InactiveModel) Message {
	invitation := model.Invitation
	other := otherPerson(invitation, model.Recipient, model.Other)
	id := strconv.FormatInt(invitation.ID, 10)

	since := "It's been a while since a meeting with "
	if model.Days > 0 {
		since = fmt.Sprintf("It's been %d days since a meeting with ", model.Days)
	}
	lines := []string{
		since + boldName(other) + " was recorded.",
		"If you've met, press *We met* so it's recorded. " +
			"If the mentoring has run its course, you can finish it here.",
	}
	return Message{
		Text: since + fallbackName(other, "your colleague") + " was recorded.",
		Blocks: []slack.Block{
			cardHeading("inactive_text", other, strings.Join(lines, "\n\n")),
			actionsBlock("inactive_actions",
				primaryButton(ActionWeMet, id, "We met"),
				finishButton(id, plainName(other, "the other person")),
			),
		},
	}
}

// FeedbackRequestMessage builds the DM that asks one person of a finished
// relationship for feedback. Its button opens FeedbackView.
func FeedbackRequestMessage(model FeedbackRequestModel) Message {
	invitation := model.Invitation
	other := otherPerson(invitation, model.Recipient, model.Other)
	id := strconv.FormatInt(invitation.ID, 10)

	lines := []string{
		"Your mentoring with " + boldName(other) + " has finished. How did it go?",
		"A rating and a few words take a minute, and help the programme team make mentoring better.",
	}
	return Message{
		Text: "Your mentoring with " + fallbackName(other, "your colleague") +
			" has finished. How did it go?",
		Blocks: []slack.Block{
			cardHeading("feedback_request_text", other, strings.Join(lines, "\n\n")),
			actionsBlock("feedback_request_actions",
				primaryButton(ActionGiveFeedback, id, "Give feedback")),
		},
	}
}

// FeedbackView builds the feedback form about a finished relationship: a
// required rating from 1 to 5 and an optional comment. ParseFeedback reads
// its view_submission. The invitation id is in the private_metadata as
// FeedbackMetadata.
func FeedbackView(model FeedbackModel) slack.ModalViewRequest {
	intro := "How was your mentoring with " + boldName(model.Other) + "?"

	options := make([]*slack.OptionBlockObject, len(ratingLabels))
	for i, label := range ratingLabels {
		value := strconv.Itoa(len(ratingLabels) - i)
		options[i] = slack.NewOptionBlockObject(value, plain(label), nil)
	}
	rating := slack.NewRadioButtonsBlockElement(actionFeedbackRating, options...)
	ratingInput := slack.NewInputBlock(BlockFeedbackRating, plain("Overall, how was it?"), nil, rating)

	comment := slack.NewPlainTextInputBlockElement(
		plain("What went well, and what could have been better"), actionFeedbackComment)
	comment.Multiline = true
	comment.MaxLength = MaxFeedbackCommentLength
	commentInput := slack.NewInputBlock(BlockFeedbackComment, plain("Anything you'd like to add?"),
		plain("You can leave this empty."), comment)
	commentInput.Optional = true

	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		CallbackID: CallbackFeedback,
		Title:      plain("Feedback"),
		Submit:     plain("Send"),
		Close:      plain("Cancel"),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			sectionWithID("feedback_intro", intro), ratingInput, commentInput,
		}},
		PrivateMetadata: EncodeMetadata(FeedbackMetadata{InvitationID: model.Invitation.ID}),
	}
}

// ParseFeedback returns the rating and the trimmed comment of a submitted
// FeedbackView. It returns false, with no rating or comment, when the
// rating is missing, null, not a whole number or not from 1 to 5. The
// caller must check the comment's length against MaxFeedbackCommentLength.
func ParseFeedback(values map[string]map[string]slack.BlockAction) (rating int, comment string, ok bool) {
	value := selectedValue(values, BlockFeedbackRating, actionFeedbackRating)
	rating, err := strconv.Atoi(value)
	if err != nil || rating < 1 || rating > len(ratingLabels) {
		return 0, "", false
	}
	return rating, textValue(values, BlockFeedbackComment, actionFeedbackComment), true
}

// otherPerson returns the card of the person on the other side of the
// invitation from recipient, with their user id filled in when missing.
func otherPerson(invitation domain.Invitation, recipient domain.Party, card PersonCard) PersonCard {
	if recipient == domain.PartyMentor {
		return withUserID(card, invitation.Mentee.UserID)
	}
	return withUserID(card, invitation.Mentor.UserID)
}

// CarryOnMessage builds the DM that tells one person of a relationship
// that the other, chooser, chose to carry on after the review prompt.
func CarryOnMessage(chooser PersonCard) Message {
	text := boldName(chooser) + " would like to carry on your mentoring after the review. " +
		"If you'd like to as well, there's nothing more to do. If not, you can finish it from your review message."
	return Message{
		Text:   fallbackName(chooser, "The other person") + " would like to carry on your mentoring after the review.",
		Blocks: []slack.Block{cardHeading("carry_on_text", chooser, text)},
	}
}
