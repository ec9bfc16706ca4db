package blocks

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/domain"
)

// Action and callback ids of the programme team's console. Buttons that
// act on a person carry their user id as the value, and those that act on
// a relationship its invitation id. Every handler checks that the person
// who clicked is on the programme team.
const (
	// ActionAdminFigures opens FiguresView.
	ActionAdminFigures = "admin:figures"
	// ActionAdminLookUp opens LookUpView.
	ActionAdminLookUp = "admin:look_up"
	// ActionAdminExportRelationships and ActionAdminExportRegistrations
	// send a CSV file to the clicker's DM.
	ActionAdminExportRelationships = "admin:export_relationships"
	ActionAdminExportRegistrations = "admin:export_registrations"
	// ActionAdminHideMentor and ActionAdminShowMentor hide the mentor in
	// their value from search, or show them again.
	ActionAdminHideMentor = "admin:hide_mentor"
	ActionAdminShowMentor = "admin:show_mentor"
	// ActionAdminResetAssessment resets the assessment of the person in
	// its value.
	ActionAdminResetAssessment = "admin:reset_assessment"
	// ActionAdminEndRelationship opens EndRelationshipView for the
	// relationship in its value.
	ActionAdminEndRelationship = "admin:end_relationship"

	// CallbackAdminFigures is the programme's figures.
	CallbackAdminFigures = "admin:figures"
	// CallbackAdminLookUp is the person picker. Submitting it shows the
	// person picked.
	CallbackAdminLookUp = "admin:look_up"
	// CallbackAdminPerson shows one person to the programme team.
	CallbackAdminPerson = "admin:person"
	// CallbackAdminEndRelationship is the form for the reason to end a
	// relationship. Submitting it ends the relationship.
	CallbackAdminEndRelationship = "admin:end_relationship"

	// BlockAdminPerson is the user picker of LookUpView.
	BlockAdminPerson = "admin_person"
	// BlockAdminEndReason is the reason input of EndRelationshipView.
	BlockAdminEndReason = "admin_end_reason"

	actionAdminPerson    = "admin:person"
	actionAdminEndReason = "admin:end_reason"
)

// MaxPersonRelationships is how many relationships PersonView lists.
// Each is one block, so the modal stays well under Slack's 100.
const MaxPersonRelationships = 20

// AdminHomeModel is the programme team's section of the App Home.
type AdminHomeModel struct {
	Figures domain.Figures
	// ReminderDays and InactiveDays are the thresholds of the figures, in
	// days.
	ReminderDays int
	InactiveDays int
}

// AdminHomeBlocks returns the programme team's section of the App Home: a
// summary of the figures and the console's buttons.
func AdminHomeBlocks(model AdminHomeModel) []slack.Block {
	figures := model.Figures
	summary := fmt.Sprintf("*Registered:* %s and %s\n*Mentoring now:* %s, %d with no meeting for %s\n"+
		"*Waiting for an answer:* %s, %d for over %s",
		plural(figures.Registered(domain.RoleMentor), "mentor", "mentors"),
		plural(figures.Registered(domain.RoleMentee), "mentee", "mentees"),
		plural(figures.Invitations[domain.StatusOngoing], "relationship", "relationships"),
		figures.Inactive, plural(model.InactiveDays, "day", "days"),
		plural(figures.Invitations[domain.StatusConsidering], "request", "requests"),
		figures.WaitingLong, plural(model.ReminderDays, "day", "days"))
	return []slack.Block{
		slack.NewHeaderBlock(plain("Programme team"), slack.HeaderBlockOptionBlockID("admin_header")),
		sectionWithID("admin_summary", summary),
		actionsBlock("admin_actions",
			button(ActionAdminFigures, "", "All figures"),
			button(ActionAdminLookUp, "", "Look up a person"),
			button(ActionAdminExportRelationships, "", "Export relationships"),
			button(ActionAdminExportRegistrations, "", "Export registrations"),
			button(ActionReloadContent, "", "Reload content"),
		),
		slack.NewContextBlock("admin_note",
			mrkdwn("Only the programme team sees this section. Exports arrive as CSV files in your messages with me.")),
	}
}

// FiguresModel is the programme's figures in full.
type FiguresModel struct {
	Figures domain.Figures
	// QuestionTexts maps question ids to their text, for the missed
	// questions.
	QuestionTexts map[string]string
	ReminderDays  int
	InactiveDays  int
}

