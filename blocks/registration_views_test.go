package blocks_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
)

// The golden files of the registration views are built from the small,
// hand-written content below, so that edits to the shipped content do not
// change them. The limits tests use the shipped content and content at the
// loader's maximum lengths.

func testCampus() content.Campus {
	place := func(id, name, emoji string, minutes int) content.Place {
		return content.Place{
			ID: id, Name: name, Emoji: emoji, Minutes: minutes,
			Skill: "Listening so that the mentee feels heard",
			Pages: []content.Page{
				{Title: "Why listening matters", Body: "Most of mentoring is listening.\n\n• Let the mentee finish."},
				{Title: "How to show you listened", Body: "Summarise what you heard, in the mentee's words."},
			},
			Scenarios: []content.Scenario{
				{
					ID:        "first-meeting",
					Situation: "Sam says: _\"I don't know where to start.\"_",
					Question:  "What do you say next?",
					Responses: []content.Response{
						{Text: "\"Start with your CV.\"", Feedback: "This sets the agenda for Sam."},
						{
							Text: "\"What would make today useful?\"", Helpful: true,
							Feedback: "Sam leads, and you learn what matters to them.",
						},
						{Text: "Stay silent until Sam speaks.", Feedback: "A short pause helps; a long one feels like a test."},
					},
				},
				{
					ID:        "running-late",
					Situation: "Sam arrives twenty minutes late, flustered.",
					Question:  "What do you do?",
					Responses: []content.Response{
						{Text: "Carry on as planned.", Feedback: "Sam is not ready to think yet."},
						{
							Text: "Ask how much time Sam has and agree what to cover.", Helpful: true,
							Feedback: "You agree the time you have together.",
						},
						{Text: "Rearrange the meeting.", Feedback: "Sam came anyway; use the time."},
					},
				},
			},
		}
	}
	places := []content.Place{
		place("welcome-hall", "The Welcome Hall", ":classical_building:", 4),
		place("library", "The Library", ":books:", 5),
		place("garden", "The Garden", ":seedling:", 3),
	}
	return content.Campus{
		Title:        "Mentoring University",
		Introduction: "*Welcome to Mentoring University.* Visit each place in turn.",
		PlaceIDs:     []string{"welcome-hall", "library", "garden"},
		Places:       places,
	}
}

func testQuestion() content.Question {
	return content.Question{
		ID:    "q03",
		Place: "library",
		Text:  "Your mentee asks you to tell their manager about a problem. What do you do?",
		Options: []content.Option{
			{Text: "Tell the manager yourself"},
			{Text: "Help the mentee plan how to raise it", Correct: true},
			{Text: "Say it is not your business"},
			{Text: "Ask the programme team to tell the manager"},
		},
	}
}

func testConduct() content.Conduct {
	return content.Conduct{
		Version:      "2026-12",
		Title:        "Code of conduct",
		Introduction: "These are the terms of the programme. Please read every section.",
		Sections: []content.Section{
			{Heading: "Confidentiality", Body: "What you discuss stays between you, within limits you agree."},
			{Heading: "Respect", Body: "Be on time, be prepared, and tell each other early when plans change."},
		},
	}
}

func testLists() content.Lists {
	return content.Lists{
		MentoringAreas:      []string{"Career development", "Managing people", "Networking", "Public speaking and presenting"},
		JobRoles:            []string{"Lecturer", "Manager", "Researcher", "Other"},
		OrganisationalAreas: []string{"Business School", "Finance", "Library and Archives", "Other"},
	}
}

func testMentor() *domain.MentorProfile {
	return &domain.MentorProfile{
		JobRole:    "Manager",
		OrgArea:    "Finance",
		Areas:      []string{"Managing people", "Networking"},
		About:      "Twelve years in finance & planning; I moved from <specialist> work into management.",
		Capacity:   2,
		Available:  true,
		Searchable: false,
	}
}

func testMentee() *domain.MenteeProfile {
	return &domain.MenteeProfile{
		JobRole: "Researcher",
		OrgArea: "Library and Archives",
		Areas:   []string{"Career development"},
		Hopes:   "To plan my next step after this contract ends.",
	}
}

