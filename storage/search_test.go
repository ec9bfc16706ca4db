package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/domain"
	"github.com/mentorbot/mentorbot/storage"
	"github.com/mentorbot/mentorbot/storage/pgtest"
)

// searchBundle is a fresh database with a registered mentee, ready for
// mentors to be added.
type searchBundle struct {
	t      *testing.T
	ctx    context.Context
	pool   *pgxpool.Pool
	store  *storage.Store
	now    time.Time
	mentee domain.PersonKey
}

func setupSearch(t *testing.T) *searchBundle {
	t.Helper()
	pool := pgtest.NewPool(t)
	b := &searchBundle{
		t:      t,
		ctx:    context.Background(),
		pool:   pool,
		store:  storage.New(pool),
		now:    time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC),
		mentee: domain.PersonKey{TeamID: "T1", UserID: "UMENTEE"},
	}
	b.register(b.mentee, "Mentee Person")
	require.NoError(t, b.store.SaveMenteeProfile(b.ctx, b.mentee, domain.MenteeProfile{
		JobRole: "Technician", OrgArea: "Registry", Areas: []string{"Networking", "Research"},
		Hopes: "Confidence.", UpdatedAt: b.now,
	}))
	return b
}

// register completes person's learning, assessment and consent, and
// stores their name.
func (b *searchBundle) register(person domain.PersonKey, name string) {
	b.t.Helper()
	require.NoError(b.t, b.store.SetDisplayName(b.ctx, person, name, b.now))
	require.NoError(b.t, b.store.CompleteLearning(b.ctx, person, b.now))
	attempt, err := b.store.StartAttempt(b.ctx, person, b.now)
	require.NoError(b.t, err)
	require.NoError(b.t, b.store.FinishAttempt(b.ctx, attempt.ID, domain.Score{Correct: 20, Total: 22, Passed: true}, b.now))
	require.NoError(b.t, b.store.RecordConsent(b.ctx, person, "2025-01", b.now))
}

// addMentor registers a listed mentor in team T1 with a default profile
// that change, when not nil, adjusts.
func (b *searchBundle) addMentor(userID, name string, change func(*domain.MentorProfile)) domain.PersonKey {
	b.t.Helper()
	person := domain.PersonKey{TeamID: "T1", UserID: userID}
	b.register(person, name)
	profile := domain.MentorProfile{
		JobRole: "Lecturer", OrgArea: "Finance", Areas: []string{"Networking"},
		About: "Twenty years of teaching.", Capacity: 3, Available: true, Searchable: true, UpdatedAt: b.now,
	}
	if change != nil {
		change(&profile)
	}
	require.NoError(b.t, b.store.SaveMentorProfile(b.ctx, person, profile))
	return person
}

// invite inserts an invitation from mentee to mentor with status.
func (b *searchBundle) invite(mentor, mentee domain.PersonKey, status domain.Status) {
	b.t.Helper()
	require.NoError(b.t, b.store.SetDisplayName(b.ctx, mentee, "Mentee "+mentee.UserID, b.now))
	_, err := b.pool.Exec(b.ctx, `
		INSERT INTO invitations (team_id, mentor_user_id, mentee_user_id, status, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $5)`,
		mentor.TeamID, mentor.UserID, mentee.UserID, string(status), b.now)
	require.NoError(b.t, err)
}

// exec runs SQL that changes the test data.
func (b *searchBundle) exec(sql string, args ...any) {
	b.t.Helper()
	_, err := b.pool.Exec(b.ctx, sql, args...)
	require.NoError(b.t, err)
}

// search runs SearchMentors for the bundle's mentee and returns the user
// ids found, in order. It takes t so that subtests can share a bundle.
func (b *searchBundle) search(t *testing.T, filter domain.SearchFilter, limit int) []string {
	t.Helper()
	candidates, err := b.store.SearchMentors(b.ctx, b.mentee, filter, limit)
	require.NoError(t, err)
	ids := make([]string, len(candidates))
	for i, candidate := range candidates {
		ids[i] = candidate.Person.UserID
	}
	return ids
}

