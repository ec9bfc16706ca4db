package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
)

// campusFile is the learning package's map; every other file in
// learningDir is a place.
const (
	learningDir = "learning"
	campusFile  = "learning/campus.yaml"
)

// Limits of the learning package, from content/README.md.
const (
	minPlaces         = 8
	maxPlaces         = 12
	maxPlaceName      = 60
	maxPages          = 6
	maxScenarios      = 3
	maxMinutes        = 15
	maxSituation      = 1500
	maxQuestion       = 150
	maxResponseText   = 300
	maxFeedback       = 600
	minResponses      = 3
	maxResponses      = 4
	maxIntroduction   = maxSectionText
	maxSkill          = 150
	maxEmojiCodeRunes = 50
)

// Campus is the learning package: a tour of the places of a fictional
// campus, each teaching one skill.
type Campus struct {
	Title        string   `yaml:"title"`
	Introduction string   `yaml:"introduction"`
	PlaceIDs     []string `yaml:"places"`
	// Places are the places in the order of PlaceIDs.
	Places []Place `yaml:"-"`
}

// Place teaches one skill with lesson pages and practice scenarios.
type Place struct {
	ID        string     `yaml:"id"`
	Name      string     `yaml:"name"`
	Emoji     string     `yaml:"emoji"`
	Skill     string     `yaml:"skill"`
	Minutes   int        `yaml:"minutes"`
	Pages     []Page     `yaml:"pages"`
	Scenarios []Scenario `yaml:"scenarios"`
}

// Page is one lesson page.
type Page struct {
	Title string `yaml:"title"`
	Body  string `yaml:"body"`
}

// Scenario is a practice situation with possible responses, each with
// feedback on why it helps or not.
type Scenario struct {
	ID        string     `yaml:"id"`
	Situation string     `yaml:"situation"`
	Question  string     `yaml:"question"`
	Responses []Response `yaml:"responses"`
}

// Response is one possible response to a scenario.
type Response struct {
	Text     string `yaml:"text"`
	Helpful  bool   `yaml:"helpful"`
	Feedback string `yaml:"feedback"`
}

// Place returns the place with id.
func (c Campus) Place(id string) (Place, bool) {
	for _, place := range c.Places {
		if place.ID == id {
			return place, true
		}
	}
	return Place{}, false
}

// Minutes returns the estimated time of the whole tour.
func (c Campus) Minutes() int {
	total := 0
	for _, place := range c.Places {
		total += place.Minutes
	}
	return total
}

// Steps returns how many screens a learner passes through in the place:
// its pages, then its scenarios.
func (p Place) Steps() int {
	return len(p.Pages) + len(p.Scenarios)
}

func loadCampus(fsys fs.FS, campus *Campus) error {
	check, err := readFile(fsys, campusFile, campus)
	if err != nil {
		return err
	}
	check.text(fieldPath{"title"}, campus.Title, maxModalTitle)
	check.text(fieldPath{"introduction"}, campus.Introduction, maxIntroduction)
	check.count(fieldPath{"places"}, len(campus.PlaceIDs), minPlaces, maxPlaces)

	places, files, err := loadPlaces(fsys)
	if err != nil {
		return err
	}
	listed := map[string]bool{}
	for i, id := range campus.PlaceIDs {
		place, ok := places[id]
		switch {
		case listed[id]:
			check.report(fieldPath{"places", i}, "%q is listed twice", id)
		case !ok:
			check.report(fieldPath{"places", i}, "no file in %s/ has the id %q", learningDir, id)
		default:
			campus.Places = append(campus.Places, place)
		}
		listed[id] = true
	}
	for _, id := range sortedKeys(places) {
		switch {
		case listed[id]:
		case isCustom(fsys, campusFile) && !isCustom(fsys, files[id]):
			// The programme team's map leaves out a shipped place, which
			// they cannot delete, so the place is not used.
		case !isCustom(fsys, campusFile) && isCustom(fsys, files[id]):
			check.report(fieldPath{"places"}, "the place %q of %s is missing from this list, so nobody can visit it: "+
				"copy %s into %s and add the place to it", id, labelOf(fsys, files[id]), campusFile, customDirName)
		default:
			check.report(fieldPath{"places"}, "the place %q is missing from this list, so nobody can visit it", id)
		}
	}
	return check.err()
}

