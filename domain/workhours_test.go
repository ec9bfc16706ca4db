package domain

import (
	"testing"
	"time"
	// The embedded zone database keeps these tests independent of the
	// machine's copy.
	_ "time/tzdata"

	"github.com/stretchr/testify/require"
)

func loadLocation(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

func utc(year int, month time.Month, dayOfMonth, hour, minute int) time.Time {
	return time.Date(year, month, dayOfMonth, hour, minute, 0, 0, time.UTC)
}

func TestWorkingHours_NextWindow(t *testing.T) {
	t.Parallel()

	london := loadLocation(t, "Europe/London")
	newYork := loadLocation(t, "America/New_York")
	sydney := loadLocation(t, "Australia/Sydney")
	auckland := loadLocation(t, "Pacific/Auckland")
	tokyo := loadLocation(t, "Asia/Tokyo")
	kolkata := loadLocation(t, "Asia/Kolkata")
	santiago := loadLocation(t, "America/Santiago")

	weekdays := DefaultWorkingHours()
	everyDay := WorkingHours{Start: 9 * time.Hour, End: 17 * time.Hour, Days: []time.Weekday{
		time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday,
	}}
	tokyoHours := WorkingHours{Start: 8*time.Hour + 30*time.Minute, End: 16*time.Hour + 30*time.Minute,
		Days: []time.Weekday{time.Monday, time.Tuesday, time.Thursday}}
	evenings := everyDay
	evenings.Start, evenings.End = 18*time.Hour, 24*time.Hour
	earlyHours := everyDay
	earlyHours.Start, earlyHours.End = 90*time.Minute, 5*time.Hour
	newYorkEarlyHours := everyDay
	newYorkEarlyHours.Start, newYorkEarlyHours.End = 150*time.Minute, 5*time.Hour
	fromMidnight := everyDay
	fromMidnight.Start, fromMidnight.End = 0, 8*time.Hour
	mondays := weekdays
	mondays.Days = []time.Weekday{time.Monday}

	tests := []struct {
		name     string
		hours    WorkingHours
		loc      *time.Location
		at       time.Time
		expected time.Time
	}{
		// 4 March 2026 is a Wednesday, when London is on GMT (UTC+0).
		{"InsideHours", weekdays, london, utc(2026, 3, 4, 10, 0), utc(2026, 3, 4, 10, 0)},
		{"AtStart", weekdays, london, utc(2026, 3, 4, 9, 0), utc(2026, 3, 4, 9, 0)},
		{"BeforeStart", weekdays, london, utc(2026, 3, 4, 7, 30), utc(2026, 3, 4, 9, 0)},
		{"AtEnd", weekdays, london, utc(2026, 3, 4, 17, 0), utc(2026, 3, 5, 9, 0)},
		{"AfterEnd", weekdays, london, utc(2026, 3, 4, 20, 0), utc(2026, 3, 5, 9, 0)},
		{"FridayEvening", weekdays, london, utc(2026, 3, 6, 18, 0), utc(2026, 3, 9, 9, 0)},
		{"Saturday", weekdays, london, utc(2026, 3, 7, 12, 0), utc(2026, 3, 9, 9, 0)},
		{"OneDayAWeekAfterItsEnd", mondays, london, utc(2026, 3, 9, 17, 0), utc(2026, 3, 16, 9, 0)},
		{"NilLocationIsUTC", weekdays, nil, utc(2026, 3, 4, 7, 0), utc(2026, 3, 4, 9, 0)},
		{"AtGivenInAnotherZone", weekdays, newYork, utc(2026, 3, 4, 13, 30), utc(2026, 3, 4, 14, 0)},
		{"EndAtMidnightInside", evenings, london, utc(2026, 3, 4, 23, 59), utc(2026, 3, 4, 23, 59)},
		{"EndAtMidnightExcluded", evenings, london, utc(2026, 3, 5, 0, 0), utc(2026, 3, 5, 18, 0)},

		// London's clocks go from 01:00 GMT to 02:00 BST (UTC+1) on Sunday
		// 29 March 2026, so that day's 09:00 is 08:00 UTC.
		{"LondonSpringForwardDay", everyDay, london, utc(2026, 3, 28, 18, 0), utc(2026, 3, 29, 8, 0)},
		{"LondonSpringForwardWeekend", weekdays, london, utc(2026, 3, 27, 18, 0), utc(2026, 3, 30, 8, 0)},
		{"LondonInsideTheGap", everyDay, london, utc(2026, 3, 29, 1, 30), utc(2026, 3, 29, 8, 0)},
		// They go back from 02:00 BST to 01:00 GMT on Sunday 25 October.
		{"LondonFallBackDay", everyDay, london, utc(2026, 10, 24, 17, 0), utc(2026, 10, 25, 9, 0)},
		{"LondonFallBackWeekend", weekdays, london, utc(2026, 10, 23, 17, 0), utc(2026, 10, 26, 9, 0)},

		// New York moves from EST (UTC-5) to EDT (UTC-4) on 8 March 2026
		// and back on 1 November.
		{"NewYorkSpringForward", weekdays, newYork, utc(2026, 3, 6, 23, 0), utc(2026, 3, 9, 13, 0)},
		{"NewYorkFallBack", weekdays, newYork, utc(2026, 10, 30, 22, 0), utc(2026, 11, 2, 14, 0)},

		// Sydney moves from AEDT (UTC+11) to AEST (UTC+10) on 5 April 2026,
		// so Monday's 09:00 is 23:00 UTC on Sunday.
		{"SydneyAprilFallBack", weekdays, sydney, utc(2026, 4, 3, 7, 0), utc(2026, 4, 5, 23, 0)},

		// Auckland is on NZST (UTC+12) in June: Monday 15 June starts at
		// 09:00 there, which is 21:00 UTC on Sunday 14 June.
		{"AucklandMondayWhileSundayInUTC", weekdays, auckland, utc(2026, 6, 13, 6, 0), utc(2026, 6, 14, 21, 0)},
		{"AucklandBeforeStartOnMonday", weekdays, auckland, utc(2026, 6, 14, 20, 0), utc(2026, 6, 14, 21, 0)},
		{"AucklandWorkingWhileSundayInUTC", weekdays, auckland, utc(2026, 6, 14, 22, 0), utc(2026, 6, 14, 22, 0)},

		// Tokyo is UTC+9, so 08:30 there is 23:30 UTC the day before.
		{"TokyoStartOnEarlierUTCDate", tokyoHours, tokyo, utc(2026, 6, 15, 22, 0), utc(2026, 6, 15, 23, 30)},
		{"TokyoSkipsWednesday", tokyoHours, tokyo, utc(2026, 6, 16, 8, 0), utc(2026, 6, 17, 23, 30)},
		// Kolkata is UTC+5:30.
		{"KolkataHalfHourOffset", weekdays, kolkata, utc(2026, 6, 15, 2, 0), utc(2026, 6, 15, 3, 30)},

		// A start that the clocks skip moves later by the length of the gap.
		{"StartInLondonGap", earlyHours, london, utc(2026, 3, 28, 12, 0), utc(2026, 3, 29, 1, 30)},
		{"StartInNewYorkGap", newYorkEarlyHours, newYork, utc(2026, 3, 7, 17, 0), utc(2026, 3, 8, 7, 30)},
		// Santiago skips from 00:00 (UTC-4) to 01:00 (UTC-3) on 6 September.
		{"MidnightStartInSantiagoGap", fromMidnight, santiago, utc(2026, 9, 5, 16, 0), utc(2026, 9, 6, 4, 0)},
		// A start that the clocks repeat means its first occurrence.
		{"StartInLondonOverlap", earlyHours, london, utc(2026, 10, 24, 11, 0), utc(2026, 10, 25, 0, 30)},
		{"StartInNewYorkOverlap", earlyHours, newYork, utc(2026, 10, 31, 16, 0), utc(2026, 11, 1, 5, 30)},

		{"NoDaysReturnsAt", WorkingHours{Start: 9 * time.Hour, End: 17 * time.Hour}, london,
			utc(2026, 3, 7, 12, 0), utc(2026, 3, 7, 12, 0)},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			actual := test.hours.NextWindow(test.at, test.loc)
			require.Equal(t, test.expected, actual.UTC())
		})
	}
}

