package main

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	// The embedded IANA time zone database lets CRON_TZ, NUDGE_TIME_ZONE
	// and people's Slack time zones load on machines that have no zone
	// database installed.
	_ "time/tzdata"

	"github.com/robfig/cron/v3"
	"github.com/sirupsen/logrus"

	"github.com/mentorbot/mentorbot/domain"
)

// NudgeConfig is the configuration of the scheduled sweeps that find and
// send nudges.
type NudgeConfig struct {
	// InvitationSweep, RegistrationSweep and RelationshipSweep are the
	// schedules of the sweeps of invitations in Considering, of
	// unfinished registrations, and of relationships.
	InvitationSweep   SweepSchedule
	RegistrationSweep SweepSchedule
	RelationshipSweep SweepSchedule
	// Policy is the nudge policy that the sweeps apply. It has passed
	// Validate.
	Policy domain.NudgePolicy
	// WorkingHours is the weekly window in which people receive nudges,
	// in each person's own time zone.
	WorkingHours domain.WorkingHours
	// DefaultTimeZone is the time zone of a person whose Slack profile has
	// no tz. It is never nil in a Config from parseConfig.
	DefaultTimeZone *time.Location
}

// SweepSchedule is a parsed cron expression. Its Next method makes it a
// river.PeriodicSchedule.
type SweepSchedule struct {
	cron.Schedule
	// Expression is the cron expression as configured, without the UTC
	// time zone that checkSchedule adds when it has none.
	Expression string
}

// String returns the configured cron expression.
func (s SweepSchedule) String() string { return s.Expression }

// day is the length of a day in the nudge settings: elapsed time, as
// domain.NudgePolicy counts it.
const day = 24 * time.Hour

// maxReviewAfterMonths is ten years, longer than any mentoring
// relationship. It also keeps time.AddDate far from overflow.
const maxReviewAfterMonths = 120

// minSweepInterval is the shortest interval of an @every schedule, once a
// minute as for a five-field expression. A sweep every second would only
// load the database.
const minSweepInterval = time.Minute

// defaultPolicy supplies the defaults of the nudge policy's settings.
var defaultPolicy = domain.DefaultNudgePolicy()

// nudgeSettings are the nudge settings at the end of the settings table.
var nudgeSettings = []setting{
	{
		"invitation-sweep-schedule", "INVITATION_SWEEP_SCHEDULE",
		"cron schedule of the sweep that reminds mentors of invitations and expires them; " +
			"UTC unless prefixed with CRON_TZ=Area/City",
		"*/15 * * * *",
	},
	{
		"registration-sweep-schedule", "REGISTRATION_SWEEP_SCHEDULE",
		"cron schedule of the sweep that reminds people to finish registering",
		"0 * * * *",
	},
	{
		"relationship-sweep-schedule", "RELATIONSHIP_SWEEP_SCHEDULE",
		"cron schedule of the sweep of check-ins, review prompts, inactive pairs and feedback requests",
		"30 * * * *",
	},
	{
		"reminder-after", "REMINDER_AFTER",
		"wait before each reminder of an unanswered invitation, in days (5d) or a Go duration (36h)",
		formatDays(defaultPolicy.ReminderAfter),
	},
	{
		"max-reminders", "MAX_REMINDERS",
		"reminders an unanswered invitation gets at most; 0 sends none",
		strconv.Itoa(defaultPolicy.MaxReminders),
	},
	{
		"expire-after", "EXPIRE_AFTER",
		"time after which an unanswered invitation expires, in days (21d) or a Go duration",
		formatDays(defaultPolicy.ExpireAfter),
	},
	{
		"registration-idle", "REGISTRATION_IDLE",
		"time without progress before a reminder to finish registering, in days (7d) or a Go duration",
		formatDays(defaultPolicy.RegistrationIdle),
	},
	{
		"check-in-every", "CHECK_IN_EVERY",
		"interval between check-ins of an ongoing relationship, in days (30d) or a Go duration",
		formatDays(defaultPolicy.CheckInEvery),
	},
	{
		"review-after-months", "REVIEW_AFTER_MONTHS",
		"calendar months after acceptance at which a relationship is reviewed",
		strconv.Itoa(defaultPolicy.ReviewAfterMonths),
	},
	{
		"inactive-after", "INACTIVE_AFTER",
		"time without a recorded meeting before both people get a DM and the pair is flagged to the programme team, in days (90d) or a Go duration",
		formatDays(defaultPolicy.InactiveAfter),
	},
	{
		"working-hours", "WORKING_HOURS",
		"when people receive nudges, in their own time zone, such as 08:30-16:30 Mon,Tue,Thu",
		domain.DefaultWorkingHours().String(),
	},
	{
		"nudge-time-zone", "NUDGE_TIME_ZONE",
		"IANA time zone for people whose Slack profile has none, such as Europe/London",
		"UTC",
	},
}

