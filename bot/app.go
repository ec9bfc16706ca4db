package bot

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
)

// SlashCommand is the bot's slash command, as manifest.yml declares it.
const SlashCommand = "/mentor"

// App holds the bot's features and registers their handlers on a Router.
type App struct {
	logger logrus.FieldLogger
	api    *slack.Client
	// loaded is the programme's content. SetContent replaces it while the
	// bot runs, so read it through content.
	loaded   atomic.Pointer[content.Content]
	store    Store
	notifier *Notifier
	users    *userDirectory
	passMark int
	// maxConsidering is how many invitations a mentee may have waiting
	// for an answer at once.
	maxConsidering int
	// team holds the Slack user ids of the programme team.
	team []string
	// admins decides who is on the programme team: team, and the members
	// of a Slack user group.
	admins *adminDirectory
	// helpChannel is the channel that receives questions to the programme
	// team; empty sends them by DM to each member of team.
	helpChannel string
	// hours are when people receive nudges, in their own time zones, and
	// defaultZone is the zone of people whose Slack profile has none.
	hours       domain.WorkingHours
	defaultZone *time.Location
	// policy decides when nudges are due.
	policy domain.NudgePolicy
	now    func() time.Time

	// directAnswers limits the answers to messages in the bot's DM to one
	// per person per directMessageAnswerInterval.
	directAnswers *logLimiter

	// homeLocks holds a *sync.Mutex per domain.PersonKey, held while that
	// person's App Home is read and published.
	homeLocks sync.Map

	// subcommands are the /mentor subcommands, in the order help lists them.
	subcommands []subcommand

	// loadContent loads the content for ReloadContent, or is nil when the
	// content cannot be reloaded. reloads lets one reload run at a time.
	loadContent func() (*content.Content, error)
	reloads     sync.Mutex
}

// content returns the programme's content in use now. A handler that
// reads it more than once may see a reload between the reads.
func (a *App) content() *content.Content { return a.loaded.Load() }

// SetContent replaces the programme's content, such as after the
// programme team edited its files. Each later read of the content sees
// the new one.
func (a *App) SetContent(loaded *content.Content) { a.loaded.Store(loaded) }

// AppConfig is the configuration of an App.
type AppConfig struct {
	Logger  logrus.FieldLogger
	API     *slack.Client
	Content *content.Content
	Store   Store
	// Notifier confirms changes to the person who made them.
	Notifier *Notifier
	// PassMark is the number of correct answers that passes the
	// assessment; zero means domain.DefaultPassMark.
	PassMark int
	// MaxConsidering is how many invitations a mentee may have waiting for
	// an answer; zero means domain.DefaultMaxConsidering.
	MaxConsidering int
	// AdminUserIDs are the Slack user ids of the programme team, whom help
	// names as the people to contact.
	AdminUserIDs []string
	// AdminUsergroupID is a Slack user group whose members are the
	// programme team too, or "" for none.
	AdminUsergroupID string
	// HelpChannelID is the channel that receives questions to the
	// programme team; empty sends them by DM to each of AdminUserIDs.
	HelpChannelID string
	// WorkingHours are when people receive nudges; zero means
	// domain.DefaultWorkingHours.
	WorkingHours domain.WorkingHours
	// DefaultTimeZone is the zone of people whose Slack profile has none;
	// nil means UTC.
	DefaultTimeZone *time.Location
	// NudgePolicy decides when nudges are due; the zero value means
	// domain.DefaultNudgePolicy.
	NudgePolicy domain.NudgePolicy
	// Now returns the current time; nil means time.Now.
	Now func() time.Time

	// LoadContent loads the content again when the programme team or the
	// operator asks for a reload; nil means the content cannot be reloaded.
	LoadContent func() (*content.Content, error)
}

