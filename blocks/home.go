package blocks

import "github.com/slack-go/slack"

// HomeModel is what the App Home shows to one person.
type HomeModel struct {
	ProgrammeName string
	Welcome       string
	About         string
	Contact       string
	// CanContact is true when a question to the programme team has
	// somewhere to go, so the Contact the programme team button shows.
	CanContact bool
	// Registration is the person's own registration, shown below the
	// welcome.
	Registration RegistrationHome
	// Invitations are the person's invitations, shown below the
	// registration.
	Invitations InvitationsHome
	// Review, when set, is a registered mentor's page of Review my
	// mentees, shown below the invitations.
	Review *ReviewModel
	// Admin, when set, is the programme team's section, shown only to
	// the programme team.
	Admin *AdminHomeModel
}

// HomeView builds the App Home tab. It shows only features that work, so
// each later feature adds its own section and buttons here.
func HomeView(model HomeModel) slack.HomeTabViewRequest {
	blocks := []slack.Block{
		slack.NewHeaderBlock(plain(truncate(model.ProgrammeName, maxHeaderText))),
		section(model.Welcome),
	}
	if registration := RegistrationBlocks(model.Registration); len(registration) > 0 {
		blocks = append(blocks, slack.NewDividerBlock())
		blocks = append(blocks, registration...)
	}
	if invitations := InvitationsBlocks(model.Invitations); len(invitations) > 0 {
		blocks = append(blocks, slack.NewDividerBlock())
		blocks = append(blocks, invitations...)
	}
	metadata := ""
	if model.Review != nil {
		blocks = append(blocks, slack.NewDividerBlock(),
			slack.NewHeaderBlock(plain("Review my mentees"), slack.HeaderBlockOptionBlockID("review_header")))
		blocks = append(blocks, ReviewBlocks(*model.Review)...)
		metadata = EncodeMetadata(ReviewMetadata{Page: clampPage(model.Review.Page, max(model.Review.Total, len(model.Review.Entries)))})
	}
	if model.Admin != nil {
		blocks = append(blocks, slack.NewDividerBlock())
		blocks = append(blocks, AdminHomeBlocks(*model.Admin)...)
	}
	blocks = append(blocks,
		slack.NewDividerBlock(),
		section("*What is mentoring?*\n"+model.About),
		slack.NewDividerBlock(),
		section("*Need a hand?*\n"+model.Contact),
		actionsBlock("home_actions",
			button(ActionHomeHelp, "", "Help"),
			button(ActionOpenResources, "", "Resources"),
			contactButton(HelpModel{CanContact: model.CanContact}),
		),
		slack.NewContextBlock("home_commands",
			mrkdwn("You can also type `/mentor help` in any conversation."),
		),
	)
	return slack.HomeTabViewRequest{
		Type:            slack.VTHomeTab,
		Blocks:          slack.Blocks{BlockSet: blocks},
		PrivateMetadata: metadata,
	}
}