func TestWorkingHours_NextWindowWeekdays(t *testing.T) {
	t.Parallel()

	// The Auckland case checks the weekday where the person is, not in UTC.
	auckland := loadLocation(t, "Pacific/Auckland")
	next := DefaultWorkingHours().NextWindow(utc(2026, 6, 13, 6, 0), auckland)
	require.Equal(t, time.Sunday, next.UTC().Weekday())
	require.Equal(t, time.Monday, next.In(auckland).Weekday())
	require.Equal(t, 9, next.In(auckland).Hour())

	// Across both of London's clock changes the window still starts at
	// 09:00 on the wall clock.
	london := loadLocation(t, "Europe/London")
	for _, at := range []time.Time{utc(2026, 3, 27, 18, 0), utc(2026, 10, 23, 17, 0)} {
		local := DefaultWorkingHours().NextWindow(at, london).In(london)
		require.Equal(t, time.Monday, local.Weekday(), "after %v", at)
		require.Equal(t, 9, local.Hour(), "after %v", at)
		require.Equal(t, 0, local.Minute(), "after %v", at)
	}
}

func TestWorkingHours_Validate(t *testing.T) {
	t.Parallel()

	require.NoError(t, DefaultWorkingHours().Validate())
	allDay := WorkingHours{Start: 0, End: 24 * time.Hour, Days: []time.Weekday{time.Sunday, time.Saturday}}
	require.NoError(t, allDay.Validate())

	tests := []struct {
		name     string
		hours    WorkingHours
		expected string
	}{
		{"StartAfterEnd", WorkingHours{Start: 17 * time.Hour, End: 9 * time.Hour, Days: []time.Weekday{time.Monday}},
			"invalid working hours: start 17h0m0s is not before end 9h0m0s"},
		{"StartEqualsEnd", WorkingHours{Start: 9 * time.Hour, End: 9 * time.Hour, Days: []time.Weekday{time.Monday}},
			"invalid working hours: start 9h0m0s is not before end 9h0m0s"},
		{"NegativeStart", WorkingHours{Start: -time.Hour, End: 9 * time.Hour, Days: []time.Weekday{time.Monday}},
			"invalid working hours: start -1h0m0s is negative"},
		{"EndAfterMidnight", WorkingHours{Start: 9 * time.Hour, End: 25 * time.Hour, Days: []time.Weekday{time.Monday}},
			"invalid working hours: end 25h0m0s is after 24:00"},
		{"NoDays", WorkingHours{Start: 9 * time.Hour, End: 17 * time.Hour},
			"invalid working hours: no working days"},
		{"DuplicateDay", WorkingHours{Start: 9 * time.Hour, End: 17 * time.Hour,
			Days: []time.Weekday{time.Monday, time.Tuesday, time.Monday}},
			"invalid working hours: Monday is listed twice"},
		{"NotAWeekday", WorkingHours{Start: 9 * time.Hour, End: 17 * time.Hour, Days: []time.Weekday{7}},
			"invalid working hours: day 7 is not a weekday from 0 (Sunday) to 6 (Saturday)"},
		{"SeveralProblems", WorkingHours{Start: 17 * time.Hour, End: 9 * time.Hour},
			"invalid working hours: start 17h0m0s is not before end 9h0m0s\nno working days"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			err := test.hours.Validate()
			require.EqualError(t, err, test.expected)
		})
	}
}