func TestRegistrationViews_Golden(t *testing.T) {
	t.Parallel()
	campus := testCampus()
	agreedAt := time.Date(2026, time.December, 4, 10, 30, 0, 0, time.UTC)
	someDone := map[string]bool{"welcome-hall": true}
	allDone := map[string]bool{"welcome-hall": true, "library": true, "garden": true}

	views := map[string]any{
		"home_registration.json": blocks.HomeView(blocks.HomeModel{
			ProgrammeName: "Staff Mentoring Programme",
			Welcome:       "Welcome!",
			About:         "Mentoring pairs you with a colleague.",
			Contact:       "Write to the programme team.",
			Registration: blocks.RegistrationHome{
				Roles: []blocks.RoleStatus{
					{Role: domain.RoleMentee, Started: true, Next: domain.StepDone},
					{Role: domain.RoleMentor, Started: true, Next: domain.StepAssessment},
				},
				ConsentOutdated: true,
				Mentee:          testMentee(),
			},
		}),
		"home_registration_new.json": blocks.RegistrationBlocks(blocks.RegistrationHome{
			Roles: []blocks.RoleStatus{
				{Role: domain.RoleMentee, Next: domain.StepLearning},
				{Role: domain.RoleMentor, Next: domain.StepLearning},
			},
		}),
		"learning_map.json": blocks.LearningView(blocks.LearningModel{
			Campus: campus, Done: someDone, Role: domain.RoleMentor, Chosen: -1,
		}),
		"learning_map_all_visited.json": blocks.LearningView(blocks.LearningModel{
			Campus: campus, Done: allDone, Role: domain.RoleMentor, Chosen: -1,
		}),
		"learning_map_completed.json": blocks.LearningView(blocks.LearningModel{
			Campus: campus, Done: allDone, Completed: true, Role: domain.RoleMentor, Chosen: -1,
		}),
		"learning_page.json": blocks.LearningView(blocks.LearningModel{
			Campus: campus, Done: someDone, Role: domain.RoleMentor, Chosen: -1,
			Position: domain.LearningPosition{PlaceID: "library", Step: 1},
		}),
		"learning_scenario.json": blocks.LearningView(blocks.LearningModel{
			Campus: campus, Done: someDone, Role: domain.RoleMentor, Chosen: -1,
			Position: domain.LearningPosition{PlaceID: "library", Step: 2},
		}),
		"learning_scenario_chosen.json": blocks.LearningView(blocks.LearningModel{
			Campus: campus, Done: someDone, Role: domain.RoleMentor, Chosen: 0,
			Position: domain.LearningPosition{PlaceID: "library", Step: 3},
		}),
		"assessment_question.json": blocks.QuestionView(blocks.QuestionModel{
			AttemptID: 41, AttemptNumber: 2, Question: testQuestion(), Index: 2, Total: 22, PassMark: 18,
		}, domain.RoleMentee),
		"assessment_passed.json": blocks.ResultView(blocks.ResultModel{
			Score:    domain.Score{Correct: 20, Total: 22, Passed: true, Missed: []string{"q03", "q09"}},
			PassMark: 18, Role: domain.RoleMentee,
		}),
		"assessment_failed.json": blocks.ResultView(blocks.ResultModel{
			Score: domain.Score{
				Correct: 15, Total: 22, Missed: []string{"q03", "q09"},
				Revisit: []string{"library", "garden"},
			},
			PassMark: 18, Role: domain.RoleMentee,
			Revisit: []content.Place{campus.Places[1], campus.Places[2]},
		}),
		"conduct_changed.json": blocks.ConductView(blocks.ConductModel{
			Conduct: testConduct(), Role: domain.RoleMentor, PreviousVersion: "2025-06",
		}),
		"conduct_agreed.json": blocks.ConductView(blocks.ConductModel{
			Conduct: testConduct(), Role: domain.RoleMentor, AgreedAt: &agreedAt,
		}),
		"details_mentor.json": blocks.DetailsView(blocks.DetailsModel{
			Role: domain.RoleMentor, Lists: testLists(), Editing: true, Mentor: testMentor(),
		}),
		"details_mentee.json": blocks.DetailsView(blocks.DetailsModel{
			Role: domain.RoleMentee, Lists: testLists(),
		}),
		"profile.json": blocks.ProfileView(blocks.ProfileModel{
			Name: "Alex <Ops> & Co", ImageURL: "https://avatars.example/alex_192.png",
			Mentee: testMentee(), Mentor: testMentor(),
		}),
		"profile_registering.json": blocks.ProfileView(blocks.ProfileModel{
			Name: "Alex", Mentee: testMentee(), Registering: []domain.Role{domain.RoleMentor},
		}),
		"step_blocked.json": blocks.StepBlockedView(blocks.StepBlockedModel{
			Role: domain.RoleMentor, Requested: domain.StepConduct, Next: domain.StepAssessment,
		}),
		"step_blocked_message.json": blocks.StepBlockedMessage(blocks.StepBlockedModel{
			Role: domain.RoleMentor, Requested: domain.StepConduct, Next: domain.StepAssessment,
		}),
		"field_errors.json": blocks.FieldErrorsResponse(domain.FieldErrors{
			domain.FieldAreas: "Please choose at least one of the areas you can offer.",
		}),
	}
	for name, view := range views {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			requireGolden(t, name, view)
		})
	}
}

