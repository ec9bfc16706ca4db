package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// missedQuestions is how many of the most often missed questions the
// figures list.
const missedQuestions = 5

// maxUserIDLength bounds a user id in a payload. It is not Slack's limit
// and only stops a forged value early.
const maxUserIDLength = 32

// registerConsole adds the handlers of the programme team's console to
// router. Each one checks with requireAdmin, from the payload's identity,
// before anything else.
func (a *App) registerConsole(router *Router) {
	router.Action(blocks.ActionAdminFigures, a.handleAdminFigures)
	router.Action(blocks.ActionAdminLookUp, a.handleAdminLookUp)
	router.ViewSubmission(blocks.CallbackAdminLookUp, a.handleLookUpSubmission)
	router.Action(blocks.ActionAdminHideMentor, a.handleAdminHidden)
	router.Action(blocks.ActionAdminShowMentor, a.handleAdminHidden)
	router.Action(blocks.ActionAdminResetAssessment, a.handleResetAssessment)
	router.Action(blocks.ActionAdminEndRelationship, a.handleEndRelationshipOpen)
	router.ViewSubmission(blocks.CallbackAdminEndRelationship, a.handleEndRelationshipSubmission)
	for actionID := range csvExports {
		router.Action(actionID, a.handleExport)
	}
}

// figures returns teamID's figures for the content and nudge policy in
// use, with up to missedLimit of the most often missed questions. The
// missed questions read every assessment answer, so a missedLimit of 0
// skips the slowest part.
func (a *App) figures(ctx context.Context, teamID string, missedLimit int) (domain.Figures, error) {
	return a.store.ProgrammeFigures(ctx, teamID, domain.FiguresQuery{
		ConductVersion: a.content().Conduct.Version,
		Questions:      a.questionKeys(),
		ReminderAfter:  a.policy.ReminderAfter,
		InactiveAfter:  a.policy.InactiveAfter,
		Now:            a.now(),
		MissedLimit:    missedLimit,
	})
}

// adminHome returns the programme team's section of person's App Home,
// or nil when person is not on the programme team.
func (a *App) adminHome(ctx context.Context, person domain.PersonKey) (*blocks.AdminHomeModel, error) {
	if !a.isAdmin(ctx, person) {
		return nil, nil
	}
	// The App Home's summary shows no missed questions.
	figures, err := a.figures(ctx, person.TeamID, 0)
	if err != nil {
		return nil, err
	}
	return &blocks.AdminHomeModel{
		Figures: figures, ReminderDays: days(a.policy.ReminderAfter), InactiveDays: days(a.policy.InactiveAfter),
	}, nil
}

// days returns d in whole days, rounded, at least 1.
func days(d time.Duration) int {
	return max(int(d.Round(24*time.Hour)/(24*time.Hour)), 1)
}

// handleAdminFigures opens the modal of all the figures.
func (a *App) handleAdminFigures(ctx context.Context, callback *slack.InteractionCallback, _ *slack.BlockAction) (Response, error) {
	admin := personOf(callback)
	if err := a.requireAdmin(ctx, admin, blocks.ActionAdminFigures); err != nil {
		return Response{}, err
	}
	trigger := callback.TriggerID
	return Response{After: func(ctx context.Context) error {
		figures, err := a.figures(ctx, admin.TeamID, missedQuestions)
		if err != nil {
			return err
		}
		texts := map[string]string{}
		for _, question := range a.content().Assessment.Questions {
			texts[question.ID] = question.Text
		}
		view := blocks.FiguresView(blocks.FiguresModel{
			Figures: figures, QuestionTexts: texts,
			ReminderDays: days(a.policy.ReminderAfter), InactiveDays: days(a.policy.InactiveAfter),
		})
		if _, err := a.api.OpenViewContext(ctx, trigger, view); err != nil {
			return fmt.Errorf("open figures modal: %w", err)
		}
		return nil
	}}, nil
}

// handleAdminLookUp opens the modal that picks a person to look up.
func (a *App) handleAdminLookUp(ctx context.Context, callback *slack.InteractionCallback, _ *slack.BlockAction) (Response, error) {
	if err := a.requireAdmin(ctx, personOf(callback), blocks.ActionAdminLookUp); err != nil {
		return Response{}, err
	}
	trigger := callback.TriggerID
	return Response{After: func(ctx context.Context) error {
		if _, err := a.api.OpenViewContext(ctx, trigger, blocks.LookUpView()); err != nil {
			return fmt.Errorf("open look-up modal: %w", err)
		}
		return nil
	}}, nil
}

