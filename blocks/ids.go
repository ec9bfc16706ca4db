package blocks

// Action ids of the buttons and menus the bot shows. Each names its surface
// and what it does. The entity a button acts on travels in its value, never
// the identity of the person who clicks: that comes from Slack's payload.
const (
	// ActionHomeHelp is the App Home's Help button.
	ActionHomeHelp = "home:help"
	// ActionRegister starts registering for the role in its value,
	// "mentee" or "mentor".
	ActionRegister = "registration:start"
	// ActionContinue opens the next registration step of the role in its
	// value.
	ActionContinue = "registration:continue"
	// ActionOpenProfile opens My profile.
	ActionOpenProfile = "profile:open"
	// ActionEditProfile opens the details form of the role in its value.
	ActionEditProfile = "profile:edit"
	// ActionSetSearchable sets "included in search results" to its value,
	// "true" or "false".
	ActionSetSearchable = "profile:searchable"
	// ActionSetAvailable sets "available to mentor" to its value, "true"
	// or "false".
	ActionSetAvailable = "profile:available"
	// ActionReviewConduct opens the current code of conduct to agree to.
	ActionReviewConduct = "conduct:review"

	// ActionOpenCampus opens the learning package at the campus map, for
	// rereading after registration.
	ActionOpenCampus = "learning:open"
	// ActionLearningVisit opens the place whose id is its value.
	ActionLearningVisit = "learning:visit"
	// ActionLearningNext and ActionLearningBack move one screen within a
	// place.
	ActionLearningNext = "learning:next"
	ActionLearningBack = "learning:back"
	// ActionLearningMap returns to the campus map.
	ActionLearningMap = "learning:map"
	// ActionLearningRespond picks the scenario response whose index is its
	// value.
	ActionLearningRespond = "learning:respond"
	// ActionLearningRetry shows a scenario's responses again.
	ActionLearningRetry = "learning:retry"
	// ActionLearningFinish completes the learning package once every place
	// is done.
	ActionLearningFinish = "learning:finish"

	// ActionAssessmentChoice is the radio group of an assessment question.
	ActionAssessmentChoice = "assessment:choice"
	// ActionAssessmentRetake starts a new attempt after a failed one.
	ActionAssessmentRetake = "assessment:retake"
)

// Callback ids of the modals the bot opens.
const (
	// CallbackHelp is the help guide's modal, at its contents or a page.
	CallbackHelp = "help"
	// CallbackError is the modal pushed when a submission fails.
	CallbackError = "error"
	// CallbackLearning is the learning package's modal.
	CallbackLearning = "learning"
	// CallbackAssessment is an assessment question; submitting it records
	// the answer.
	CallbackAssessment = "assessment"
	// CallbackAssessmentResult shows an attempt's score.
	CallbackAssessmentResult = "assessment:result"
	// CallbackConduct is the code of conduct; submitting it agrees.
	CallbackConduct = "conduct"
	// CallbackDetails is the details form of a role; submitting saves it.
	CallbackDetails = "details"
	// CallbackProfile is My profile.
	CallbackProfile = "profile"
	// CallbackStepBlocked explains which registration step comes first.
	CallbackStepBlocked = "registration:blocked"
)