func TestStore_SearchMentorsEligibility(t *testing.T) {
	t.Parallel()
	other := func(userID string) domain.PersonKey { return domain.PersonKey{TeamID: "T1", UserID: userID} }

	tests := []struct {
		name string
		// change makes the mentor UMENTOR ineligible, or leaves them
		// eligible when found is true.
		change func(b *searchBundle, mentor domain.PersonKey)
		found  bool
	}{
		{"Eligible", func(*searchBundle, domain.PersonKey) {}, true},
		{"LearningIncomplete", func(b *searchBundle, m domain.PersonKey) {
			b.exec(`UPDATE people SET learning_completed_at = NULL WHERE user_id = $1`, m.UserID)
		}, false},
		{"AssessmentNotPassed", func(b *searchBundle, m domain.PersonKey) {
			b.exec(`UPDATE people SET assessment_passed_at = NULL WHERE user_id = $1`, m.UserID)
		}, false},
		{"NoConsent", func(b *searchBundle, m domain.PersonKey) {
			b.exec(`DELETE FROM conduct_consents WHERE user_id = $1`, m.UserID)
		}, false},
		{"OlderConsentOnly", func(b *searchBundle, m domain.PersonKey) {
			b.exec(`UPDATE conduct_consents SET version = '2024-01' WHERE user_id = $1`, m.UserID)
		}, true},
		{"Hidden", func(b *searchBundle, m domain.PersonKey) {
			require.NoError(b.t, b.store.SetMentorAvailability(b.ctx, m, true, false, b.now))
		}, false},
		{"HiddenByProgrammeTeam", func(b *searchBundle, m domain.PersonKey) {
			require.NoError(b.t, b.store.SetAdminHidden(b.ctx, other("UADMIN"), m, true, b.now))
		}, false},
		{"HiddenByProgrammeTeamThenSearchable", func(b *searchBundle, m domain.PersonKey) {
			require.NoError(b.t, b.store.SetAdminHidden(b.ctx, other("UADMIN"), m, true, b.now))
			require.NoError(b.t, b.store.SetMentorAvailability(b.ctx, m, true, false, b.now))
			require.NoError(b.t, b.store.SetMentorAvailability(b.ctx, m, true, true, b.now))
		}, false},
		{"ShownByProgrammeTeam", func(b *searchBundle, m domain.PersonKey) {
			require.NoError(b.t, b.store.SetAdminHidden(b.ctx, other("UADMIN"), m, true, b.now))
			require.NoError(b.t, b.store.SetAdminHidden(b.ctx, other("UADMIN"), m, false, b.now))
		}, true},
		{"Unavailable", func(b *searchBundle, m domain.PersonKey) {
			require.NoError(b.t, b.store.SetMentorAvailability(b.ctx, m, false, true, b.now))
		}, false},
		{"Deactivated", func(b *searchBundle, m domain.PersonKey) {
			b.exec(`UPDATE people SET deactivated_at = $2 WHERE user_id = $1`, m.UserID, b.now)
		}, false},
		{"AtCapacity", func(b *searchBundle, m domain.PersonKey) {
			for _, mentee := range []string{"UA", "UB", "UC"} {
				b.invite(m, other(mentee), domain.StatusOngoing)
			}
		}, false},
		{"BelowCapacity", func(b *searchBundle, m domain.PersonKey) {
			b.invite(m, other("UA"), domain.StatusOngoing)
			b.invite(m, other("UB"), domain.StatusOngoing)
			for _, mentee := range []string{"UC", "UD", "UE"} {
				b.invite(m, other(mentee), domain.StatusConsidering)
			}
			b.invite(m, other("UF"), domain.StatusFinished)
		}, true},
		{"ConsideringWithMentee", func(b *searchBundle, m domain.PersonKey) {
			b.invite(m, b.mentee, domain.StatusConsidering)
		}, false},
		{"OngoingWithMentee", func(b *searchBundle, m domain.PersonKey) {
			b.invite(m, b.mentee, domain.StatusOngoing)
		}, false},
		{"DeclinedWithMentee", func(b *searchBundle, m domain.PersonKey) {
			b.invite(m, b.mentee, domain.StatusDeclined)
		}, true},
		{"FinishedWithMentee", func(b *searchBundle, m domain.PersonKey) {
			b.invite(m, b.mentee, domain.StatusFinished)
		}, true},
		{"WithdrawnWithMentee", func(b *searchBundle, m domain.PersonKey) {
			b.invite(m, b.mentee, domain.StatusWithdrawn)
		}, true},
		{"MenteeOfAnotherMentor", func(b *searchBundle, m domain.PersonKey) {
			b.invite(b.addMentor("UOTHER", "Other Mentor", nil), b.mentee, domain.StatusOngoing)
		}, true},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			b := setupSearch(t)
			mentor := b.addMentor("UMENTOR", "Mentor Person", nil)

			test.change(b, mentor)

			if test.found {
				assert.Contains(t, b.search(t, domain.SearchFilter{}, 10), "UMENTOR")
			} else {
				assert.NotContains(t, b.search(t, domain.SearchFilter{}, 10), "UMENTOR")
			}
		})
	}
}