func TestParseWorkingHours(t *testing.T) {
	t.Parallel()

	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	tests := []struct {
		text     string
		expected WorkingHours
	}{
		{"09:00-17:00 Mon-Fri", DefaultWorkingHours()},
		{"08:30-16:30 Mon,Tue,Thu", WorkingHours{Start: 510 * time.Minute, End: 990 * time.Minute,
			Days: []time.Weekday{time.Monday, time.Tuesday, time.Thursday}}},
		{"  9:00 – 17:00   mon - FRI ", WorkingHours{Start: 9 * time.Hour, End: 17 * time.Hour, Days: weekdays}},
		{"09:00—17:00 Monday-Friday", WorkingHours{Start: 9 * time.Hour, End: 17 * time.Hour, Days: weekdays}},
		{"07:00-15:00 Sun-Thu", WorkingHours{Start: 7 * time.Hour, End: 15 * time.Hour,
			Days: []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday}}},
		{"10:00-14:00 Fri-Mon", WorkingHours{Start: 10 * time.Hour, End: 14 * time.Hour,
			Days: []time.Weekday{time.Friday, time.Saturday, time.Sunday, time.Monday}}},
		{"18:00-24:00 Saturday, Sunday", WorkingHours{Start: 18 * time.Hour, End: 24 * time.Hour,
			Days: []time.Weekday{time.Saturday, time.Sunday}}},
		{"09:00-17:00 Mon-Wed, Fri", WorkingHours{Start: 9 * time.Hour, End: 17 * time.Hour,
			Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Friday}}},
		{"00:00-24:00 Mon-Sun", WorkingHours{Start: 0, End: 24 * time.Hour, Days: []time.Weekday{
			time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday,
		}}},
		{"09:00-17:00 Tues,Thurs", WorkingHours{Start: 9 * time.Hour, End: 17 * time.Hour,
			Days: []time.Weekday{time.Tuesday, time.Thursday}}},
	}
	for _, test := range tests {
		t.Run(test.text, func(t *testing.T) {
			t.Parallel()

			hours, err := ParseWorkingHours(test.text)
			require.NoError(t, err)
			require.Equal(t, test.expected, hours)
			require.NoError(t, hours.Validate())
		})
	}
}

