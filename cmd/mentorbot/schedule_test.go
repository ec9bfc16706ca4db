package main

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/domain"
)

// parseWithSlack parses a configuration of env added to a valid Slack
// configuration in HTTP mode.
func parseWithSlack(env map[string]string) (Config, error) {
	all := map[string]string{"SLACK_BOT_TOKEN": validBotToken, "SLACK_SIGNING_SECRET": validSecret}
	for key, value := range env {
		all[key] = value
	}
	return parseConfig(nil, environment(all), io.Discard)
}

// monday is 10:07 UTC on a Monday in summer, when London is at UTC+1.
var monday = time.Date(2026, time.June, 1, 10, 7, 0, 0, time.UTC)

func TestParseConfig_NudgeDefaults(t *testing.T) {
	t.Parallel()

	config, err := parseWithSlack(nil)
	require.NoError(t, err)
	nudges := config.Nudges

	require.Equal(t, "*/15 * * * *", nudges.InvitationSweep.Expression)
	require.Equal(t, time.Date(2026, time.June, 1, 10, 15, 0, 0, time.UTC), nudges.InvitationSweep.Next(monday))
	require.Equal(t, "0 * * * *", nudges.RegistrationSweep.Expression)
	require.Equal(t, time.Date(2026, time.June, 1, 11, 0, 0, 0, time.UTC), nudges.RegistrationSweep.Next(monday))
	require.Equal(t, "30 * * * *", nudges.RelationshipSweep.Expression)
	require.Equal(t, time.Date(2026, time.June, 1, 10, 30, 0, 0, time.UTC), nudges.RelationshipSweep.Next(monday))
	require.Equal(t, domain.DefaultNudgePolicy(), nudges.Policy)
	require.Equal(t, domain.DefaultWorkingHours(), nudges.WorkingHours)
	require.Equal(t, time.UTC, nudges.DefaultTimeZone)
}

func TestParseConfig_ScheduleWithoutTimeZoneIsUTC(t *testing.T) {
	t.Parallel()

	config, err := parseWithSlack(map[string]string{"REGISTRATION_SWEEP_SCHEDULE": "0 9 * * 1-5"})
	require.NoError(t, err)

	spec, ok := config.Nudges.RegistrationSweep.Schedule.(*cron.SpecSchedule)
	require.True(t, ok, "a five-field expression parses to a *cron.SpecSchedule")
	require.Equal(t, time.UTC, spec.Location, "the server's time zone must not decide when a sweep runs")
}