func TestStore_SearchMentorsExcludesSelf(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)
	b.addMentor("UMENTOR", "Mentor Person", nil)
	// The mentee is a mentor too.
	b.addMentor(b.mentee.UserID, "Mentee Person", nil)

	assert.Equal(t, []string{"UMENTOR"}, b.search(t, domain.SearchFilter{}, 10))
}

func TestStore_SearchMentorsExcludesOtherTeams(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)
	b.addMentor("UMENTOR", "Mentor Person", nil)
	elsewhere := domain.PersonKey{TeamID: "T2", UserID: "UELSEWHERE"}
	b.register(elsewhere, "Elsewhere Person")
	require.NoError(t, b.store.SaveMentorProfile(b.ctx, elsewhere, domain.MentorProfile{
		JobRole: "Lecturer", OrgArea: "Finance", Areas: []string{"Networking"},
		About: "Hello.", Capacity: 3, Available: true, Searchable: true, UpdatedAt: b.now,
	}))

	assert.Equal(t, []string{"UMENTOR"}, b.search(t, domain.SearchFilter{}, 10))
}

func TestStore_SearchMentorsExcludesMenteesOnly(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)
	menteeOnly := domain.PersonKey{TeamID: "T1", UserID: "UMENTEEONLY"}
	b.register(menteeOnly, "Mentee Only")
	require.NoError(t, b.store.SaveMenteeProfile(b.ctx, menteeOnly, domain.MenteeProfile{
		JobRole: "Lecturer", OrgArea: "Finance", Areas: []string{"Networking"}, Hopes: "Hello.", UpdatedAt: b.now,
	}))

	assert.Empty(t, b.search(t, domain.SearchFilter{}, 10))
}

func TestStore_SearchMentorsFilters(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)
	b.addMentor("ULEAD", "Ada Lovelace", func(p *domain.MentorProfile) {
		p.Areas = []string{"Leadership"}
		p.JobRole = "Librarian"
		p.OrgArea = "Library and Archives"
	})
	b.addMentor("UWELL", "Grace Hopper", func(p *domain.MentorProfile) {
		p.Areas = []string{"Wellbeing", "Leadership"}
		p.JobRole = "Technician"
	})
	b.addMentor("UNET", "Alan Turing", func(p *domain.MentorProfile) {
		p.OrgArea = "Library and Archives"
	})

	tests := []struct {
		name   string
		filter domain.SearchFilter
		want   []string
	}{
		{"None", domain.SearchFilter{}, []string{"ULEAD", "UNET", "UWELL"}},
		{"Area", domain.SearchFilter{Areas: []string{"Leadership"}}, []string{"ULEAD", "UWELL"}},
		{"AnyOfAreas", domain.SearchFilter{Areas: []string{"Wellbeing", "Networking"}}, []string{"UNET", "UWELL"}},
		{"JobRole", domain.SearchFilter{JobRoles: []string{"Librarian", "Technician"}}, []string{"ULEAD", "UWELL"}},
		{"OrgArea", domain.SearchFilter{OrgAreas: []string{"Library and Archives"}}, []string{"ULEAD", "UNET"}},
		{"AllFieldsMustMatch", domain.SearchFilter{
			Areas: []string{"Leadership"}, OrgAreas: []string{"Library and Archives"},
		}, []string{"ULEAD"}},
		{"NoMatch", domain.SearchFilter{JobRoles: []string{"Professor"}}, []string{}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			assert.ElementsMatch(t, test.want, b.search(t, test.filter, 10))
		})
	}
}