// FiguresView builds the modal of the programme's figures.
func FiguresView(model FiguresModel) slack.ModalViewRequest {
	figures := model.Figures
	blocks := []slack.Block{
		sectionWithID("figures_people", "*People*\n"+stepLines(figures, domain.RoleMentor)+"\n"+
			stepLines(figures, domain.RoleMentee)),
		slack.NewContextBlock("figures_people_note",
			mrkdwn("Counts leave out people whose Slack accounts are deactivated.")),
		slack.NewDividerBlock(),
		sectionWithID("figures_assessment", "*Assessment*\n"+assessmentLines(model)),
		slack.NewDividerBlock(),
		sectionWithID("figures_requests", "*Requests*\n"+requestLines(model)),
		slack.NewDividerBlock(),
		sectionWithID("figures_relationships", fmt.Sprintf("*Relationships*\nOngoing: %d\nNo \"We met\" for %s: %d",
			figures.Invitations[domain.StatusOngoing], plural(model.InactiveDays, "day", "days"), figures.Inactive)),
		slack.NewDividerBlock(),
		sectionWithID("figures_feedback", "*Feedback*\n"+feedbackLines(figures)),
	}
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		CallbackID: CallbackAdminFigures,
		Title:      plain("Programme figures"),
		Close:      plain("Close"),
		Blocks:     slack.Blocks{BlockSet: blocks},
	}
}

func stepLines(figures domain.Figures, role domain.Role) string {
	steps := figures.Steps[role]
	parts := make([]string, 0, len(domain.Steps))
	for _, step := range domain.Steps {
		parts = append(parts, fmt.Sprintf("%s %d", step, steps[step]))
	}
	return fmt.Sprintf("%s: *%d registered*. Still registering, by next step: %s.",
		capitalise(roleNoun(role))+"s", steps[domain.StepDone], strings.Join(parts, ", "))
}

func assessmentLines(model FiguresModel) string {
	figures := model.Figures
	if figures.FinishedAttempts == 0 {
		return "No one has finished the assessment yet."
	}
	lines := []string{fmt.Sprintf("Pass rate: %s (%d of %s passed)",
		percent(figures.PassedAttempts, figures.FinishedAttempts), figures.PassedAttempts,
		plural(figures.FinishedAttempts, "finished attempt", "finished attempts"))}
	if len(figures.Missed) > 0 {
		lines = append(lines, "Most often missed:")
	}
	for i, missed := range figures.Missed {
		text, ok := model.QuestionTexts[missed.QuestionID]
		if !ok {
			text = missed.QuestionID + " (no longer in the assessment)"
		}
		lines = append(lines, fmt.Sprintf("%d. %s _(missed in %d of %d answers)_",
			i+1, EscapeWithin(oneLine(text), 150), missed.Missed, missed.Answered))
	}
	return strings.Join(lines, "\n")
}

func requestLines(model FiguresModel) string {
	figures := model.Figures
	statuses := []domain.Status{
		domain.StatusConsidering, domain.StatusOngoing, domain.StatusDeclined,
		domain.StatusWithdrawn, domain.StatusFinished,
	}
	parts := make([]string, len(statuses))
	for i, status := range statuses {
		parts[i] = fmt.Sprintf("%s %d", status.Title(), figures.Invitations[status])
	}
	median := "no answers yet"
	if figures.MentorAnswers > 0 {
		median = fmt.Sprintf("%s (over %s)", durationText(figures.MedianAnswer),
			plural(figures.MentorAnswers, "answer", "answers"))
	}
	return fmt.Sprintf("By status: %s\nMedian time for a mentor to answer: %s\nWaiting for over %s: %d",
		strings.Join(parts, ", "), median, plural(model.ReminderDays, "day", "days"), figures.WaitingLong)
}

func feedbackLines(figures domain.Figures) string {
	count := figures.FeedbackCount()
	if count == 0 {
		return "No feedback yet."
	}
	parts := make([]string, 0, 5)
	for rating := 5; rating >= 1; rating-- {
		parts = append(parts, fmt.Sprintf("%d★ %d", rating, figures.Feedback[rating]))
	}
	return fmt.Sprintf("%s, average %.1f out of 5\n%s",
		plural(count, "rating", "ratings"), figures.FeedbackAverage, strings.Join(parts, " · "))
}

// durationText returns d in days and hours, or hours and minutes when it
// is under a day.
func durationText(d time.Duration) string {
	if d < time.Minute {
		return "under a minute"
	}
	days, hours := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour)
	if days > 0 {
		return plural(days, "day", "days") + " " + plural(hours, "hour", "hours")
	}
	return plural(hours, "hour", "hours") + " " + plural(int(d%time.Hour/time.Minute), "minute", "minutes")
}

func percent(part, whole int) string {
	return strconv.Itoa(int(math.Round(100*float64(part)/float64(whole)))) + "%"
}

