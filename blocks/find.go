package blocks

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/domain"
)

// PageSize is how many results a page of Find a mentor shows, and how
// many mentees a page of Review my mentees shows.
const PageSize = 3

// Block ids of the Find a mentor modal's filters.
const (
	blockFilterAreas = "filter_areas"
	blockFilterRoles = "filter_roles"
	blockFilterOrgs  = "filter_orgs"
)

// Lengths, in characters, of a search result's part of a mentor's "about
// me" before escaping, and of the search text shown after escaping.
const (
	maxSnippet    = 150
	maxSearchText = 400
)

// maxFilterValues bounds the values chosen in each filter. Three lists of
// 100 options fit in Slack's 250 kB view limit, but not with as many
// initial options again.
const maxFilterValues = 10

// FindView builds the Find a mentor modal: three filters, then the page
// model.Page of model.Results with a Details and an Ask button each, then
// buttons to the previous and next pages.
//
// The filters are multi-selects in sections, not input blocks, because
// Slack requires a submit button on a modal with input blocks and this
// modal has none. Each change sends a block_actions payload with
// ActionFindFilter, whose view.state holds all three filters for
// ParseFindFilters. The private_metadata is FindMetadata with the filter
// and the page shown.
func FindView(model FindModel) slack.ModalViewRequest {
	blocks := findFilterBlocks(model)
	if text := strings.TrimSpace(model.Filter.Text); text != "" {
		blocks = append(blocks, slack.NewSectionBlock(
			mrkdwn("Matching “"+EscapeWithin(oneLine(text), maxSearchText)+"”"), nil,
			slack.NewAccessory(button(ActionFindClearText, "", "Clear words")),
			slack.SectionBlockOptionBlockID("find_text")))
	}
	blocks = append(blocks, slack.NewDividerBlock())

	page := clampPage(model.Page, len(model.Results))
	blocks = append(blocks, sectionWithID("find_count", resultCount(model)))
	start := page * PageSize
	end := min(start+PageSize, len(model.Results))
	for position := start; position < end; position++ {
		blocks = append(blocks, resultBlocks(position, model.Results[position], model.Cards)...)
	}
	paging := pagingBlocks("find", ActionFindPage, page, len(model.Results), false)
	blocks = append(blocks, paging...)

	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      CallbackFind,
		Title:           plain("Find a mentor"),
		Close:           plain("Close"),
		Blocks:          slack.Blocks{BlockSet: blocks},
		PrivateMetadata: findMetadata(model.Filter, page),
	}
}

// ParseFindFilters returns the filters of a Find a mentor modal's
// view.state. A missing, null or empty filter matches any value. Text is
// not a filter of the modal, so it is always empty here: take it from the
// FindMetadata.
func ParseFindFilters(values map[string]map[string]slack.BlockAction) domain.SearchFilter {
	return domain.SearchFilter{
		Areas:    selectedValues(values, blockFilterAreas, ActionFindFilter),
		JobRoles: selectedValues(values, blockFilterRoles, ActionFindFilter),
		OrgAreas: selectedValues(values, blockFilterOrgs, ActionFindFilter),
	}
}

// findFilterBlocks returns the three filters, each showing at most
// maxFilterValues of the values chosen. A filter whose list is empty is
// left out, because Slack rejects a select without options.
func findFilterBlocks(model FindModel) []slack.Block {
	filters := []struct {
		blockID, label, placeholder string
		entries, chosen             []string
	}{
		{blockFilterAreas, "Mentoring areas", "Any area",
			model.Lists.MentoringAreas, model.Filter.Areas},
		{blockFilterRoles, "Job roles", "Any job role",
			model.Lists.JobRoles, model.Filter.JobRoles},
		{blockFilterOrgs, "Organisational areas", "Any organisational area",
			model.Lists.OrganisationalAreas, model.Filter.OrgAreas},
	}

	var blocks []slack.Block
	for _, filter := range filters {
		if len(filter.entries) == 0 {
			continue
		}
		entries := filter.entries[:min(len(filter.entries), maxSelectOptions)]
		menu := slack.NewOptionsMultiSelectBlockElement(slack.MultiOptTypeStatic,
			plain(filter.placeholder), ActionFindFilter, listOptions(entries)...)
		limit := maxFilterValues
		menu.MaxSelectedItems = &limit
		// Slack rejects an initial option that is not one of the options.
		for _, value := range filter.chosen {
			if len(menu.InitialOptions) == maxFilterValues {
				break
			}
			if slices.Contains(entries, value) && !hasOption(menu.InitialOptions, value) {
				menu.InitialOptions = append(menu.InitialOptions, listOption(value))
			}
		}
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn("*"+filter.label+"*"), nil,
			slack.NewAccessory(menu), slack.SectionBlockOptionBlockID(filter.blockID)))
	}
	return blocks
}

