package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack/slackevents"

	"github.com/mentorbot/mentorbot/blocks"
)

// handleMessage passes on a reply to a help question: a message in the
// thread of a post that carried a question, in the help channel or in a
// team member's DM with the bot. Slack sends every message of the channels
// and DMs that the bot is in, and only a person's new message in a thread
// can be a reply, so the rest are ignored here, before the database.
func (a *App) handleMessage(_ context.Context, event slackevents.EventsAPIEvent) (Response, error) {
	message, ok := event.InnerEvent.Data.(*slackevents.MessageEvent)
	if !ok {
		return Response{}, fmt.Errorf("message event of type %T", event.InnerEvent.Data)
	}
	if isDirectMessage(message) {
		person := message.User
		return Response{After: func(ctx context.Context) error {
			a.answerDirectMessage(ctx, person)
			return nil
		}}, nil
	}
	if !isThreadReply(message) {
		return Response{}, nil
	}

	team := event.TeamID
	if event.EnterpriseID != "" {
		team = event.EnterpriseID
	}
	reply := *message
	return Response{After: func(ctx context.Context) error {
		return a.relayHelpReply(ctx, team, reply)
	}}, nil
}

// directMessageAnswerInterval is how often, at most, one process answers a
// person's messages in the bot's DM, so a chat of several lines gets one
// answer.
const directMessageAnswerInterval = time.Hour

// isDirectMessage reports whether message is a person's new message in
// their DM with the bot, outside any thread.
func isDirectMessage(message *slackevents.MessageEvent) bool {
	return message.ChannelType == "im" && message.SubType == "" && message.BotID == "" && message.User != "" &&
		message.ThreadTimeStamp == "" && strings.TrimSpace(message.Text) != ""
}

// answerDirectMessage tells a person who typed in the bot's DM where to
// go instead, because the bot reads only replies in the threads of help
// questions there.
func (a *App) answerDirectMessage(ctx context.Context, userID string) {
	if allowed, _ := a.directAnswers.Allow(userID); !allowed {
		return
	}
	if _, _, err := a.post(ctx, userID, blocks.DirectMessageAnswer(SlashCommand, a.canContact())); err != nil {
		a.logger.WithError(err).WithField("user_id", userID).Warn("Failed to reply to a direct message")
	}
}

// isThreadReply reports whether message is a person's new message in a
// thread. Edits, deletions and other changes have a subtype, and a bot's
// messages, the bot's own included, have a bot_id. A thread_broadcast is
// a reply that was also sent to the channel, so it counts.
func isThreadReply(message *slackevents.MessageEvent) bool {
	switch {
	case message.SubType != "" && message.SubType != "thread_broadcast":
		return false
	case message.BotID != "" || message.User == "":
		return false
	case message.ThreadTimeStamp == "" || message.ThreadTimeStamp == message.TimeStamp:
		return false
	}
	return strings.TrimSpace(message.Text) != ""
}

// relayHelpReply sends reply by DM to the person who asked the question
// that its thread carried. In the help channel anyone may answer, because
// the channel belongs to the programme team. Elsewhere, as in a DM thread
// or a channel that was the help channel before the configuration changed,
// only members of the team (ADMIN_USER_IDS) may. A reply by the asker,
// such as one who is in the help channel, is not sent back to them.
func (a *App) relayHelpReply(ctx context.Context, team string, reply slackevents.MessageEvent) error {
	logger := a.logger.WithFields(logrus.Fields{
		"channel_id": reply.Channel, "thread_ts": reply.ThreadTimeStamp, "user_id": reply.User,
	})
	question, ok, err := a.store.HelpQuestionByPost(ctx, team, reply.Channel, reply.ThreadTimeStamp)
	if err != nil {
		return err
	}
	if !ok {
		logger.Debug("Ignored a thread reply that answers no help question")
		return nil
	}

	logger = logger.WithField("help_question_id", question.ID)
	inHelpChannel := a.helpChannel != "" && reply.Channel == a.helpChannel
	switch {
	case reply.User == question.Asker.UserID:
		logger.Debug("Ignored a reply by the person who asked the help question")
		return nil
	case !inHelpChannel && !slices.Contains(a.team, reply.User):
		logger.Warn("Ignored a reply to a help question from someone outside the programme team")
		return nil
	}

	message := blocks.HelpReplyMessage(reply.User, question.Text, reply.Text)
	if _, _, err := a.post(ctx, question.Asker.UserID, message); err != nil {
		return fmt.Errorf("send reply to help question %d: %w", question.ID, err)
	}
	logger.Info("Sent a reply to a help question to the person who asked")
	return nil
}