func plural(count int, one, many string) string {
	if count == 1 {
		return "1 " + one
	}
	return strconv.Itoa(count) + " " + many
}

// LookUpView builds the modal in which the programme team picks a person
// to look up.
func LookUpView() slack.ModalViewRequest {
	picker := slack.NewOptionsSelectBlockElement(slack.OptTypeUser, plain("Choose a person"), actionAdminPerson)
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		CallbackID: CallbackAdminLookUp,
		Title:      plain("Look up a person"),
		Submit:     plain("Look up"),
		Close:      plain("Cancel"),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewInputBlock(BlockAdminPerson, plain("Person"), plain("Looking someone up is recorded in the audit log."), picker),
		}},
	}
}

// ParseLookUpPerson returns the user id picked in LookUpView, or "".
func ParseLookUpPerson(values map[string]map[string]slack.BlockAction) string {
	return values[BlockAdminPerson][actionAdminPerson].SelectedUser
}

// PersonModel is the programme team's view of one person.
type PersonModel struct {
	UserID   string
	Overview domain.PersonOverview
	// ConductVersion is the current code of conduct's version.
	ConductVersion string
	// Notice, when set, confirms the change just made.
	Notice string
}

// PersonView builds the modal that shows one person to the programme
// team, with the console's actions on them.
func PersonView(model PersonModel) slack.ModalViewRequest {
	overview := model.Overview
	registration := overview.Registration
	var blocks []slack.Block
	if model.Notice != "" {
		blocks = append(blocks, sectionWithID("person_notice", "✅ "+model.Notice))
	}
	heading := "<@" + model.UserID + ">"
	if overview.Deactivated {
		heading += " _(Slack account deactivated)_"
	}
	blocks = append(blocks,
		sectionWithID("person_heading", heading),
		sectionWithID("person_registration", registrationLines(model)),
	)
	if registration.Mentor != nil {
		blocks = append(blocks, sectionWithID("person_mentor", mentorLines(overview)))
	}
	if registration.Mentee != nil {
		profile := registration.Mentee
		blocks = append(blocks, sectionWithID("person_mentee", "*Mentee profile*\n"+
			cardJobLine(profile.JobRole, profile.OrgArea)+"\n*Wants:* "+cardAreas(profile.Areas)))
	}
	if actions := personActions(model); len(actions.Elements.ElementSet) > 0 {
		blocks = append(blocks, actions)
	}

	blocks = append(blocks, slack.NewDividerBlock(), sectionWithID("person_relationships_heading", "*Relationships*"))
	if len(overview.Relationships) == 0 {
		blocks = append(blocks, slack.NewContextBlock("person_no_relationships", mrkdwn("None yet.")))
	}
	for i, invitation := range overview.Relationships {
		if i == MaxPersonRelationships {
			blocks = append(blocks, slack.NewContextBlock("person_more_relationships",
				mrkdwn("Older relationships are in the relationships export.")))
			break
		}
		blocks = append(blocks, relationshipBlock(invitation))
	}

	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      CallbackAdminPerson,
		Title:           plain("Person"),
		Close:           plain("Close"),
		Blocks:          slack.Blocks{BlockSet: blocks},
		PrivateMetadata: EncodeMetadata(AdminPersonMetadata{UserID: model.UserID}),
	}
}

// AdminPersonMetadata is PersonView's and EndRelationshipView's context.
type AdminPersonMetadata struct {
	UserID       string `json:"user"`
	InvitationID int64  `json:"invitation,omitempty"`
}

func registrationLines(model PersonModel) string {
	registration := model.Overview.Registration
	var lines []string
	for _, role := range []domain.Role{domain.RoleMentee, domain.RoleMentor} {
		noun := capitalise(roleNoun(role))
		switch next := registration.NextStep(role, model.ConductVersion); {
		case !registration.HasStarted(role) && !registration.HasProfile(role):
			lines = append(lines, noun+": not started")
		case next == domain.StepDone:
			lines = append(lines, noun+": registered")
		default:
			lines = append(lines, noun+": next step is the "+next.String())
		}
	}
	assessment := "not passed"
	if registration.AssessmentPassedAt != nil {
		assessment = "passed on " + dateOf(*registration.AssessmentPassedAt)
	}
	lines = append(lines, fmt.Sprintf("Assessment: %s (%s)", assessment,
		plural(model.Overview.Attempts, "attempt", "attempts")))
	switch {
	case registration.ConsentVersion == "":
		lines = append(lines, "Code of conduct: not agreed")
	case registration.ConsentCurrent(model.ConductVersion):
		lines = append(lines, "Code of conduct: agreed to the current version")
	default:
		lines = append(lines, "Code of conduct: agreed to an older version, "+EscapeWithin(registration.ConsentVersion, 40))
	}
	return "*Registration*\n" + strings.Join(lines, "\n")
}

