package domain

// DepartureReason is the reason recorded on the invitations that close
// because Slack reports one of their people as deactivated.
const DepartureReason = "Slack account deactivated"

// DepartureStatus returns the status that an open invitation moves to when
// the person leaver leaves the organisation, and false when the invitation
// is not open or leaver is not one of its people. A request in Considering
// is declined when the mentor left and withdrawn when the mentee left, and
// an ongoing relationship finishes. Each move is made by PartyProgramme.
func DepartureStatus(invitation Invitation, leaver PersonKey) (Status, bool) {
	party, ok := invitation.PartyOf(leaver.UserID)
	if !ok || invitation.TeamID != leaver.TeamID {
		return "", false
	}
	switch {
	case invitation.Status == StatusConsidering && party == PartyMentor:
		return StatusDeclined, true
	case invitation.Status == StatusConsidering:
		return StatusWithdrawn, true
	case invitation.Status == StatusOngoing:
		return StatusFinished, true
	default:
		return "", false
	}
}

// NoticesForDeparture returns the notices of an invitation that closed
// because leaver left: the other person's DM of the request, if it has
// buttons, is rewritten without them, and the other person gets
// NoticePartyLeft. A mentor whose mentee left is also asked whether they
// can mentor someone else. Nothing is sent to leaver.
func NoticesForDeparture(change Change, leaver PersonKey) []Notice {
	invitation := change.Invitation
	status := string(invitation.Status)
	notice := func(kind NoticeKind, recipient PersonKey, who string) Notice {
		return Notice{
			Type: kind, Key: noticeKey(invitation.ID, status, who+":"+string(kind)),
			Recipient: recipient, InvitationID: invitation.ID,
		}
	}

	if leaver == invitation.Mentor {
		notices := []Notice{notice(NoticePartyLeft, invitation.Mentee, "mentee")}
		if change.From == StatusConsidering {
			notices = append(notices, notice(NoticeInvitationSentUpdate, invitation.Mentee, "mentee"))
		}
		return notices
	}
	notices := []Notice{
		notice(NoticePartyLeft, invitation.Mentor, "mentor"),
		notice(NoticeInvitationUpdate, invitation.Mentor, "mentor"),
	}
	if invitation.Status == StatusFinished {
		notices = append(notices, notice(NoticeAvailabilityPrompt, invitation.Mentor, "mentor"))
	}
	return notices
}