func TestParseWorkingHours_Errors(t *testing.T) {
	t.Parallel()

	const format = ` Write working hours like "09:00-17:00 Mon-Fri" or "08:30-16:30 Mon,Tue,Thu".`
	tests := []struct {
		text     string
		expected string
	}{
		{"", "Working hours are missing."},
		{"   ", "Working hours are missing."},
		{"09:00-17:00", `The working hours "09:00-17:00" name no days.`},
		{"Mon-Fri", "The working hours have no times."},
		{"Mon-Fri 09:00-17:00", "The working hours have no times."},
		{"09:00 Mon-Fri", `"09:00" is not a start and an end time.`},
		{"9-17 Mon-Fri", `The start time "9" is not a time from 00:00 to 24:00.`},
		{"25:00-26:00 Mon", `The start time "25:00" is not a time from 00:00 to 24:00.`},
		{"09:60-17:00 Mon", `The start time "09:60" is not a time from 00:00 to 24:00.`},
		{"+9:00-17:00 Mon", `The start time "+9:00" is not a time from 00:00 to 24:00.`},
		{"009:00-17:00 Mon", `The start time "009:00" is not a time from 00:00 to 24:00.`},
		{"09:00-24:30 Mon", `The end time "24:30" is not a time from 00:00 to 24:00.`},
		{"09:00-17:00-18:00 Mon", `The end time "17:00-18:00" is not a time from 00:00 to 24:00.`},
		{"17:00-09:00 Mon-Fri", "The end time 09:00 is not after the start time 17:00, and a window cannot cross midnight."},
		{"09:00-09:00 Mon", "The end time 09:00 is not after the start time 09:00, and a window cannot cross midnight."},
		{"22:00-02:00 Mon", "The end time 02:00 is not after the start time 22:00, and a window cannot cross midnight."},
		{"09:00-17:00 Mon-Fry", `"Fry" is not a day. Use Mon, Tue, Wed, Thu, Fri, Sat or Sun.`},
		{"09:00-17:00 Mon Tue", `"Mon Tue" is not a day. Use Mon, Tue, Wed, Thu, Fri, Sat or Sun.`},
		{"09:00-17:00 Mon,,Tue", `The days "Mon,,Tue" have an empty entry between commas.`},
		{"09:00-17:00 Mon,", `The days "Mon," have an empty entry between commas.`},
		{"09:00-17:00 Mon-Wed,Tue", `Tue is listed twice in "Mon-Wed,Tue".`},
		{"09:00-17:00 Mon-Mon", `The range "Mon-Mon" starts and ends on the same day.`},
		{"09:00-17:00 Mon-", `The range "Mon-" is missing a day.`},
	}
	for _, test := range tests {
		t.Run(test.text, func(t *testing.T) {
			t.Parallel()

			_, err := ParseWorkingHours(test.text)
			require.EqualError(t, err, test.expected+format)
			message, ok := UserMessage(err)
			require.True(t, ok)
			require.Equal(t, test.expected+format, message)
		})
	}
}

