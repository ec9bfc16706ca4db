package bot

import (
	"context"
	"fmt"
	"sync"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// handleAppHomeOpened publishes the App Home for the person who opened it.
// Slack sends the event for the Messages tab too; only the Home tab needs a
// view.
func (a *App) handleAppHomeOpened(_ context.Context, event slackevents.EventsAPIEvent) (Response, error) {
	opened, ok := event.InnerEvent.Data.(*slackevents.AppHomeOpenedEvent)
	if !ok || opened.User == "" {
		return Response{}, fmt.Errorf("app_home_opened event without a user")
	}
	if opened.Tab != "" && opened.Tab != "home" {
		return Response{}, nil
	}

	team := event.TeamID
	if event.EnterpriseID != "" {
		team = event.EnterpriseID
	}
	person := domain.PersonKey{TeamID: team, UserID: opened.User}
	return Response{After: func(ctx context.Context) error {
		return a.publishHome(ctx, person)
	}}, nil
}

// publishHome builds the person's App Home from their records and
// publishes it, with the first page of their mentees.
func (a *App) publishHome(ctx context.Context, person domain.PersonKey) error {
	return a.publishHomeAt(ctx, person, 0)
}

// publishHomeAt publishes the person's App Home with page reviewPage of
// their mentees.
func (a *App) publishHomeAt(ctx context.Context, person domain.PersonKey, reviewPage int) error {
	// Two publishes for one person, such as after two quick steps, run one
	// after the other, so the later one reads the records after the
	// earlier one and Slack is left showing the newest state.
	lock, _ := a.homeLocks.LoadOrStore(person, &sync.Mutex{})
	lock.(*sync.Mutex).Lock()
	defer lock.(*sync.Mutex).Unlock()

	registration, err := a.store.Registration(ctx, person)
	if err != nil {
		return err
	}
	invitations, err := a.invitationsHome(ctx, registration)
	if err != nil {
		return err
	}
	var review *blocks.ReviewModel
	if registration.Registered(domain.RoleMentor) && invitations.MentorConsidering+invitations.MentorOngoing > 0 {
		model, err := a.reviewModel(ctx, person, reviewPage)
		if err != nil {
			return err
		}
		review = &model
	}
	admin, err := a.adminHome(ctx, person)
	if err != nil {
		return err
	}
	view := blocks.HomeView(blocks.HomeModel{
		ProgrammeName: a.content().Programme.Name,
		Welcome:       a.content().Programme.Welcome,
		About:         a.content().Programme.About,
		Contact:       a.contactText(),
		CanContact:    a.canContact(),
		Registration:  a.registrationHome(registration),
		Invitations:   invitations,
		Review:        review,
		Admin:         admin,
	})
	if _, err := a.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: person.UserID, View: view}); err != nil {
		return fmt.Errorf("publish app home for user %s: %w", person.UserID, err)
	}
	return nil
}

// registrationHome returns the App Home's account of where the person
// stands.
func (a *App) registrationHome(registration domain.Registration) blocks.RegistrationHome {
	version := a.content().Conduct.Version
	home := blocks.RegistrationHome{
		Mentee: registration.Mentee,
		Mentor: registration.Mentor,
		ConsentOutdated: (registration.Registered(domain.RoleMentee) || registration.Registered(domain.RoleMentor)) &&
			!registration.ConsentCurrent(version),
	}
	for _, role := range []domain.Role{domain.RoleMentee, domain.RoleMentor} {
		home.Roles = append(home.Roles, blocks.RoleStatus{
			Role:    role,
			Started: registration.HasStarted(role) || registration.HasProfile(role),
			Next:    registration.NextStep(role, version),
		})
	}
	return home
}

// homeInvitations is how many of a mentee's invitations the App Home lists.
const homeInvitations = 5

// invitationsHome returns the App Home's account of the person's
// invitations, as a mentee and as a mentor.
func (a *App) invitationsHome(ctx context.Context, registration domain.Registration) (blocks.InvitationsHome, error) {
	home := blocks.InvitationsHome{CanFind: a.checkCanSearch(registration) == nil}
	person := registration.Person
	if registration.Mentee != nil {
		sent, err := a.store.MenteeInvitations(ctx, person, homeInvitations)
		if err != nil {
			return home, err
		}
		for _, invitation := range sent {
			home.Sent = append(home.Sent, blocks.SentInvitation{
				Invitation: invitation,
				Mentor:     a.personCard(ctx, invitation.Mentor.UserID),
			})
		}
	}
	if registration.Mentor != nil {
		home.RegisteredMentor = registration.Registered(domain.RoleMentor)
		considering, ongoing, err := a.store.InvitationCounts(ctx, person)
		if err != nil {
			return home, err
		}
		home.MentorConsidering, home.MentorOngoing = considering, ongoing
	}
	return home, nil
}
