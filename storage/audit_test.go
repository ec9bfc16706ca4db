package storage_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/domain"
	"github.com/mentorbot/mentorbot/storage"
	"github.com/mentorbot/mentorbot/storage/pgtest"
)

func TestAuditLog_NewestFirstPerTeam(t *testing.T) {
	t.Parallel()
	store := storage.New(pgtest.NewPool(t))
	at := time.Date(2026, time.December, 4, 10, 0, 0, 0, time.UTC)
	entries := []domain.AuditEntry{
		{TeamID: "T1", Actor: "UADMIN", Action: "hide_mentor", Subject: "UMENTOR", At: at},
		{TeamID: "T1", Actor: "UADMIN", Action: "end_relationship", Subject: "UMENTEE", InvitationID: 7,
			Detail: "moved team", At: at.Add(time.Minute)},
		{TeamID: "T2", Actor: "", Action: "erasure", At: at},
	}
	for _, entry := range entries {
		require.NoError(t, store.RecordAudit(t.Context(), entry))
	}

	listed, err := store.AuditEntries(t.Context(), "T1", 10)

	require.NoError(t, err)
	require.Len(t, listed, 2, "only team T1's entries")
	assert.Equal(t, domain.AuditAction("end_relationship"), listed[0].Action, "newest first")
	assert.Equal(t, int64(7), listed[0].InvitationID)
	assert.Equal(t, "moved team", listed[0].Detail)
	assert.True(t, listed[0].At.Equal(at.Add(time.Minute)))
	assert.Equal(t, int64(0), listed[1].InvitationID, "no invitation reads as 0")
}
