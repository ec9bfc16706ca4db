package storage_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/domain"
	"github.com/mentorbot/mentorbot/storage"
	"github.com/mentorbot/mentorbot/storage/pgtest"
)

// figuresQuestions are the questions the figures tests score against.
var figuresQuestions = []domain.QuestionKey{
	{ID: "q1", Correct: 0}, {ID: "q2", Correct: 1}, {ID: "q3", Correct: 2},
}

// programmeSeed is a varied programme in team T1, and what the tests
// expect of its invitations, computed as it is seeded.
type programmeSeed struct {
	people []domain.PersonKey
	// deactivated are the people whose accounts are deactivated.
	deactivated map[domain.PersonKey]bool
	invitations map[domain.Status]int
	// waitingSince are the creation times of the invitations in
	// Considering.
	waitingSince []time.Time
	// answerTimes are the times mentors took to accept or decline.
	answerTimes []time.Duration
	// ongoing are the Ongoing relationships, with their last "We met".
	ongoing []ongoingSeed
	ratings []int
}

type ongoingSeed struct {
	invitation domain.Invitation
	lastMet    *time.Time
}

// seedProgramme fills team T1 with 60 people at every registration step,
// some deactivated and some with an outdated consent, and with
// invitations in every status, meetings and feedback. It also adds one
// person in team T2, whom T1's figures must not count.
func seedProgramme(t *testing.T, pool *pgxpool.Pool, store *storage.Store, now time.Time) programmeSeed {
	t.Helper()
	ctx := context.Background()
	seed := programmeSeed{deactivated: map[domain.PersonKey]bool{}, invitations: map[domain.Status]int{}}
	day := 24 * time.Hour
	at := now.Add(-200 * day)

	for i := range 60 {
		person := domain.PersonKey{TeamID: "T1", UserID: fmt.Sprintf("U%03d", i)}
		seed.people = append(seed.people, person)
		require.NoError(t, store.SetDisplayName(ctx, person, fmt.Sprintf("Person %d", i), at))
		if i%3 != 2 {
			require.NoError(t, store.StartRole(ctx, person, domain.RoleMentee, at))
		}
		if i%3 != 0 {
			require.NoError(t, store.StartRole(ctx, person, domain.RoleMentor, at))
		}
		if i%10 == 0 {
			continue // at the learning package
		}
		require.NoError(t, store.CompleteLearning(ctx, person, at))

		// Everyone past the learning package tried the assessment. Those
		// who missed q2 and q3 failed and stopped there.
		attempt, err := store.StartAttempt(ctx, person, at)
		require.NoError(t, err)
		answers := map[string]int{"q1": 0, "q2": i % 3, "q3": 2}
		if i%8 == 1 {
			answers["q3"] = 0
		}
		for id, option := range answers {
			_, err := store.RecordAnswer(ctx, attempt.ID, id, option, at)
			require.NoError(t, err)
		}
		score := domain.ScoreAnswers(figuresQuestions, answers, 2)
		require.NoError(t, store.FinishAttempt(ctx, attempt.ID, score, at))
		if !score.Passed {
			continue
		}
		if i%7 == 0 {
			continue // at the code of conduct
		}
		version := "v2"
		if i%5 == 0 {
			version = "v1" // agreed to an outdated version
		}
		require.NoError(t, store.RecordConsent(ctx, person, version, at))
		if i%4 != 3 {
			if i%3 != 2 {
				require.NoError(t, store.SaveMenteeProfile(ctx, person, domain.MenteeProfile{
					JobRole: "Technician", OrgArea: "Registry", Areas: []string{"Research"}, Hopes: "Confidence.", UpdatedAt: at,
				}))
			}
			if i%3 != 0 {
				require.NoError(t, store.SaveMentorProfile(ctx, person, domain.MentorProfile{
					JobRole: "Lecturer", OrgArea: "Finance", Areas: []string{"Research"}, About: "Teaching.",
					Capacity: 3, Available: true, Searchable: true, UpdatedAt: at,
				}))
			}
		}
		if i%11 == 0 {
			deactivatedAt := at
			require.NoError(t, store.SetDeactivated(ctx, person, &deactivatedAt))
			seed.deactivated[person] = true
		}
	}

	other := domain.PersonKey{TeamID: "T2", UserID: "U000"}
	require.NoError(t, store.StartRole(ctx, other, domain.RoleMentee, at))

	statuses := []domain.Status{
		domain.StatusConsidering, domain.StatusOngoing, domain.StatusDeclined,
		domain.StatusWithdrawn, domain.StatusFinished,
	}
	for i := range 40 {
		status := statuses[i%len(statuses)]
		mentor, mentee := seed.people[i], seed.people[59-i]
		createdAt := now.Add(-time.Duration(i) * 7 * day).Add(-time.Duration(i) * time.Hour)
		var id int64
		err := pool.QueryRow(ctx, `
			INSERT INTO invitations (team_id, mentor_user_id, mentee_user_id, status, created_at, updated_at)
			VALUES ('T1', $1, $2, $3, $4, $4)
			RETURNING id`,
			mentor.UserID, mentee.UserID, string(status), createdAt,
		).Scan(&id)
		require.NoError(t, err)
		seed.invitations[status]++

		switch status {
		case domain.StatusConsidering:
			seed.waitingSince = append(seed.waitingSince, createdAt)
		case domain.StatusOngoing, domain.StatusDeclined:
			// Every fourth change out of Considering is the programme's,
			// such as an expiry, which the median leaves out.
			answer := time.Duration(1+i%6) * 7 * time.Hour
			actor := mentor.UserID
			if i%4 == 3 {
				actor = ""
			} else {
				seed.answerTimes = append(seed.answerTimes, answer)
			}
			answeredAt := createdAt.Add(answer)
			_, err := pool.Exec(ctx, `
				UPDATE invitations SET answered_at = $2 WHERE id = $1;`, id, answeredAt)
			require.NoError(t, err)
			_, err = pool.Exec(ctx, `
				INSERT INTO invitation_events (invitation_id, actor_user_id, from_status, to_status, at)
				VALUES ($1, $2, 'considering', $3, $4)`, id, actor, string(status), answeredAt)
			require.NoError(t, err)
			if status == domain.StatusOngoing {
				ongoing := ongoingSeed{invitation: domain.Invitation{
					ID: id, Status: status, CreatedAt: createdAt, AnsweredAt: &answeredAt,
				}}
				if i%2 == 0 {
					met := createdAt.Add(time.Duration(i) * day / 2)
					ongoing.lastMet = &met
					_, err := pool.Exec(ctx, `
						INSERT INTO meetings (invitation_id, user_id, met_at) VALUES ($1, $2, $3), ($1, $4, $5)`,
						id, mentor.UserID, met, mentee.UserID, met.Add(-day))
					require.NoError(t, err)
				}
				seed.ongoing = append(seed.ongoing, ongoing)
			}
		case domain.StatusFinished:
			for j, person := range []domain.PersonKey{mentor, mentee} {
				rating := 1 + (i+j*2)%5
				_, err := pool.Exec(ctx, `
					INSERT INTO feedback (invitation_id, user_id, rating, given_at) VALUES ($1, $2, $3, $4)`,
					id, person.UserID, rating, now)
				require.NoError(t, err)
				seed.ratings = append(seed.ratings, rating)
			}
		}
	}

	return seed
}

