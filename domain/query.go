package domain

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxSuggestions bounds the close matches that a QueryProblem offers.
const maxSuggestions = 5

// QueryProblem is one part of a `/mentor find` query that could not be
// turned into a filter: a field name that does not exist, or a value that
// matches no entry, or more than one entry, of the field's list.
type QueryProblem struct {
	// Field is the field name as typed, such as "area" or "colour".
	Field string
	// Value is the value as typed, after the field name and colon.
	Value string
	// Suggestions are close matches to offer instead: field names when the
	// field is unknown, otherwise entries of the field's list. There are at
	// most five.
	Suggestions []string
	// Message explains the problem to the person who typed the query.
	Message string
}

// queryField is a field of a find query and the list its values come from.
type queryField struct {
	// name is the field's main name, used in messages.
	name string
	// noun is the name of one value of the field, such as "job role", and
	// aNoun the same name with its indefinite article.
	noun    string
	aNoun   string
	options func(Choices) []string
	add     func(*SearchFilter, string)
}

var (
	areaField = queryField{
		name:    "area",
		noun:    "area",
		aNoun:   "an area",
		options: func(c Choices) []string { return c.Areas },
		add:     func(f *SearchFilter, v string) { f.Areas = appendNew(f.Areas, v) },
	}
	roleField = queryField{
		name:    "role",
		noun:    "job role",
		aNoun:   "a job role",
		options: func(c Choices) []string { return c.JobRoles },
		add:     func(f *SearchFilter, v string) { f.JobRoles = appendNew(f.JobRoles, v) },
	}
	orgField = queryField{
		name:    "org",
		noun:    "organisational area",
		aNoun:   "an organisational area",
		options: func(c Choices) []string { return c.OrgAreas },
		add:     func(f *SearchFilter, v string) { f.OrgAreas = appendNew(f.OrgAreas, v) },
	}
)

// queryFieldNames maps each accepted field name, lowercase and without
// hyphens or underscores, to its field.
var queryFieldNames = map[string]*queryField{
	"area":               &areaField,
	"areas":              &areaField,
	"role":               &roleField,
	"roles":              &roleField,
	"job":                &roleField,
	"jobrole":            &roleField,
	"org":                &orgField,
	"orgarea":            &orgField,
	"organisation":       &orgField,
	"organization":       &orgField,
	"organisationalarea": &orgField,
	"organizationalarea": &orgField,
}

// ParseFindQuery turns the words typed after `/mentor find` into a
// filter. args are the words already split, with quotes removed, so
// `area:Career development` is one argument.
//
// An argument `name:value` sets a field: area, role or org, or an alias
// such as areas, job, jobrole, organisation or organization. Field names
// ignore case, hyphens and underscores. The value is matched against the
// field's list without regard to case: an exact match first, then the one
// entry it starts, then the one entry it is part of. A value that matches
// nothing, as a whole or as comma-separated parts, or that matches more
// than one entry, is a problem. So is an unknown field name. Arguments
// without a field name go to the filter's Text, as does text such as
// "10:30" whose part before the colon is not a name.
//
// The filter contains every part that could be parsed, even when there
// are problems.
func ParseFindQuery(args []string, lists Choices) (SearchFilter, []QueryProblem) {
	var filter SearchFilter
	var problems []QueryProblem
	var text []string

	for _, arg := range args {
		arg = strings.TrimSpace(arg)
		name, value, isField := splitField(arg)
		if !isField {
			if arg != "" {
				text = append(text, arg)
			}
			continue
		}

		field, known := queryFieldNames[normaliseFieldName(name)]
		if !known {
			problems = append(problems, unknownFieldProblem(name, value))
			continue
		}
		values, problem := resolveValue(field, name, trimQuotes(value), field.options(lists))
		if problem != nil {
			problems = append(problems, *problem)
			continue
		}
		for _, v := range values {
			field.add(&filter, v)
		}
	}

	filter.Text = strings.Join(text, " ")
	if len(SearchWords(filter.Text)) == 0 {
		// Text with no letters or digits, such as an emoji, filters
		// nothing, so it is not kept to be shown as if it did.
		filter.Text = ""
	}
	return filter, problems
}

