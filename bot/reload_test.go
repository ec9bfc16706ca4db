package bot_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/fakeslack"
	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
)

// reloadAdminID is the programme team member of the reload tests.
const reloadAdminID = "U0ADMIN01"

// setupReload is setup with reloadAdminID on the programme team and a
// content loader that reads dir as CONTENT_DIR. It returns how many times
// the loader ran.
func setupReload(t *testing.T, dir string) (*testBundle, *atomic.Int32) {
	t.Helper()
	loads := &atomic.Int32{}
	b := setupApp(t, func(config *bot.AppConfig) {
		config.AdminUserIDs = []string{reloadAdminID}
		config.LoadContent = func() (*content.Content, error) {
			loads.Add(1)
			return content.LoadDir(dir)
		}
	})
	return b, loads
}

// pressReload presses Reload content on userID's App Home and returns the
// text of the DM that follows, the count-th post of the test.
func (b *testBundle) pressReload(t *testing.T, userID string, count int) string {
	t.Helper()
	payload := fakeslack.HomeButtonAction(userID, blocks.ActionReloadContent, "admin", "")
	status, _ := b.postForm(t, fakeslack.InteractionForm(payload))
	require.Equal(t, http.StatusOK, status)
	posts := b.slack.WaitForCalls(t, "chat.postMessage", count, waitTime)
	require.Equal(t, userID, posts[count-1].Form.Get("channel"))
	return posts[count-1].Form.Get("text")
}

// helpText returns the reply to "/mentor help".
func (b *testBundle) helpText(t *testing.T) string {
	t.Helper()
	status, body := b.postForm(t, fakeslackSlashCommand(menteeID, "help"))
	require.Equal(t, http.StatusOK, status)
	return string(body)
}

// writeContent writes text to the file name under dir.
func writeContent(t *testing.T, dir, name, text string) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(name))
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
}

// shippedFile returns the text of a shipped content file.
func shippedFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "content", filepath.FromSlash(name)))
	require.NoError(t, err)
	return string(data)
}

func TestReload_BadFileThenFixed(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	b, _ := setupReload(t, dir)
	oldName := b.content.Programme.Name
	programme := shippedFile(t, "programme.yaml")
	require.Contains(t, programme, "\nwelcome:")
	writeContent(t, dir, "programme.yaml", strings.Replace(programme, "\nwelcome:", "\nwelcom:", 1))

	failed := b.pressReload(t, reloadAdminID, 1)

	assert.Contains(t, failed, "couldn't reload the content")
	assert.Contains(t, failed, "CONTENT_DIR/programme.yaml:10: unknown field")
	assert.Contains(t, failed, "welcom")
	assert.Contains(t, b.helpText(t), oldName, "the old content stays in use")
	entries, err := b.store.AuditEntries(context.Background(), fakeslack.TeamID, 10)
	require.NoError(t, err)
	require.Len(t, entries, 1)
	assert.Equal(t, domain.AuditAction("reload_content_failed"), entries[0].Action)
	assert.Equal(t, reloadAdminID, entries[0].Actor)
	assert.Contains(t, entries[0].Detail, "CONTENT_DIR/programme.yaml:10")

	const newName = "The Reloaded Programme"
	writeContent(t, dir, "programme.yaml", strings.Replace(programme, oldName, newName, 1))
	publishes := len(b.slack.Calls("views.publish"))

	reloaded := b.pressReload(t, reloadAdminID, 2)

	assert.Contains(t, reloaded, "Content reloaded")
	assert.Contains(t, reloaded, "Programme: "+newName)
	assert.Contains(t, reloaded, "`programme.yaml`")
	assert.NotContains(t, reloaded, "code of conduct changed")
	assert.Contains(t, b.helpText(t), newName)
	assert.NotContains(t, b.helpText(t), oldName)
	home := b.slack.WaitForCalls(t, "views.publish", publishes+1, waitTime)[publishes]
	assert.Contains(t, string(home.Body), newName, "the admin's App Home shows the new name")
	entries, err = b.store.AuditEntries(context.Background(), fakeslack.TeamID, 10)
	require.NoError(t, err)
	require.Len(t, entries, 2)
	assert.Equal(t, domain.AuditAction("reload_content"), entries[0].Action, "newest first")
	assert.Equal(t, reloadAdminID, entries[0].Actor)
}

func TestReload_NonAdminRejected(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	b, loads := setupReload(t, dir)
	writeContent(t, dir, "programme.yaml", strings.Replace(shippedFile(t, "programme.yaml"),
		b.content.Programme.Name, "Forged Programme", 1))

	notice := b.pressReload(t, menteeID, 1)

	assert.Contains(t, notice, "Only the programme team can do that")
	entry := findLog(t, b, "Rejected an admin action from someone outside the programme team")
	assert.Equal(t, blocks.ActionReloadContent, entry.Data["action"])
	assert.Equal(t, menteeID, entry.Data["user_id"])
	assert.Zero(t, loads.Load(), "nothing was loaded")
	assert.NotContains(t, b.helpText(t), "Forged Programme")
	entries, err := b.store.AuditEntries(context.Background(), fakeslack.TeamID, 10)
	require.NoError(t, err)
	assert.Empty(t, entries)
}

func TestReload_ConductVersionChange(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	b, _ := setupReload(t, dir)
	oldVersion := b.content.Conduct.Version
	conduct := shippedFile(t, "code_of_conduct.yaml")
	require.Contains(t, conduct, oldVersion)
	writeContent(t, dir, "code_of_conduct.yaml", strings.Replace(conduct, oldVersion, "2099-01", 1))

	notice := b.pressReload(t, reloadAdminID, 1)

	assert.Contains(t, notice, "Content reloaded")
	assert.Contains(t, notice, "The code of conduct changed from version "+oldVersion+" to 2099-01")
	assert.Contains(t, notice, "must agree to this one")
}

func TestReload_FewerQuestionsThanPassMark(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	b, _ := setupReload(t, dir)
	short := content.Assessment{Questions: b.content.Assessment.Questions[:5]}
	data, err := yaml.Marshal(short)
	require.NoError(t, err)
	writeContent(t, dir, "assessment.yaml", string(data))

	notice := b.pressReload(t, reloadAdminID, 1)

	assert.Contains(t, notice, "couldn't reload the content")
	assert.Contains(t, notice, "assessment.yaml has 5 questions, fewer than the pass mark of 18")
	assert.Contains(t, notice, "PASS_MARK")
}

func TestReload_IgnoredFilesListed(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	b, _ := setupReload(t, dir)
	writeContent(t, dir, "assesment.yaml", "questions: []\n")

	notice := b.pressReload(t, reloadAdminID, 1)

	assert.Contains(t, notice, "Content reloaded")
	assert.Contains(t, notice, "none, so this is the shipped content")
	assert.Contains(t, notice, "not content files, so I ignored them: `assesment.yaml`")
	assert.Contains(t, notice, "nothing is different", "the digest matches the shipped content")
}

func TestReload_NotConfigured(t *testing.T) {
	t.Parallel()
	b := setupApp(t, func(config *bot.AppConfig) { config.AdminUserIDs = []string{reloadAdminID} })

	notice := b.pressReload(t, reloadAdminID, 1)

	assert.Contains(t, notice, "Reloading the content is not set up for this bot")
	_, isUserError := domain.UserMessage(b.app.ReloadContent(context.Background()))
	assert.True(t, isUserError, "ReloadContent explains that no loader is configured")
}
