package blocks

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/domain"
)

// statusChoice is one option of a mentee card's status drop-down.
type statusChoice struct {
	status domain.Status
	label  string
}

// reviewChoices lists, for each open status, the options of the status
// drop-down: the current status first, then the statuses a mentor may move
// it to. A final status gets no drop-down.
var reviewChoices = map[domain.Status][]statusChoice{
	domain.StatusConsidering: {
		{domain.StatusConsidering, "Considering"},
		{domain.StatusOngoing, "Ongoing (accept)"},
		{domain.StatusDeclined, "Declined"},
	},
	domain.StatusOngoing: {
		{domain.StatusOngoing, "Ongoing"},
		{domain.StatusFinished, "Finished"},
	},
}

// ReviewView builds Review my mentees: a card per entry of model.Entries,
// which holds the page model.Page, with the mentee's job and wanted areas,
// the status with a drop-down to change it, and Details and Message
// buttons. Pages of PageSize entries follow one another with Previous and
// Next buttons; entries past PageSize are left out. The private_metadata is
// ReviewMetadata with the page shown.
//
// Choosing a status sends a block_actions payload with ActionReviewStatus,
// whose selected option's value ParseReviewStatus reads.
func ReviewView(model ReviewModel) slack.ModalViewRequest {
	page := clampPage(model.Page, max(model.Total, len(model.Entries)))
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      CallbackReview,
		Title:           plain("Review my mentees"),
		Close:           plain("Close"),
		Blocks:          slack.Blocks{BlockSet: ReviewBlocks(model)},
		PrivateMetadata: EncodeMetadata(ReviewMetadata{Page: page}),
	}
}

// ReviewBlocks builds the cards and paging of Review my mentees, as
// ReviewView and the App Home show them.
func ReviewBlocks(model ReviewModel) []slack.Block {
	total := max(model.Total, len(model.Entries))
	page := clampPage(model.Page, total)
	entries := model.Entries[:min(len(model.Entries), PageSize)]

	var blocks []slack.Block
	switch {
	case len(entries) == 0 && total == 0:
		blocks = append(blocks, sectionWithID("review_empty",
			"No mentees yet. When someone asks you to be their mentor, they'll appear here, "+
				"and I'll send you a message too."))
	case len(entries) == 0:
		blocks = append(blocks, sectionWithID("review_empty",
			"There's no one on this page. Go back a page to see your mentees."))
	default:
		blocks = append(blocks, sectionWithID("review_intro",
			"Your mentees and the requests you've had. Change a status with its drop-down."))
	}

	for position, entry := range entries {
		blocks = append(blocks, slack.NewDividerBlock())
		blocks = append(blocks, reviewEntryBlocks(position, entry)...)
	}
	return append(blocks, pagingBlocks("review", ActionReviewPage, page, total, true)...)
}

// reviewEntryBlocks returns one mentee card. The status block's id names
// the status, so that after a change Slack shows the new initial option
// instead of keeping the old selection.
func reviewEntryBlocks(position int, entry ReviewEntry) []slack.Block {
	invitation := entry.Invitation
	mentee := withUserID(entry.Mentee, invitation.Mentee.UserID)
	id := strconv.FormatInt(invitation.ID, 10)
	blockID := fmt.Sprintf("review_%d_%s", position, id)

	lines := []string{capitalised(boldName(mentee))}
	if entry.Profile != nil {
		lines = append(lines,
			cardJobLine(entry.Profile.JobRole, entry.Profile.OrgArea),
			"*Would like help with:* "+cardAreas(entry.Profile.Areas))
	}

	status := slack.NewSectionBlock(mrkdwn("*Status:* "+statusSince(invitation)), nil, nil,
		slack.SectionBlockOptionBlockID(blockID+"_status_"+string(invitation.Status)))
	if menu := statusMenu(invitation); menu != nil {
		status.Text = mrkdwn("*Status:*\n" + statusSince(invitation))
		status.Accessory = slack.NewAccessory(menu)
	}

	return []slack.Block{
		cardHeading(blockID, mentee, strings.Join(lines, "\n")),
		status,
		actionsBlock(blockID+"_actions",
			button(ActionInvitationDetails, id, "Details"),
			messageButton(invitation.TeamID, mentee.UserID),
		),
	}
}

// statusMenu returns the drop-down of statuses the mentor may choose, with
// the current one selected, or nil when the status is final.
func statusMenu(invitation domain.Invitation) *slack.SelectBlockElement {
	choices := reviewChoices[invitation.Status]
	if len(choices) == 0 {
		return nil
	}
	options := make([]*slack.OptionBlockObject, len(choices))
	for i, choice := range choices {
		value := strconv.FormatInt(invitation.ID, 10) + ":" + string(choice.status)
		options[i] = slack.NewOptionBlockObject(value, plain(choice.label), nil)
	}
	menu := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Change status"),
		ActionReviewStatus, options...)
	menu.InitialOption = options[0]
	// Slack asks before it sends any choice: declining and finishing can't
	// be undone, as the DM's buttons also warn.
	menu.Confirm = confirmDialog("Change this status?",
		"Both of you get a message, and a decline or a finish can't be undone.", "Change", "Go back")
	return menu
}

// ParseReviewStatus reads the value of a status drop-down option,
// "<invitation id>:<status>" as in "42:ongoing". It returns false unless
// the id is a positive decimal number without a sign or leading zeros
// and the status is one of domain's statuses. The caller must still check
// that the invitation is the mentor's and that the move is allowed.
func ParseReviewStatus(value string) (invitationID int64, status domain.Status, ok bool) {
	idText, statusText, found := strings.Cut(value, ":")
	if !found {
		return 0, "", false
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != idText {
		return 0, "", false
	}
	status, ok = domain.ParseStatus(statusText)
	if !ok {
		return 0, "", false
	}
	return id, status, true
}