// requireGolden compares view's indented JSON with testdata/name, and
// rewrites the file first when the test runs with -update.
func requireGolden(t *testing.T, name string, view any) {
	t.Helper()
	actual, err := json.MarshalIndent(view, "", "  ")
	require.NoError(t, err)
	actual = append(actual, '\n')

	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, actual, 0o644))
	}
	expected, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./blocks -update to create the golden file")
	require.Equal(t, string(expected), string(actual), "run go test ./blocks -update after a deliberate change")
}

// learningScreens returns a model of every screen of campus, keyed by name.
// The map is shown with no place, one place and every place done, and once
// finished. Each page follows, then each scenario before a response is
// chosen and with each response chosen.
func learningScreens(campus content.Campus) map[string]blocks.LearningModel {
	allDone := map[string]bool{}
	for _, place := range campus.Places {
		allDone[place.ID] = true
	}
	firstDone := map[string]bool{campus.Places[0].ID: true}

	models := map[string]blocks.LearningModel{
		"map/none":      {Campus: campus, Role: domain.RoleMentee, Chosen: -1},
		"map/first":     {Campus: campus, Done: firstDone, Role: domain.RoleMentee, Chosen: -1},
		"map/all":       {Campus: campus, Done: allDone, Role: domain.RoleMentee, Chosen: -1},
		"map/completed": {Campus: campus, Done: allDone, Completed: true, Role: domain.RoleMentor, Chosen: -1},
	}
	for _, place := range campus.Places {
		for step := range place.Steps() {
			at := domain.LearningPosition{PlaceID: place.ID, Step: step}
			name := fmt.Sprintf("%s/%d", place.ID, step)
			models[name] = blocks.LearningModel{
				Campus: campus, Done: firstDone, Role: domain.RoleMentor, Position: at, Chosen: -1,
			}
			if step < len(place.Pages) {
				continue
			}
			scenario := place.Scenarios[step-len(place.Pages)]
			for chosen := range scenario.Responses {
				models[fmt.Sprintf("%s/chosen-%d", name, chosen)] = blocks.LearningModel{
					Campus: campus, Done: firstDone, Role: domain.RoleMentor, Position: at, Chosen: chosen,
				}
			}
		}
	}
	return models
}

