package bot

import (
	"context"
	"slices"
	"time"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// maxExpirySuggestions is how many other mentors the mentee's expiry DM
// suggests.
const maxExpirySuggestions = 3

// sendInvitationExpired sends one person of invitation the DM that it closed
// unanswered. The mentee's DM suggests other mentors to ask. A mentor who
// never received the request is not told.
func (a *App) sendInvitationExpired(ctx context.Context, notice domain.Notice, invitation domain.Invitation) (string, string, error) {
	model := blocks.InvitationExpiredModel{Invitation: invitation, Days: waitedDays(invitation)}
	if notice.Recipient == invitation.Mentee {
		model.Recipient = domain.PartyMentee
		model.Other = a.personCard(ctx, invitation.Mentor.UserID)
		suggestions, err := a.suggestMentors(ctx, invitation)
		if err != nil {
			return "", "", err
		}
		model.Suggestions = suggestions
		model.Cards = make(map[string]blocks.PersonCard, len(suggestions))
		for _, match := range suggestions {
			userID := match.Mentor.Person.UserID
			model.Cards[userID] = a.personCard(ctx, userID)
		}
	} else {
		if invitation.MentorTS == "" {
			a.logger.WithField("invitation_id", invitation.ID).
				Info("Skipped the expiry DM to a mentor who never received the request")
			return "", "", nil
		}
		model.Recipient = domain.PartyMentor
		model.Other = a.personCard(ctx, invitation.Mentee.UserID)
	}
	return a.post(ctx, notice.Recipient.UserID, blocks.InvitationExpiredMessage(model))
}

// suggestMentors returns up to maxExpirySuggestions mentors, best first,
// whom the mentee of an expired invitation could ask next: listed mentors
// who share at least one of the mentee's areas, other than the mentor who
// did not answer, and whom Slack does not report as deactivated. It
// returns none when the mentee may no longer search, such as after the
// code of conduct changed.
func (a *App) suggestMentors(ctx context.Context, expired domain.Invitation) ([]domain.Match, error) {
	registration, err := a.store.Registration(ctx, expired.Mentee)
	if err != nil {
		return nil, err
	}
	if a.checkCanSearch(registration) != nil || registration.Mentee == nil {
		return nil, nil
	}
	candidates, err := a.store.SearchMentors(ctx, expired.Mentee, domain.SearchFilter{}, searchLimit)
	if err != nil {
		return nil, err
	}

	var suggestions []domain.Match
	for _, match := range domain.RankMentors(registration.Mentee, domain.SearchFilter{}, candidates) {
		mentor := match.Mentor
		if mentor.Person == expired.Mentor || !sharesArea(mentor.Profile.Areas, registration.Mentee.Areas) {
			continue
		}
		if user, err := a.users.Lookup(ctx, mentor.Person.UserID); err == nil && user.Deleted {
			continue
		}
		suggestions = append(suggestions, match)
		if len(suggestions) == maxExpirySuggestions {
			break
		}
	}
	return suggestions, nil
}

func sharesArea(offered, requested []string) bool {
	return slices.ContainsFunc(requested, func(area string) bool { return slices.Contains(offered, area) })
}

// waitedDays returns the whole days between the request and its end, or 0
// when it has not ended.
func waitedDays(invitation domain.Invitation) int {
	if invitation.EndedAt == nil {
		return 0
	}
	return int(invitation.EndedAt.Sub(invitation.CreatedAt) / (24 * time.Hour))
}
