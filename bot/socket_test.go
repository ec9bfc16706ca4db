package bot_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/fakeslack"
)

// runSocket starts a Socket Mode receiver against the stand-in and waits
// for it to connect.
func runSocket(t *testing.T, b *testBundle) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = bot.NewSocketReceiver(b.logger, b.router, b.api).Run(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	b.slack.WaitForSocketConnections(t, 1, waitTime)
}

func TestSocket_MentorHelp(t *testing.T) {
	t.Parallel()
	b := setup(t)
	runSocket(t, b)

	command := fakeslack.SlashCommand(menteeID, "/mentor", "help", b.slack.ResponseURL("help"))
	started := time.Now()
	b.slack.SendEnvelope(t, fakeslack.SlashCommandEnvelope("envelope-help-1", command))
	ack := b.slack.WaitForAck(t, "envelope-help-1", waitTime)

	require.Less(t, time.Since(started), 3*time.Second)
	require.Contains(t, string(ack.Payload), `"response_type":"ephemeral"`)
	require.Contains(t, string(ack.Payload), "/mentor help")
}

func TestSocket_AppHomeOpened(t *testing.T) {
	t.Parallel()
	b := setup(t)
	runSocket(t, b)

	b.slack.SendEnvelope(t, fakeslack.EventsEnvelope("envelope-home-1", fakeslack.AppHomeOpened("Ev0SOCKHOME", menteeID)))

	ack := b.slack.WaitForAck(t, "envelope-home-1", waitTime)
	require.Empty(t, ack.Payload)
	calls := b.slack.WaitForCalls(t, "views.publish", 1, waitTime)
	require.Equal(t, menteeID, calls[0].JSON(t)["user_id"])
}

func TestSocket_RetriedDeliveriesHandledOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	runSocket(t, b)

	// Slack resends an unacknowledged envelope with its id, and may resend
	// an event in a new envelope with the same event id.
	event := fakeslack.AppHomeOpened("Ev0SOCKTWICE", menteeID)
	b.slack.SendEnvelope(t, fakeslack.EventsEnvelope("envelope-event-1", event))
	b.slack.SendEnvelope(t, fakeslack.EventsEnvelope("envelope-event-2", event))
	command := fakeslack.SlashCommand(menteeID, "/mentor", "help", "")
	b.slack.SendEnvelope(t, fakeslack.SlashCommandEnvelope("envelope-command-1", command))
	b.slack.SendEnvelope(t, fakeslack.SlashCommandEnvelope("envelope-command-1", command))

	b.slack.WaitForAck(t, "envelope-event-2", waitTime)
	require.Eventually(t, func() bool { return len(b.slack.Acks("envelope-command-1")) == 2 }, waitTime, 10*time.Millisecond)
	time.Sleep(200 * time.Millisecond)
	require.Len(t, b.slack.Calls("views.publish"), 1)

	var answered int
	for _, ack := range b.slack.Acks("envelope-command-1") {
		if len(ack.Payload) > 0 {
			answered++
		}
	}
	require.Equal(t, 1, answered, "a resent command is acknowledged but not answered twice")
}

func TestSocket_ReconnectsAfterDrop(t *testing.T) {
	t.Parallel()
	b := setup(t)
	runSocket(t, b)

	b.slack.DropSocket()
	b.slack.WaitForSocketConnections(t, 2, 10*time.Second)

	command := fakeslack.SlashCommand(menteeID, "/mentor", "help", "")
	b.slack.SendEnvelope(t, fakeslack.SlashCommandEnvelope("envelope-after-drop", command))
	ack := b.slack.WaitForAck(t, "envelope-after-drop", waitTime)
	require.Contains(t, string(ack.Payload), "/mentor help")
}
