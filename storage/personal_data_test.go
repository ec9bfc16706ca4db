package storage_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/domain"
)

func TestPersonalData_SentNoticesOfPersonOnly(t *testing.T) {
	t.Parallel()
	b := setupNudges(t)
	invitationID := b.invite(domain.StatusOngoing, b.now)
	mentorID := b.mentorOf(invitationID)
	b.exec(`INSERT INTO nudges (key, kind, team_id, user_id, invitation_id, planned_at, due_at)
		VALUES ($1, 'invitation_reminder', $2, $3, $4, $5, $5)`,
		fmt.Sprintf("invitation:%d:reminder:1", invitationID), b.mentee.TeamID, mentorID, invitationID, b.now)

	keys := map[string]bool{
		fmt.Sprintf("invitation:%d:new:mentee", invitationID):                       true,
		fmt.Sprintf("invitation:%d:ongoing:mentee:status_changed", invitationID):    true,
		fmt.Sprintf("invitation:%d:ongoing:pair:first_meeting", invitationID):       true,
		"person:T1:UMENTEE:registration:learning":                                   true,
		fmt.Sprintf("invitation:%d:new:mentor", invitationID):                       false,
		fmt.Sprintf("invitation:%d:ongoing:mentor:invitation_update", invitationID): false,
		fmt.Sprintf("invitation:%d:reminder:1", invitationID):                       false,
		fmt.Sprintf("invitation:%d:new:mentee", invitationID+1000):                  false,
		"person:T1:UMENTEE2:registration:learning":                                  false,
		"person:T2:UMENTEE:registration:learning":                                   false,
	}
	for key := range keys {
		b.exec(`INSERT INTO sent_notices (key, channel, ts, sent_at) VALUES ($1, 'D1', '1.2', $2)`, key, b.now)
	}

	data, err := b.store.PersonalData(b.ctx, b.mentee, b.now)
	require.NoError(t, err)

	var got []string
	for _, notice := range data.SentNotices {
		got = append(got, notice.Key)
	}
	for key, want := range keys {
		if want {
			assert.Contains(t, got, key)
		} else {
			assert.NotContains(t, got, key)
		}
	}
}
