package domain

// LearningPosition is where a person is in the learning package, so a
// closed modal resumes there.
type LearningPosition struct {
	// PlaceID is the place being visited; empty means the campus map.
	PlaceID string
	// Step counts the place's screens from 0: its lesson pages, then its
	// practice scenarios.
	Step int
}

// LearningComplete reports whether every place in placeIDs is done.
func LearningComplete(placeIDs []string, done map[string]bool) bool {
	for _, id := range placeIDs {
		if !done[id] {
			return false
		}
	}
	return len(placeIDs) > 0
}
