package bot

import (
	"context"

	"github.com/mentorbot/mentorbot/domain"
)

// Store is the storage the App's features need.
type Store interface {
	domain.RegistrationStore
	domain.InvitationStore
	domain.MentorDirectory
	domain.NoticeLog
	domain.NudgeStore
	domain.AuditLog
	domain.ProgrammeAdmin
	InvitationExpirer
	DepartureRecorder
	HelpDesk
	PrivacyStore
}

// HelpDesk stores questions to the programme team and finds the question
// that a reply in a thread answers.
type HelpDesk interface {
	// RecordHelpQuestion stores a question and returns its id.
	RecordHelpQuestion(ctx context.Context, question domain.HelpQuestion) (int64, error)
	// RecordHelpQuestionPost stores a message in team that carried a
	// question to the programme team.
	RecordHelpQuestionPost(ctx context.Context, team string, post domain.HelpQuestionPost) error
	// HelpQuestionByPost returns the question that the message at ts in
	// channelID of team carried, or false when it carried none.
	HelpQuestionByPost(ctx context.Context, team, channelID, ts string) (domain.HelpQuestion, bool, error)
}
