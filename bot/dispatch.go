package bot

import (
	"context"
	"errors"
	"fmt"

	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// ErrDeliveryLog is returned by HandleEvent when the bot cannot tell whether
// it has handled an event before. The HTTP receiver answers 500 to it, so
// Slack retries the event later instead of it being lost.
var ErrDeliveryLog = errors.New("check slack delivery log")

// HandleCommand runs the handler of a slash command and returns the
// acknowledgement body. A failure is logged and becomes an ephemeral notice.
func (r *Router) HandleCommand(ctx context.Context, command slack.SlashCommand) []byte {
	logger := r.logger.WithFields(logrus.Fields{
		"team_id": command.TeamID,
		"user_id": command.UserID,
		"command": command.Command,
	})
	target := target{userID: command.UserID, responseURL: command.ResponseURL}

	if command.UserID == "" || command.TeamID == "" {
		logger.Warn("Ignored a slash command without a user or a team")
		return nil
	}
	handler, ok := r.commands[command.Command]
	if !ok {
		logger.Warn("Received a slash command with no handler; check the app manifest")
		return r.noticeBody(logger, "Sorry, I don't know that command.")
	}

	ctx, cancel := context.WithTimeout(ctx, ackTimeout)
	defer cancel()
	response, err := handler(ctx, command)
	if err != nil {
		logFailure(logger, err)
		return r.noticeBody(logger, noticeFor(err))
	}
	r.runAfter(logger, target, response.After)
	return r.encode(logger, response.Body)
}

// HandleInteraction routes a block_actions, view_submission or view_closed
// payload and returns the acknowledgement body.
func (r *Router) HandleInteraction(ctx context.Context, callback *slack.InteractionCallback) []byte {
	logger := r.logger.WithFields(logrus.Fields{
		"team_id":          callback.Team.ID,
		"user_id":          callback.User.ID,
		"interaction_type": string(callback.Type),
	})

	if callback.User.ID == "" || (callback.Team.ID == "" && callback.User.TeamID == "" && callback.Enterprise.ID == "") {
		logger.Warn("Ignored an interaction without a user or a team")
		return nil
	}

	ctx, cancel := context.WithTimeout(ctx, ackTimeout)
	defer cancel()
	switch callback.Type {
	case slack.InteractionTypeBlockActions:
		r.handleActions(ctx, logger, callback)
		return nil
	case slack.InteractionTypeViewSubmission:
		return r.handleView(ctx, logger, callback, r.submissions)
	case slack.InteractionTypeViewClosed:
		return r.handleView(ctx, logger, callback, r.closings)
	default:
		logger.Debug("Ignored an interaction of a type the bot does not handle")
		return nil
	}
}

// HandleEvent runs the handler of an Events API callback once per
// deliveryID, however often Slack delivers it and whichever replica
// receives it. It returns an error wrapping ErrDeliveryLog when the delivery
// log cannot be read; handler failures are logged, not returned.
func (r *Router) HandleEvent(ctx context.Context, event slackevents.EventsAPIEvent, deliveryID string) error {
	eventType := event.InnerEvent.Type
	logger := r.logger.WithFields(logrus.Fields{
		"team_id":     event.TeamID,
		"event_type":  eventType,
		"delivery_id": deliveryID,
	})

	handler, ok := r.events[eventType]
	if !ok {
		logger.Debug("Ignored an event the bot does not handle")
		return nil
	}

	ctx, cancel := context.WithTimeout(ctx, ackTimeout)
	defer cancel()
	if deliveryID != "" {
		first, err := r.deliveries.RecordDelivery(ctx, deliveryID, r.now())
		if err != nil {
			logger.WithError(err).Error("Failed to record a Slack event delivery")
			return fmt.Errorf("%w: %w", ErrDeliveryLog, err)
		}
		if !first {
			logger.Info("Skipped an event delivery that was already handled")
			return nil
		}
	}

	response, err := handler(ctx, event)
	if err != nil {
		logFailure(logger, err)
		return nil
	}
	r.runAfter(logger, target{userID: eventUserID(event)}, response.After)
	return nil
}

func (r *Router) handleActions(ctx context.Context, logger logrus.FieldLogger, callback *slack.InteractionCallback) {
	target := target{userID: callback.User.ID, responseURL: callback.ResponseURL}
	for _, action := range callback.ActionCallback.BlockActions {
		actionLogger := logger.WithField("action_id", action.ActionID)
		handler, ok := r.actions[action.ActionID]
		if !ok {
			actionLogger.Debug("Ignored an action with no handler")
			continue
		}

		response, err := handler(ctx, callback, action)
		if err != nil {
			logFailure(actionLogger, err)
			r.notifyLater(actionLogger, target, noticeFor(err))
			continue
		}
		r.runAfter(actionLogger, target, response.After)
	}
}

func (r *Router) handleView(ctx context.Context, logger logrus.FieldLogger, callback *slack.InteractionCallback, handlers map[string]ViewHandler) []byte {
	logger = logger.WithField("callback_id", callback.View.CallbackID)
	handler, ok := handlers[callback.View.CallbackID]
	if !ok {
		logger.Debug("Ignored a view interaction with no handler")
		return nil
	}

	response, err := handler(ctx, callback)
	if err != nil {
		logFailure(logger, err)
		if callback.Type != slack.InteractionTypeViewSubmission {
			return nil
		}
		// Pushing a modal keeps the form, and what the person typed, below it.
		modal := blocks.ErrorModal(noticeFor(err))
		return r.encode(logger, slack.NewPushViewSubmissionResponse(&modal))
	}
	r.runAfter(logger, target{userID: callback.User.ID}, response.After)
	return r.encode(logger, response.Body)
}

// runAfter hands work to the workers; a failure is logged and the person
// gets a notice.
func (r *Router) runAfter(logger logrus.FieldLogger, target target, work func(context.Context) error) {
	if work == nil {
		return
	}
	r.workers.Go(func(ctx context.Context) {
		if err := work(ctx); err != nil {
			logFailure(logger, err)
			r.notify(ctx, logger, target, noticeFor(err))
		}
	})
}

func (r *Router) notifyLater(logger logrus.FieldLogger, target target, text string) {
	r.workers.Go(func(ctx context.Context) {
		r.notify(ctx, logger, target, text)
	})
}

func (r *Router) notify(ctx context.Context, logger logrus.FieldLogger, target target, text string) {
	if err := r.notifier.Notify(ctx, target, text); err != nil {
		logger.WithError(err).Error("Failed to tell the person that their request failed")
	}
}

func (r *Router) noticeBody(logger logrus.FieldLogger, text string) []byte {
	return r.encode(logger, blocks.NoticeMessage(text))
}

func (r *Router) encode(logger logrus.FieldLogger, body any) []byte {
	encoded, err := marshalBody(body)
	if err != nil {
		logger.WithError(err).Error("Failed to encode an acknowledgement")
		return nil
	}
	return encoded
}

// logFailure logs a handler error: a domain.UserError is an expected
// refusal and logs at Warn, anything else at Error.
func logFailure(logger logrus.FieldLogger, err error) {
	if _, ok := domain.UserMessage(err); ok {
		logger.WithError(err).Warn("Rejected a request")
		return
	}
	logger.WithError(err).Error("Failed to handle a request")
}

// eventUserID returns the user an event is about, when it has one.
func eventUserID(event slackevents.EventsAPIEvent) string {
	switch inner := event.InnerEvent.Data.(type) {
	case *slackevents.AppHomeOpenedEvent:
		return inner.User
	default:
		return ""
	}
}
