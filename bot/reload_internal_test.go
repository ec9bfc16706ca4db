package bot

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/content"
)

// newReloadTestApp returns an App with the shipped content and load as its
// content loader.
func newReloadTestApp(t *testing.T, load func() (*content.Content, error)) *App {
	t.Helper()
	app, _, _ := newInternalTestApp(t, nil, "", time.Now)
	shipped, err := content.Default()
	require.NoError(t, err)
	app.SetContent(shipped)
	app.loadContent = load
	return app
}

func TestReloadContent_FailureKeepsContent(t *testing.T) {
	t.Parallel()
	app := newReloadTestApp(t, func() (*content.Content, error) {
		return nil, errors.New("invalid content:\nCONTENT_DIR/lists.yaml:3: job_roles: missing or empty")
	})
	before := app.content()

	err := app.ReloadContent(t.Context())

	require.Error(t, err)
	assert.Contains(t, err.Error(), "CONTENT_DIR/lists.yaml:3")
	assert.Same(t, before, app.content())
}

func TestReloadContent_SuccessReplacesContent(t *testing.T) {
	t.Parallel()
	loaded, err := content.Default()
	require.NoError(t, err)
	loaded.Programme.Name = "Replaced"
	app := newReloadTestApp(t, func() (*content.Content, error) { return loaded, nil })

	require.NoError(t, app.ReloadContent(t.Context()))

	assert.Same(t, loaded, app.content())
	assert.Equal(t, "Replaced", app.helpModel().ProgrammeName)
}

func TestReloadContent_PassMarkAboveQuestions(t *testing.T) {
	t.Parallel()
	loaded, err := content.Default()
	require.NoError(t, err)
	loaded.Assessment.Questions = loaded.Assessment.Questions[:17]
	app := newReloadTestApp(t, func() (*content.Content, error) { return loaded, nil })
	before := app.content()

	err = app.ReloadContent(t.Context())

	require.Error(t, err)
	assert.Contains(t, err.Error(), "17 questions, fewer than the pass mark of 18")
	assert.Same(t, before, app.content())
}

func TestReloadFailedText_ManyProblems(t *testing.T) {
	t.Parallel()
	var problems []string
	for i := range 200 {
		problems = append(problems, fmt.Sprintf("CONTENT_DIR/assessment.yaml:%d: questions[%d].text: missing or empty", i+1, i))
	}

	text := reloadFailedText(errors.New("invalid content:\n" + strings.Join(problems, "\n")))

	assert.LessOrEqual(t, utf8.RuneCountInString(text), maxReloadNotice)
	assert.Contains(t, text, "CONTENT_DIR/assessment.yaml:1: questions[0].text")
	assert.Regexp(t, `… and \d+ more, which the bot.s log lists\n`+"```", text)
	assert.NotContains(t, text, "invalid content:")
}

func TestReloadFailedText_OneLongProblem(t *testing.T) {
	t.Parallel()
	long := "CONTENT_DIR/programme.yaml:2: " + strings.Repeat("<!channel> ", 500)

	text := reloadFailedText(errors.New(long + "\nCONTENT_DIR/lists.yaml:1: second"))

	assert.LessOrEqual(t, utf8.RuneCountInString(text), maxReloadNotice)
	assert.Contains(t, text, "CONTENT_DIR/programme.yaml:2: &lt;!channel&gt;")
	assert.NotContains(t, text, "<!channel>", "problems are escaped")
	assert.Contains(t, text, "… and 1 more")
}

func TestReloadFailedText_FewProblems(t *testing.T) {
	t.Parallel()

	text := reloadFailedText(errors.New("invalid content:\nCONTENT_DIR/lists.yaml:1: a & b\nshipped assessment.yaml: c"))

	assert.Contains(t, text, "```\nCONTENT_DIR/lists.yaml:1: a &amp; b\nshipped assessment.yaml: c\n```")
	assert.NotContains(t, text, "more")
}

func TestReloadedText_Summary(t *testing.T) {
	t.Parallel()
	previous, err := content.Default()
	require.NoError(t, err)
	loaded, err := content.Default()
	require.NoError(t, err)
	loaded.Programme.Name = "Ours <!here>"
	loaded.Source.Custom = []string{"programme.yaml"}
	loaded.Source.Digest = "0123456789ab"

	text := reloadedText(previous, loaded, 18)

	assert.Contains(t, text, "• Programme: Ours &lt;!here&gt;")
	assert.Contains(t, text, fmt.Sprintf("• Assessment: %d questions, pass mark 18", len(loaded.Assessment.Questions)))
	assert.Contains(t, text, "• Files from CONTENT_DIR: `programme.yaml`")
	assert.Contains(t, text, "`0123456789ab`, was `"+previous.Source.Digest+"`")
	assert.NotContains(t, text, "nothing is different")
	assert.NotContains(t, text, "code of conduct changed")
}
