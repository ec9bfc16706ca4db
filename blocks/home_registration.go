package blocks

import (
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/domain"
)

// RegistrationBlocks builds the App Home's blocks about the person's own
// registration: a notice when the code of conduct changed, one block per
// role in model.Roles, and a short profile summary once a role is
// registered.
func RegistrationBlocks(model RegistrationHome) []slack.Block {
	var blocks []slack.Block
	if model.ConsentOutdated {
		blocks = append(blocks, slack.NewSectionBlock(
			mrkdwn("⚠️ *The code of conduct has changed.* Please read the new version and "+
				"agree to it, so you can keep finding mentors and accepting mentees."),
			nil,
			slack.NewAccessory(primaryButton(ActionReviewConduct, "", "Read the code of conduct")),
			slack.SectionBlockOptionBlockID("registration_conduct"),
		))
	}

	for _, status := range model.Roles {
		blocks = append(blocks, roleStatusBlock(status))
	}

	if summary, ok := profileSummary(model); ok {
		blocks = append(blocks, slack.NewSectionBlock(
			mrkdwn(truncate(summary, maxSectionText)),
			nil,
			slack.NewAccessory(button(ActionOpenProfile, "", "My profile")),
			slack.SectionBlockOptionBlockID("registration_profile"),
		))
		// Finished steps stay open for rereading.
		blocks = append(blocks, slack.NewActionBlock("registration_reread",
			button(ActionOpenCampus, "", "Revisit the campus"),
			button(ActionReviewConduct, "", "Read the code of conduct"),
		))
	}
	return blocks
}

// roleStatusBlock returns the block of one role: an invitation to
// register, the checklist of steps with a Continue button, or a line
// saying the person is registered.
func roleStatusBlock(status RoleStatus) slack.Block {
	blockID := "registration_" + string(status.Role)
	noun := roleNoun(status.Role)

	if status.Next == domain.StepDone {
		return slack.NewSectionBlock(
			mrkdwn(fmt.Sprintf("✅ You're registered as a %s.", noun)),
			nil, nil, slack.SectionBlockOptionBlockID(blockID))
	}

	if !status.Started {
		register := button(ActionRegister, string(status.Role), "Register as a "+noun)
		return slack.NewSectionBlock(
			mrkdwn(roleInvitation(status.Role)),
			nil, slack.NewAccessory(register), slack.SectionBlockOptionBlockID(blockID))
	}

	lines := []string{fmt.Sprintf("*Registering as a %s*", noun)}
	for _, step := range domain.Steps {
		lines = append(lines, stepMark(step, status.Next)+" "+stepLabel(step))
	}
	continueButton := primaryButton(ActionContinue, string(status.Role), "Continue")
	return slack.NewSectionBlock(
		mrkdwn(strings.Join(lines, "\n")),
		nil, slack.NewAccessory(continueButton), slack.SectionBlockOptionBlockID(blockID))
}

// roleInvitation returns the line that invites the person to register as
// role.
func roleInvitation(role domain.Role) string {
	if role == domain.RoleMentor {
		return "*Mentor:* offer your experience to help a colleague from another part " +
			"of the organisation grow."
	}
	return "*Mentee:* look for a mentor who can help you think through your work " +
		"and your development."
}

// stepMark returns the checklist mark of step when next is the first step
// not yet complete.
func stepMark(step, next domain.Step) string {
	switch {
	case step < next:
		return "✅"
	case step == next:
		return "👉"
	default:
		return "▫️"
	}
}

// profileSummary returns the summary of the profiles of the registered
// roles, and false when no role is registered.
func profileSummary(model RegistrationHome) (string, bool) {
	registered := map[domain.Role]bool{}
	for _, status := range model.Roles {
		if status.Next == domain.StepDone {
			registered[status.Role] = true
		}
	}
	if len(registered) == 0 {
		return "", false
	}

	lines := []string{"*Your profile*"}
	mentee := model.Mentee
	if !registered[domain.RoleMentee] {
		mentee = nil
	}
	mentor := model.Mentor
	if !registered[domain.RoleMentor] {
		mentor = nil
	}

	// Each role's form asks for a job role and organisational area. The
	// mentor's are shown when the person has both profiles.
	switch {
	case mentor != nil:
		lines = append(lines, jobLine(mentor.JobRole, mentor.OrgArea))
	case mentee != nil:
		lines = append(lines, jobLine(mentee.JobRole, mentee.OrgArea))
	}
	if mentor != nil {
		lines = append(lines, "Offering: "+areaList(mentor.Areas))
	}
	if mentee != nil {
		lines = append(lines, "Looking for help with: "+areaList(mentee.Areas))
	}
	return strings.Join(lines, "\n"), true
}

// jobLine returns "job role · organisational area", escaped for mrkdwn.
func jobLine(jobRole, orgArea string) string {
	var parts []string
	for _, part := range []string{jobRole, orgArea} {
		if strings.TrimSpace(part) != "" {
			parts = append(parts, Escape(part))
		}
	}
	if len(parts) == 0 {
		return "No job role given yet"
	}
	return strings.Join(parts, " · ")
}

// areaList returns the mentoring areas as a comma-separated list, escaped
// for mrkdwn.
func areaList(areas []string) string {
	if len(areas) == 0 {
		return "none chosen yet"
	}
	escaped := make([]string, len(areas))
	for i, area := range areas {
		escaped[i] = Escape(area)
	}
	return strings.Join(escaped, ", ")
}

// roleNoun returns the role as a lower-case noun, "mentee" or "mentor".
func roleNoun(role domain.Role) string {
	if role == domain.RoleMentor {
		return "mentor"
	}
	return "mentee"
}

// button returns a button whose label is cut to Slack's limit.
func button(actionID, value, label string) *slack.ButtonBlockElement {
	return slack.NewButtonBlockElement(actionID, value, plain(truncate(label, maxButtonText)))
}

// primaryButton returns a button in the primary style, which Slack shows
// in green, for the step the person is expected to take next.
func primaryButton(actionID, value, label string) *slack.ButtonBlockElement {
	return button(actionID, value, label).WithStyle(slack.StylePrimary)
}
