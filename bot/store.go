package bot

import "github.com/mentorbot/mentorbot/domain"

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
}