func TestParseConfig_ValidNudgeSettings(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name  string
		env   map[string]string
		check func(t *testing.T, nudges NudgeConfig)
	}{
		{"ScheduleWithCronTZ", map[string]string{"INVITATION_SWEEP_SCHEDULE": "CRON_TZ=Europe/London 0 9 * * 1-5"},
			func(t *testing.T, nudges NudgeConfig) {
				require.Equal(t, "CRON_TZ=Europe/London 0 9 * * 1-5", nudges.InvitationSweep.Expression)
				// 09:00 in London in summer is 08:00 UTC, on the next day.
				require.Equal(t, time.Date(2026, time.June, 2, 8, 0, 0, 0, time.UTC),
					nudges.InvitationSweep.Next(monday).UTC())
			}},
		{"ScheduleDescriptor", map[string]string{"REGISTRATION_SWEEP_SCHEDULE": "@daily"},
			func(t *testing.T, nudges NudgeConfig) {
				require.Equal(t, time.Date(2026, time.June, 2, 0, 0, 0, 0, time.UTC), nudges.RegistrationSweep.Next(monday))
			}},
		{"ScheduleEveryTwoHours", map[string]string{"RELATIONSHIP_SWEEP_SCHEDULE": "@every 2h"},
			func(t *testing.T, nudges NudgeConfig) {
				require.Equal(t, monday.Add(2*time.Hour), nudges.RelationshipSweep.Next(monday))
			}},
		{"ReminderAfterHours", map[string]string{"REMINDER_AFTER": "36h"},
			func(t *testing.T, nudges NudgeConfig) { require.Equal(t, 36*time.Hour, nudges.Policy.ReminderAfter) }},
		{"MaxRemindersZero", map[string]string{"MAX_REMINDERS": "0"},
			func(t *testing.T, nudges NudgeConfig) { require.Equal(t, 0, nudges.Policy.MaxReminders) }},
		{"ExpireAfterDays", map[string]string{"EXPIRE_AFTER": "14d"},
			func(t *testing.T, nudges NudgeConfig) { require.Equal(t, 14*24*time.Hour, nudges.Policy.ExpireAfter) }},
		{"RegistrationIdleMinutes", map[string]string{"REGISTRATION_IDLE": "90m"},
			func(t *testing.T, nudges NudgeConfig) {
				require.Equal(t, 90*time.Minute, nudges.Policy.RegistrationIdle)
			}},
		{"CheckInEveryDays", map[string]string{"CHECK_IN_EVERY": "14d"},
			func(t *testing.T, nudges NudgeConfig) { require.Equal(t, 14*24*time.Hour, nudges.Policy.CheckInEvery) }},
		{"ReviewAfterMonths", map[string]string{"REVIEW_AFTER_MONTHS": "12"},
			func(t *testing.T, nudges NudgeConfig) { require.Equal(t, 12, nudges.Policy.ReviewAfterMonths) }},
		{"InactiveAfterDays", map[string]string{"INACTIVE_AFTER": "60d"},
			func(t *testing.T, nudges NudgeConfig) { require.Equal(t, 60*24*time.Hour, nudges.Policy.InactiveAfter) }},
		{"RemindersAfterExpiryWithoutReminders", map[string]string{"REMINDER_AFTER": "30d", "MAX_REMINDERS": "0"},
			func(t *testing.T, nudges NudgeConfig) { require.Equal(t, 30*24*time.Hour, nudges.Policy.ReminderAfter) }},
		{"WorkingHours", map[string]string{"WORKING_HOURS": "08:30-16:30 Mon,Tue,Thu"},
			func(t *testing.T, nudges NudgeConfig) {
				require.Equal(t, domain.WorkingHours{
					Start: 8*time.Hour + 30*time.Minute, End: 16*time.Hour + 30*time.Minute,
					Days: []time.Weekday{time.Monday, time.Tuesday, time.Thursday},
				}, nudges.WorkingHours)
			}},
		{"TimeZone", map[string]string{"NUDGE_TIME_ZONE": "America/New_York"},
			func(t *testing.T, nudges NudgeConfig) {
				require.Equal(t, "America/New_York", nudges.DefaultTimeZone.String())
			}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			config, err := parseWithSlack(test.env)

			require.NoError(t, err)
			test.check(t, config.Nudges)
		})
	}
}

func TestParseConfig_FlagSetsNudgeSetting(t *testing.T) {
	t.Parallel()

	config, err := parseConfig([]string{"-reminder-after=3d", "-nudge-time-zone", "Europe/Paris"},
		environment(map[string]string{
			"SLACK_BOT_TOKEN": validBotToken, "SLACK_APP_TOKEN": validAppToken, "REMINDER_AFTER": "4d",
		}), io.Discard)

	require.NoError(t, err)
	require.Equal(t, 3*24*time.Hour, config.Nudges.Policy.ReminderAfter)
	require.Equal(t, "Europe/Paris", config.Nudges.DefaultTimeZone.String())
}

