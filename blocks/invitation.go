package blocks

import (
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/domain"
)

// Block and action ids of the note modal's only input. A view_submission
// response with errors must name BlockInviteNote.
const (
	BlockInviteNote  = "note"
	actionInviteNote = "invite:note"
)

// Lengths, in characters, to which cards cut what people typed or chose.
// Escaping can make text up to five times longer, so these budgets apply
// to the escaped text and keep each section below Slack's 3,000.
const (
	maxNameLength = 80
	maxJobLine    = 400
	maxAreaLine   = 800
	maxLongText   = 2800
	maxReason     = 400
)

// Slack's limits on an image element's image_url and on a confirm
// dialog's title, text and buttons, which CheckView does not cover.
const (
	maxPictureURL    = 3000
	maxConfirmTitle  = 100
	maxConfirmText   = 300
	maxConfirmButton = 30
)

// InviteView builds the modal in which a mentee writes an optional note to
// the mentor in model before sending the invitation. Submitting it sends a
// view_submission whose note ParseInviteNote reads. The mentor's user id
// is in the private_metadata as InviteMetadata.
func InviteView(model InviteModel) slack.ModalViewRequest {
	intro := "You're asking " + boldName(model.Mentor) + " to be your mentor. " +
		"They'll get a message with your profile and this note."

	note := slack.NewPlainTextInputBlockElement(
		plain("What you hope to work on, and why you'd like them as your mentor"), actionInviteNote)
	note.Multiline = true
	note.MaxLength = domain.MaxNoteLength

	// NOTE: Slack's reference pages do not say so, but its clients show
	// "(optional)" after an optional input's label, so the label leaves it
	// out.
	label := plain("A note to " + plainName(model.Mentor, "your mentor"))
	hint := plain("A few lines are plenty. You can leave this empty.")
	input := slack.NewInputBlock(BlockInviteNote, label, hint, note)
	input.Optional = true

	blocks := []slack.Block{sectionWithID("invite_intro", intro), input}
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      CallbackInvite,
		Title:           plain("Ask a mentor"),
		Submit:          plain("Send"),
		Close:           plain("Cancel"),
		Blocks:          slack.Blocks{BlockSet: blocks},
		PrivateMetadata: EncodeMetadata(InviteMetadata{MentorID: model.Mentor.UserID}),
	}
}

// ParseInviteNote returns the trimmed note of a submitted InviteView, or ""
// when the input is missing, null or blank. Slack enforces the input's
// max_length in its clients only, so the caller must still check the
// length against domain.MaxNoteLength.
func ParseInviteNote(values map[string]map[string]slack.BlockAction) string {
	return textValue(values, BlockInviteNote, actionInviteNote)
}

// PersonCardView builds the Details modal of an invitation's other person:
// their name and picture, their mentee or mentor profile, the mentee's
// note, and the invitation's status with its dates.
func PersonCardView(model PersonCardModel) slack.ModalViewRequest {
	blocks := []slack.Block{cardHeading("person_name", model.Card, capitalised(boldName(model.Card)))}

	if model.Mentee != nil {
		blocks = append(blocks, menteeCardBlocks("person_mentee", *model.Mentee)...)
	}
	if model.Mentor != nil {
		blocks = append(blocks, mentorCardBlocks("person_mentor", *model.Mentor,
			capacityLine(model.Mentor.Capacity))...)
	}
	if model.Mentee == nil && model.Mentor == nil {
		blocks = append(blocks, sectionWithID("person_profile", "_No profile to show._"))
	}

	if note, ok := noteQuote(model.Invitation.Note); ok {
		blocks = append(blocks, sectionWithID("person_note", "*Note with the request*\n"+note))
	}
	blocks = append(blocks,
		slack.NewDividerBlock(),
		sectionWithID("person_status", "*Status:* "+model.Invitation.Status.Title()+
			"\n"+invitationDates(model.Invitation)),
	)

	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		CallbackID: CallbackPersonCard,
		Title:      plain("Details"),
		Close:      plain("Close"),
		Blocks:     slack.Blocks{BlockSet: blocks},
	}
}

// cardHeading returns a section with text and the person's picture beside
// it when there is one.
func cardHeading(blockID string, card PersonCard, text string) slack.Block {
	return slack.NewSectionBlock(mrkdwn(truncate(text, maxSectionText)), nil, picture(card),
		slack.SectionBlockOptionBlockID(blockID))
}