// resultCount returns the line above the results, or the empty state.
func resultCount(model FindModel) string {
	count := len(model.Results)
	filtered := len(model.Filter.Areas) > 0 || len(model.Filter.JobRoles) > 0 ||
		len(model.Filter.OrgAreas) > 0 || strings.TrimSpace(model.Filter.Text) != ""

	switch {
	case count == 0 && filtered:
		return "No mentors match all of these filters just now. " +
			"Try removing a filter or two: each one you remove widens the search."
	case count == 0:
		return "No mentors are taking new mentees just now. Please look again soon, " +
			"as mentors join and free up places all the time."
	case count == 1:
		return "*1 mentor* matches."
	default:
		return fmt.Sprintf("*%d mentors* match, best matches first.", count)
	}
}

// resultBlocks returns one search result: a section with the mentor's
// card and an actions block. position, the result's index in all results,
// keeps the block ids unique.
func resultBlocks(position int, match domain.Match, cards map[string]PersonCard) []slack.Block {
	mentor := match.Mentor
	userID := mentor.Person.UserID
	card := mentorCard(mentor, cards[userID])
	profile := mentor.Profile

	lines := []string{
		boldName(card),
		cardJobLine(profile.JobRole, profile.OrgArea),
		"*Offers:* " + cardAreas(profile.Areas),
	}
	if about := oneLine(profile.About); about != "" {
		lines = append(lines, Escape(truncate(about, maxSnippet)))
	}
	if len(match.Reasons) > 0 && strings.TrimSpace(match.Reasons[0]) != "" {
		reason := capitalise(oneLine(match.Reasons[0]))
		lines = append(lines, "_"+EscapeWithin(reason, maxReason)+"_")
	}

	id := strconv.Itoa(position) + "_" + userID
	return []slack.Block{
		cardHeading("result_"+id, card, strings.Join(lines, "\n")),
		actionsBlock("result_actions_"+id,
			button(ActionMentorDetails, userID, "Details"),
			primaryButton(ActionAsk, userID, "Ask to be my mentor"),
		),
	}
}

// mentorCard returns the card of a mentor: the one given, with the user id
// and the name the search stored filled in when missing.
func mentorCard(mentor domain.MentorCandidate, card PersonCard) PersonCard {
	if card.UserID == "" {
		card.UserID = mentor.Person.UserID
	}
	if strings.TrimSpace(card.Name) == "" {
		card.Name = mentor.Name
	}
	return card
}

// clampPage returns page moved into the pages that count results fill,
// each of PageSize.
func clampPage(page, count int) int {
	return min(max(page, 0), pageCount(count)-1)
}

// pageCount returns how many pages count results fill, and at least one.
func pageCount(count int) int {
	return max((count+PageSize-1)/PageSize, 1)
}