func TestParseConfig_NudgeErrors(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name     string
		env      map[string]string
		expected []string
	}{
		{"ScheduleFourFields", map[string]string{"INVITATION_SWEEP_SCHEDULE": "*/15 * * *"},
			[]string{`INVITATION_SWEEP_SCHEDULE "*/15 * * *" is not a cron schedule (expected exactly 5 fields, found 4): ` +
				`use five fields, minute hour day-of-month month day-of-week, such as "*/15 * * * *"`}},
		{"ScheduleSixFields", map[string]string{"REGISTRATION_SWEEP_SCHEDULE": "0 0 * * * *"},
			[]string{`REGISTRATION_SWEEP_SCHEDULE "0 0 * * * *"`, "found 6"}},
		{"ScheduleMinuteOutOfRange", map[string]string{"RELATIONSHIP_SWEEP_SCHEDULE": "61 * * * *"},
			[]string{`RELATIONSHIP_SWEEP_SCHEDULE "61 * * * *" is not a cron schedule`, "above maximum (59)"}},
		{"ScheduleUnknownTimeZone", map[string]string{"INVITATION_SWEEP_SCHEDULE": "CRON_TZ=Mars/Olympus 0 * * * *"},
			[]string{`INVITATION_SWEEP_SCHEDULE "CRON_TZ=Mars/Olympus 0 * * * *"`, "Mars/Olympus", "CRON_TZ=Europe/London"}},
		{"ScheduleTimeZoneOnly", map[string]string{"INVITATION_SWEEP_SCHEDULE": "CRON_TZ=Europe/London"},
			[]string{`INVITATION_SWEEP_SCHEDULE "CRON_TZ=Europe/London" has a time zone but no schedule`}},
		{"ScheduleNeverRuns", map[string]string{"RELATIONSHIP_SWEEP_SCHEDULE": "0 0 31 2 *"},
			[]string{`RELATIONSHIP_SWEEP_SCHEDULE "0 0 31 2 *" matches no date`}},
		{"ScheduleEverySecond", map[string]string{"INVITATION_SWEEP_SCHEDULE": "@every 1s"},
			[]string{`INVITATION_SWEEP_SCHEDULE "@every 1s" runs more often than once a minute`}},
		{"ScheduleToken", map[string]string{"INVITATION_SWEEP_SCHEDULE": "xoxb-1-2-secretpart"},
			[]string{"INVITATION_SWEEP_SCHEDULE", "looks like a Slack token"}},
		{"ScheduleLocalZone", map[string]string{"INVITATION_SWEEP_SCHEDULE": "CRON_TZ=Local 0 9 * * *"},
			[]string{`INVITATION_SWEEP_SCHEDULE "CRON_TZ=Local 0 9 * * *"`, "IANA time zone name"}},
		{"ReminderAfterWords", map[string]string{"REMINDER_AFTER": "5 days"},
			[]string{`REMINDER_AFTER "5 days" is not a whole number of days or a Go duration`, "such as 5d"}},
		{"CheckInEveryMinute", map[string]string{"CHECK_IN_EVERY": "1m"},
			[]string{`CHECK_IN_EVERY "1m" is shorter than an hour`}},
		{"ReminderAfterZero", map[string]string{"REMINDER_AFTER": "0d"},
			[]string{`REMINDER_AFTER "0d" is not longer than zero`}},
		{"MaxRemindersNegative", map[string]string{"MAX_REMINDERS": "-1"},
			[]string{`MAX_REMINDERS "-1" is not a whole number of reminders, 0 or more`}},
		{"MaxRemindersWord", map[string]string{"MAX_REMINDERS": "two"},
			[]string{`MAX_REMINDERS "two"`}},
		{"ExpireAfterNegative", map[string]string{"EXPIRE_AFTER": "-1d"},
			[]string{`EXPIRE_AFTER "-1d" is not`}},
		{"RegistrationIdleWord", map[string]string{"REGISTRATION_IDLE": "abc"},
			[]string{`REGISTRATION_IDLE "abc" is not a whole number of days or a Go duration`}},
		{"CheckInEveryTooLong", map[string]string{"CHECK_IN_EVERY": "999999d"},
			[]string{`CHECK_IN_EVERY "999999d" is longer than 106751 days`}},
		{"ReviewAfterMonthsZero", map[string]string{"REVIEW_AFTER_MONTHS": "0"},
			[]string{`REVIEW_AFTER_MONTHS "0" is not a whole number of months from 1 to 120`}},
		{"ReviewAfterMonthsTooMany", map[string]string{"REVIEW_AFTER_MONTHS": "121"},
			[]string{`REVIEW_AFTER_MONTHS "121"`}},
		{"InactiveAfterNegativeHours", map[string]string{"INACTIVE_AFTER": "-5h"},
			[]string{`INACTIVE_AFTER "-5h" is not longer than zero`}},
		{"ReminderAfterExpiry", map[string]string{"REMINDER_AFTER": "10d", "EXPIRE_AFTER": "7d"},
			[]string{"REMINDER_AFTER 10d is not before EXPIRE_AFTER 7d, so no reminder would be sent: " +
				"change REMINDER_AFTER or EXPIRE_AFTER"}},
		{"WorkingHoursNoMinutes", map[string]string{"WORKING_HOURS": "9-17 Mon-Fri"},
			[]string{`WORKING_HOURS "9-17 Mon-Fri" is invalid. The start time "9" is not a time from 00:00 to 24:00. ` +
				`Write working hours like "09:00-17:00 Mon-Fri"`}},
		{"WorkingHoursNoDays", map[string]string{"WORKING_HOURS": "09:00-17:00"},
			[]string{`WORKING_HOURS "09:00-17:00" is invalid`, "name no days"}},
		{"WorkingHoursToken", map[string]string{"WORKING_HOURS": "09:00-17:00 xoxb-1-2-secretpart"},
			[]string{"WORKING_HOURS", "looks like a Slack token", `"09:00-17:00 Mon-Fri"`}},
		{"TimeZoneUnknown", map[string]string{"NUDGE_TIME_ZONE": "Europe/Lundon"},
			[]string{`NUDGE_TIME_ZONE "Europe/Lundon" is not a time zone`, "Europe/London"}},
		{"TimeZoneLocal", map[string]string{"NUDGE_TIME_ZONE": "Local"},
			[]string{`NUDGE_TIME_ZONE "Local" is the server's time zone`}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			_, err := parseWithSlack(test.env)

			require.Error(t, err)
			for _, fragment := range test.expected {
				require.Contains(t, err.Error(), fragment)
			}
			require.NotContains(t, err.Error(), "secretpart", "an error must not show a secret")
		})
	}
}