// registrationViews returns every registration view and message built from
// c and the given profiles, keyed by a name that failures show.
func registrationViews(c *content.Content, mentor *domain.MentorProfile, mentee *domain.MenteeProfile,
	name, imageURL string,
) map[string]any {
	views := map[string]any{}
	for screen, model := range learningScreens(c.Campus) {
		views["learning/"+screen] = blocks.LearningView(model)
	}

	questions := c.Assessment.Questions
	for i, question := range questions {
		views["question/"+question.ID] = blocks.QuestionView(blocks.QuestionModel{
			AttemptID: 9_223_372_036_854_775_807, AttemptNumber: 99, Question: question,
			Index: i, Total: len(questions), PassMark: domain.DefaultPassMark,
		}, domain.RoleMentor)
	}
	views["result/passed"] = blocks.ResultView(blocks.ResultModel{
		Score:    domain.Score{Correct: len(questions), Total: len(questions), Passed: true},
		PassMark: domain.DefaultPassMark, Role: domain.RoleMentee,
	})
	views["result/failed"] = blocks.ResultView(blocks.ResultModel{
		Score:    domain.Score{Total: len(questions)},
		PassMark: domain.DefaultPassMark, Role: domain.RoleMentee, Revisit: c.Campus.Places,
	})

	agreedAt := time.Date(2026, time.September, 30, 23, 59, 0, 0, time.UTC)
	views["conduct/changed"] = blocks.ConductView(blocks.ConductModel{
		Conduct: c.Conduct, Role: domain.RoleMentor, PreviousVersion: strings.Repeat("v", 40),
	})
	views["conduct/agreed"] = blocks.ConductView(blocks.ConductModel{
		Conduct: c.Conduct, Role: domain.RoleMentor, AgreedAt: &agreedAt,
	})

	for _, role := range []domain.Role{domain.RoleMentee, domain.RoleMentor} {
		views["details/new-"+string(role)] = blocks.DetailsView(blocks.DetailsModel{Role: role, Lists: c.Lists})
		views["details/edit-"+string(role)] = blocks.DetailsView(blocks.DetailsModel{
			Role: role, Lists: c.Lists, Editing: true, Mentor: mentor, Mentee: mentee,
		})
	}

	views["profile/both"] = blocks.ProfileView(blocks.ProfileModel{
		Name: name, ImageURL: imageURL, Mentor: mentor, Mentee: mentee,
	})
	views["profile/none"] = blocks.ProfileView(blocks.ProfileModel{
		Name: name, Registering: []domain.Role{domain.RoleMentor},
	})

	for _, next := range domain.Steps {
		for _, requested := range domain.Steps {
			if requested <= next {
				continue
			}
			model := blocks.StepBlockedModel{Role: domain.RoleMentor, Requested: requested, Next: next}
			views[fmt.Sprintf("blocked/%d-%d", requested, next)] = blocks.StepBlockedView(model)
			views[fmt.Sprintf("blocked-message/%d-%d", requested, next)] = blocks.StepBlockedMessage(model)
		}
	}

	views["home/registered"] = blocks.HomeView(blocks.HomeModel{
		ProgrammeName: c.Programme.Name, Welcome: c.Programme.Welcome,
		About: c.Programme.About, Contact: c.Programme.Contact,
		Registration: blocks.RegistrationHome{
			Roles: []blocks.RoleStatus{
				{Role: domain.RoleMentee, Started: true, Next: domain.StepDone},
				{Role: domain.RoleMentor, Started: true, Next: domain.StepDone},
			},
			ConsentOutdated: true, Mentor: mentor, Mentee: mentee,
		},
	})
	for _, next := range append(domain.Steps, domain.StepDone) {
		views[fmt.Sprintf("home/next-%d", next)] = blocks.HomeView(blocks.HomeModel{
			ProgrammeName: c.Programme.Name, Welcome: c.Programme.Welcome,
			About: c.Programme.About, Contact: c.Programme.Contact,
			Registration: blocks.RegistrationHome{
				Roles: []blocks.RoleStatus{
					{Role: domain.RoleMentee, Next: next},
					{Role: domain.RoleMentor, Started: true, Next: next},
				},
				Mentor: mentor,
			},
		})
	}
	return views
}

func TestRegistrationViews_ShippedWithinSlackLimits(t *testing.T) {
	t.Parallel()
	shipped, err := content.Default()
	require.NoError(t, err)

	views := registrationViews(shipped, longestMentor(shipped.Lists), longestMentee(shipped.Lists),
		"Alex Example", "https://avatars.example/alex_192.png")
	checkViews(t, views)
}

func TestRegistrationViews_LongestWithinSlackLimits(t *testing.T) {
	t.Parallel()
	longest := longestContent()

	views := registrationViews(longest, longestMentor(longest.Lists), longestMentee(longest.Lists),
		longText(500), "https://avatars.example/"+strings.Repeat("a", 2000)+".png")
	checkViews(t, views)
}

// checkViews checks each view, or message, against Slack's limits.
func checkViews(t *testing.T, views map[string]any) {
	t.Helper()
	for name, view := range views {
		var err error
		switch view := view.(type) {
		case blocks.Message:
			err = blocks.CheckMessage(view)
		case []slack.Block:
			err = blocks.CheckView(slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: view}})
		default:
			err = blocks.CheckView(view)
		}
		require.NoError(t, err, name)
	}
}