// pagingBlocks returns the Previous and Next buttons, whose values are the
// page numbers they go to, and a context line that shows which page this is.
// It returns nothing when everything fits on one page. With dots, the line
// shows a dot per page, as long as there are at most ten pages.
func pagingBlocks(prefix, actionID string, page, count int, dots bool) []slack.Block {
	pages := pageCount(count)
	if pages <= 1 {
		return nil
	}

	// Slack requires each action id to be unique within its block, and
	// both buttons share actionID, so each gets a block of its own.
	var blocks []slack.Block
	if page > 0 {
		blocks = append(blocks, actionsBlock(prefix+"_previous",
			button(actionID, strconv.Itoa(page-1), "‹ Previous")))
	}
	if page < pages-1 {
		blocks = append(blocks, actionsBlock(prefix+"_next",
			button(actionID, strconv.Itoa(page+1), "Next ›")))
	}

	where := fmt.Sprintf("Page %d of %d", page+1, pages)
	if dots && pages <= 10 {
		marks := make([]string, pages)
		for i := range marks {
			marks[i] = "○"
			if i == page {
				marks[i] = "●"
			}
		}
		where = strings.Join(marks, " ")
	}
	return append(blocks, slack.NewContextBlock(prefix+"_page", mrkdwn(where)))
}

// findMetadata returns the FindMetadata of filter and page as
// private_metadata. When the filter is too long for Slack's 3,000
// characters, it leaves out the filter's lists, which the view's state
// also holds, and then cuts the text.
func findMetadata(filter domain.SearchFilter, page int) string {
	encoded := EncodeMetadata(FindMetadata{Filter: filter, Page: page})
	if utf8.RuneCountInString(encoded) <= maxPrivateMetadata {
		return encoded
	}

	text := []rune(filter.Text)
	for {
		textOnly := domain.SearchFilter{Text: string(text)}
		encoded = EncodeMetadata(FindMetadata{Filter: textOnly, Page: page})
		over := utf8.RuneCountInString(encoded) - maxPrivateMetadata
		if over <= 0 {
			return encoded
		}
		// JSON escapes a character in at most 6, so cutting over/6
		// characters, and at least one, never cuts more than needed.
		if len(text) == 0 {
			return encoded
		}
		text = text[:max(len(text)-max(over/6, 1), 0)]
	}
}

// MentorCardView builds the profile of one mentor, opened from a search
// result: name and picture, job, areas offered, the whole "about me",
// capacity and why they matched. It offers to ask them only while
// searches would list them, as model.Mentor.Listed reports. The
// private_metadata is InviteMetadata with the mentor's user id.
func MentorCardView(model MentorCardModel) slack.ModalViewRequest {
	mentor := model.Mentor
	card := mentorCard(mentor, model.Card)

	blocks := []slack.Block{cardHeading("mentor_name", card, boldName(card))}
	capacity := capacityLine(mentor.Profile.Capacity)
	switch free := mentor.FreeSlots(); free {
	case 0:
		capacity += ", with no places free just now"
	case 1:
		capacity += ", with 1 place free"
	default:
		capacity += fmt.Sprintf(", with %d places free", free)
	}
	blocks = append(blocks, mentorCardBlocks("mentor", mentor.Profile, capacity)...)
	if reasons := reasonList(model.Reasons); reasons != "" {
		blocks = append(blocks, sectionWithID("mentor_reasons", "*Why they match*\n"+reasons))
	}

	if mentor.Listed() {
		blocks = append(blocks, actionsBlock("mentor_actions",
			primaryButton(ActionAsk, card.UserID, "Ask to be my mentor")))
	} else {
		blocks = append(blocks, slack.NewContextBlock("mentor_unavailable",
			mrkdwn(boldName(card)+" isn't taking new mentees just now.")))
	}

	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      CallbackMentorCard,
		Title:           plain("Mentor"),
		Close:           plain("Back"),
		Blocks:          slack.Blocks{BlockSet: blocks},
		PrivateMetadata: EncodeMetadata(InviteMetadata{MentorID: card.UserID}),
	}
}

// reasonList returns the reasons as bullet points, as many as fit in a
// section, or "" when there are none.
func reasonList(reasons []string) string {
	var lines []string
	length := 0
	for _, reason := range reasons {
		reason = oneLine(reason)
		if reason == "" {
			continue
		}
		line := "• " + EscapeWithin(capitalise(reason), maxReason)
		if length+utf8.RuneCountInString(line)+1 > maxLongText {
			break
		}
		lines = append(lines, line)
		length += utf8.RuneCountInString(line) + 1
	}
	return strings.Join(lines, "\n")
}