// checkNudgeConfig reads and checks the nudge settings, and returns every
// problem it finds, each naming its variable.
func checkNudgeConfig(value func(env string) string) (NudgeConfig, []error) {
	var problems []error
	check := func(err error) {
		if err != nil {
			problems = append(problems, err)
		}
	}

	var nudges NudgeConfig
	var err error
	sweeps := []struct {
		env      string
		schedule *SweepSchedule
	}{
		{"INVITATION_SWEEP_SCHEDULE", &nudges.InvitationSweep},
		{"REGISTRATION_SWEEP_SCHEDULE", &nudges.RegistrationSweep},
		{"RELATIONSHIP_SWEEP_SCHEDULE", &nudges.RelationshipSweep},
	}
	for _, sweep := range sweeps {
		*sweep.schedule, err = checkSchedule(sweep.env, value(sweep.env))
		check(err)
	}

	var policyProblems []error
	nudges.Policy, policyProblems = checkNudgePolicy(value)
	problems = append(problems, policyProblems...)

	nudges.WorkingHours, err = checkWorkingHours(value("WORKING_HOURS"))
	check(err)
	nudges.DefaultTimeZone, err = checkTimeZone(value("NUDGE_TIME_ZONE"))
	check(err)
	return nudges, problems
}

// checkSchedule parses raw, the value of the variable env, as a cron
// expression of five fields or a descriptor such as @hourly, as
// cron.ParseStandard reads them. An optional CRON_TZ=Area/City prefix sets
// the time zone, which is otherwise UTC rather than the server's.
func checkSchedule(env, raw string) (SweepSchedule, error) {
	fix := `use five fields, minute hour day-of-month month day-of-week, such as "*/15 * * * *"`
	spec := raw
	hasTimeZone := strings.HasPrefix(raw, "CRON_TZ=") || strings.HasPrefix(raw, "TZ=")
	if hasTimeZone {
		fix += `, after CRON_TZ= with an IANA time zone name and a space, ` +
			`such as "CRON_TZ=Europe/London 0 9 * * 1-5"`
	} else {
		spec = "CRON_TZ=UTC " + raw
	}

	if raw == "" {
		return SweepSchedule{}, fmt.Errorf("%s is empty: %s", env, fix)
	}
	// cron v3.0.1 panics on a time zone prefix that no space follows.
	// cron v3.0.1 takes "Local" as the server's time zone, which the
	// README promises a schedule never uses unless it names it.
	if zone, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(raw, "CRON_TZ="), "TZ="), " "); hasTimeZone &&
		strings.EqualFold(zone, "Local") {
		return SweepSchedule{}, fmt.Errorf("%s %s names the server's local time zone: %s", env, quoteValue(raw), fix)
	}
	if hasTimeZone && !strings.Contains(raw, " ") {
		return SweepSchedule{}, fmt.Errorf("%s %s has a time zone but no schedule: %s",
			env, quoteValue(raw), fix)
	}
	schedule, err := cron.ParseStandard(spec)
	if err != nil {
		return SweepSchedule{}, fmt.Errorf("%s %s is not a cron schedule%s: %s",
			env, quoteValue(raw), parserReason(raw, err), fix)
	}

	if every, ok := schedule.(cron.ConstantDelaySchedule); ok && every.Delay < minSweepInterval {
		return SweepSchedule{}, fmt.Errorf("%s %s runs more often than once a minute: %s",
			env, quoteValue(raw), fix)
	}
	// cron v3.0.1 returns the zero time when nothing matches within five
	// years, as for 31 February.
	if schedule.Next(time.Now()).IsZero() {
		return SweepSchedule{}, fmt.Errorf("%s %s matches no date, so the sweep would never run: %s",
			env, quoteValue(raw), fix)
	}
	return SweepSchedule{Schedule: schedule, Expression: raw}, nil
}

