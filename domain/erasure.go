package domain

// ErasureReason is the reason recorded on the invitations that close
// because one of their people erased their data.
const ErasureReason = "Left the mentoring programme"

// AuditErasure is the audit action of a person erasing their own data. Its
// entry names the person as actor and subject, and has no detail, so the
// log shows that an erasure happened but not what it erased.
const AuditErasure AuditAction = "erasure"

// ErrErased is returned when a person whose data was erased acts on a
// record from before, such as a button in an old DM.
var ErrErased = NewUserError("You erased your Mentorbot data, so this is no longer available. " +
	"You're welcome to register again from Mentorbot's App Home.")