func TestProgrammeFigures_MatchIndependentCounts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := pgtest.NewPool(t)
	store := storage.New(pool)
	now := time.Date(2026, time.June, 1, 12, 0, 0, 0, time.UTC)
	seed := seedProgramme(t, pool, store, now)
	policy := domain.DefaultNudgePolicy()

	figures, err := store.ProgrammeFigures(ctx, "T1", domain.FiguresQuery{
		ConductVersion: "v2", Questions: figuresQuestions,
		ReminderAfter: policy.ReminderAfter, InactiveAfter: policy.InactiveAfter, Now: now, MissedLimit: 2,
	})
	require.NoError(t, err)

	// Registration steps, from each person's registration as the bot
	// reads it.
	expectedSteps := map[domain.Role]map[domain.Step]int{domain.RoleMentee: {}, domain.RoleMentor: {}}
	finished, passed := 0, 0
	for _, person := range seed.people {
		registration, err := store.Registration(ctx, person)
		require.NoError(t, err)
		if attempt, err := store.LatestAttempt(ctx, person); err == nil {
			finished++
			if attempt.Score.Passed {
				passed++
			}
		}
		if seed.deactivated[person] {
			continue
		}
		for _, role := range []domain.Role{domain.RoleMentee, domain.RoleMentor} {
			if registration.HasStarted(role) || registration.HasProfile(role) {
				expectedSteps[role][registration.NextStep(role, "v2")]++
			}
		}
	}
	assert.Equal(t, expectedSteps, figures.Steps)
	for _, role := range []domain.Role{domain.RoleMentee, domain.RoleMentor} {
		for _, step := range []domain.Step{domain.StepLearning, domain.StepAssessment, domain.StepConduct, domain.StepDetails, domain.StepDone} {
			assert.Positive(t, figures.Steps[role][step], "the seed has %ss at the %s", role, step)
		}
	}

	assert.Equal(t, finished, figures.FinishedAttempts)
	assert.Equal(t, passed, figures.PassedAttempts)
	assert.Less(t, passed, finished, "the seed has failed attempts")

	// Everyone with i % 3 != 1 missed q2, and everyone with i % 8 == 1
	// missed q3.
	var missedQ2, missedQ3, answered int
	for i := range 60 {
		if i%10 == 0 {
			continue
		}
		answered++
		if i%3 != 1 {
			missedQ2++
		}
		if i%8 == 1 {
			missedQ3++
		}
	}
	assert.Equal(t, []domain.MissedQuestion{
		{QuestionID: "q2", Missed: missedQ2, Answered: answered},
		{QuestionID: "q3", Missed: missedQ3, Answered: answered},
	}, figures.Missed, "q1 was never missed")

	assert.Equal(t, seed.invitations, figures.Invitations)

	waitingLong := 0
	for _, createdAt := range seed.waitingSince {
		if !now.Before(createdAt.Add(policy.ReminderAfter)) {
			waitingLong++
		}
	}
	assert.Equal(t, waitingLong, figures.WaitingLong)
	assert.Positive(t, waitingLong)
	assert.Less(t, waitingLong, len(seed.waitingSince), "some invitations are recent")

	slices.Sort(seed.answerTimes)
	n := len(seed.answerTimes)
	median := seed.answerTimes[n/2]
	if n%2 == 0 {
		median = (seed.answerTimes[n/2-1] + seed.answerTimes[n/2]) / 2
	}
	assert.Equal(t, n, figures.MentorAnswers)
	assert.Equal(t, median, figures.MedianAnswer)

	// Inactive as the relationship sweep decides its flag.
	inactive := 0
	for _, ongoing := range seed.ongoing {
		nudges := policy.RelationshipNudges(now, ongoing.invitation, ongoing.lastMet, 1000, true, false)
		if slices.ContainsFunc(nudges, func(nudge domain.Nudge) bool { return nudge.Kind == domain.NudgeInactiveFlag }) {
			inactive++
		}
	}
	assert.Equal(t, inactive, figures.Inactive)
	assert.Positive(t, inactive)
	assert.Less(t, inactive, len(seed.ongoing), "some relationships met recently")

	expectedRatings := map[int]int{}
	sum := 0
	for _, rating := range seed.ratings {
		expectedRatings[rating]++
		sum += rating
	}
	assert.Equal(t, expectedRatings, figures.Feedback)
	assert.Equal(t, len(seed.ratings), figures.FeedbackCount())
	assert.InDelta(t, float64(sum)/float64(len(seed.ratings)), figures.FeedbackAverage, 1e-9)
}

func TestProgrammeFigures_EmptyTeam(t *testing.T) {
	t.Parallel()
	store := storage.New(pgtest.NewPool(t))

	figures, err := store.ProgrammeFigures(context.Background(), "T9", domain.FiguresQuery{
		ConductVersion: "v2", Questions: figuresQuestions, Now: time.Now(), MissedLimit: 5,
		ReminderAfter: time.Hour, InactiveAfter: time.Hour,
	})

	require.NoError(t, err)
	assert.Zero(t, figures.Registered(domain.RoleMentor))
	assert.Zero(t, figures.MedianAnswer)
	assert.Empty(t, figures.Missed)
	assert.Zero(t, figures.FeedbackCount())
	assert.Zero(t, figures.FeedbackAverage)
}