// Action and callback ids of finding a mentor, invitations and reviewing
// mentees. Invitation buttons carry the invitation id as their value.
const (
	// ActionFind opens the Find a mentor modal.
	ActionFind = "find:open"
	// ActionFindFilter is each filter of the Find a mentor modal; a change
	// updates the results in place.
	ActionFindFilter = "find:filter"
	// ActionFindClearText drops the free words typed after /mentor find.
	ActionFindClearText = "find:clear_text"
	// ActionFindPage moves to the page of results in its value.
	ActionFindPage = "find:page"
	// ActionMentorDetails shows the mentor whose user id is its value.
	ActionMentorDetails = "find:details"
	// ActionAsk opens the note to the mentor whose user id is its value.
	ActionAsk = "find:ask"

	// ActionAccept, ActionDecline and ActionDeclinePause answer the
	// invitation in their value.
	ActionAccept       = "invitation:accept"
	ActionDecline      = "invitation:decline"
	ActionDeclinePause = "invitation:decline_pause"
	// ActionWithdraw withdraws the invitation in its value.
	ActionWithdraw = "invitation:withdraw"
	// ActionWithdrawOthers withdraws the mentee's pending invitations other
	// than the accepted one in its value.
	ActionWithdrawOthers = "invitation:withdraw_others"
	// ActionFinish ends the relationship in its value.
	ActionFinish = "invitation:finish"
	// ActionInvitationDetails shows the other person of the invitation in
	// its value.
	ActionInvitationDetails = "invitation:details"
	// ActionMessage opens a DM with the other person; it is a link button.
	ActionMessage = "invitation:message"
	// ActionAvailableAgain sets "available to mentor" to its value, "true"
	// or "false", from the prompt after a relationship finished.
	ActionAvailableAgain = "invitation:available_again"

	// ActionReviewMentees opens Review my mentees.
	ActionReviewMentees = "review:open"
	// ActionReviewPage moves to the page of mentees in its value.
	ActionReviewPage = "review:page"
	// ActionReviewStatus is a mentee card's status drop-down; its selected
	// value is "<invitation id>:<status>".
	ActionReviewStatus = "review:status"

	// CallbackFind is the Find a mentor modal.
	CallbackFind = "find"
	// CallbackMentorCard shows one mentor's profile.
	CallbackMentorCard = "find:mentor"
	// CallbackInvite is the note to a mentor; submitting it sends the
	// invitation.
	CallbackInvite = "invite"
	// CallbackReview is Review my mentees.
	CallbackReview = "review"
	// CallbackPersonCard shows the other person of an invitation.
	CallbackPersonCard = "invitation:person"
)

// Action and callback ids of the scheduled nudges. Their buttons carry the
// invitation id as their value.
const (
	// ActionWeMet records a meeting of the relationship in its value.
	ActionWeMet = "nudge:we_met"
	// ActionWeMetNote opens WeMetNoteView to record a meeting of the
	// relationship in its value, with a note.
	ActionWeMetNote = "nudge:we_met_note"
	// ActionContinueMentoring answers a review prompt: the relationship in
	// its value carries on.
	ActionContinueMentoring = "nudge:continue"
	// ActionGiveFeedback opens FeedbackView about the relationship in its
	// value.
	ActionGiveFeedback = "nudge:feedback"
	// BlockReviewPromptActions is the block of a review prompt's Carry on
	// and Finish buttons.
	BlockReviewPromptActions = "review_prompt_actions"

	// CallbackWeMet is the note about a meeting. Submitting it records the
	// meeting.
	CallbackWeMet = "nudge:we_met"
	// CallbackFeedback is the feedback form about a finished relationship.
	// Submitting it records the feedback.
	CallbackFeedback = "nudge:feedback"
)

// Action ids of the programme team's console.
const (
	// ActionReloadContent reloads the programme's content files.
	ActionReloadContent = "admin:reload_content"
)

// Action, block and callback ids of the help guide, questions to the
// programme team and the resources.
const (
	// ActionOpenHelp opens the help guide at its contents: from a message
	// as a new modal, from a registration step on top of it.
	ActionOpenHelp = "help:open"
	// ActionHelpTopic shows the help page whose topic id is its value.
	ActionHelpTopic = "help:topic"
	// ActionHelpContents returns the help guide to its contents.
	ActionHelpContents = "help:contents"
	// ActionContactTeam opens the form for a question to the programme
	// team.
	ActionContactTeam = "help:contact"
	// BlockHelpFooter is the block of the Help button at the foot of each
	// registration step.
	BlockHelpFooter = "help_footer"

	// ActionOpenResources opens the resources at their contents.
	ActionOpenResources = "resources:open"
	// ActionResourcePage shows the resources page whose id is its value.
	ActionResourcePage = "resources:page"
	// ActionResourcesContents returns the resources to their contents.
	ActionResourcesContents = "resources:contents"

	// CallbackHelpQuestion is the question form; submitting it sends the
	// question to the programme team.
	CallbackHelpQuestion = "help:question"
	// CallbackResources is the resources modal.
	CallbackResources = "resources"
)

// Callback ids of a person's own data.
const (
	// CallbackErasure is the confirmation of "/mentor delete-me".
	// Submitting it erases the person's data; closing it changes nothing.
	CallbackErasure = "privacy:erase"
	// CallbackErasureDone tells the person that their data was erased.
	CallbackErasureDone = "privacy:erased"
)