// handleLookUpSubmission shows the person picked, in place of the picker,
// and records the look-up in the audit log.
func (a *App) handleLookUpSubmission(ctx context.Context, callback *slack.InteractionCallback) (Response, error) {
	admin := personOf(callback)
	if err := a.requireAdmin(ctx, admin, blocks.CallbackAdminLookUp); err != nil {
		return Response{}, err
	}
	userID := blocks.ParseLookUpPerson(callback.View.State.Values)
	if !validUserID(userID) {
		a.logger.WithFields(logrus.Fields{"admin_user_id": admin.UserID, "value": userID}).
			Warn("Rejected a look-up without a valid user id")
		return Response{Body: slack.NewErrorsViewSubmissionResponse(map[string]string{
			blocks.BlockAdminPerson: "Please choose a person.",
		})}, nil
	}
	subject := domain.PersonKey{TeamID: admin.TeamID, UserID: userID}
	err := a.store.RecordAudit(ctx, domain.AuditEntry{
		TeamID: admin.TeamID, Actor: admin.UserID, Action: domain.AuditLookUpPerson, Subject: userID, At: a.now(),
	})
	if err != nil {
		return Response{}, err
	}
	view, err := a.personView(ctx, subject, "")
	if err != nil {
		return Response{}, err
	}
	return updateResponse(view), nil
}

// personView returns the programme team's view of subject, with notice
// confirming a change when it is not empty.
func (a *App) personView(ctx context.Context, subject domain.PersonKey, notice string) (slack.ModalViewRequest, error) {
	overview, err := a.store.PersonOverview(ctx, subject, blocks.MaxPersonRelationships+1)
	if err != nil {
		return slack.ModalViewRequest{}, err
	}
	return blocks.PersonView(blocks.PersonModel{
		UserID: subject.UserID, Overview: overview, ConductVersion: a.content().Conduct.Version, Notice: notice,
	}), nil
}

// subjectOf returns the person named by a console button's value, in the
// team of the admin who clicked, or an error for a forged value.
func subjectOf(admin domain.PersonKey, value string) (domain.PersonKey, error) {
	if !validUserID(value) {
		return domain.PersonKey{}, domain.NewUserError("That button doesn't name a person, so nothing has changed. " +
			"Please look the person up again.")
	}
	return domain.PersonKey{TeamID: admin.TeamID, UserID: value}, nil
}