// parserReason returns err's message in brackets with a leading space, or
// nothing when raw looks like a Slack token, because the parser's messages
// repeat parts of the expression.
func parserReason(raw string, err error) string {
	if looksLikeSlackToken(raw) {
		return ""
	}
	// The field count error ends with the fields themselves, as in
	// "expected exactly 5 fields, found 4: [*/15 * * *]", which repeats
	// the quoted value.
	reason, _, _ := strings.Cut(err.Error(), ": [")
	return " (" + reason + ")"
}

// checkNudgePolicy reads the nudge policy's settings, then checks the
// policy with Validate when each setting is valid on its own.
func checkNudgePolicy(value func(env string) string) (domain.NudgePolicy, []error) {
	var problems []error
	check := func(err error) {
		if err != nil {
			problems = append(problems, err)
		}
	}

	var policy domain.NudgePolicy
	var err error
	policy.ReminderAfter, err = checkWait("REMINDER_AFTER", value("REMINDER_AFTER"))
	check(err)
	policy.MaxReminders, err = checkMaxReminders(value("MAX_REMINDERS"))
	check(err)
	policy.ExpireAfter, err = checkWait("EXPIRE_AFTER", value("EXPIRE_AFTER"))
	check(err)
	policy.RegistrationIdle, err = checkWait("REGISTRATION_IDLE", value("REGISTRATION_IDLE"))
	check(err)
	policy.CheckInEvery, err = checkWait("CHECK_IN_EVERY", value("CHECK_IN_EVERY"))
	check(err)
	policy.ReviewAfterMonths, err = checkReviewAfterMonths(value("REVIEW_AFTER_MONTHS"))
	check(err)
	policy.InactiveAfter, err = checkWait("INACTIVE_AFTER", value("INACTIVE_AFTER"))
	check(err)

	// Validate would repeat the problems above with field names.
	if len(problems) > 0 {
		return domain.NudgePolicy{}, problems
	}
	if err := policy.Validate(); err != nil {
		return domain.NudgePolicy{}, policyConflicts(err)
	}
	return policy, nil
}

// policyVariables pairs the field names of domain.NudgePolicy with the
// variables that set them.
var policyVariables = []struct{ field, env string }{
	{"ReminderAfter", "REMINDER_AFTER"},
	{"MaxReminders", "MAX_REMINDERS"},
	{"ExpireAfter", "EXPIRE_AFTER"},
	{"RegistrationIdle", "REGISTRATION_IDLE"},
	{"CheckInEvery", "CHECK_IN_EVERY"},
	{"ReviewAfterMonths", "REVIEW_AFTER_MONTHS"},
	{"InactiveAfter", "INACTIVE_AFTER"},
}

// policyConflicts returns each problem in err, an error from
// NudgePolicy.Validate, with its field names replaced by the variables
// that set them, and those variables named as the fix.
func policyConflicts(err error) []error {
	// Validate wraps an errors.Join of its problems.
	var joined interface{ Unwrap() []error }
	problems := []error{err}
	if errors.As(err, &joined) {
		problems = joined.Unwrap()
	}

	conflicts := make([]error, 0, len(problems))
	for _, problem := range problems {
		text := problem.Error()
		var named []string
		for _, pair := range policyVariables {
			if strings.Contains(text, pair.field) {
				text = strings.ReplaceAll(text, pair.field, pair.env)
				named = append(named, pair.env)
			}
		}
		fix := "change the nudge settings"
		if len(named) > 0 {
			fix = "change " + strings.Join(named, " or ")
		}
		conflicts = append(conflicts, fmt.Errorf("%s: %s", text, fix))
	}
	return conflicts
}

// waitForms is how to write a wait that parseDays reads.
const waitForms = "use a whole number of days such as 5d, or hours or minutes such as 36h or 90m"

// checkWait parses raw, the value of the variable env, with parseDays.
func checkWait(env, raw string) (time.Duration, error) {
	wait, err := parseDays(raw)
	if err != nil {
		return 0, fmt.Errorf("%s %s is %w: %s", env, quoteValue(raw), err, waitForms)
	}
	if wait < minWait {
		return 0, fmt.Errorf("%s %s is shorter than an hour, so the sweeps would nudge people again and again: %s",
			env, quoteValue(raw), waitForms)
	}
	return wait, nil
}

// minWait is the shortest wait that a nudge setting takes.
const minWait = time.Hour

