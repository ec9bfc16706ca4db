package blocks

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/domain"
)

// ProfileView builds My profile: the person's Slack name and picture, then
// a part per role, mentee first. A role with a profile shows it with an
// Edit button, and the mentor part also has buttons that change the
// mentor's availability settings. A role without a profile offers to
// register or to continue registering.
func ProfileView(model ProfileModel) slack.ModalViewRequest {
	blocks := []slack.Block{personBlock(model)}

	blocks = append(blocks, slack.NewDividerBlock(), roleHeader(domain.RoleMentee))
	if model.Mentee != nil {
		blocks = append(blocks, menteeBlocks(*model.Mentee)...)
	} else {
		blocks = append(blocks, unregisteredBlock(domain.RoleMentee, model.Registering))
	}

	blocks = append(blocks, slack.NewDividerBlock(), roleHeader(domain.RoleMentor))
	if model.Mentor != nil {
		blocks = append(blocks, mentorBlocks(*model.Mentor)...)
	} else {
		blocks = append(blocks, unregisteredBlock(domain.RoleMentor, model.Registering))
	}

	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		CallbackID: CallbackProfile,
		Title:      plain("My profile"),
		Close:      plain("Close"),
		Blocks:     slack.Blocks{BlockSet: blocks},
	}
}

// personBlock returns the person's name in bold, with their picture beside
// it when Slack gave one. It is a section and not a header because a header
// takes no picture.
func personBlock(model ProfileModel) slack.Block {
	name := strings.TrimSpace(model.Name)
	text := "*Your profile*"
	if name != "" {
		text = "*" + Escape(truncate(name, maxHeaderText)) + "*"
	}

	var picture *slack.Accessory
	if model.ImageURL != "" {
		alt := "Your profile picture"
		if name != "" {
			alt = "Profile picture of " + truncate(name, maxHeaderText)
		}
		picture = slack.NewAccessory(slack.NewImageBlockElement(model.ImageURL, alt))
	}
	return slack.NewSectionBlock(mrkdwn(text), nil, picture,
		slack.SectionBlockOptionBlockID("profile_person"))
}

func roleHeader(role domain.Role) slack.Block {
	return slack.NewHeaderBlock(plain("As a "+roleNoun(role)),
		slack.HeaderBlockOptionBlockID("profile_"+string(role)+"_header"))
}

func menteeBlocks(profile domain.MenteeProfile) []slack.Block {
	details := strings.Join([]string{
		"*Job role:* " + profileText(profile.JobRole),
		"*Organisational area:* " + profileText(profile.OrgArea),
		"*Areas you would like help with:* " + areaList(profile.Areas),
	}, "\n")
	blocks := []slack.Block{sectionWithID("profile_mentee_details", details)}
	blocks = append(blocks, longText("profile_mentee_hopes", "*What you hope to get from mentoring*", profile.Hopes)...)
	return append(blocks, slack.NewActionBlock("profile_mentee_actions",
		button(ActionEditProfile, string(domain.RoleMentee), "Edit")))
}

func mentorBlocks(profile domain.MentorProfile) []slack.Block {
	details := strings.Join([]string{
		"*Job role:* " + profileText(profile.JobRole),
		"*Organisational area:* " + profileText(profile.OrgArea),
		"*Areas you can offer:* " + areaList(profile.Areas),
		capacityLine(profile.Capacity),
		"Available to mentor: " + yesNo(profile.Available),
		"In search results: " + yesNo(profile.Searchable),
	}, "\n")

	searchable := button(ActionSetSearchable, "false", "Don't include me in search results")
	if !profile.Searchable {
		searchable = button(ActionSetSearchable, "true", "Include me in search results")
	}
	available := button(ActionSetAvailable, "false", "I can't take new mentees now")
	if !profile.Available {
		available = button(ActionSetAvailable, "true", "Yes, I am available to mentor")
	}

	blocks := []slack.Block{sectionWithID("profile_mentor_details", details)}
	blocks = append(blocks, longText("profile_mentor_about", "*About you*", profile.About)...)
	return append(blocks, slack.NewActionBlock("profile_mentor_actions",
		button(ActionEditProfile, string(domain.RoleMentor), "Edit"),
		searchable,
		available,
	))
}

// unregisteredBlock returns the line for a role without a profile, with a
// button that continues the registration under way or starts one.
func unregisteredBlock(role domain.Role, registering []domain.Role) slack.Block {
	noun := roleNoun(role)
	text := fmt.Sprintf("You aren't registered as a %s.", noun)
	action := button(ActionRegister, string(role), "Register as a "+noun)
	if slices.Contains(registering, role) {
		text = fmt.Sprintf("You haven't finished registering as a %s yet.", noun)
		action = primaryButton(ActionContinue, string(role), "Continue registering")
	}
	return slack.NewSectionBlock(mrkdwn(text), nil, slack.NewAccessory(action),
		slack.SectionBlockOptionBlockID("profile_"+string(role)+"_register"))
}

// sectionWithID returns a mrkdwn section with a block id, cut to Slack's
// limit.
func sectionWithID(blockID, text string) slack.Block {
	return slack.NewSectionBlock(mrkdwn(truncate(text, maxSectionText)), nil, nil,
		slack.SectionBlockOptionBlockID(blockID))
}

// profileText returns text that a person typed, escaped for mrkdwn, or an
// italic "Not given" when it is blank.
func profileText(text string) string {
	if strings.TrimSpace(text) == "" {
		return "_Not given_"
	}
	// The heading before it takes well under 100 characters.
	return EscapeWithin(text, maxSectionText-100)
}

func capacityLine(capacity int) string {
	if capacity == 1 {
		return "Takes up to 1 mentee at once"
	}
	return "Takes up to " + strconv.Itoa(capacity) + " mentees at once"
}

func yesNo(value bool) string {
	if value {
		return "yes"
	}
	return "no"
}

// longText returns a heading and a text that a person typed, escaped, in as
// many sections as it needs: escaping can make a 1,000-character text five
// times as long, more than one section holds.
func longText(blockID, heading, text string) []slack.Block {
	if strings.TrimSpace(text) == "" {
		return []slack.Block{sectionWithID(blockID, heading+"\n_Not given_")}
	}
	chunks := EscapeChunks(text, maxSectionText-len(heading)-1)
	blocks := []slack.Block{sectionWithID(blockID, heading+"\n"+chunks[0])}
	for i, chunk := range chunks[1:] {
		blocks = append(blocks, sectionWithID(fmt.Sprintf("%s_%d", blockID, i+2), chunk))
	}
	return blocks
}
