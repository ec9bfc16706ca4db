package bot_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/domain"
)

// TestSweep_TwoInstancesWithSlackFailing runs the sweep on two bot
// instances at once, each with its own notice workers, while Slack fails
// some posts, and checks that every reminder and expiry DM arrives once.
func TestSweep_TwoInstancesWithSlackFailing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	now := time.Now()
	const stale, expiring = 4, 4
	var mentees []string
	for i := range stale + expiring {
		menteeID := fmt.Sprintf("U0SWEEPMENTEE%d", i)
		registerDirect(t, b, menteeID, domain.RoleMentee)
		age := 6 * sweepDay
		if i >= stale {
			age = 22 * sweepDay
		}
		_, err := b.store.CreateInvitation(t.Context(), personKey(menteeID), personKey(mentorID), "", 3, now.Add(-age))
		require.NoError(t, err)
		mentees = append(mentees, menteeID)
	}
	second := bot.NewApp(bot.AppConfig{
		Logger: b.logger, API: b.api, Content: b.content, Store: b.store, WorkingHours: allHours,
	})
	startNoticeJobs(t, b, b.store, b.app)
	startNoticeJobs(t, b, b.store, second)
	require.Eventually(t, func() bool { return len(b.postsWith(mentorID, blocks.ActionAccept)) == stale+expiring },
		jobWaitTime, 20*time.Millisecond, "the mentor gets every request")

	// Slack fails the next five posts, in both of the ways it fails.
	for range 3 {
		b.slack.FailNext("chat.postMessage", "internal_error")
	}
	for range 2 {
		b.slack.FailNextStatus("chat.postMessage", http.StatusInternalServerError)
	}
	var wg sync.WaitGroup
	reports := make([]bot.SweepReport, 2)
	errs := make([]error, 2)
	for i, app := range []*bot.App{b.app, second} {
		wg.Go(func() { reports[i], errs[i] = app.SweepInvitations(t.Context(), now) })
	}
	wg.Wait()

	require.NoError(t, errs[0])
	require.NoError(t, errs[1])
	assert.Equal(t, stale, reports[0].Reminded+reports[1].Reminded, "each reminder is planned once")
	assert.Equal(t, expiring, reports[0].Expired+reports[1].Expired, "each invitation expires once")
	require.Eventually(t, func() bool {
		return len(b.reminderPosts()) >= stale && len(b.postsWith(mentorID, "expired_text")) >= expiring
	}, jobWaitTime, 20*time.Millisecond, "the mentor gets the reminders and expiry DMs")
	for _, menteeID := range mentees[stale:] {
		require.Eventually(t, func() bool { return len(b.postsWith(menteeID, "expired_text")) >= 1 },
			jobWaitTime, 20*time.Millisecond, "%s is told of the expiry", menteeID)
	}
	failed := 0
	for _, call := range b.slack.Calls("chat.postMessage") {
		if call.Answer["ok"] != true {
			failed++
		}
	}
	require.Equal(t, 5, failed, "Slack failed five posts")

	// Another sweep after recovery plans nothing, and no DM came twice.
	assert.Equal(t, bot.SweepReport{Found: stale}, sweep(t, b, now.Add(time.Hour)))
	time.Sleep(500 * time.Millisecond)
	assert.Len(t, b.reminderPosts(), stale, "one reminder per request")
	assert.Equal(t, expiring, len(b.postsWith(mentorID, "expired_text")), "one expiry DM per request to the mentor")
	for _, menteeID := range mentees[stale:] {
		assert.Equal(t, 1, len(b.postsWith(menteeID, "expired_text")), "one expiry DM to %s", menteeID)
	}
	for _, menteeID := range mentees[:stale] {
		assert.Zero(t, len(b.postsWith(menteeID, "expired_text")), "no expiry DM to %s", menteeID)
		reminders := 0
		for _, reminder := range b.reminderPosts() {
			if strings.Contains(reminder.Form.Get("blocks"), menteeID) {
				reminders++
			}
		}
		assert.Equal(t, 1, reminders, "one reminder about the request from %s", menteeID)
	}
}