func TestWorkingHours_String(t *testing.T) {
	t.Parallel()

	tests := []struct {
		hours    WorkingHours
		expected string
	}{
		{DefaultWorkingHours(), "09:00-17:00 Mon-Fri"},
		{WorkingHours{Start: 510 * time.Minute, End: 990 * time.Minute,
			Days: []time.Weekday{time.Thursday, time.Monday, time.Tuesday}}, "08:30-16:30 Mon,Tue,Thu"},
		{WorkingHours{Start: 10 * time.Hour, End: 14 * time.Hour,
			Days: []time.Weekday{time.Friday, time.Saturday, time.Sunday, time.Monday}}, "10:00-14:00 Mon,Fri-Sun"},
		{WorkingHours{Start: 0, End: 24 * time.Hour, Days: []time.Weekday{
			time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday,
		}}, "00:00-24:00 Mon-Sun"},
		{WorkingHours{Start: 7 * time.Hour, End: 15 * time.Hour,
			Days: []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday}}, "07:00-15:00 Mon-Thu,Sun"},
	}
	for _, test := range tests {
		t.Run(test.expected, func(t *testing.T) {
			t.Parallel()

			require.Equal(t, test.expected, test.hours.String())
			parsed, err := ParseWorkingHours(test.hours.String())
			require.NoError(t, err)
			require.Equal(t, test.hours.Start, parsed.Start)
			require.Equal(t, test.hours.End, parsed.End)
			require.ElementsMatch(t, test.hours.Days, parsed.Days)
		})
	}
}

func TestWorkingHours_Schedule(t *testing.T) {
	t.Parallel()

	london := loadLocation(t, "Europe/London")
	nudge := Nudge{
		Kind: NudgeCheckIn, Key: "invitation:42:check_in:1:mentor", Recipient: PersonKey{"T1", "U1"},
		InvitationID: 42, Sequence: 1, DueAt: utc(2026, 3, 7, 12, 0),
	}

	scheduled := DefaultWorkingHours().Schedule(nudge, london)
	require.Equal(t, utc(2026, 3, 9, 9, 0), scheduled.DueAt.UTC())
	scheduled.DueAt = nudge.DueAt
	require.Equal(t, nudge, scheduled, "only DueAt changes")

	inside := nudge
	inside.DueAt = utc(2026, 3, 4, 10, 0)
	require.Equal(t, inside, DefaultWorkingHours().Schedule(inside, london))
}

func TestLoadLocationOrUTC(t *testing.T) {
	t.Parallel()

	loc, ok := LoadLocationOrUTC("Europe/London")
	require.True(t, ok)
	require.Equal(t, "Europe/London", loc.String())

	for _, name := range []string{"", "Local", "Mars/Olympus_Mons", "../etc/passwd"} {
		loc, ok := LoadLocationOrUTC(name)
		require.False(t, ok, name)
		require.Equal(t, time.UTC, loc, name)
	}
}