func TestStore_SearchMentorsText(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)
	b.addMentor("UPRIYA", "Priya Patel", func(p *domain.MentorProfile) {
		p.About = "I look after the faculty's budgets."
	})
	b.addMentor("UEMILE", "ÉMILE Dubois", func(p *domain.MentorProfile) {
		p.Areas = []string{"Wellbeing at work"}
		p.JobRole = "Librarian"
		p.OrgArea = "Library and Archives"
	})
	b.addMentor("UOBRIEN", "Siobhán O'Brien", func(p *domain.MentorProfile) {
		p.OrgArea = "Vice-Chancellor's Office"
	})

	tests := []struct {
		name string
		text string
		want []string
	}{
		{"FullName", "Priya Patel", []string{"UPRIYA"}},
		{"NameStart", "pri", []string{"UPRIYA"}},
		{"NameAnyOrderAndCase", "PATEL priya", []string{"UPRIYA"}},
		{"AccentedCapitals", "émile", []string{"UEMILE"}},
		{"AccentedTyped", "SIOBHÁN", []string{"UOBRIEN"}},
		{"Apostrophe", "o'brien", []string{"UOBRIEN"}},
		{"Hyphen", "chancellor", []string{"UOBRIEN"}},
		{"AboutPlural", "budget", []string{"UPRIYA"}},
		{"Area", "wellbeing", []string{"UEMILE"}},
		{"JobRole", "librarian", []string{"UEMILE"}},
		{"OrgArea", "archives", []string{"UEMILE"}},
		{"EveryWordMustMatch", "priya wellbeing", []string{}},
		{"WordInMiddleDoesNotMatch", "atel", []string{}},
		{"NoWords", "!!! --", []string{"UEMILE", "UOBRIEN", "UPRIYA"}},
		{"TsquerySyntax", "priya & | ! ( ) :* <->", []string{"UPRIYA"}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			assert.ElementsMatch(t, test.want, b.search(t, domain.SearchFilter{Text: test.text}, 10))
		})
	}
}

func TestStore_SearchMentorsNameChange(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)
	mentor := b.addMentor("UMENTOR", "Priya Patel", nil)

	require.NoError(t, b.store.SetDisplayName(b.ctx, mentor, "Priya Shah", b.now))

	assert.Empty(t, b.search(t, domain.SearchFilter{Text: "patel"}, 10))
	assert.Equal(t, []string{"UMENTOR"}, b.search(t, domain.SearchFilter{Text: "shah"}, 10))
	candidates, err := b.store.SearchMentors(b.ctx, b.mentee, domain.SearchFilter{}, 10)
	require.NoError(t, err)
	require.Len(t, candidates, 1)
	assert.Equal(t, "Priya Shah", candidates[0].Name)
}

func TestStore_SearchMentorsNameAfterProfile(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)
	mentor := domain.PersonKey{TeamID: "T1", UserID: "UMENTOR"}
	// A profile saved before the bot learnt the person's name.
	require.NoError(t, b.store.CompleteLearning(b.ctx, mentor, b.now))
	require.NoError(t, b.store.SaveMentorProfile(b.ctx, mentor, domain.MentorProfile{
		JobRole: "Lecturer", OrgArea: "Finance", Areas: []string{"Networking"},
		About: "Hello.", Capacity: 3, Available: true, Searchable: true, UpdatedAt: b.now,
	}))
	b.register(mentor, "Priya Patel")

	assert.Equal(t, []string{"UMENTOR"}, b.search(t, domain.SearchFilter{Text: "priya"}, 10))
}