// NewApp returns an App with every feature of the bot.
func NewApp(config AppConfig) *App {
	app := &App{
		logger:         config.Logger,
		api:            config.API,
		store:          config.Store,
		notifier:       config.Notifier,
		passMark:       config.PassMark,
		maxConsidering: config.MaxConsidering,
		team:           config.AdminUserIDs,
		helpChannel:    config.HelpChannelID,
		hours:          config.WorkingHours,
		defaultZone:    config.DefaultTimeZone,
		policy:         config.NudgePolicy,
		now:            config.Now,
		loadContent:    config.LoadContent,
	}
	app.loaded.Store(config.Content)
	if len(app.hours.Days) == 0 {
		app.hours = domain.DefaultWorkingHours()
	}
	if app.defaultZone == nil {
		app.defaultZone = time.UTC
	}
	if app.policy == (domain.NudgePolicy{}) {
		app.policy = domain.DefaultNudgePolicy()
	}
	if app.passMark == 0 {
		app.passMark = domain.DefaultPassMark
	}
	if app.maxConsidering == 0 {
		app.maxConsidering = domain.DefaultMaxConsidering
	}
	if app.now == nil {
		app.now = time.Now
	}
	app.users = newUserDirectory(config.API, app.now)
	app.directAnswers = newLogLimiter(directMessageAnswerInterval)
	app.admins = newAdminDirectory(config.API, config.AdminUserIDs, config.AdminUsergroupID, app.now)
	app.subcommands = []subcommand{
		{
			name: "help", usage: "help [topic]",
			description: "Show this list of commands, or the help guide's page on a topic.",
			run:         app.runHelp,
		},
		{
			name: "resources", usage: "resources",
			description: "Open the guides to good mentoring, from the first meeting to the last.",
			run:         app.runResources,
		},
		{
			name: "register", usage: "register mentee|mentor",
			description: "Register as a mentee or a mentor, or carry on where you left off.",
			run:         app.runRegister,
		},
		{name: "profile", usage: "profile", description: "See and change your profile.", run: app.runProfile},
		{
			name: "find", usage: "find [words] [area:…] [role:…] [org:…]",
			description: "Find a mentor, by any words or by mentoring area, job role and organisational area.",
			run:         app.runFind,
		},
		{name: "mentees", usage: "mentees", description: "Review your mentees and their requests.", run: app.runMentees},
		{
			name: "my-data", usage: "my-data",
			description: "Get a file, by DM, of everything Mentorbot stores about you.", run: app.runMyData,
		},
		{
			name: "delete-me", usage: "delete-me",
			description: "Erase your profile, answers and notes, after you confirm.", run: app.runDeleteMe,
		},
	}
	return app
}

