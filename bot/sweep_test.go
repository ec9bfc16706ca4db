package bot_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/fakeslack"
	"github.com/mentorbot/mentorbot/domain"
)

const sweepDay = 24 * time.Hour

// inviteAged creates an invitation from the mentee to the mentor created
// age before now, and waits until its DM reached the mentor, so a status
// change can be told to them.
func inviteAged(t *testing.T, b *testBundle, now time.Time, age time.Duration) domain.Invitation {
	t.Helper()
	invitation, err := b.store.CreateInvitation(t.Context(), personKey(menteeID), personKey(mentorID), "Hello", 3, now.Add(-age))
	require.NoError(t, err)
	b.waitForPost(t, mentorID, blocks.ActionAccept)
	return invitation
}

// setupSweep starts the notice workers with the App and registers the
// mentee and the mentor.
func setupSweep(t *testing.T) *testBundle {
	t.Helper()
	b := setup(t)
	startNoticeJobs(t, b, b.store, b.app)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	return b
}

// reminderPosts returns the reminders posted to the mentor.
func (b *testBundle) reminderPosts() []fakeslack.Call {
	var reminders []fakeslack.Call
	for _, call := range b.postsTo(mentorID) {
		if strings.Contains(call.Form.Get("text"), "reminder: ") {
			reminders = append(reminders, call)
		}
	}
	return reminders
}

// waitForReminders waits until the mentor has count reminders, then waits
// a little longer so that a duplicate would show.
func (b *testBundle) waitForReminders(t *testing.T, count int) []fakeslack.Call {
	t.Helper()
	require.Eventually(t, func() bool { return len(b.reminderPosts()) >= count },
		jobWaitTime, 20*time.Millisecond, "the mentor did not get %d reminders", count)
	time.Sleep(300 * time.Millisecond)
	reminders := b.reminderPosts()
	require.Len(t, reminders, count)
	return reminders
}

func sweep(t *testing.T, b *testBundle, now time.Time) bot.SweepReport {
	t.Helper()
	report, err := b.app.SweepInvitations(t.Context(), now)
	require.NoError(t, err)
	return report
}

func TestSweep_FirstReminderSentOnce(t *testing.T) {
	t.Parallel()
	b := setupSweep(t)
	now := time.Now()
	inviteAged(t, b, now, 6*sweepDay)

	first := sweep(t, b, now)
	second := sweep(t, b, now.Add(time.Hour))

	assert.Equal(t, bot.SweepReport{Found: 1, Reminded: 1}, first)
	assert.Equal(t, bot.SweepReport{Found: 1}, second, "the second sweep plans nothing")
	reminders := b.waitForReminders(t, 1)
	assert.Contains(t, reminders[0].Form.Get("text"), "A reminder: ")
	assert.Contains(t, reminders[0].Form.Get("blocks"), blocks.ActionAccept, "the reminder can be answered")

	entries := logsWith(b, "Swept invitations in considering")
	require.Len(t, entries, 2)
	assert.Equal(t, 1, entries[0].Data["reminded"])
}

func TestSweep_NotYetDue(t *testing.T) {
	t.Parallel()
	b := setupSweep(t)
	now := time.Now()
	inviteAged(t, b, now, 4*sweepDay)

	assert.Equal(t, bot.SweepReport{}, sweep(t, b, now))
	b.waitForReminders(t, 0)
}

func TestSweep_SecondReminderAfterTenDays(t *testing.T) {
	t.Parallel()
	b := setupSweep(t)
	now := time.Now()
	inviteAged(t, b, now, 6*sweepDay)

	assert.Equal(t, 1, sweep(t, b, now).Reminded)
	b.waitForReminders(t, 1)
	later := sweep(t, b, now.Add(5*sweepDay))

	assert.Equal(t, bot.SweepReport{Found: 1, Reminded: 1}, later)
	reminders := b.waitForReminders(t, 2)
	assert.Contains(t, reminders[1].Form.Get("text"), "A second reminder: ")
	assert.Equal(t, bot.SweepReport{Found: 1}, sweep(t, b, now.Add(10*sweepDay)),
		"no third reminder with the default policy")
}