// TestStore_SearchMentorsNameChangeDuringInsert checks that a profile
// inserted while a name change is not yet committed waits for it and
// stores the new name in the search text. It inserts with plain SQL,
// because SaveMentorProfile first inserts the person's row, which already
// waits for the name change.
func TestStore_SearchMentorsNameChangeDuringInsert(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)
	mentor := domain.PersonKey{TeamID: "T1", UserID: "UMENTOR"}
	b.register(mentor, "Priya Patel")

	rename, err := b.pool.Begin(b.ctx)
	require.NoError(t, err)
	defer func() { _ = rename.Rollback(b.ctx) }()
	_, err = rename.Exec(b.ctx, `UPDATE people SET display_name = 'Priya Shah' WHERE user_id = $1`, mentor.UserID)
	require.NoError(t, err)

	inserted := make(chan error, 1)
	go func() {
		_, err := b.pool.Exec(b.ctx, `
			INSERT INTO mentor_profiles (
				team_id, user_id, job_role, org_area, areas, about,
				capacity, available, searchable, updated_at
			)
			VALUES ($1, $2, 'Lecturer', 'Finance', '{Networking}', 'Hello.', 3, true, true, $3)`,
			mentor.TeamID, mentor.UserID, b.now)
		inserted <- err
	}()
	require.Eventually(t, func() bool {
		var waiting bool
		err := b.pool.QueryRow(b.ctx, `
			SELECT EXISTS (
				SELECT FROM pg_stat_activity
				WHERE datname = current_database() AND wait_event_type = 'Lock')`).Scan(&waiting)
		return err == nil && waiting
	}, 10*time.Second, 10*time.Millisecond, "the insert never waited for the name change")
	require.NoError(t, rename.Commit(b.ctx))
	require.NoError(t, <-inserted)

	assert.Equal(t, []string{"UMENTOR"}, b.search(t, domain.SearchFilter{Text: "shah"}, 10))
	assert.Empty(t, b.search(t, domain.SearchFilter{Text: "patel"}, 10))
}

func TestStore_SearchMentorsProfileChange(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)
	b.addMentor("UMENTOR", "Priya Patel", func(p *domain.MentorProfile) { p.About = "Budgets." })

	b.addMentor("UMENTOR", "Priya Patel", func(p *domain.MentorProfile) { p.About = "Spreadsheets." })

	assert.Empty(t, b.search(t, domain.SearchFilter{Text: "budgets"}, 10))
	assert.Equal(t, []string{"UMENTOR"}, b.search(t, domain.SearchFilter{Text: "spreadsheets priya"}, 10))
}

func TestStore_SearchMentorsOrder(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)
	// The mentee wants Networking and Research.
	b.addMentor("UNONE", "No Overlap", func(p *domain.MentorProfile) {
		p.Areas = []string{"Leadership"}
		p.Capacity = 10
	})
	b.addMentor("UBOTH", "Both Areas", func(p *domain.MentorProfile) {
		p.Areas = []string{"Research", "Networking"}
		p.Capacity = 1
	})
	b.addMentor("UONEB", "One Area", func(p *domain.MentorProfile) { p.Capacity = 5 })
	b.addMentor("UONEA", "One Area", func(p *domain.MentorProfile) { p.Capacity = 5 })
	busy := b.addMentor("UBUSY", "One Area Busy", func(p *domain.MentorProfile) { p.Capacity = 6 })
	b.invite(busy, domain.PersonKey{TeamID: "T1", UserID: "UX"}, domain.StatusOngoing)
	b.invite(busy, domain.PersonKey{TeamID: "T1", UserID: "UY"}, domain.StatusOngoing)

	assert.Equal(t, []string{"UBOTH", "UONEA", "UONEB", "UBUSY", "UNONE"}, b.search(t, domain.SearchFilter{}, 10))
	assert.Equal(t, []string{"UBOTH", "UONEA"}, b.search(t, domain.SearchFilter{}, 2))

	// Filter areas join the mentee's areas.
	b.addMentor("ULEAD", "Leader", func(p *domain.MentorProfile) {
		p.Areas = []string{"Leadership", "Research"}
		p.Capacity = 1
	})
	filter := domain.SearchFilter{Areas: []string{"Leadership"}}
	assert.Equal(t, []string{"ULEAD", "UNONE"}, b.search(t, filter, 10))
}