// loadPlaces reads every place file, and returns the places and their
// files, both keyed by the place's id.
func loadPlaces(fsys fs.FS) (places map[string]Place, files map[string]string, err error) {
	// fs.Glob would skip a directory it cannot read, and lose its places
	// without a word.
	entries, err := fs.ReadDir(fsys, learningDir)
	if err != nil {
		return nil, nil, fmt.Errorf("list %s: %w", labelOf(fsys, learningDir), err)
	}
	places = map[string]Place{}
	files = map[string]string{}
	var problems []error
	for _, entry := range entries {
		name := path.Join(learningDir, entry.Name())
		if name == campusFile || entry.IsDir() || path.Ext(name) != ".yaml" {
			continue
		}
		var place Place
		check, err := readFile(fsys, name, &place)
		if err != nil {
			problems = append(problems, err)
			continue
		}
		place.check(check)
		if other, ok := files[place.ID]; ok && place.ID != "" {
			check.report(fieldPath{"id"}, "%q is also the id of %s%s", place.ID, labelOf(fsys, other),
				replaceHint(fsys, other, name))
		}
		if err := check.err(); err != nil {
			problems = append(problems, err)
			continue
		}
		places[place.ID] = place
		files[place.ID] = name
	}
	return places, files, errors.Join(problems...)
}

// emojiCode matches a Slack emoji code such as :books: or :woman-teacher:.
var emojiCode = regexp.MustCompile(`^:[a-z0-9_+\-']+:$`)

func (p Place) check(check *checker) {
	check.id(fieldPath{"id"}, p.ID)
	check.text(fieldPath{"name"}, p.Name, maxPlaceName)
	if !emojiCode.MatchString(p.Emoji) || len(p.Emoji) > maxEmojiCodeRunes {
		check.report(fieldPath{"emoji"}, "%q is not a Slack emoji code such as :books:", p.Emoji)
	}
	check.text(fieldPath{"skill"}, p.Skill, maxSkill)
	if p.Minutes < 1 || p.Minutes > maxMinutes {
		check.report(fieldPath{"minutes"}, "%d is not from 1 to %d", p.Minutes, maxMinutes)
	}

	check.count(fieldPath{"pages"}, len(p.Pages), 1, maxPages)
	for i, page := range p.Pages {
		check.text(fieldPath{"pages", i, "title"}, page.Title, maxHeaderText)
		check.text(fieldPath{"pages", i, "body"}, page.Body, maxSectionText)
	}

	check.count(fieldPath{"scenarios"}, len(p.Scenarios), 1, maxScenarios)
	ids := map[string]bool{}
	for i, scenario := range p.Scenarios {
		scenario.check(check, fieldPath{"scenarios", i})
		if ids[scenario.ID] {
			check.report(fieldPath{"scenarios", i, "id"}, "%q is used by another scenario of this place", scenario.ID)
		}
		ids[scenario.ID] = true
	}
}

func (s Scenario) check(check *checker, at fieldPath) {
	check.id(append(at, "id"), s.ID)
	check.text(append(at, "situation"), s.Situation, maxSituation)
	check.text(append(at, "question"), s.Question, maxQuestion)
	check.count(append(at, "responses"), len(s.Responses), minResponses, maxResponses)

	helpful := false
	for i, response := range s.Responses {
		check.text(append(at, "responses", i, "text"), response.Text, maxResponseText)
		check.text(append(at, "responses", i, "feedback"), response.Feedback, maxFeedback)
		helpful = helpful || response.Helpful
	}
	if len(s.Responses) > 0 && !helpful {
		check.report(append(at, "responses"), "no response is marked helpful: true")
	}
}

func sortedKeys(places map[string]Place) []string {
	keys := make([]string, 0, len(places))
	for key := range places {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	return keys
}

// replaceHint returns advice for two place files with one id when one is
// the programme team's and the other is shipped under another name: a
// file replaces a shipped one only under the same name.
func replaceHint(fsys fs.FS, first, second string) string {
	shipped, custom := first, second
	if isCustom(fsys, first) {
		shipped, custom = second, first
	}
	if isCustom(fsys, shipped) || !isCustom(fsys, custom) {
		return ""
	}
	return fmt.Sprintf(": to replace the shipped place, rename %s to %s/%s",
		labelOf(fsys, custom), customDirName, shipped)
}