// parseDays parses a positive wait written as whole days, such as "5d", or
// as a Go duration, such as "36h" or "90m". A day is 24 hours of elapsed
// time. The error's message completes a sentence that starts with the
// text, such as "is not longer than zero", and does not repeat the text.
func parseDays(text string) (time.Duration, error) {
	var wait time.Duration
	if count, isDays := strings.CutSuffix(text, "d"); isDays {
		days, err := strconv.ParseInt(count, 10, 64)
		if err != nil {
			return 0, errors.New("not a whole number of days or a Go duration")
		}
		if days > int64(math.MaxInt64/day) {
			return 0, fmt.Errorf("longer than %d days, the longest wait a time.Duration can represent",
				math.MaxInt64/day)
		}
		wait = time.Duration(days) * day
	} else {
		var err error
		if wait, err = time.ParseDuration(text); err != nil {
			return 0, errors.New("not a whole number of days or a Go duration")
		}
	}

	if wait <= 0 {
		return 0, errors.New("not longer than zero")
	}
	return wait, nil
}

// formatDays formats wait as parseDays reads it, in days when it is a
// whole number of days.
func formatDays(wait time.Duration) string {
	if wait > 0 && wait%day == 0 {
		return strconv.FormatInt(int64(wait/day), 10) + "d"
	}
	return wait.String()
}

func checkMaxReminders(raw string) (int, error) {
	count, err := strconv.Atoi(raw)
	if err != nil || count < 0 {
		return 0, fmt.Errorf("MAX_REMINDERS %s is not a whole number of reminders, 0 or more: "+
			"use a number such as %d, or 0 to send none", quoteValue(raw), defaultPolicy.MaxReminders)
	}
	return count, nil
}

func checkReviewAfterMonths(raw string) (int, error) {
	months, err := strconv.Atoi(raw)
	if err != nil || months < 1 || months > maxReviewAfterMonths {
		return 0, fmt.Errorf("REVIEW_AFTER_MONTHS %s is not a whole number of months from 1 to %d: "+
			"use a number such as %d", quoteValue(raw), maxReviewAfterMonths, defaultPolicy.ReviewAfterMonths)
	}
	return months, nil
}

func checkWorkingHours(raw string) (domain.WorkingHours, error) {
	hours, err := domain.ParseWorkingHours(raw)
	if err == nil {
		return hours, nil
	}

	// The parser's message quotes parts of the value and shows the format.
	if looksLikeSlackToken(raw) {
		return domain.WorkingHours{}, fmt.Errorf("WORKING_HOURS %s is invalid: write working hours "+
			"like %q", quoteValue(raw), domain.DefaultWorkingHours().String())
	}
	return domain.WorkingHours{}, fmt.Errorf("WORKING_HOURS %s is invalid. %w", quoteValue(raw), err)
}

func checkTimeZone(raw string) (*time.Location, error) {
	const fix = "use an IANA time zone name such as Europe/London or America/New_York, or UTC"
	switch raw {
	case "":
		return nil, fmt.Errorf("NUDGE_TIME_ZONE is empty: %s", fix)
	case "Local":
		return nil, fmt.Errorf("NUDGE_TIME_ZONE \"Local\" is the server's time zone, which is unrelated "+
			"to where people are: %s", fix)
	}
	location, err := time.LoadLocation(raw)
	if err != nil {
		return nil, fmt.Errorf("NUDGE_TIME_ZONE %s is not a time zone: %s", quoteValue(raw), fix)
	}
	return location, nil
}

// logFields returns the nudge settings for the start-up log. Durations are
// strings, because logrus's JSON formatter writes a time.Duration as
// nanoseconds.
func (n NudgeConfig) logFields() logrus.Fields {
	fields := logrus.Fields{
		"invitation_sweep_schedule":   n.InvitationSweep.Expression,
		"registration_sweep_schedule": n.RegistrationSweep.Expression,
		"relationship_sweep_schedule": n.RelationshipSweep.Expression,
		"reminder_after":              formatDays(n.Policy.ReminderAfter),
		"max_reminders":               n.Policy.MaxReminders,
		"expire_after":                formatDays(n.Policy.ExpireAfter),
		"registration_idle":           formatDays(n.Policy.RegistrationIdle),
		"check_in_every":              formatDays(n.Policy.CheckInEvery),
		"review_after_months":         n.Policy.ReviewAfterMonths,
		"inactive_after":              formatDays(n.Policy.InactiveAfter),
		"working_hours":               n.WorkingHours.String(),
	}
	if n.DefaultTimeZone != nil {
		fields["nudge_time_zone"] = n.DefaultTimeZone.String()
	}
	return fields
}
