package blocks

import (
	"fmt"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/domain"
)

// StepBlockedView builds the modal shown when a person opens a registration
// step before an earlier one is complete, as from a stale button.
func StepBlockedView(model StepBlockedModel) slack.ModalViewRequest {
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		CallbackID: CallbackStepBlocked,
		Title:      plain("One step at a time"),
		Close:      plain("Close"),
		Blocks:     slack.Blocks{BlockSet: stepBlockedBlocks(model)},
	}
}

// StepBlockedMessage builds the ephemeral reply of StepBlockedView, for
// requests that cannot open a modal, such as a slash command.
func StepBlockedMessage(model StepBlockedModel) Message {
	return ephemeral(stepBlockedText(model), stepBlockedBlocks(model)...)
}

func stepBlockedBlocks(model StepBlockedModel) []slack.Block {
	goTo := primaryButton(ActionContinue, string(model.Role), "Go to the "+stepName(model.Next))
	return []slack.Block{
		section(stepBlockedText(model)),
		slack.NewActionBlock("blocked_actions", goTo),
	}
}

// stepBlockedText returns a sentence such as "The *code of conduct* comes
// after the *assessment*, which you haven't passed yet."
func stepBlockedText(model StepBlockedModel) string {
	return fmt.Sprintf("The *%s* comes after the *%s*, which you %s yet.",
		stepName(model.Requested), stepName(model.Next), unfinishedVerb(model.Next))
}

// stepName returns the step's name as the object of a sentence, such as
// "code of conduct".
func stepName(step domain.Step) string {
	if step == domain.StepDetails {
		return "details form"
	}
	return step.String()
}

// stepLabel returns the step's name as a checklist item, such as "Code of
// conduct".
func stepLabel(step domain.Step) string {
	switch step {
	case domain.StepLearning:
		return "Learning package"
	case domain.StepAssessment:
		return "Assessment"
	case domain.StepConduct:
		return "Code of conduct"
	case domain.StepDetails:
		return "Your details"
	default:
		return step.String()
	}
}

// unfinishedVerb returns what the person has not done to step, such as
// "haven't passed" for the assessment.
func unfinishedVerb(step domain.Step) string {
	switch step {
	case domain.StepAssessment:
		return "haven't passed"
	case domain.StepConduct:
		return "haven't agreed to"
	default:
		return "haven't finished"
	}
}
