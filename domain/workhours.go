package domain

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// dayLength is the length of a calendar day on a clock that has no
// daylight-saving change. WorkingHours uses it only to bound a time of day,
// never to step from one date to the next.
const dayLength = 24 * time.Hour

// WorkingHours is the weekly schedule in which a person may receive nudges:
// the same window of wall clock time on each of the listed days, in the
// person's time zone. A
// window cannot cross midnight.
type WorkingHours struct {
	// Start and End are times of day as durations since midnight, such as
	// 9h and 17h. The window includes Start and excludes End, and an End of
	// 24h means midnight at the end of the day.
	Start, End time.Duration
	// Days are the weekdays with a window, in any order.
	Days []time.Weekday
}

// DefaultWorkingHours returns 09:00 to 17:00, Monday to Friday.
func DefaultWorkingHours() WorkingHours {
	return WorkingHours{
		Start: 9 * time.Hour,
		End:   17 * time.Hour,
		Days:  []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
	}
}

// Validate returns an error unless 0 <= Start < End <= 24h and Days lists
// at least one weekday, none of them twice.
func (h WorkingHours) Validate() error {
	var problems []error
	if h.Start < 0 {
		problems = append(problems, fmt.Errorf("start %v is negative", h.Start))
	}
	if h.End > dayLength {
		problems = append(problems, fmt.Errorf("end %v is after 24:00", h.End))
	}
	if h.Start >= h.End {
		problems = append(problems, fmt.Errorf("start %v is not before end %v", h.Start, h.End))
	}
	if len(h.Days) == 0 {
		problems = append(problems, errors.New("no working days"))
	}

	seen := map[time.Weekday]bool{}
	for _, weekday := range h.Days {
		switch {
		case weekday < time.Sunday || weekday > time.Saturday:
			problems = append(problems,
				fmt.Errorf("day %d is not a weekday from 0 (Sunday) to 6 (Saturday)", int(weekday)))
		case seen[weekday]:
			problems = append(problems, fmt.Errorf("%s is listed twice", weekday))
		}
		seen[weekday] = true
	}

	if err := errors.Join(problems...); err != nil {
		return fmt.Errorf("invalid working hours: %w", err)
	}
	return nil
}

// NextWindow returns at itself when at falls inside a window of h in loc,
// and otherwise the start of the next window. Each window's start and end
// are wall clock times on a date in loc, so a 09:00 start stays at 09:00
// across daylight-saving changes. Only the returned instant matters: its
// Location is loc unless at itself is returned.
//
// A nil loc means UTC, and LoadLocationOrUTC turns a zone name that is
// empty or unknown into UTC. A wall time that loc skips, such as 01:30 on
// the day London's clocks go forward, becomes the same time plus the length
// of the gap (02:30). A wall time that occurs twice means its first
// occurrence. h must be valid (see Validate): with no working days,
// NextWindow returns at.
func (h WorkingHours) NextWindow(at time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	year, month, dayOfMonth := at.In(loc).Date()

	// Eight days cover a person who works one day a week, when at is just
	// after that day's window closed.
	for offset := 0; offset <= 7; offset++ {
		// The calendar arithmetic runs in UTC, where every day has 24 hours.
		// wallTime then places the window on that date in loc.
		date := time.Date(year, month, dayOfMonth+offset, 0, 0, 0, 0, time.UTC)
		if !slices.Contains(h.Days, date.Weekday()) {
			continue
		}

		start := wallTime(date, h.Start, loc)
		if at.Before(start) {
			return start
		}
		if at.Before(wallTime(date, h.End, loc)) {
			return at
		}
	}
	return at
}

// wallTime returns the instant at which clocks in loc show the time of day
// clock on date, where date is midnight UTC of the requested calendar date.
// time.Date leaves the result unspecified for a wall time that a
// daylight-saving change skips or repeats, so wallTime settles both cases
// itself, as NextWindow documents.
func wallTime(date time.Time, clock time.Duration, loc *time.Location) time.Time {
	// target is the requested wall time written as if it were UTC, and
	// displayed is the wall time that clocks in loc show at the result.
	target := date.Add(clock)
	year, month, dayOfMonth := target.Date()
	hour, minute, second := target.Clock()
	at := time.Date(year, month, dayOfMonth, hour, minute, second, target.Nanosecond(), loc)
	_, offset := at.Zone()
	displayed := at.Add(time.Duration(offset) * time.Second).UTC()

	// In a skipped hour time.Date may return the instant before the gap,
	// whose clock shows an earlier time. Reading the target time with that
	// earlier offset gives the instant after the gap.
	if displayed.Before(target) {
		return target.Add(-time.Duration(offset) * time.Second)
	}

	// A repeated time may come back as its second occurrence. The first
	// one, when there is one, reads the same time with the offset in force
	// just before at's zone period began.
	periodStart, _ := at.ZoneBounds()
	if periodStart.IsZero() || !displayed.Equal(target) {
		return at
	}
	_, earlierOffset := periodStart.Add(-time.Nanosecond).Zone()
	first := target.Add(-time.Duration(earlierOffset) * time.Second)
	if first.Before(periodStart) && first.Before(at) {
		return first
	}
	return at
}

// Schedule returns n with DueAt moved to h.NextWindow(n.DueAt, loc), the
// first moment at or after the rule's due time that falls in the
// recipient's working hours.
//
// NOTE: the rules return a nudge only once its due time has passed. When a
// sweep runs after the window that follows the due time has closed,
// Schedule returns a time in the past, and the nudge should be sent at
// h.NextWindow(now, loc) instead.
func (h WorkingHours) Schedule(n Nudge, loc *time.Location) Nudge {
	n.DueAt = h.NextWindow(n.DueAt, loc)
	return n
}

// LoadLocationOrUTC returns the time zone with the IANA name, such as the
// "Europe/London" that Slack stores as a user's tz. It returns UTC and
// false when name is empty, unknown or "Local", because the server's own
// zone is unrelated to where the person is. Names load from the
// system's zone database, or from time/tzdata when the binary embeds it.
func LoadLocationOrUTC(name string) (*time.Location, bool) {
	if name == "" || name == "Local" {
		return time.UTC, false
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC, false
	}
	return loc, true
}
