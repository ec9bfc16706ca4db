package domain

import "time"

// IdleRegistration is a person who started registering for a role, has
// not finished it, and has made no progress for a while, with the other
// arguments that NudgePolicy.RegistrationNudge takes.
type IdleRegistration struct {
	Registration
	// LastActivity is the latest assessment answer or attempt start, and
	// the zero time when there is none.
	LastActivity time.Time
	// PlannedReminders contains the keys of the registration reminders
	// already planned for the person.
	PlannedReminders map[string]bool
}

// Reminded reports whether the reminder of step as role was planned. It
// is the alreadyReminded of NudgePolicy.RegistrationNudge for role.
func (r IdleRegistration) Reminded(role Role, step Step) bool {
	return r.PlannedReminders[registrationNudgeKey(r.Person, role, step)]
}