// splitField splits `name:value` when name starts with a letter and has
// only letters, hyphens and underscores, so that text such as "10:30" or
// "https://..." stays text.
func splitField(arg string) (name, value string, ok bool) {
	name, value, found := strings.Cut(arg, ":")
	if !found || strings.HasPrefix(value, "//") {
		return "", "", false
	}
	if first, _ := utf8.DecodeRuneInString(name); !unicode.IsLetter(first) {
		return "", "", false
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && r != '-' && r != '_' {
			return "", "", false
		}
	}
	return name, value, true
}

func normaliseFieldName(name string) string {
	name = strings.ToLower(name)
	return strings.NewReplacer("-", "", "_", "").Replace(name)
}

// trimQuotes removes spaces and the quotation marks that a tokenizer may
// have left around a value, including the curly ones that Slack clients
// type in place of straight ones.
func trimQuotes(value string) string {
	return strings.Trim(value, " \t\"'“”‘’")
}

// resolveValue returns the list entries that value names. It tries value
// whole, then, when that finds no entry and value contains commas, each
// comma-separated part.
func resolveValue(field *queryField, typedName, value string, options []string) ([]string, *QueryProblem) {
	if len(SearchWords(value)) == 0 {
		// Punctuation alone, such as "area:,", would otherwise match
		// whichever entry contains it.
		return nil, emptyValueProblem(field, typedName, options)
	}

	matches := matchOption(value, options)
	if len(matches) == 1 {
		return matches, nil
	}
	if len(matches) == 0 && strings.Contains(value, ",") {
		return resolveParts(field, typedName, value, options)
	}
	return nil, valueProblem(field, typedName, value, matches, options)
}

func resolveParts(field *queryField, typedName, value string, options []string) ([]string, *QueryProblem) {
	var resolved []string
	for part := range strings.SplitSeq(value, ",") {
		part = trimQuotes(part)
		if part == "" {
			continue
		}
		matches := matchOption(part, options)
		if len(matches) != 1 {
			return nil, valueProblem(field, typedName, part, matches, options)
		}
		resolved = appendNew(resolved, matches[0])
	}
	return resolved, nil
}

// matchOption returns the entries of options that value names, ignoring
// case: the exact match, else every entry that starts with value, else
// every entry that contains it.
func matchOption(value string, options []string) []string {
	lower := strings.ToLower(value)
	for _, option := range options {
		if strings.ToLower(option) == lower {
			return []string{option}
		}
	}

	var prefixed, containing []string
	for _, option := range options {
		optionLower := strings.ToLower(option)
		if strings.HasPrefix(optionLower, lower) {
			prefixed = append(prefixed, option)
		} else if strings.Contains(optionLower, lower) {
			containing = append(containing, option)
		}
	}
	if len(prefixed) > 0 {
		return prefixed
	}
	return containing
}

func valueProblem(field *queryField, typedName, value string, matches, options []string) *QueryProblem {
	problem := &QueryProblem{Field: typedName, Value: value}
	if len(matches) > 1 {
		problem.Suggestions = matches[:min(len(matches), maxSuggestions)]
		problem.Message = fmt.Sprintf("“%s” could be more than one %s: %s. Please type more of the one you want.",
			value, field.noun, joinOr(quoteAll(problem.Suggestions)))
		return problem
	}

	problem.Suggestions = closeMatches(value, options)
	problem.Message = fmt.Sprintf("I don't know the %s “%s”.", field.noun, value)
	if len(problem.Suggestions) > 0 {
		problem.Message += fmt.Sprintf(" Did you mean: %s?", joinOr(problem.Suggestions))
	} else {
		problem.Message += fmt.Sprintf(" Please check the spelling, or choose the %s from the list in the search form.",
			field.noun)
	}
	return problem
}

func emptyValueProblem(field *queryField, typedName string, options []string) *QueryProblem {
	problem := &QueryProblem{Field: typedName}
	problem.Message = fmt.Sprintf("Please write %s after “%s:”", field.aNoun, typedName)
	if len(options) > 0 {
		example := options[0]
		if strings.ContainsRune(example, ' ') {
			example = `"` + example + `"`
		}
		problem.Message += fmt.Sprintf(", such as %s:%s", field.name, example)
	}
	problem.Message += "."
	return problem
}

