package blocks

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/domain"
)

// QuestionView builds the assessment page of model.Question. Submitting it
// sends the chosen option, which ParseAnswer reads. The input is required,
// so Slack keeps the page open until an option is chosen.
func QuestionView(model QuestionModel, role domain.Role) slack.ModalViewRequest {
	question := model.Question

	options := make([]*slack.OptionBlockObject, len(question.Options))
	for i, option := range question.Options {
		text := plain(truncate(option.Text, maxOptionText))
		options[i] = slack.NewOptionBlockObject(strconv.Itoa(i), text, nil)
	}
	choice := slack.NewRadioButtonsBlockElement(ActionAssessmentChoice, options...)
	blockID := AnswerBlockID(model.AttemptID, question.ID)
	answer := slack.NewInputBlock(blockID, plain("Your answer"), nil, choice)

	progress := fmt.Sprintf("Question %d of %d · your answers are saved as you go",
		model.Index+1, model.Total)
	if model.AttemptNumber > 1 {
		progress += fmt.Sprintf(" · attempt %d", model.AttemptNumber)
	}
	blocks := []slack.Block{slack.NewContextBlock("assessment_progress", mrkdwn(progress))}
	if model.Index == 0 {
		blocks = append(blocks, section(fmt.Sprintf(
			"There are %d questions, one on each page. You need %d correct answers to pass.",
			model.Total, model.PassMark)))
	}
	blocks = append(blocks, section(question.Text), answer, HelpFooter())

	submit := "Next"
	if model.Index >= model.Total-1 {
		submit = "Finish"
	}
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		CallbackID: CallbackAssessment,
		Title:      plain("Assessment"),
		Submit:     plain(submit),
		Close:      plain("Save and close"),
		Blocks:     slack.Blocks{BlockSet: blocks},
		PrivateMetadata: EncodeMetadata(AssessmentMetadata{
			Role:       role,
			AttemptID:  model.AttemptID,
			QuestionID: question.ID,
		}),
	}
}

// AnswerBlockID returns the block_id of the answer input of one question in
// one attempt. Each page needs its own block_id, because Slack fills an
// input in with the previous view's value when the block_id is reused.
func AnswerBlockID(attemptID int64, questionID string) string {
	return fmt.Sprintf("answer-%d-%s", attemptID, questionID)
}

// ParseAnswer returns the index of the option chosen on the page of
// questionID in attemptID, from a view submission's state.values. It
// returns false when the answer is missing, empty, not a number, or not
// from 0 to optionCount-1.
func ParseAnswer(values map[string]map[string]slack.BlockAction, attemptID int64, questionID string,
	optionCount int,
) (int, bool) {
	action, ok := values[AnswerBlockID(attemptID, questionID)][ActionAssessmentChoice]
	if !ok {
		return 0, false
	}
	index, err := strconv.Atoi(strings.TrimSpace(action.SelectedOption.Value))
	if err != nil || index < 0 || index >= optionCount {
		return 0, false
	}
	return index, true
}

// ResultView builds the modal that ends an attempt. After a pass it leads
// on to the code of conduct. After a fail it lists the places to revisit
// and offers a retake.
func ResultView(model ResultModel) slack.ModalViewRequest {
	var blocks []slack.Block
	role := string(model.Role)
	score := model.Score

	if score.Passed {
		blocks = []slack.Block{
			section(fmt.Sprintf("🎉 *You passed:* %d of %d correct (the pass mark is %d).",
				score.Correct, score.Total, model.PassMark)),
			section("The next step is the code of conduct: " +
				"the terms that everyone in the programme agrees to."),
			slack.NewActionBlock("result_actions",
				primaryButton(ActionContinue, role, "Continue to the code of conduct")),
		}
	} else {
		blocks = []slack.Block{
			section(fmt.Sprintf("You got %d of %d correct this time.", score.Correct, score.Total)),
			section(revisitText(model)),
			slack.NewActionBlock("result_actions",
				button(ActionLearningMap, role, "Revisit the campus"),
				primaryButton(ActionAssessmentRetake, role, "Retake the assessment")),
		}
	}

	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      CallbackAssessmentResult,
		Title:           plain("Assessment"),
		Close:           plain("Close"),
		Blocks:          slack.Blocks{BlockSet: append(blocks, HelpFooter())},
		PrivateMetadata: EncodeMetadata(AssessmentMetadata{Role: model.Role}),
	}
}

// revisitText returns the pass mark and the list of places that teach the
// questions missed.
func revisitText(model ResultModel) string {
	text := fmt.Sprintf("You need %d to pass.", model.PassMark)
	if len(model.Revisit) == 0 {
		return text + " You can revisit the campus before you try again."
	}

	lines := []string{text + " These places on the campus cover the questions you missed:"}
	for _, place := range model.Revisit {
		lines = append(lines, fmt.Sprintf("• %s %s", place.Emoji, place.Name))
	}
	return strings.Join(lines, "\n")
}
