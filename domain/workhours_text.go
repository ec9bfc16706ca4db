package domain

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// workingHoursExample is the setting's format, quoted in parse errors.
const workingHoursExample = `"09:00-17:00 Mon-Fri" or "08:30-16:30 Mon,Tue,Thu"`

// weekdayNames maps the lower-case names that ParseWorkingHours accepts to
// weekdays.
var weekdayNames = map[string]time.Weekday{
	"sun": time.Sunday, "sunday": time.Sunday,
	"mon": time.Monday, "monday": time.Monday,
	"tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday,
	"wed": time.Wednesday, "wednesday": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday,
	"fri": time.Friday, "friday": time.Friday,
	"sat": time.Saturday, "saturday": time.Saturday,
}

// ParseWorkingHours reads a setting such as "09:00-17:00 Mon-Fri" or
// "08:30-16:30 Mon,Tue,Thu": a start and an end time on a 24-hour clock,
// then days separated by commas. A day is a name such as "Mon" or "Monday",
// in any case, or a range of them such as "Mon-Fri". A range may wrap past
// the end of the week, as "Fri-Mon" does. "24:00" may end the window. An
// en dash or em dash may replace a hyphen, and spaces around separators are ignored.
//
// The error is a *UserError whose message quotes the bad part and shows
// the format, so it can be shown to the person who typed the setting.
func ParseWorkingHours(text string) (WorkingHours, error) {
	text = strings.NewReplacer("–", "-", "—", "-").Replace(strings.TrimSpace(text))
	if text == "" {
		return WorkingHours{}, workingHoursError("Working hours are missing.")
	}

	// The times end where the first day name begins.
	daysAt := strings.IndexFunc(text, unicode.IsLetter)
	if daysAt < 0 {
		return WorkingHours{}, workingHoursError(fmt.Sprintf("The working hours %q name no days.", text))
	}
	start, end, err := parseTimeRange(strings.TrimSpace(text[:daysAt]))
	if err != nil {
		return WorkingHours{}, err
	}
	days, err := parseDays(text[daysAt:])
	if err != nil {
		return WorkingHours{}, err
	}
	return WorkingHours{Start: start, End: end, Days: days}, nil
}

func workingHoursError(problem string) error {
	return NewUserError(problem + " Write working hours like " + workingHoursExample + ".")
}

// parseTimeRange reads "09:00-17:00" as its start and end.
func parseTimeRange(text string) (time.Duration, time.Duration, error) {
	if text == "" {
		return 0, 0, workingHoursError("The working hours have no times.")
	}
	startText, endText, found := strings.Cut(text, "-")
	if !found {
		return 0, 0, workingHoursError(fmt.Sprintf("%q is not a start and an end time.", text))
	}
	startText, endText = strings.TrimSpace(startText), strings.TrimSpace(endText)

	start, ok := parseClock(startText)
	if !ok {
		return 0, 0, workingHoursError(fmt.Sprintf("The start time %q is not a time from 00:00 to 24:00.",
			startText))
	}
	end, ok := parseClock(endText)
	if !ok {
		return 0, 0, workingHoursError(fmt.Sprintf("The end time %q is not a time from 00:00 to 24:00.",
			endText))
	}
	if start >= end {
		return 0, 0, workingHoursError(fmt.Sprintf("The end time %s is not after the start time %s, "+
			"and a window cannot cross midnight.", endText, startText))
	}
	return start, end, nil
}

// parseClock reads "H:MM" or "HH:MM" on a 24-hour clock as the time since
// midnight, accepting "24:00".
func parseClock(text string) (time.Duration, bool) {
	hourText, minuteText, found := strings.Cut(text, ":")
	if !found || len(hourText) < 1 || len(hourText) > 2 || len(minuteText) != 2 {
		return 0, false
	}
	hour, ok := parseDigits(hourText)
	if !ok {
		return 0, false
	}
	minute, ok := parseDigits(minuteText)
	if !ok || minute > 59 || hour > 24 || (hour == 24 && minute != 0) {
		return 0, false
	}
	return time.Duration(hour)*time.Hour + time.Duration(minute)*time.Minute, true
}