// menteeCardBlocks returns a mentee's job, the areas they want help with
// and what they hope to get from mentoring.
func menteeCardBlocks(blockID string, profile domain.MenteeProfile) []slack.Block {
	return []slack.Block{
		sectionWithID(blockID+"_details", cardJobLine(profile.JobRole, profile.OrgArea)+
			"\n*Would like help with:* "+cardAreas(profile.Areas)),
		sectionWithID(blockID+"_hopes", "*What they hope to get from mentoring*\n"+
			cardText(profile.Hopes, maxLongText)),
	}
}

// mentorCardBlocks returns a mentor's job, the areas they offer, the
// capacity line and their "about me".
func mentorCardBlocks(blockID string, profile domain.MentorProfile, capacity string) []slack.Block {
	return []slack.Block{
		sectionWithID(blockID+"_details", cardJobLine(profile.JobRole, profile.OrgArea)+
			"\n*Offers:* "+cardAreas(profile.Areas)+"\n"+capacity),
		sectionWithID(blockID+"_about", "*About*\n"+cardText(profile.About, maxLongText)),
	}
}

// invitationDates returns the dates an invitation was sent, answered and
// ended, one a line, leaving out those it does not have.
func invitationDates(invitation domain.Invitation) string {
	var lines []string
	if !invitation.CreatedAt.IsZero() {
		lines = append(lines, "Asked on "+dateOf(invitation.CreatedAt))
	}
	if invitation.AnsweredAt != nil {
		verb := "Accepted"
		if invitation.Status == domain.StatusDeclined {
			verb = "Declined"
		}
		lines = append(lines, verb+" on "+dateOf(*invitation.AnsweredAt))
	}
	if invitation.EndedAt != nil && invitation.Status != domain.StatusDeclined {
		lines = append(lines, endedVerb(invitation.Status)+" on "+dateOf(*invitation.EndedAt))
	}
	if reason := strings.TrimSpace(invitation.Reason); reason != "" {
		lines = append(lines, "Reason: "+EscapeWithin(oneLine(reason), maxReason))
	}
	if len(lines) == 0 {
		return "_No dates recorded._"
	}
	return strings.Join(lines, "\n")
}

func endedVerb(status domain.Status) string {
	switch status {
	case domain.StatusWithdrawn:
		return "Withdrawn"
	case domain.StatusFinished:
		return "Finished"
	default:
		return "Ended"
	}
}

// statusSince returns the status with the date it began, such as
// "Considering since 4 December 2026" or "Declined on 5 December 2026",
// or the status alone when the invitation has no such date.
func statusSince(invitation domain.Invitation) string {
	title := invitation.Status.Title()
	at, ok := statusTime(invitation)
	if !ok {
		return title
	}
	if invitation.Status.Open() {
		return title + " since " + dateOf(at)
	}
	return title + " on " + dateOf(at)
}

// statusTime returns when the invitation entered its status: sent for
// Considering, answered for Ongoing and Declined, ended otherwise.
func statusTime(invitation domain.Invitation) (time.Time, bool) {
	var candidates []*time.Time
	switch invitation.Status {
	case domain.StatusConsidering:
		candidates = []*time.Time{&invitation.CreatedAt}
	case domain.StatusOngoing, domain.StatusDeclined:
		candidates = []*time.Time{invitation.AnsweredAt, invitation.EndedAt, &invitation.UpdatedAt}
	default:
		candidates = []*time.Time{invitation.EndedAt, &invitation.UpdatedAt}
	}
	for _, at := range candidates {
		if at != nil && !at.IsZero() {
			return *at, true
		}
	}
	return time.Time{}, false
}

// boldName returns the person's name in bold for mrkdwn. Without a name,
// it returns a mention of their user id, which Slack shows as the name.
func boldName(card PersonCard) string {
	if card.Erased {
		return FormerMember
	}
	name := strings.TrimSpace(card.Name)
	if name == "" {
		if mention, ok := mentionOf(card.UserID); ok {
			return mention
		}
		return "*Someone*"
	}
	return "*" + EscapeWithin(oneLine(name), maxNameLength) + "*"
}

// fallbackName returns the person's name for a message's fallback text,
// which Slack also reads as mrkdwn, so the name is escaped.
func fallbackName(card PersonCard, fallback string) string {
	if card.Erased {
		return FormerMember
	}
	name := strings.TrimSpace(card.Name)
	if name == "" {
		if mention, ok := mentionOf(card.UserID); ok {
			return mention
		}
		return fallback
	}
	return EscapeWithin(oneLine(name), maxNameLength)
}

// plainName returns the person's name for a plain_text object, which
// Slack shows as it is, so the name is not escaped.
func plainName(card PersonCard, fallback string) string {
	if card.Erased {
		return FormerMember
	}
	name := strings.TrimSpace(card.Name)
	if name == "" {
		return fallback
	}
	return truncate(oneLine(name), maxNameLength)
}