func unknownFieldProblem(name, value string) QueryProblem {
	names := []string{areaField.name, roleField.name, orgField.name}
	problem := QueryProblem{Field: name, Value: value}

	// Suggest from every accepted name, but offer the main name of each
	// field, so "organisatin" suggests "org".
	for _, accepted := range closeMatches(normaliseFieldName(name), sortedKeys(queryFieldNames)) {
		main := queryFieldNames[accepted].name
		if !slices.Contains(problem.Suggestions, main) {
			problem.Suggestions = append(problem.Suggestions, main)
		}
	}

	problem.Message = fmt.Sprintf("I don't know the field “%s:”.", name)
	if len(problem.Suggestions) > 0 {
		problem.Message += fmt.Sprintf(" Did you mean %s?", joinOr(withColons(problem.Suggestions)))
	} else {
		problem.Message += fmt.Sprintf(" You can use %s.", joinOr(withColons(names)))
	}
	return problem
}

// closeMatches returns up to five entries of options that look like
// value, closest first. An entry is close when it contains value. It is
// also close when its optionDistance from value is at most a third of
// value's length in runes, rounded down, or 1 when that is less.
func closeMatches(value string, options []string) []string {
	lower := strings.ToLower(value)
	allowed := max(1, len([]rune(lower))/3)

	type candidate struct {
		option   string
		distance int
	}
	var candidates []candidate
	for _, option := range options {
		distance := optionDistance(lower, strings.ToLower(option))
		if distance <= allowed {
			candidates = append(candidates, candidate{option, distance})
		}
	}
	// A stable sort keeps the list's own order among equally close entries.
	slices.SortStableFunc(candidates, func(a, b candidate) int { return a.distance - b.distance })

	var matches []string
	for _, c := range candidates[:min(len(candidates), maxSuggestions)] {
		matches = append(matches, c.option)
	}
	return matches
}

// optionDistance returns how far value is from option: 0 when option
// contains it, else the smallest edit distance from option, from a word of
// option, or from option's first len(value) characters.
func optionDistance(value, option string) int {
	if strings.Contains(option, value) {
		return 0
	}
	distance := editDistance(value, option)
	for _, word := range strings.Fields(option) {
		distance = min(distance, editDistance(value, word))
	}
	if runes := []rune(option); len(runes) > len([]rune(value)) {
		distance = min(distance, editDistance(value, string(runes[:len([]rune(value))])))
	}
	return distance
}

// editDistance returns the Levenshtein distance between a and b, counted
// in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	previous := make([]int, len(rb)+1)
	current := make([]int, len(rb)+1)
	for j := range previous {
		previous[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		current[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			current[j] = min(previous[j]+1, current[j-1]+1, previous[j-1]+cost)
		}
		previous, current = current, previous
	}
	return previous[len(rb)]
}

// SearchWords splits free search text into lowercase words of letters and
// digits. A mentor matches the text when each word starts a word of their
// name, job role, organisational area, mentoring areas or about-me text.
func SearchWords(text string) []string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	var unique []string
	for _, word := range words {
		unique = appendNew(unique, word)
	}
	return unique
}

// appendNew appends value unless list already contains it.
func appendNew(list []string, value string) []string {
	if slices.Contains(list, value) {
		return list
	}
	return append(list, value)
}

// joinOr joins items as "a, b or c".
func joinOr(items []string) string {
	return joinWith(items, "or")
}

// joinAnd joins items as "a, b and c".
func joinAnd(items []string) string {
	return joinWith(items, "and")
}

func joinWith(items []string, conjunction string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	default:
		return strings.Join(items[:len(items)-1], ", ") + " " + conjunction + " " + items[len(items)-1]
	}
}

func withColons(names []string) []string {
	out := make([]string, len(names))
	for i, name := range names {
		out[i] = name + ":"
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for key := range m {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	return keys
}
