package storage_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/domain"
)

var testAdmin = domain.PersonKey{TeamID: "T1", UserID: "UADMIN"}

func TestEndRelationship_FinishesAndNotifiesBoth(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	id := b.invite(domain.StatusOngoing, b.now)
	mentorID := b.mentorOf(id)

	change, err := b.store.EndRelationship(b.ctx, testAdmin, id, "The mentor has moved to another team.", b.now)

	require.NoError(t, err)
	assert.Equal(t, domain.StatusFinished, change.Invitation.Status)
	assert.Equal(t, domain.PartyProgramme, change.By)
	stored, err := b.store.Invitation(b.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, domain.StatusFinished, stored.Status)
	assert.Equal(t, "The mentor has moved to another team.", stored.Reason)
	assert.ElementsMatch(t, []string{mentorID, "UMENTEE"}, b.noticeRecipients(id, domain.NoticeStatusChanged))

	entries, err := b.store.AuditEntries(b.ctx, "T1", 10)
	require.NoError(t, err)
	require.Len(t, entries, 1)
	assert.Equal(t, domain.AuditEndRelationship, entries[0].Action)
	assert.Equal(t, "UADMIN", entries[0].Actor)
	assert.Equal(t, id, entries[0].InvitationID)
	assert.Equal(t, "UMENTEE", entries[0].Subject)
	assert.Equal(t, "Mentor "+mentorID, entries[0].Detail)
	assert.NotContains(t, entries[0].Detail, "moved to another team", "the reason stays on the invitation only")

	var actor string
	require.NoError(t, b.pool.QueryRow(b.ctx, `
		SELECT actor_user_id FROM invitation_events WHERE invitation_id = $1 AND to_status = 'finished'`, id).Scan(&actor))
	assert.Equal(t, "UADMIN", actor)
}

func TestEndRelationship_Rejected(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	considering := b.invite(domain.StatusConsidering, b.now)
	ongoing := b.invite(domain.StatusOngoing, b.now)

	_, err := b.store.EndRelationship(b.ctx, testAdmin, considering, "reason", b.now)
	var transitionErr *domain.TransitionError
	require.ErrorAs(t, err, &transitionErr, "only Ongoing can be ended")

	_, err = b.store.EndRelationship(b.ctx, domain.PersonKey{TeamID: "T2", UserID: "UADMIN"}, ongoing, "reason", b.now)
	require.ErrorIs(t, err, domain.ErrNotFound, "another team's relationship")

	_, err = b.store.EndRelationship(b.ctx, testAdmin, 999_999, "reason", b.now)
	require.ErrorIs(t, err, domain.ErrNotFound)

	entries, err := b.store.AuditEntries(b.ctx, "T1", 10)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing changed")
	assert.Empty(t, b.noticeRecipients(ongoing, domain.NoticeStatusChanged))
}

func TestResetAssessment_ClearsPassAndAttempts(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)
	mentor := b.addMentor("UMENTOR", "Mentor Person", nil)
	require.Contains(t, b.search(t, domain.SearchFilter{}, 10), "UMENTOR")

	require.NoError(t, b.store.ResetAssessment(b.ctx, testAdmin, mentor, b.now))

	registration, err := b.store.Registration(b.ctx, mentor)
	require.NoError(t, err)
	assert.Nil(t, registration.AssessmentPassedAt)
	assert.Equal(t, domain.StepAssessment, registration.NextStep(domain.RoleMentor, "2025-01"))
	_, err = b.store.LatestAttempt(b.ctx, mentor)
	require.ErrorIs(t, err, domain.ErrNotFound, "the attempts are gone, so the next one starts afresh")
	assert.NotContains(t, b.search(t, domain.SearchFilter{}, 10), "UMENTOR", "out of search until they pass again")

	entries, err := b.store.AuditEntries(b.ctx, "T1", 10)
	require.NoError(t, err)
	require.Len(t, entries, 1)
	assert.Equal(t, domain.AuditResetAssessment, entries[0].Action)
	assert.Equal(t, "UMENTOR", entries[0].Subject)
	assert.Equal(t, "Deleted 1 attempts", entries[0].Detail)

	err = b.store.ResetAssessment(b.ctx, testAdmin, domain.PersonKey{TeamID: "T1", UserID: "UNOBODY"}, b.now)
	require.ErrorIs(t, err, domain.ErrNotFound)
}

func TestSetAdminHidden_NoMentorProfile(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)

	err := b.store.SetAdminHidden(b.ctx, testAdmin, b.mentee, true, b.now)

	require.ErrorIs(t, err, domain.ErrNotFound)
	entries, err := b.store.AuditEntries(b.ctx, "T1", 10)
	require.NoError(t, err)
	assert.Empty(t, entries)
}