func TestParseConfig_EmptyFlagValues(t *testing.T) {
	t.Parallel()

	_, err := parseConfig([]string{"-invitation-sweep-schedule=", "-nudge-time-zone="},
		environment(map[string]string{"SLACK_BOT_TOKEN": validBotToken, "SLACK_APP_TOKEN": validAppToken}), io.Discard)

	require.ErrorContains(t, err, "INVITATION_SWEEP_SCHEDULE is empty: use five fields")
	require.ErrorContains(t, err, "NUDGE_TIME_ZONE is empty")
}

func TestParseConfig_PolicyCheckedAfterSettings(t *testing.T) {
	t.Parallel()

	// A bad EXPIRE_AFTER alone is reported: Validate would add a second
	// message about the same setting.
	_, err := parseWithSlack(map[string]string{"EXPIRE_AFTER": "0d"})

	require.ErrorContains(t, err, `EXPIRE_AFTER "0d"`)
	require.NotContains(t, err.Error(), "is not before")
	require.NotContains(t, err.Error(), "ExpireAfter", "errors name variables, not Go fields")
}

func TestParseDays(t *testing.T) {
	t.Parallel()

	valid := []struct {
		text     string
		expected time.Duration
	}{
		{"5d", 5 * 24 * time.Hour},
		{"1d", 24 * time.Hour},
		{"36h", 36 * time.Hour},
		{"90m", 90 * time.Minute},
		{"1h30m", 90 * time.Minute},
		{"106751d", 106751 * 24 * time.Hour},
	}
	for _, test := range valid {
		t.Run(test.text, func(t *testing.T) {
			t.Parallel()

			wait, err := parseDays(test.text)

			require.NoError(t, err)
			require.Equal(t, test.expected, wait)
		})
	}

	invalid := []string{"0d", "-1d", "abc", "5 days", "", "d", "5", "1.5d", "5d12h", "0s", "-3h", "106752d", "5D"}
	for _, text := range invalid {
		t.Run(fmt.Sprintf("Invalid%q", text), func(t *testing.T) {
			t.Parallel()

			_, err := parseDays(text)

			require.Error(t, err)
		})
	}
}

func TestFormatDays(t *testing.T) {
	t.Parallel()

	require.Equal(t, "5d", formatDays(5*24*time.Hour))
	require.Equal(t, "36h0m0s", formatDays(36*time.Hour))
	require.Equal(t, "0s", formatDays(0))
}

func TestConfig_LogFieldsShowNudgeSettings(t *testing.T) {
	t.Parallel()

	config, err := parseWithSlack(map[string]string{"INVITATION_SWEEP_SCHEDULE": "CRON_TZ=Europe/London 0 9 * * 1-5"})
	require.NoError(t, err)

	fields := config.LogFields()

	require.Equal(t, "CRON_TZ=Europe/London 0 9 * * 1-5", fields["invitation_sweep_schedule"])
	require.Equal(t, "0 * * * *", fields["registration_sweep_schedule"])
	require.Equal(t, "30 * * * *", fields["relationship_sweep_schedule"])
	require.Equal(t, "5d", fields["reminder_after"])
	require.Equal(t, 2, fields["max_reminders"])
	require.Equal(t, "21d", fields["expire_after"])
	require.Equal(t, "7d", fields["registration_idle"])
	require.Equal(t, "30d", fields["check_in_every"])
	require.Equal(t, 6, fields["review_after_months"])
	require.Equal(t, "90d", fields["inactive_after"])
	require.Equal(t, "09:00-17:00 Mon-Fri", fields["working_hours"])
	require.Equal(t, "UTC", fields["nudge_time_zone"])
}