// validUserID reports whether id looks like a Slack user id: uppercase
// letters and digits. Slack's ids start with U or W, but the check
// assumes no prefix.
func validUserID(id string) bool {
	if len(id) < 2 || len(id) > maxUserIDLength {
		return false
	}
	for _, r := range id {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// handleAdminHidden hides the mentor in the button's value from search,
// or shows them again, and refreshes the person view it came from.
func (a *App) handleAdminHidden(ctx context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	admin := personOf(callback)
	if err := a.requireAdmin(ctx, admin, action.ActionID); err != nil {
		return Response{}, err
	}
	mentor, err := subjectOf(admin, action.Value)
	if err != nil {
		return Response{}, err
	}
	hidden := action.ActionID == blocks.ActionAdminHideMentor
	view := callback.View
	return Response{After: func(ctx context.Context) error {
		err := a.store.SetAdminHidden(ctx, admin, mentor, hidden, a.now())
		if errors.Is(err, domain.ErrNotFound) {
			return domain.NewUserError(fmt.Sprintf("<@%s> has no mentor profile, so nothing has changed.", mentor.UserID))
		}
		if err != nil {
			return err
		}
		a.logger.WithFields(logrus.Fields{"admin_user_id": admin.UserID, "mentor_user_id": mentor.UserID, "hidden": hidden}).
			Info("Changed whether the programme team hides a mentor from search")
		notice := fmt.Sprintf("<@%s> is hidden from search. They stay hidden, whatever their own settings say, "+
			"until you show them again.", mentor.UserID)
		if !hidden {
			notice = fmt.Sprintf("<@%s> is no longer hidden by the programme team. Searches list them again "+
				"when their own settings allow it.", mentor.UserID)
		}
		return a.refreshPersonView(ctx, view, mentor, notice)
	}}, nil
}

// refreshPersonView replaces the modal that an action came from with the
// person view of subject and notice.
func (a *App) refreshPersonView(ctx context.Context, current slack.View, subject domain.PersonKey, notice string) error {
	if current.Type != slack.VTModal {
		return nil
	}
	view, err := a.personView(ctx, subject, notice)
	if err != nil {
		return err
	}
	return a.updateView(ctx, current, view)
}

// handleResetAssessment resets the assessment of the person in the
// button's value, so they take it again, and refreshes their App Home,
// which then shows the assessment as their next step.
func (a *App) handleResetAssessment(ctx context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	admin := personOf(callback)
	if err := a.requireAdmin(ctx, admin, action.ActionID); err != nil {
		return Response{}, err
	}
	subject, err := subjectOf(admin, action.Value)
	if err != nil {
		return Response{}, err
	}
	view := callback.View
	return Response{After: func(ctx context.Context) error {
		err := a.store.ResetAssessment(ctx, admin, subject, a.now())
		if errors.Is(err, domain.ErrNotFound) {
			return domain.NewUserError(fmt.Sprintf("<@%s> hasn't started registering, so there is no assessment "+
				"to reset.", subject.UserID))
		}
		if err != nil {
			return err
		}
		a.logger.WithFields(logrus.Fields{"admin_user_id": admin.UserID, "subject_user_id": subject.UserID}).
			Info("Reset a person's assessment")
		notice := fmt.Sprintf("<@%s>'s assessment is reset. They'll need to pass it again. Until they do, "+
			"they won't appear in search as a mentor or be able to look for a mentor. "+
			"Their relationships carry on as before.", subject.UserID)
		if err := a.refreshPersonView(ctx, view, subject, notice); err != nil {
			return err
		}
		return a.publishHome(ctx, subject)
	}}, nil
}

// handleEndRelationshipOpen replaces the person view with the form for
// the reason to end the relationship in the button's value.
func (a *App) handleEndRelationshipOpen(ctx context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	admin := personOf(callback)
	if err := a.requireAdmin(ctx, admin, action.ActionID); err != nil {
		return Response{}, err
	}
	id, err := strconv.ParseInt(action.Value, 10, 64)
	if err != nil || id < 1 {
		return Response{}, domain.NewUserError("That button doesn't name a relationship, so nothing has changed.")
	}
	var metadata blocks.AdminPersonMetadata
	_ = blocks.DecodeMetadata(callback.View.PrivateMetadata, &metadata)
	view := callback.View
	return Response{After: func(ctx context.Context) error {
		invitation, err := a.ongoingInvitation(ctx, admin, id)
		if err != nil {
			return err
		}
		form := blocks.EndRelationshipView(blocks.EndRelationshipModel{Invitation: invitation, PersonID: metadata.UserID})
		return a.updateView(ctx, view, form)
	}}, nil
}

// ongoingInvitation returns invitation id when it is in admin's team and
// Ongoing, and a user error otherwise.
func (a *App) ongoingInvitation(ctx context.Context, admin domain.PersonKey, id int64) (domain.Invitation, error) {
	invitation, err := a.store.Invitation(ctx, id)
	if errors.Is(err, domain.ErrNotFound) || (err == nil && invitation.TeamID != admin.TeamID) {
		return domain.Invitation{}, domain.NewUserError("I can't find that relationship, so nothing has changed.")
	}
	if err != nil {
		return domain.Invitation{}, err
	}
	if invitation.Status != domain.StatusOngoing {
		return domain.Invitation{}, domain.NewUserError(fmt.Sprintf("That relationship is %s now, "+
			"so there is nothing to end.", invitation.Status.Title()))
	}
	return invitation, nil
}

// handleEndRelationshipSubmission ends the relationship in the form's
// metadata with the reason typed, which queues a DM to each person, and
// shows the person view again with a confirmation.
func (a *App) handleEndRelationshipSubmission(ctx context.Context, callback *slack.InteractionCallback) (Response, error) {
	admin := personOf(callback)
	if err := a.requireAdmin(ctx, admin, blocks.CallbackAdminEndRelationship); err != nil {
		return Response{}, err
	}
	var metadata blocks.AdminPersonMetadata
	if err := blocks.DecodeMetadata(callback.View.PrivateMetadata, &metadata); err != nil || metadata.InvitationID < 1 {
		return Response{}, domain.NewUserError("This form doesn't name a relationship, so nothing has changed.")
	}
	reasonError := func(message string) Response {
		return Response{Body: slack.NewErrorsViewSubmissionResponse(map[string]string{blocks.BlockAdminEndReason: message})}
	}
	reason := blocks.ParseEndReason(callback.View.State.Values)
	switch {
	case reason == "":
		return reasonError("Please give a reason. Both people will see it."), nil
	case len([]rune(reason)) > domain.MaxEndReasonLength:
		return reasonError(fmt.Sprintf("Please keep the reason to %d characters.", domain.MaxEndReasonLength)), nil
	}

	change, err := a.store.EndRelationship(ctx, admin, metadata.InvitationID, reason, a.now())
	var transitionErr *domain.TransitionError
	logger := a.logger.WithFields(logrus.Fields{"admin_user_id": admin.UserID, "invitation_id": metadata.InvitationID})
	switch {
	case errors.Is(err, domain.ErrNotFound):
		logger.Warn("Rejected ending a relationship that is not in the admin's team")
		return reasonError("I can't find that relationship, so nothing has changed."), nil
	case errors.As(err, &transitionErr):
		logger.WithError(err).Info("Skipped ending a relationship that is no longer Ongoing")
		return reasonError(fmt.Sprintf("That relationship is %s now, so there is nothing to end.",
			transitionErr.From.Title())), nil
	case err != nil:
		return Response{}, err
	}
	invitation := change.Invitation
	logger.Info("Ended a relationship on behalf of the programme team")

	subject := invitation.Mentor
	if validUserID(metadata.UserID) {
		subject = domain.PersonKey{TeamID: admin.TeamID, UserID: metadata.UserID}
	}
	notice := fmt.Sprintf("The mentoring between <@%s> and <@%s> has ended. I'm letting them both know, "+
		"with your reason.", invitation.Mentor.UserID, invitation.Mentee.UserID)
	view, err := a.personView(ctx, subject, notice)
	if err != nil {
		return Response{}, err
	}
	response := updateResponse(view)
	response.After = func(ctx context.Context) error {
		if err := a.publishHome(ctx, invitation.Mentor); err != nil {
			return err
		}
		return a.publishHome(ctx, invitation.Mentee)
	}
	return response, nil
}