func TestSweep_ExpiresAfterTwentyOneDays(t *testing.T) {
	t.Parallel()
	b := setupSweep(t)
	now := time.Now()
	invitation := inviteAged(t, b, now, 21*sweepDay+time.Minute)
	menteePosts := len(b.postsTo(menteeID))
	mentorPosts := len(b.postsTo(mentorID))

	report := sweep(t, b, now)

	assert.Equal(t, bot.SweepReport{Found: 1, Expired: 1}, report)
	stored, err := b.store.Invitation(t.Context(), invitation.ID)
	require.NoError(t, err)
	assert.Equal(t, domain.StatusDeclined, stored.Status)
	assert.Equal(t, "no response", stored.Reason)
	require.Eventually(t, func() bool { return len(b.postsTo(menteeID)) > menteePosts },
		jobWaitTime, 20*time.Millisecond, "the mentee is told")
	require.Eventually(t, func() bool { return len(b.postsTo(mentorID)) > mentorPosts },
		jobWaitTime, 20*time.Millisecond, "the mentor is told")
	mentorPost := b.waitForPost(t, mentorID, "expired_text")
	assert.Contains(t, mentorPost.Form.Get("text"), "No action needed")
	assert.Empty(t, b.reminderPosts(), "an expired invitation gets no reminder")
	assert.Equal(t, bot.SweepReport{}, sweep(t, b, now.Add(time.Hour)), "a declined invitation is not found again")
}

func TestSweep_AnsweredIsNotReminded(t *testing.T) {
	t.Parallel()
	b := setupSweep(t)
	now := time.Now()
	invitation := inviteAged(t, b, now, 6*sweepDay)
	_, err := b.store.TransitionInvitation(t.Context(), invitation.ID, personKey(mentorID), domain.StatusOngoing,
		domain.TransitionOptions{}, now.Add(-time.Hour))
	require.NoError(t, err)

	assert.Equal(t, bot.SweepReport{}, sweep(t, b, now))
	b.waitForReminders(t, 0)
}