func TestSetAdminHidden_AuditAndCandidate(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)
	mentor := b.addMentor("UMENTOR", "Mentor Person", nil)

	require.NoError(t, b.store.SetAdminHidden(b.ctx, testAdmin, mentor, true, b.now))
	require.NoError(t, b.store.SetAdminHidden(b.ctx, testAdmin, mentor, true, b.now), "a second click")
	candidate, err := b.store.MentorCandidate(b.ctx, mentor)
	require.NoError(t, err)
	assert.True(t, candidate.AdminHidden)
	assert.False(t, candidate.Listed())
	overview, err := b.store.PersonOverview(b.ctx, mentor, 10)
	require.NoError(t, err)
	assert.True(t, overview.AdminHidden)

	require.NoError(t, b.store.SetAdminHidden(b.ctx, testAdmin, mentor, false, b.now))
	candidate, err = b.store.MentorCandidate(b.ctx, mentor)
	require.NoError(t, err)
	assert.True(t, candidate.Listed())

	entries, err := b.store.AuditEntries(b.ctx, "T1", 10)
	require.NoError(t, err)
	require.Len(t, entries, 2, "the second click changed nothing and is not audited")
	assert.ElementsMatch(t, []domain.AuditAction{domain.AuditHideMentor, domain.AuditShowMentor},
		[]domain.AuditAction{entries[0].Action, entries[1].Action})
}

func TestCreateInvitation_AdminHiddenMentor(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)
	mentor := b.addMentor("UMENTOR", "Mentor Person", nil)
	require.NoError(t, b.store.SetAdminHidden(b.ctx, testAdmin, mentor, true, b.now))

	_, err := b.store.CreateInvitation(b.ctx, b.mentee, mentor, "", 3, b.now)

	require.ErrorIs(t, err, domain.ErrMentorUnavailable)
}

func TestPersonOverview_OpenFirst(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	finished := b.invite(domain.StatusFinished, b.now)
	ongoing := b.invite(domain.StatusOngoing, b.now.Add(-1))
	declined := b.invite(domain.StatusDeclined, b.now.Add(1))

	overview, err := b.store.PersonOverview(b.ctx, b.mentee, 10)

	require.NoError(t, err)
	ids := make([]int64, len(overview.Relationships))
	for i, invitation := range overview.Relationships {
		ids[i] = invitation.ID
	}
	assert.Equal(t, []int64{ongoing, declined, finished}, ids)

	overview, err = b.store.PersonOverview(b.ctx, b.mentee, 1)
	require.NoError(t, err)
	assert.Len(t, overview.Relationships, 1)

	nobody, err := b.store.PersonOverview(b.ctx, domain.PersonKey{TeamID: "T1", UserID: "UNOBODY"}, 10)
	require.NoError(t, err)
	assert.Empty(t, nobody.Relationships)
	assert.Empty(t, nobody.Name)
}

func TestExportRelationships_Batches(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	var ids []int64
	for range 7 {
		ids = append(ids, b.invite(domain.StatusOngoing, b.now))
	}
	b.exec(`UPDATE people SET display_name = 'Mentee Name' WHERE user_id = 'UMENTEE'`)

	var batches []int
	var exported []int64
	err := b.store.ExportRelationships(b.ctx, "T1", 3, func(records []domain.RelationshipRecord) error {
		batches = append(batches, len(records))
		for _, record := range records {
			exported = append(exported, record.Invitation.ID)
			assert.Equal(t, "Mentee Name", record.MenteeName)
		}
		return nil
	})

	require.NoError(t, err)
	assert.Equal(t, []int{3, 3, 1}, batches)
	assert.Equal(t, ids, exported)

	stop := errors.New("stop")
	err = b.store.ExportRelationships(b.ctx, "T1", 3, func([]domain.RelationshipRecord) error { return stop })
	require.ErrorIs(t, err, stop)
}

func TestExportRegistrations_StepsAndBatches(t *testing.T) {
	t.Parallel()
	b := setupSearch(t)
	b.addMentor("UMENTOR", "Mentor Person", nil)
	starter := domain.PersonKey{TeamID: "T1", UserID: "USTARTER"}
	require.NoError(t, b.store.StartRole(b.ctx, starter, domain.RoleMentor, b.now))

	records := map[string]domain.RegistrationRecord{}
	var batches []int
	err := b.store.ExportRegistrations(b.ctx, "T1", "2025-01", 2, func(batch []domain.RegistrationRecord) error {
		batches = append(batches, len(batch))
		for _, record := range batch {
			records[record.Person.UserID] = record
		}
		return nil
	})

	require.NoError(t, err)
	assert.Equal(t, []int{2, 1}, batches)
	require.Len(t, records, 3)
	assert.Equal(t, domain.StepDone, records["UMENTOR"].MentorStep)
	assert.Equal(t, domain.Step(0), records["UMENTOR"].MenteeStep, "never started as a mentee")
	assert.True(t, records["UMENTOR"].MentorListed)
	assert.Equal(t, "2025-01", records["UMENTOR"].ConsentVersion)
	assert.Equal(t, domain.StepDone, records["UMENTEE"].MenteeStep)
	assert.Equal(t, domain.StepLearning, records["USTARTER"].MentorStep)

	// A new code of conduct leaves registered people registered.
	err = b.store.ExportRegistrations(b.ctx, "T1", "2026-01", 10, func(batch []domain.RegistrationRecord) error {
		for _, record := range batch {
			records[record.Person.UserID] = record
		}
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, domain.StepDone, records["UMENTOR"].MentorStep)
}
