package blocks

import (
	"fmt"
	"strconv"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/content"
)

// LearningView builds the learning package's modal at model.Position: the
// campus map when PlaceID is empty, else the place's lesson page or, once
// Step passes the pages, its practice scenario. A PlaceID that is not on
// the campus shows the map, and a Step out of range shows the place's
// first or last screen, so stale progress never breaks the modal. The
// private_metadata holds the screen actually shown.
func LearningView(model LearningModel) slack.ModalViewRequest {
	metadata := LearningMetadata{Role: model.Role}
	var blocks []slack.Block

	place, ok := model.Campus.Place(model.Position.PlaceID)
	if ok && place.Steps() > 0 {
		step := min(max(model.Position.Step, 0), place.Steps()-1)
		metadata.PlaceID, metadata.Step = place.ID, step
		if step < len(place.Pages) {
			blocks = lessonBlocks(place, step)
		} else {
			blocks = scenarioBlocks(place, step-len(place.Pages), model.Chosen)
		}
	} else {
		blocks = campusMapBlocks(model)
	}

	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      CallbackLearning,
		Title:           plain(truncate(model.Campus.Title, maxModalButtonText)),
		Close:           plain("Close"),
		Blocks:          slack.Blocks{BlockSet: append(blocks, HelpFooter())},
		PrivateMetadata: EncodeMetadata(metadata),
	}
}

// campusMapBlocks returns the map: the introduction, the progress, one
// section per place with a Visit button, and the way on once every place
// is done.
func campusMapBlocks(model LearningModel) []slack.Block {
	campus := model.Campus
	visited := 0
	for _, place := range campus.Places {
		if model.Done[place.ID] {
			visited++
		}
	}

	blocks := []slack.Block{
		section(campus.Introduction),
		slack.NewContextBlock("learning_progress", mrkdwn(fmt.Sprintf(
			"%d of %d places finished · about %s in all",
			visited, len(campus.Places), minutes(campus.Minutes())))),
	}
	for _, place := range campus.Places {
		blocks = append(blocks, placeBlock(place, model.Done[place.ID]))
	}

	allDone := len(campus.Places) > 0 && visited == len(campus.Places)
	switch {
	case model.Completed:
		blocks = append(blocks,
			section("🎓 *You've finished the tour.* "+
				"The next step is a short assessment on what it covered."),
			slack.NewActionBlock("learning_actions",
				primaryButton(ActionContinue, string(model.Role), "Continue to the assessment")),
		)
	case allDone:
		blocks = append(blocks,
			section("You've visited every place on the campus. "+
				"Finish the tour to go on to the assessment."),
			slack.NewActionBlock("learning_actions",
				primaryButton(ActionLearningFinish, string(model.Role), "Finish the tour")),
		)
	}
	return blocks
}

// placeBlock returns a place's line on the map, with a button that visits
// it.
func placeBlock(place content.Place, done bool) slack.Block {
	mark, label := "▫️", "Visit"
	if done {
		mark, label = "✅", "Visit again"
	}
	text := fmt.Sprintf("%s %s *%s*\n%s · %s",
		mark, place.Emoji, place.Name, place.Skill, minutes(place.Minutes))
	return slack.NewSectionBlock(
		mrkdwn(truncate(text, maxSectionText)),
		nil,
		slack.NewAccessory(button(ActionLearningVisit, place.ID, label)),
		slack.SectionBlockOptionBlockID("place_"+place.ID),
	)
}

// lessonBlocks returns the lesson page at index of place.
func lessonBlocks(place content.Place, index int) []slack.Block {
	page := place.Pages[index]
	return []slack.Block{
		slack.NewHeaderBlock(plain(truncate(page.Title, maxHeaderText))),
		section(page.Body),
		slack.NewContextBlock("learning_position", mrkdwn(fmt.Sprintf(
			"*%s* · page %d of %d", place.Name, index+1, len(place.Pages)))),
		slack.NewActionBlock("learning_actions",
			// On the first page the handler takes Back to the map.
			button(ActionLearningBack, "", "Back"),
			primaryButton(ActionLearningNext, "", "Next"),
			button(ActionLearningMap, "", "Campus map"),
		),
	}
}

// scenarioBlocks returns the scenario at index of place. When chosen is the
// index of a response, that response is marked and its feedback shown.
// Otherwise every response has a button to pick it.
func scenarioBlocks(place content.Place, index, chosen int) []slack.Block {
	scenario := place.Scenarios[index]
	if chosen >= len(scenario.Responses) {
		chosen = -1
	}

	blocks := []slack.Block{
		slack.NewHeaderBlock(plain(truncate("Practice: "+place.Name, maxHeaderText))),
		slack.NewContextBlock("learning_position", mrkdwn(fmt.Sprintf(
			"*%s* · practice %d of %d", place.Name, index+1, len(place.Scenarios)))),
		section(scenario.Situation),
		section("*" + scenario.Question + "*"),
	}

	for i, response := range scenario.Responses {
		blocks = append(blocks, responseBlock(i, response, chosen))
	}

	if chosen < 0 {
		return append(blocks, slack.NewActionBlock("learning_actions",
			button(ActionLearningBack, "", "Back"),
			button(ActionLearningMap, "", "Campus map"),
		))
	}

	response := scenario.Responses[chosen]
	verdict := "🤔 *Not quite.*"
	if response.Helpful {
		verdict = "✅ *This helps.*"
	}
	nextLabel := "Next"
	if index == len(place.Scenarios)-1 {
		nextLabel = "Finish this place"
	}
	return append(blocks,
		section(verdict+" "+response.Feedback),
		slack.NewActionBlock("learning_actions",
			button(ActionLearningRetry, "", "Try another"),
			primaryButton(ActionLearningNext, "", nextLabel),
			button(ActionLearningMap, "", "Campus map"),
		),
	)
}

// responseBlock returns one response as "*A.* text". Before a response is
// picked each has its own button, because Slack needs the action ids within
// one actions block to differ and every response button shares
// ActionLearningRespond. Once one is picked, it is marked instead.
func responseBlock(index int, response content.Response, chosen int) slack.Block {
	letter := responseLetter(index)
	blockID := "response_" + strconv.Itoa(index)
	text := fmt.Sprintf("*%s.* %s", letter, response.Text)

	if chosen < 0 {
		choose := button(ActionLearningRespond, strconv.Itoa(index), "Choose "+letter)
		return slack.NewSectionBlock(mrkdwn(truncate(text, maxSectionText)), nil,
			slack.NewAccessory(choose), slack.SectionBlockOptionBlockID(blockID))
	}
	if index == chosen {
		text = "👉 " + text + "\n_Your choice_"
	}
	return slack.NewSectionBlock(mrkdwn(truncate(text, maxSectionText)), nil, nil,
		slack.SectionBlockOptionBlockID(blockID))
}

// responseLetter returns "A" for index 0, "B" for 1 and so on.
func responseLetter(index int) string {
	if index < 0 || index >= 26 {
		return strconv.Itoa(index + 1)
	}
	return string(rune('A' + index))
}

// minutes returns a duration such as "45 minutes" or "1 minute".
func minutes(n int) string {
	if n == 1 {
		return "1 minute"
	}
	return strconv.Itoa(n) + " minutes"
}
