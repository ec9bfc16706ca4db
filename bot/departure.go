package bot

import (
	"context"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// DepartureRecorder closes the open invitations of people who left.
type DepartureRecorder interface {
	// RecordDeparture records that Slack reports person as deactivated and
	// closes their requests and relationships on behalf of the programme,
	// enqueueing a DM to each other person. It returns the changes made.
	RecordDeparture(ctx context.Context, person domain.PersonKey, at time.Time) ([]domain.Change, error)
}

// recordDeparture closes person's open invitations because Slack reports
// their account as deactivated, and logs what closed.
func (a *App) recordDeparture(ctx context.Context, person domain.PersonKey) error {
	changes, err := a.store.RecordDeparture(ctx, person, a.now())
	if err != nil {
		return err
	}
	ids := make([]int64, len(changes))
	for i, change := range changes {
		ids[i] = change.Invitation.ID
	}
	a.logger.WithFields(logrus.Fields{
		"team_id": person.TeamID, "user_id": person.UserID, "closed_invitations": ids,
	}).Info("Recorded a deactivated Slack account and closed its open invitations")
	return nil
}

// sendPartyLeft sends the notice's recipient the DM that invitation closed
// because the other person left.
func (a *App) sendPartyLeft(ctx context.Context, notice domain.Notice, invitation domain.Invitation) (string, string, error) {
	model := blocks.PartyLeftModel{Invitation: invitation, Recipient: domain.PartyMentor}
	other := invitation.Mentee
	if notice.Recipient == invitation.Mentee {
		model.Recipient, other = domain.PartyMentee, invitation.Mentor
	}
	if model.Recipient == domain.PartyMentor && invitation.MentorTS == "" && invitation.AnsweredAt == nil {
		// The mentor never saw the request, so its end needs no DM.
		a.logger.WithField("invitation_id", invitation.ID).Info("Skipped telling a mentor about a request they never received")
		return "", "", nil
	}
	model.Other = a.personCard(ctx, other.UserID)
	return a.post(ctx, notice.Recipient.UserID, blocks.PartyLeftMessage(model))
}