// mentionOf returns "<@userID>" when userID looks like a Slack user id:
// letters and digits only, so it cannot end the mention early and add
// other markup.
func mentionOf(userID string) (string, bool) {
	if userID == "" {
		return "", false
	}
	for _, r := range userID {
		if r > unicode.MaxASCII || !(unicode.IsUpper(r) || unicode.IsDigit(r)) {
			return "", false
		}
	}
	return "<@" + userID + ">", true
}

// picture returns the person's picture as a section accessory, or nil
// when there is none or its address is longer than Slack allows.
func picture(card PersonCard) *slack.Accessory {
	if card.Erased || card.ImageURL == "" || utf8.RuneCountInString(card.ImageURL) > maxPictureURL {
		return nil
	}
	alt := "Profile picture"
	if name := plainName(card, ""); name != "" {
		alt = "Profile picture of " + name
	}
	return slack.NewAccessory(slack.NewImageBlockElement(card.ImageURL, alt))
}

// messageButton returns a link button that opens a DM with userID in the
// Slack client, or nil without a team or user id. Slack still sends the
// click to the app as a block action, which must be acknowledged.
func messageButton(teamID, userID string) *slack.ButtonBlockElement {
	if teamID == "" || userID == "" {
		return nil
	}
	link := "slack://user?team=" + url.QueryEscape(teamID) + "&id=" + url.QueryEscape(userID)
	return button(ActionMessage, "", "Message").WithURL(link)
}

// confirmDialog returns the dialog Slack shows before it sends a button's
// action. The texts are plain and cut to Slack's limits.
func confirmDialog(title, text, confirm, deny string) *slack.ConfirmationBlockObject {
	return slack.NewConfirmationBlockObject(
		plain(truncate(title, maxConfirmTitle)),
		plain(truncate(text, maxConfirmText)),
		plain(truncate(confirm, maxConfirmButton)),
		plain(truncate(deny, maxConfirmButton)),
	)
}

// actionsBlock returns an actions block of the buttons that are not nil.
func actionsBlock(blockID string, buttons ...*slack.ButtonBlockElement) *slack.ActionBlock {
	var elements []slack.BlockElement
	for _, b := range buttons {
		if b != nil {
			elements = append(elements, b)
		}
	}
	return slack.NewActionBlock(blockID, elements...)
}

// cardJobLine returns "job role · organisational area", escaped and cut.
func cardJobLine(jobRole, orgArea string) string {
	var parts []string
	for _, part := range []string{jobRole, orgArea} {
		if part = strings.TrimSpace(part); part != "" {
			parts = append(parts, oneLine(part))
		}
	}
	if len(parts) == 0 {
		return "_No job role given_"
	}
	return EscapeWithin(strings.Join(parts, " · "), maxJobLine)
}

// cardAreas returns the mentoring areas as a comma-separated list,
// escaped and cut.
func cardAreas(areas []string) string {
	if len(areas) == 0 {
		return "_none chosen_"
	}
	return EscapeWithin(strings.Join(areas, ", "), maxAreaLine)
}

// cardText returns text that a person typed, escaped and cut to max
// characters, or an italic "Not given" when it is blank.
func cardText(text string, max int) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return "_Not given_"
	}
	return EscapeWithin(text, max)
}

// noteQuote returns a mentee's note as a mrkdwn block quote, and false
// when the note is blank. Each line gets its own quote mark, because
// mrkdwn quotes only the line a mark starts.
func noteQuote(note string) (string, bool) {
	note = strings.TrimSpace(note)
	if note == "" {
		return "", false
	}
	// A note has at most domain.MaxNoteLength lines, so the marks add at
	// most that many characters to the escaped text.
	lines := strings.Split(EscapeWithin(note, maxLongText-domain.MaxNoteLength), "\n")
	for i, line := range lines {
		lines[i] = ">" + line
	}
	return strings.Join(lines, "\n"), true
}

// oneLine replaces each run of white space, line breaks included, with a
// single space.
func oneLine(text string) string {
	return strings.Join(strings.Fields(text), " ")
}

// capitalise returns text with its first letter in upper case.
func capitalise(text string) string {
	first, size := utf8.DecodeRuneInString(text)
	if size == 0 {
		return text
	}
	return string(unicode.ToUpper(first)) + text[size:]
}

// finishButton returns the Finish mentoring button of invitation id, with a
// confirmation naming the other person.
func finishButton(id, otherName string) *slack.ButtonBlockElement {
	return button(ActionFinish, id, "Finish mentoring").WithConfirm(confirmDialog(
		"Finish mentoring?",
		"This ends your mentoring with "+otherName+". You'll both get a message, and you can't undo it.",
		"Finish", "Go back"))
}