func TestStore_SearchMentorsCandidate(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)
	mentor := b.addMentor("UMENTOR", "Priya Patel", func(p *domain.MentorProfile) {
		p.Areas = []string{"Networking", "Research"}
		p.About = "Budgets."
	})
	b.invite(mentor, domain.PersonKey{TeamID: "T1", UserID: "UX"}, domain.StatusOngoing)

	candidates, err := b.store.SearchMentors(b.ctx, b.mentee, domain.SearchFilter{}, 10)

	require.NoError(t, err)
	require.Len(t, candidates, 1)
	got := candidates[0]
	assert.Equal(t, mentor, got.Person)
	assert.Equal(t, "Priya Patel", got.Name)
	assert.Equal(t, []string{"Networking", "Research"}, got.Profile.Areas)
	assert.Equal(t, "Budgets.", got.Profile.About)
	assert.Equal(t, 3, got.Profile.Capacity)
	assert.True(t, got.Profile.UpdatedAt.Equal(b.now))
	assert.Equal(t, 1, got.Ongoing)
	assert.True(t, got.Listed())
}

func TestStore_SearchMentorsInvalidLimit(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)

	_, err := b.store.SearchMentors(b.ctx, b.mentee, domain.SearchFilter{}, 0)

	assert.ErrorContains(t, err, "limit 0 is less than 1")
}

func TestStore_SearchMentorsWithoutMenteeProfile(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)
	b.exec(`DELETE FROM mentee_profiles`)
	b.addMentor("UB", "Mentor B", func(p *domain.MentorProfile) { p.Capacity = 2 })
	b.addMentor("UA", "Mentor A", func(p *domain.MentorProfile) { p.Capacity = 2 })
	b.addMentor("UC", "Mentor C", func(p *domain.MentorProfile) { p.Capacity = 9 })

	assert.Equal(t, []string{"UC", "UA", "UB"}, b.search(t, domain.SearchFilter{}, 10))
}

func TestStore_MentorCandidate(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)
	mentor := b.addMentor("UMENTOR", "Priya Patel", func(p *domain.MentorProfile) { p.Capacity = 2 })
	b.invite(mentor, domain.PersonKey{TeamID: "T1", UserID: "UX"}, domain.StatusOngoing)
	b.invite(mentor, domain.PersonKey{TeamID: "T1", UserID: "UY"}, domain.StatusOngoing)

	got, err := b.store.MentorCandidate(b.ctx, mentor)

	require.NoError(t, err)
	assert.Equal(t, mentor, got.Person)
	assert.Equal(t, "Priya Patel", got.Name)
	assert.Equal(t, "Lecturer", got.Profile.JobRole)
	assert.Equal(t, 2, got.Ongoing)
	assert.True(t, got.Registered)
	assert.False(t, got.Deactivated)
	assert.False(t, got.Listed(), "a mentor at capacity is not listed")
}

func TestStore_MentorCandidateNotListed(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)
	mentor := b.addMentor("UMENTOR", "Priya Patel", nil)
	b.exec(`DELETE FROM conduct_consents WHERE user_id = $1`, mentor.UserID)
	b.exec(`UPDATE people SET deactivated_at = $2 WHERE user_id = $1`, mentor.UserID, b.now)

	got, err := b.store.MentorCandidate(b.ctx, mentor)

	require.NoError(t, err)
	assert.False(t, got.Registered)
	assert.True(t, got.Deactivated)
	assert.Equal(t, 0, got.Ongoing)
}

func TestStore_MentorCandidateNotFound(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)

	_, err := b.store.MentorCandidate(b.ctx, b.mentee)

	assert.ErrorIs(t, err, domain.ErrNotFound)
}

func TestStore_SetDisplayName(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)
	person := domain.PersonKey{TeamID: "T1", UserID: "UNEW"}

	require.NoError(t, b.store.SetDisplayName(b.ctx, person, "New Person", b.now))
	require.NoError(t, b.store.SetDisplayName(b.ctx, person, "New Person", b.now.Add(time.Hour)))

	var name string
	var createdAt time.Time
	err := b.pool.QueryRow(b.ctx, `SELECT display_name, created_at FROM people WHERE user_id = $1`, person.UserID).
		Scan(&name, &createdAt)
	require.NoError(t, err)
	assert.Equal(t, "New Person", name)
	assert.True(t, createdAt.Equal(b.now), "created_at %v", createdAt)
}
