package bot_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/fakeslack"
	"github.com/mentorbot/mentorbot/domain"
)

// registrationIdle is the default wait before a registration reminder,
// with a minute to spare.
const registrationIdle = 7*sweepDay + time.Minute

// fixedClock is a clock that moves only when a test advances it.
type fixedClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFixedClock(start time.Time) *fixedClock { return &fixedClock{now: start} }

// Now returns the clock's time.
func (c *fixedClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock on by d.
func (c *fixedClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// setupRegistrationSweep starts the notice workers with an App that reads
// the time from the returned clock.
func setupRegistrationSweep(t *testing.T) (*testBundle, *fixedClock) {
	t.Helper()
	clock := newFixedClock(time.Now())
	b := setupAt(t, clock.Now)
	startNoticeJobs(t, b, b.store, b.app)
	return b, clock
}

func sweepRegistrations(t *testing.T, b *testBundle, now time.Time) bot.RegistrationSweepReport {
	t.Helper()
	report, err := b.app.SweepRegistrations(t.Context(), now)
	require.NoError(t, err)
	return report
}

// startRegistering clicks Register as role on userID's App Home, which
// opens the first step, and returns the modal.
func startRegistering(t *testing.T, b *testBundle, userID string, role domain.Role) fakeslack.View {
	t.Helper()
	view := b.clickHome(t, userID, blocks.ActionRegister, string(role))
	require.Equal(t, blocks.CallbackLearning, view.CallbackID())
	return view
}

// finishLearning records every place of the learning package, and the
// package, as finished at.
func finishLearning(t *testing.T, b *testBundle, userID string, at time.Time) {
	t.Helper()
	person := personKey(userID)
	for _, place := range b.content.Campus.Places {
		require.NoError(t, b.store.CompletePlace(t.Context(), person, place.ID, at))
	}
	require.NoError(t, b.store.CompleteLearning(t.Context(), person, at))
}

// registrationReminders returns the registration reminders posted to
// userID.
func (b *testBundle) registrationReminders(userID string) []fakeslack.Call {
	var reminders []fakeslack.Call
	for _, call := range b.postsTo(userID) {
		if strings.HasPrefix(call.Form.Get("text"), "You started registering") {
			reminders = append(reminders, call)
		}
	}
	return reminders
}

// waitForRegistrationReminders waits until userID has count registration
// reminders, then waits a little longer so that a duplicate would show.
func (b *testBundle) waitForRegistrationReminders(t *testing.T, userID string, count int) []fakeslack.Call {
	t.Helper()
	require.Eventually(t, func() bool { return len(b.registrationReminders(userID)) >= count },
		jobWaitTime, 20*time.Millisecond, "%s did not get %d registration reminders", userID, count)
	time.Sleep(300 * time.Millisecond)
	reminders := b.registrationReminders(userID)
	require.Len(t, reminders, count)
	return reminders
}

// sentNudgeCount returns how many of userID's nudges are marked sent.
func (b *testBundle) sentNudgeCount(t *testing.T, userID string) int {
	t.Helper()
	return b.count(t, `SELECT count(*) FROM nudges WHERE user_id = $1 AND sent_at IS NOT NULL`, userID)
}

func TestRegistrationSweep_RemindsOncePerStep(t *testing.T) {
	t.Parallel()
	b, clock := setupRegistrationSweep(t)
	startRegistering(t, b, menteeID, domain.RoleMentee)
	finishLearning(t, b, menteeID, clock.Now())

	// A week later the mentee is still on the assessment.
	clock.Advance(registrationIdle)
	first := sweepRegistrations(t, b, clock.Now())
	second := sweepRegistrations(t, b, clock.Now().Add(time.Hour))

	assert.Equal(t, bot.RegistrationSweepReport{Found: 1, Reminded: 1}, first)
	assert.Equal(t, bot.RegistrationSweepReport{Found: 1}, second, "the second sweep plans nothing")
	reminders := b.waitForRegistrationReminders(t, menteeID, 1)
	assert.Contains(t, reminders[0].Form.Get("text"), "the next step is the assessment")
	assert.Contains(t, reminders[0].Form.Get("blocks"), `"action_id":"`+blocks.ActionContinue+`"`)
	assert.Contains(t, reminders[0].Form.Get("blocks"), `"value":"mentee"`)
	require.Eventually(t, func() bool { return b.sentNudgeCount(t, menteeID) == 1 },
		waitTime, 20*time.Millisecond, "the nudge is marked sent")
	entries := logsWith(b, "Swept unfinished registrations")
	require.Len(t, entries, 2)
	assert.Equal(t, 1, entries[0].Data["found"])
	assert.Equal(t, 1, entries[0].Data["reminded"])
	assert.Equal(t, 0, entries[1].Data["reminded"])

	// The mentee carries on from the DM and passes the assessment, which
	// is progress, so no reminder is due until they idle again.
	modals := b.slack.ModalCount()
	b.clickMessage(t, menteeID, blocks.ActionContinue, string(domain.RoleMentee), "carry-on")
	view := b.slack.WaitForModal(t, modals, waitTime)
	require.Equal(t, blocks.CallbackAssessment, view.CallbackID(), "the DM reopens the assessment")
	b.answerAll(t, menteeID, view, true)
	assert.Equal(t, bot.RegistrationSweepReport{}, sweepRegistrations(t, b, clock.Now()))

	clock.Advance(registrationIdle)
	third := sweepRegistrations(t, b, clock.Now())
	fourth := sweepRegistrations(t, b, clock.Now().Add(time.Hour))

	assert.Equal(t, bot.RegistrationSweepReport{Found: 1, Reminded: 1}, third, "one reminder of the new step")
	assert.Equal(t, bot.RegistrationSweepReport{Found: 1}, fourth)
	reminders = b.waitForRegistrationReminders(t, menteeID, 2)
	assert.Contains(t, reminders[1].Form.Get("text"), "the next step is the code of conduct")
}

func TestRegistrationSweep_NotYetIdle(t *testing.T) {
	t.Parallel()
	b, clock := setupRegistrationSweep(t)
	startRegistering(t, b, menteeID, domain.RoleMentee)

	clock.Advance(registrationIdle - 2*time.Minute)

	assert.Equal(t, bot.RegistrationSweepReport{}, sweepRegistrations(t, b, clock.Now()))
	b.waitForRegistrationReminders(t, menteeID, 0)
}

func TestRegistrationSweep_ContinueFromDMOpensStep(t *testing.T) {
	t.Parallel()
	b, clock := setupRegistrationSweep(t)
	startRegistering(t, b, mentorID, domain.RoleMentor)
	clock.Advance(registrationIdle)
	require.Equal(t, 1, sweepRegistrations(t, b, clock.Now()).Reminded)
	reminders := b.waitForRegistrationReminders(t, mentorID, 1)
	require.Contains(t, reminders[0].Form.Get("text"), "as a mentor, and the next step is the learning package")

	modals := b.slack.ModalCount()
	b.clickMessage(t, mentorID, blocks.ActionContinue, string(domain.RoleMentor), "carry-on")
	view := b.slack.WaitForModal(t, modals, waitTime)

	assert.Equal(t, blocks.CallbackLearning, view.CallbackID(), "the DM reopens the learning package")
	opens := b.slack.Calls("views.open")
	require.NotEmpty(t, opens)
	assert.Equal(t, "12466734323.1395872398.ac7d4cbdd7e9aa3a7c94bcfe4b1a7b1a",
		opens[len(opens)-1].JSON(t)["trigger_id"], "the modal opens with the DM click's trigger")
	assert.Empty(t, b.slack.Calls("response_url"), "the click shows no error")
}

func TestRegistrationSweep_FinishedGetsNothing(t *testing.T) {
	t.Parallel()
	b, clock := setupRegistrationSweep(t)
	require.NoError(t, b.store.StartRole(t.Context(), personKey(menteeID), domain.RoleMentee, clock.Now()))
	registerDirect(t, b, menteeID, domain.RoleMentee)

	clock.Advance(4 * registrationIdle)

	assert.Equal(t, bot.RegistrationSweepReport{}, sweepRegistrations(t, b, clock.Now()))
	b.waitForRegistrationReminders(t, menteeID, 0)
}

func TestRegistrationSweep_DeactivatedGetsNothing(t *testing.T) {
	t.Parallel()
	b, clock := setupRegistrationSweep(t)
	const recorded, reported = "U0GONE1", "U0GONE2"
	for _, userID := range []string{recorded, reported} {
		require.NoError(t, b.store.StartRole(t.Context(), personKey(userID), domain.RoleMentee, clock.Now()))
	}
	deactivatedAt := clock.Now()
	require.NoError(t, b.store.SetDeactivated(t.Context(), personKey(recorded), &deactivatedAt))
	b.slack.DeactivateUser(reported)

	clock.Advance(registrationIdle)
	first := sweepRegistrations(t, b, clock.Now())
	second := sweepRegistrations(t, b, clock.Now().Add(time.Hour))

	assert.Equal(t, bot.RegistrationSweepReport{Found: 1, Deactivated: 1}, first,
		"the person recorded as deactivated is not found, and Slack reports the other")
	assert.Equal(t, bot.RegistrationSweepReport{}, second, "the sweep recorded the deactivation")
	b.waitForRegistrationReminders(t, recorded, 0)
	assert.Empty(t, b.registrationReminders(reported))
}

func TestRegistrationSweep_DeactivatedBeforeSending(t *testing.T) {
	t.Parallel()
	clock := newFixedClock(time.Now())
	b := setupAt(t, clock.Now)
	require.NoError(t, b.store.StartRole(t.Context(), personKey(menteeID), domain.RoleMentee, clock.Now()))
	clock.Advance(registrationIdle)
	require.Equal(t, 1, sweepRegistrations(t, b, clock.Now()).Reminded)

	// The account closes after the sweep planned the reminder and before
	// a worker sends it, once the cached profile is stale.
	b.slack.DeactivateUser(menteeID)
	clock.Advance(time.Hour)
	events := startNoticeJobs(t, b, b.store, b.app)
	waitForFinalEvent(t, events)

	assert.Empty(t, b.registrationReminders(menteeID))
	assert.Zero(t, b.sentNudgeCount(t, menteeID), "the nudge is not marked sent")
	assert.NotEmpty(t, logsWith(b, "Skipped a registration reminder to a deactivated person"))
}

func TestRegistrationSweep_MovedOnBeforeSending(t *testing.T) {
	t.Parallel()
	clock := newFixedClock(time.Now())
	b := setupAt(t, clock.Now)
	require.NoError(t, b.store.StartRole(t.Context(), personKey(menteeID), domain.RoleMentee, clock.Now()))
	clock.Advance(registrationIdle)
	require.Equal(t, 1, sweepRegistrations(t, b, clock.Now()).Reminded)

	// The mentee finishes the learning package between the sweep and the
	// send, so the reminder of it no longer applies.
	finishLearning(t, b, menteeID, clock.Now())
	events := startNoticeJobs(t, b, b.store, b.app)
	final, _ := waitForFinalEvent(t, events)

	assert.Equal(t, river.EventKindJobCompleted, final.Kind, "the skipped notice ends its job")
	assert.Empty(t, b.registrationReminders(menteeID))
	assert.Zero(t, b.sentNudgeCount(t, menteeID), "the nudge is not marked sent")
	assert.NotEmpty(t, logsWith(b, "Skipped a registration reminder of a step the person is no longer on"))
}

func TestRegistrationSweep_BothRolesShareStep(t *testing.T) {
	t.Parallel()
	b, clock := setupRegistrationSweep(t)
	startRegistering(t, b, menteeID, domain.RoleMentee)
	clock.Advance(time.Minute)
	startRegistering(t, b, menteeID, domain.RoleMentor)

	clock.Advance(registrationIdle)
	report := sweepRegistrations(t, b, clock.Now())

	assert.Equal(t, bot.RegistrationSweepReport{Found: 1, Reminded: 1}, report)
	reminders := b.waitForRegistrationReminders(t, menteeID, 1)
	assert.Contains(t, reminders[0].Form.Get("text"), "as a mentee, and the next step is the learning package",
		"the reminder names the role started first")
	assert.Equal(t, bot.RegistrationSweepReport{Found: 1}, sweepRegistrations(t, b, clock.Now().Add(time.Hour)))
}

func TestRegistrationSweep_ConcurrentSweepsRemindOnce(t *testing.T) {
	t.Parallel()
	b, clock := setupRegistrationSweep(t)
	startRegistering(t, b, menteeID, domain.RoleMentee)
	clock.Advance(registrationIdle)

	reports := make([]bot.RegistrationSweepReport, 2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range reports {
		wg.Go(func() {
			reports[i], errs[i] = b.app.SweepRegistrations(t.Context(), clock.Now())
		})
	}
	wg.Wait()

	require.NoError(t, errs[0])
	require.NoError(t, errs[1])
	assert.Equal(t, 1, reports[0].Reminded+reports[1].Reminded, "one of the sweeps plans the reminder")
	b.waitForRegistrationReminders(t, menteeID, 1)
}

func TestRegistrationSweep_ManyPeopleInBatches(t *testing.T) {
	t.Parallel()
	b, clock := setupRegistrationSweep(t)
	// There are more people than fit in one batch, so the sweep reads two.
	const people = 130
	for i := range people {
		userID := fmt.Sprintf("U0MANY%03d", i)
		require.NoError(t, b.store.StartRole(t.Context(), personKey(userID), domain.RoleMentee, clock.Now()))
	}
	clock.Advance(registrationIdle)

	report := sweepRegistrations(t, b, clock.Now())

	assert.Equal(t, bot.RegistrationSweepReport{Found: people, Reminded: people}, report)
	require.Eventually(t, func() bool {
		return b.count(t, `SELECT count(*) FROM nudges WHERE sent_at IS NOT NULL`) == people
	}, 4*jobWaitTime, 50*time.Millisecond, "every reminder is sent")
}

func TestRegistrationSweep_WaitsForWorkingHours(t *testing.T) {
	t.Parallel()
	b := setup(t)
	// The stand-in's users are in Europe/London. Saturday noon there is
	// outside the default hours, so the reminder waits for Monday 09:00.
	london, err := time.LoadLocation("Europe/London")
	require.NoError(t, err)
	now := time.Date(2026, time.December, 5, 12, 0, 0, 0, london)
	require.NoError(t, b.store.StartRole(t.Context(), personKey(menteeID), domain.RoleMentee, now.Add(-8*sweepDay)))
	app := bot.NewApp(bot.AppConfig{Logger: b.logger, API: b.api, Content: b.content, Store: b.store})

	report, err := app.SweepRegistrations(t.Context(), now)

	require.NoError(t, err)
	require.Equal(t, 1, report.Reminded)
	var scheduledAt time.Time
	require.NoError(t, b.pool.QueryRow(t.Context(), `
		SELECT scheduled_at FROM river_job WHERE kind = 'notice' AND args->>'type' = 'registration_reminder'`,
	).Scan(&scheduledAt))
	monday := time.Date(2026, time.December, 7, 9, 0, 0, 0, london)
	require.True(t, scheduledAt.Equal(monday), "scheduled at %s", scheduledAt.In(london))
	var dueAt time.Time
	require.NoError(t, b.pool.QueryRow(t.Context(), `SELECT due_at FROM nudges WHERE user_id = $1`, menteeID).Scan(&dueAt))
	require.True(t, dueAt.Equal(monday), "due at %s", dueAt.In(london))
}

func TestRegistrationSweep_ContinueFromDMLaterStep(t *testing.T) {
	t.Parallel()
	b := setup(t)
	require.NoError(t, b.store.StartRole(t.Context(), personKey(menteeID), domain.RoleMentee, time.Now()))
	finishLearning(t, b, menteeID, time.Now())
	passAssessment(t, b, personKey(menteeID))

	modals := b.slack.ModalCount()
	payload := fakeslack.MessageButtonAction(menteeID, "D0MENTEE1", "1700000000.000100",
		blocks.ActionContinue, string(domain.RoleMentee), b.slack.ResponseURL("carry-on"))
	status, _ := b.postForm(t, fakeslack.InteractionForm(payload))
	require.Equal(t, http.StatusOK, status)
	view := b.slack.WaitForModal(t, modals, waitTime)

	assert.Equal(t, blocks.CallbackConduct, view.CallbackID(), "the click opens the step the person is on")
}