func mentorLines(overview domain.PersonOverview) string {
	profile := overview.Registration.Mentor
	search := "listed in search"
	switch {
	case overview.AdminHidden:
		search = "hidden from search by the programme team"
	case !profile.Searchable:
		search = "asked not to be listed in search"
	case !profile.Available:
		search = "not available to mentor just now"
	}
	return "*Mentor profile*\n" + cardJobLine(profile.JobRole, profile.OrgArea) +
		"\n*Offers:* " + cardAreas(profile.Areas) +
		"\n" + plural(profile.Capacity, "mentee", "mentees") + " at most, " + search
}

func personActions(model PersonModel) *slack.ActionBlock {
	overview := model.Overview
	var buttons []*slack.ButtonBlockElement
	if overview.Registration.Mentor != nil {
		if overview.AdminHidden {
			buttons = append(buttons, button(ActionAdminShowMentor, model.UserID, "Show in search"))
		} else {
			buttons = append(buttons, button(ActionAdminHideMentor, model.UserID, "Hide from search"))
		}
	}
	if overview.Registration.AssessmentPassedAt != nil || overview.Attempts > 0 {
		reset := button(ActionAdminResetAssessment, model.UserID, "Reset assessment").WithStyle(slack.StyleDanger)
		reset.Confirm = confirmDialog("Reset the assessment?",
			"Their attempts will be deleted and they'll need to pass the assessment again. "+
				"Until they do, they won't appear in search as a mentor or be able to look for a mentor.",
			"Reset", "Cancel")
		buttons = append(buttons, reset)
	}
	return actionsBlock("person_actions", buttons...)
}

// relationshipBlock returns one relationship of PersonView, with an End
// button when it is Ongoing.
func relationshipBlock(invitation domain.Invitation) slack.Block {
	// Reasons are left out, and kept in the relationships export, so
	// that the view stays small enough for a view submission's
	// response_action, which Socket Mode drops from 20,480 bytes.
	text := fmt.Sprintf("Mentor <@%s>, mentee <@%s>\n%s", invitation.Mentor.UserID, invitation.Mentee.UserID,
		statusSince(invitation))
	block := slack.NewSectionBlock(mrkdwn(truncate(text, maxSectionText)), nil, nil,
		slack.SectionBlockOptionBlockID("relationship_"+strconv.FormatInt(invitation.ID, 10)))
	if invitation.Status == domain.StatusOngoing {
		end := button(ActionAdminEndRelationship, strconv.FormatInt(invitation.ID, 10), "End")
		block.Accessory = slack.NewAccessory(end)
	}
	return block
}

// EndRelationshipModel is the form that ends a relationship.
type EndRelationshipModel struct {
	Invitation domain.Invitation
	// PersonID is the person whose PersonView the form replaced.
	PersonID string
}

// EndRelationshipView builds the form for the reason to end a
// relationship.
func EndRelationshipView(model EndRelationshipModel) slack.ModalViewRequest {
	invitation := model.Invitation
	input := slack.NewPlainTextInputBlockElement(nil, actionAdminEndReason)
	input.Multiline = true
	input.MaxLength = domain.MaxEndReasonLength
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		CallbackID: CallbackAdminEndRelationship,
		Title:      plain("End mentoring"),
		Submit:     plain("End mentoring"),
		Close:      plain("Cancel"),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			sectionWithID("end_intro", fmt.Sprintf("This ends the mentoring between <@%s> and <@%s>. "+
				"I'll message them both, with the reason you give below.",
				invitation.Mentor.UserID, invitation.Mentee.UserID)),
			slack.NewInputBlock(BlockAdminEndReason, plain("Reason"),
				plain(fmt.Sprintf("Both people will see this. Up to %d characters.", domain.MaxEndReasonLength)), input),
		}},
		PrivateMetadata: EncodeMetadata(AdminPersonMetadata{UserID: model.PersonID, InvitationID: invitation.ID}),
	}
}

// ParseEndReason returns the reason typed into EndRelationshipView,
// trimmed.
func ParseEndReason(values map[string]map[string]slack.BlockAction) string {
	// Invisible format characters, such as a zero-width space, are trimmed
	// too, so a reason that shows nothing counts as missing.
	return strings.TrimFunc(cleanInput(values[BlockAdminEndReason][actionAdminEndReason].Value), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)
	})
}