func TestSweep_ConcurrentSweepsRemindOnce(t *testing.T) {
	t.Parallel()
	b := setupSweep(t)
	now := time.Now()
	inviteAged(t, b, now, 6*sweepDay)

	reports := make([]bot.SweepReport, 2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range reports {
		wg.Go(func() {
			reports[i], errs[i] = b.app.SweepInvitations(t.Context(), now)
		})
	}
	wg.Wait()

	require.NoError(t, errs[0])
	require.NoError(t, errs[1])
	assert.Equal(t, 1, reports[0].Reminded+reports[1].Reminded, "one of the sweeps plans the reminder")
	b.waitForReminders(t, 1)
}

func TestSweep_ReminderWaitsForWorkingHours(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	// The stand-in's users are in Europe/London. Saturday noon there is
	// outside the default hours, so the reminder waits for Monday 09:00.
	london, err := time.LoadLocation("Europe/London")
	require.NoError(t, err)
	now := time.Date(2026, time.December, 5, 12, 0, 0, 0, london)
	invitation, err := b.store.CreateInvitation(t.Context(), personKey(menteeID), personKey(mentorID), "", 3,
		now.Add(-6*24*time.Hour))
	require.NoError(t, err)
	app := bot.NewApp(bot.AppConfig{Logger: b.logger, API: b.api, Content: b.content, Store: b.store})

	report, err := app.SweepInvitations(t.Context(), now)

	require.NoError(t, err)
	require.Equal(t, 1, report.Reminded)
	var scheduledAt time.Time
	require.NoError(t, b.pool.QueryRow(t.Context(), `
		SELECT scheduled_at FROM river_job WHERE kind = 'notice' AND args->>'type' = 'invitation_reminder'
			AND (args->>'invitation_id')::bigint = $1`, invitation.ID).Scan(&scheduledAt))
	require.True(t, scheduledAt.Equal(time.Date(2026, time.December, 7, 9, 0, 0, 0, london)),
		"scheduled at %s", scheduledAt.In(london))
}

func TestSweep_ExpirySuggestsOtherMentors(t *testing.T) {
	t.Parallel()
	b := setupSweep(t)
	now := time.Now()
	lists := b.content.Lists
	shared, unrelated := lists.MentoringAreas[2], lists.MentoringAreas[0]
	for _, userID := range []string{"U0MENTOR2", "U0MENTOR3", "U0MENTOR4", "U0MENTOR5"} {
		registerDirect(t, b, userID, domain.RoleMentor, shared)
	}
	registerDirect(t, b, "U0UNRELATED", domain.RoleMentor, unrelated)
	b.slack.DeactivateUser("U0MENTOR5")
	invitation := inviteAged(t, b, now, 22*sweepDay)

	require.Equal(t, 1, sweep(t, b, now).Expired)

	post := b.waitForPost(t, menteeID, "expired_suggestions")
	message := post.Form.Get("blocks")
	assert.Contains(t, post.Form.Get("text"), "has closed because it wasn't answered in 22 days")
	for _, userID := range []string{"U0MENTOR2", "U0MENTOR3", "U0MENTOR4"} {
		assert.Contains(t, message, `"value":"`+userID+`"`, "%s is suggested", userID)
	}
	assert.Equal(t, 3, strings.Count(message, blocks.ActionAsk), "three mentors are suggested")
	assert.NotContains(t, message, `"value":"`+invitation.Mentor.UserID+`"`, "the mentor who did not answer is not suggested")
	assert.NotContains(t, message, "U0UNRELATED", "a mentor with no shared area is not suggested")
	assert.NotContains(t, message, "U0MENTOR5", "a deactivated mentor is not suggested")
	assert.Contains(t, message, blocks.ActionFind, "the mentee can search for more")

	// The Ask button opens the request form for the suggested mentor.
	modals := b.slack.ModalCount()
	status, _ := b.postForm(t, fakeslack.InteractionForm(fakeslack.MessageButtonAction(menteeID, menteeID,
		"1700000000.000200", blocks.ActionAsk, "U0MENTOR2", b.slack.ResponseURL("ask"))))
	require.Equal(t, http.StatusOK, status)
	form := b.slack.WaitForModal(t, modals, waitTime)
	assert.Equal(t, blocks.CallbackInvite, form.CallbackID())
}

func TestSweep_ExpiryWaitsForWorkingHours(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	london, err := time.LoadLocation("Europe/London")
	require.NoError(t, err)
	// Saturday noon in London: the expiry DMs wait for Monday 09:00, but
	// the invitation closes at once.
	now := time.Date(2026, time.December, 5, 12, 0, 0, 0, london)
	invitation, err := b.store.CreateInvitation(t.Context(), personKey(menteeID), personKey(mentorID), "", 3,
		now.Add(-22*sweepDay))
	require.NoError(t, err)
	app := bot.NewApp(bot.AppConfig{Logger: b.logger, API: b.api, Content: b.content, Store: b.store})

	report, err := app.SweepInvitations(t.Context(), now)

	require.NoError(t, err)
	require.Equal(t, 1, report.Expired)
	rows, err := b.pool.Query(t.Context(), `
		SELECT scheduled_at FROM river_job WHERE kind = 'notice' AND args->>'type' = 'invitation_expired'
			AND (args->>'invitation_id')::bigint = $1`, invitation.ID)
	require.NoError(t, err)
	scheduled, err := pgx.CollectRows(rows, pgx.RowTo[time.Time])
	require.NoError(t, err)
	require.Len(t, scheduled, 2, "one expiry DM to each person")
	for _, at := range scheduled {
		assert.True(t, at.Equal(time.Date(2026, time.December, 7, 9, 0, 0, 0, london)), "scheduled at %s", at.In(london))
	}
}

func TestSweep_AnsweredAfterPlanningIsNotReminded(t *testing.T) {
	t.Parallel()
	b := setup(t)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	now := time.Now()
	invitation, err := b.store.CreateInvitation(t.Context(), personKey(menteeID), personKey(mentorID), "", 3,
		now.Add(-6*sweepDay))
	require.NoError(t, err)

	// The sweep plans the reminder, and the mentor accepts before any
	// worker sends it.
	require.Equal(t, 1, sweep(t, b, now).Reminded)
	_, err = b.store.TransitionInvitation(t.Context(), invitation.ID, personKey(mentorID), domain.StatusOngoing,
		domain.TransitionOptions{}, now)
	require.NoError(t, err)
	startNoticeJobs(t, b, b.store, b.app)

	b.waitForPost(t, menteeID, "status_text")
	require.Eventually(t, func() bool {
		return len(logsWith(b, "Skipped a reminder of an invitation that closed before it was sent")) == 1
	}, jobWaitTime, 20*time.Millisecond, "the reminder job runs and skips")
	b.waitForReminders(t, 0)
}