// parseDigits reads a short run of ASCII digits, which strconv.Atoi would
// also accept with a sign.
func parseDigits(text string) (int, bool) {
	number := 0
	for _, r := range text {
		if r < '0' || r > '9' {
			return 0, false
		}
		number = number*10 + int(r-'0')
	}
	return number, true
}

// parseDays reads "Mon-Wed,Fri" as the weekdays it names, in that order.
func parseDays(text string) ([]time.Weekday, error) {
	text = strings.TrimSpace(text)
	var days []time.Weekday
	seen := map[time.Weekday]bool{}
	for _, item := range strings.Split(text, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			return nil, workingHoursError(fmt.Sprintf("The days %q have an empty entry between commas.", text))
		}
		itemDays, err := parseDayItem(item)
		if err != nil {
			return nil, err
		}
		for _, weekday := range itemDays {
			if seen[weekday] {
				return nil, workingHoursError(fmt.Sprintf("%s is listed twice in %q.", shortWeekday(weekday), text))
			}
			seen[weekday] = true
			days = append(days, weekday)
		}
	}
	return days, nil
}

// parseDayItem reads one day, such as "Mon", or one range, such as
// "Mon-Fri" or "Fri-Mon".
func parseDayItem(item string) ([]time.Weekday, error) {
	firstText, lastText, isRange := strings.Cut(item, "-")
	firstText, lastText = strings.TrimSpace(firstText), strings.TrimSpace(lastText)
	if isRange && (firstText == "" || lastText == "") {
		return nil, workingHoursError(fmt.Sprintf("The range %q is missing a day.", item))
	}
	first, err := parseWeekday(firstText)
	if err != nil || !isRange {
		return []time.Weekday{first}, err
	}
	last, err := parseWeekday(lastText)
	if err != nil {
		return nil, err
	}
	if first == last {
		return nil, workingHoursError(fmt.Sprintf("The range %q starts and ends on the same day.", item))
	}

	days := []time.Weekday{first}
	for weekday := first; weekday != last; {
		weekday = (weekday + 1) % 7
		days = append(days, weekday)
	}
	return days, nil
}

func parseWeekday(name string) (time.Weekday, error) {
	weekday, ok := weekdayNames[strings.ToLower(name)]
	if !ok {
		return 0, workingHoursError(fmt.Sprintf("%q is not a day. Use Mon, Tue, Wed, Thu, Fri, Sat or Sun.",
			name))
	}
	return weekday, nil
}

// String formats h as ParseWorkingHours reads it, to the minute, with the
// days from Monday to Sunday and three or more days in a row as a range:
// "09:00-17:00 Mon-Fri".
func (h WorkingHours) String() string {
	// Order the days Monday first, as ISO 8601 numbers them.
	var week []time.Weekday
	for offset := range 7 {
		weekday := (time.Monday + time.Weekday(offset)) % 7
		for _, listed := range h.Days {
			if listed == weekday {
				week = append(week, weekday)
				break
			}
		}
	}

	var items []string
	for i := 0; i < len(week); {
		// Extend the run while the next listed day follows on.
		run := 1
		for i+run < len(week) && week[i+run] == (week[i+run-1]+1)%7 {
			run++
		}
		if run >= 3 {
			items = append(items, shortWeekday(week[i])+"-"+shortWeekday(week[i+run-1]))
			i += run
			continue
		}
		items = append(items, shortWeekday(week[i]))
		i++
	}
	return formatClock(h.Start) + "-" + formatClock(h.End) + " " + strings.Join(items, ",")
}

func shortWeekday(weekday time.Weekday) string {
	return weekday.String()[:3]
}

// formatClock formats a time since midnight as "HH:MM", dropping seconds.
func formatClock(clock time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(clock/time.Hour), int(clock%time.Hour/time.Minute))
}
