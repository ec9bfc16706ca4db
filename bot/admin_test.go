package bot

import (
	"net/http"
	"testing"
	"time"

	"github.com/sirupsen/logrus/hooks/test"
	"github.com/slack-go/slack"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/bot/fakeslack"
	"github.com/mentorbot/mentorbot/domain"
)

// internalTestClient keeps these tests off Go's default transport, which
// other tests' servers reset when they close.
var internalTestClient = &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second}

func newInternalTestApp(t *testing.T, adminIDs []string, group string, now func() time.Time) (*App, *fakeslack.Server, *test.Hook) {
	t.Helper()
	stub := fakeslack.New(t)
	api := slack.New("xoxb-test-token", slack.OptionAPIURL(stub.APIURL()), slack.OptionHTTPClient(internalTestClient))
	logger, logs := test.NewNullLogger()
	app := NewApp(AppConfig{Logger: logger, API: api, AdminUserIDs: adminIDs, AdminUsergroupID: group, Now: now})
	return app, stub, logs
}

func TestAdmins_ConfiguredAndGroupMembers(t *testing.T) {
	t.Parallel()
	current := time.Date(2026, time.December, 4, 9, 0, 0, 0, time.UTC)
	app, stub, logs := newInternalTestApp(t, []string{"U0ADMIN01"}, "S0PROGRAM1", func() time.Time { return current })
	stub.SetUsergroup("S0PROGRAM1", "U0GROUP01")
	person := func(userID string) domain.PersonKey {
		return domain.PersonKey{TeamID: fakeslack.TeamID, UserID: userID}
	}

	assert.True(t, app.isAdmin(t.Context(), person("U0ADMIN01")), "named in ADMIN_USER_IDS")
	assert.True(t, app.isAdmin(t.Context(), person("U0GROUP01")), "member of the user group")
	assert.False(t, app.isAdmin(t.Context(), person("U0OTHER01")))
	assert.False(t, app.isAdmin(t.Context(), person("")))

	// A member removed from the group keeps admin rights until the
	// cached list expires.
	stub.SetUsergroup("S0PROGRAM1")
	assert.True(t, app.isAdmin(t.Context(), person("U0GROUP01")), "cached")
	current = current.Add(adminGroupTTL)
	assert.False(t, app.isAdmin(t.Context(), person("U0GROUP01")), "after the cache expired")
	assert.Len(t, stub.Calls("usergroups.users.list"), 2)

	err := app.requireAdmin(t.Context(), person("U0OTHER01"), "hide_mentor")
	require.ErrorIs(t, err, errNotAdmin)
	entry := logs.LastEntry()
	require.NotNil(t, entry)
	assert.Equal(t, "Rejected an admin action from someone outside the programme team", entry.Message)
	assert.Equal(t, "hide_mentor", entry.Data["action"])
}

func TestAdmins_GroupFailureFailsClosed(t *testing.T) {
	t.Parallel()
	app, stub, _ := newInternalTestApp(t, nil, "S0MISSING1", time.Now)
	stub.FailNext("usergroups.users.list", "internal_error")

	assert.False(t, app.isAdmin(t.Context(), domain.PersonKey{TeamID: fakeslack.TeamID, UserID: "U0GROUP01"}))
	assert.False(t, app.isAdmin(t.Context(), domain.PersonKey{TeamID: fakeslack.TeamID, UserID: "U0GROUP01"}),
		"an unknown group has no members")
}

func TestSendFile_ExternalUpload(t *testing.T) {
	t.Parallel()
	app, stub, _ := newInternalTestApp(t, nil, "", time.Now)
	content := []byte("mentor,mentee\nU1,U2\n")

	require.NoError(t, app.sendFile(t.Context(), "U0ADMIN01", "relationships.csv", "Relationships", "Here you are.", content))

	uploads := stub.Uploads()
	require.Len(t, uploads, 1)
	assert.Equal(t, "relationships.csv", uploads[0].Filename)
	assert.Equal(t, content, uploads[0].Content)
	assert.True(t, uploads[0].Completed)
	assert.Equal(t, "D0ADMIN01", uploads[0].Channel, "shared in the DM")
	assert.Equal(t, "Relationships", uploads[0].Title)
	assert.Equal(t, "Here you are.", uploads[0].InitialComment)

	require.Error(t, app.sendFile(t.Context(), "U0ADMIN01", "empty.csv", "", "", nil))
}