// longText returns n characters of mixed text: four-byte emoji, accented
// letters and the characters that mrkdwn escapes, which each grow to 4 or 5
// characters when escaped.
func longText(n int) string {
	pattern := []rune("🌱é<&> word ")
	text := make([]rune, n)
	for i := range text {
		text[i] = pattern[i%len(pattern)]
	}
	return string(text)
}

// longestContent returns content whose every list and text is at the
// maximum that content/README.md allows.
func longestContent() *content.Content {
	var places []content.Place
	for i := range 12 {
		place := content.Place{
			ID:      fmt.Sprintf("place-%02d-%s", i, strings.Repeat("x", 31)),
			Name:    longText(60),
			Emoji:   ":" + strings.Repeat("e", 48) + ":",
			Skill:   longText(150),
			Minutes: 15,
		}
		for range 6 {
			place.Pages = append(place.Pages, content.Page{Title: longText(150), Body: longText(2900)})
		}
		for s := range 3 {
			scenario := content.Scenario{ID: fmt.Sprintf("scenario-%d", s), Situation: longText(1500), Question: longText(150)}
			for r := range 4 {
				scenario.Responses = append(scenario.Responses, content.Response{
					Text: longText(300), Helpful: r == 0, Feedback: longText(600),
				})
			}
			place.Scenarios = append(place.Scenarios, scenario)
		}
		places = append(places, place)
	}

	var questions []content.Question
	for i := range 50 {
		question := content.Question{ID: fmt.Sprintf("question-%02d", i), Place: places[i%12].ID, Text: longText(500)}
		for o := range 4 {
			question.Options = append(question.Options, content.Option{Text: longText(75), Correct: o == 0})
		}
		questions = append(questions, question)
	}

	// Plain letters here: twenty sections of 2,900 four-byte emoji would be
	// larger than Slack's 250 kB view limit.
	conduct := content.Conduct{
		Version: strings.Repeat("v", 40), Title: longText(24),
		Introduction: strings.Repeat("i", 2900),
	}
	for range 20 {
		conduct.Sections = append(conduct.Sections, content.Section{
			Heading: longText(150), Body: strings.Repeat("b", 2900),
		})
	}

	list := func(prefix string) []string {
		entries := make([]string, 100)
		for i := range entries {
			entries[i] = fmt.Sprintf("%s %03d %s", prefix, i, longText(75-len(prefix)-5))
		}
		return entries
	}
	long := longText(2900)
	return &content.Content{
		Programme: content.Programme{Name: longText(60), Welcome: long, About: long, HelpIntro: long, Contact: long},
		Campus: content.Campus{
			Title: longText(24), Introduction: longText(2900), Places: places,
		},
		Assessment: content.Assessment{Questions: questions},
		Conduct:    conduct,
		Lists: content.Lists{
			MentoringAreas: list("area"), JobRoles: list("role"), OrganisationalAreas: list("org"),
		},
	}
}

// longestMentor returns a mentor profile with the longest entries of lists
// and a maximal "about".
func longestMentor(lists content.Lists) *domain.MentorProfile {
	return &domain.MentorProfile{
		JobRole:    longestEntry(lists.JobRoles),
		OrgArea:    longestEntry(lists.OrganisationalAreas),
		Areas:      longestEntries(lists.MentoringAreas, domain.MaxAreas),
		About:      longText(domain.MaxAboutLength),
		Capacity:   domain.MaxCapacity,
		Available:  true,
		Searchable: true,
	}
}

func longestMentee(lists content.Lists) *domain.MenteeProfile {
	return &domain.MenteeProfile{
		JobRole: longestEntry(lists.JobRoles),
		OrgArea: longestEntry(lists.OrganisationalAreas),
		Areas:   longestEntries(lists.MentoringAreas, domain.MaxAreas),
		Hopes:   longText(domain.MaxAboutLength),
	}
}

func longestEntry(entries []string) string {
	return longestEntries(entries, 1)[0]
}

// longestEntries returns the n longest entries, longest first.
func longestEntries(entries []string, n int) []string {
	sorted := slices.Clone(entries)
	slices.SortStableFunc(sorted, func(a, b string) int {
		return utf8.RuneCountInString(b) - utf8.RuneCountInString(a)
	})
	return sorted[:min(n, len(sorted))]
}