// Register adds the App's handlers to router.
func (a *App) Register(router *Router) {
	router.Command(SlashCommand, a.handleMentorCommand)
	router.Event("app_home_opened", a.handleAppHomeOpened)
	router.Event("user_change", a.handleUserChange)
	router.Event("message", a.handleMessage)

	router.Action(blocks.ActionHomeHelp, a.handleOpenHelp)
	router.Action(blocks.ActionOpenHelp, a.handleOpenHelp)
	router.Action(blocks.ActionHelpTopic, a.handleHelpTopic)
	router.Action(blocks.ActionHelpContents, a.handleHelpContents)
	router.Action(blocks.ActionContactTeam, a.handleContactTeam)
	router.ViewSubmission(blocks.CallbackHelpQuestion, a.handleHelpQuestionSubmission)
	router.Action(blocks.ActionOpenResources, a.handleOpenResources)
	router.Action(blocks.ActionResourcePage, a.handleResourcePage)
	router.Action(blocks.ActionResourcesContents, a.handleResourcesContents)

	router.Action(blocks.ActionRegister, a.handleRegister)
	router.Action(blocks.ActionContinue, a.handleContinue)
	router.Action(blocks.ActionReviewConduct, a.handleReviewConduct)

	router.Action(blocks.ActionLearningVisit, a.handleLearningAction)
	router.Action(blocks.ActionLearningNext, a.handleLearningAction)
	router.Action(blocks.ActionLearningBack, a.handleLearningAction)
	router.Action(blocks.ActionLearningMap, a.handleLearningAction)
	router.Action(blocks.ActionLearningRespond, a.handleLearningAction)
	router.Action(blocks.ActionLearningRetry, a.handleLearningAction)
	router.Action(blocks.ActionLearningFinish, a.handleLearningFinish)
	router.Action(blocks.ActionOpenCampus, a.handleOpenCampus)

	router.ViewSubmission(blocks.CallbackAssessment, a.handleAnswer)
	router.Action(blocks.ActionAssessmentRetake, a.handleRetake)
	router.ViewSubmission(blocks.CallbackConduct, a.handleConductSubmission)
	router.ViewSubmission(blocks.CallbackDetails, a.handleDetailsSubmission)
	router.ViewClosed(blocks.CallbackDetails, a.handleDetailsClosed)

	router.Action(blocks.ActionOpenProfile, a.handleOpenProfile)
	router.Action(blocks.ActionEditProfile, a.handleEditProfile)
	router.Action(blocks.ActionSetSearchable, a.handleMentorSetting)
	router.Action(blocks.ActionSetAvailable, a.handleMentorSetting)

	router.Action(blocks.ActionFind, a.handleFindOpen)
	router.Action(blocks.ActionFindFilter, a.handleFindChange)
	router.Action(blocks.ActionFindPage, a.handleFindChange)
	router.Action(blocks.ActionFindClearText, a.handleFindChange)
	router.Action(blocks.ActionMentorDetails, a.handleMentorDetails)
	router.Action(blocks.ActionAsk, a.handleAsk)
	router.ViewSubmission(blocks.CallbackInvite, a.handleInviteSubmission)

	for actionID := range invitationTransitions {
		router.Action(actionID, a.handleInvitationButton)
	}
	router.Action(blocks.ActionWithdrawOthers, a.handleWithdrawOthers)
	router.Action(blocks.ActionAvailableAgain, a.handleAvailableAgain)
	router.Action(blocks.ActionInvitationDetails, a.handleInvitationDetails)
	// The Message button is a link that Slack opens itself; its click needs
	// only the acknowledgement.
	router.Action(blocks.ActionMessage, acknowledgeOnly)

	router.Action(blocks.ActionWeMet, a.handleWeMet)
	router.Action(blocks.ActionWeMetNote, a.handleWeMetNote)
	router.ViewSubmission(blocks.CallbackWeMet, a.handleWeMetSubmission)
	router.Action(blocks.ActionContinueMentoring, a.handleContinueMentoring)
	router.Action(blocks.ActionGiveFeedback, a.handleGiveFeedback)
	router.ViewSubmission(blocks.CallbackFeedback, a.handleFeedbackSubmission)

	router.Action(blocks.ActionReviewMentees, a.handleReviewOpen)
	router.Action(blocks.ActionReviewPage, a.handleReviewPage)
	router.Action(blocks.ActionReviewStatus, a.handleReviewStatus)

	a.registerConsole(router)

	router.ViewSubmission(blocks.CallbackErasure, a.handleErasureSubmission)

	router.Action(blocks.ActionReloadContent, a.handleReloadContent)
}

// choices returns the organisation's lists for profile validation.
func (a *App) choices() domain.Choices {
	return domain.Choices{
		Areas:    a.content().Lists.MentoringAreas,
		JobRoles: a.content().Lists.JobRoles,
		OrgAreas: a.content().Lists.OrganisationalAreas,
	}
}

// questionKeys returns the assessment's questions as scoring needs them.
func (a *App) questionKeys() []domain.QuestionKey {
	keys := make([]domain.QuestionKey, 0, len(a.content().Assessment.Questions))
	for _, question := range a.content().Assessment.Questions {
		keys = append(keys, domain.QuestionKey{
			ID:      question.ID,
			Place:   question.Place,
			Correct: question.CorrectOption(),
		})
	}
	return keys
}

// contactText returns how to reach the programme team: the content's text
// and, when the team is configured, mentions of its members, which Slack
// shows as names that open their profiles.
func (a *App) contactText() string {
	if len(a.team) == 0 {
		return a.content().Programme.Contact
	}
	mentions := make([]string, len(a.team))
	for i, userID := range a.team {
		mentions[i] = "<@" + userID + ">"
	}
	return a.content().Programme.Contact + "\nThe programme team: " + strings.Join(mentions, ", ")
}

// acknowledgeOnly handles an action that needs nothing but Slack's
// acknowledgement, such as a link button.
func acknowledgeOnly(context.Context, *slack.InteractionCallback, *slack.BlockAction) (Response, error) {
	return Response{}, nil
}
