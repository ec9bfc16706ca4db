package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// boathouse is a valid place file that the shipped content lacks.
const boathouse = `id: boathouse
name: The Boathouse
emoji: ":rowboat:"
skill: Keeping a steady pace together.
minutes: 3
pages:
  - title: Oars
    body: Row together, not apart.
scenarios:
  - id: first-outing
    situation: Your mentee wants to race before they can row.
    question: What do you say next?
    responses:
      - text: Let's practise the stroke first.
        helpful: true
        feedback: It builds the skill the race needs.
      - text: Race, then.
        helpful: false
        feedback: It sets them up to fail.
      - text: Rowing isn't for you.
        helpful: false
        feedback: It ends the conversation.
`

// file returns a MapFS file with text.
func file(text string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(text)}
}

// shipped returns the text of a shipped file.
func shipped(t *testing.T, name string) string {
	t.Helper()
	data, err := fs.ReadFile(defaults, name)
	require.NoError(t, err)
	return string(data)
}

// assessmentWithout returns the shipped assessment without the questions
// about place.
func assessmentWithout(t *testing.T, place string) string {
	t.Helper()
	loaded, err := Default()
	require.NoError(t, err)
	var kept Assessment
	for _, question := range loaded.Assessment.Questions {
		if question.Place != place {
			kept.Questions = append(kept.Questions, question)
		}
	}
	data, err := yaml.Marshal(kept)
	require.NoError(t, err)
	return string(data)
}

func TestOverlay_ValidFS(t *testing.T) {
	t.Parallel()
	custom := fstest.MapFS{
		"programme.yaml":             file("name: Ours\n"),
		"learning/11-boathouse.yaml": file(boathouse),
		"notes/ideas.txt":            file("later"),
	}
	var expected []string
	err := fs.WalkDir(defaults, ".", func(name string, entry fs.DirEntry, err error) error {
		if err == nil && !entry.IsDir() {
			expected = append(expected, name)
		}
		return err
	})
	require.NoError(t, err)
	expected = append(expected, "learning/11-boathouse.yaml", "notes/ideas.txt")

	overlay := Overlay(custom)

	require.NoError(t, fstest.TestFS(overlay, expected...))
	data, err := fs.ReadFile(overlay, "programme.yaml")
	require.NoError(t, err)
	assert.Equal(t, "name: Ours\n", string(data), "the custom file hides the shipped one")
	data, err = fs.ReadFile(overlay, "lists.yaml")
	require.NoError(t, err)
	assert.Equal(t, shipped(t, "lists.yaml"), string(data), "a shipped file fills the gap")
}

func TestLoad_OverlayReplacesFile(t *testing.T) {
	t.Parallel()
	shippedContent, err := Default()
	require.NoError(t, err)
	programme := strings.Replace(shipped(t, "programme.yaml"), "name: ", "name: Our own ", 1)

	loaded, err := Load(Overlay(fstest.MapFS{"programme.yaml": file(programme)}))

	require.NoError(t, err)
	assert.Equal(t, "Our own "+shippedContent.Programme.Name, loaded.Programme.Name)
	assert.Equal(t, shippedContent.Assessment, loaded.Assessment, "other files stay shipped")
	assert.Equal(t, []string{"programme.yaml"}, loaded.Source.Custom)
	assert.Empty(t, loaded.Source.Ignored)
	assert.NotEqual(t, shippedContent.Source.Digest, loaded.Source.Digest)
}

func TestLoad_DigestFollowsBytes(t *testing.T) {
	t.Parallel()
	first, err := Default()
	require.NoError(t, err)
	second, err := Default()
	require.NoError(t, err)
	copied, err := Load(Overlay(fstest.MapFS{"lists.yaml": file(shipped(t, "lists.yaml"))}))
	require.NoError(t, err)

	assert.Len(t, first.Source.Digest, digestLength)
	assert.Equal(t, first.Source.Digest, second.Source.Digest)
	assert.Equal(t, first.Source.Digest, copied.Source.Digest, "a copy of a shipped file changes nothing")
	assert.Equal(t, []string{"lists.yaml"}, copied.Source.Custom)
}

func TestLoad_OverlayAddsPlace(t *testing.T) {
	t.Parallel()
	campus := shipped(t, campusFile) + "  - boathouse\n"

	loaded, err := Load(Overlay(fstest.MapFS{
		"learning/campus.yaml":       file(campus),
		"learning/11-boathouse.yaml": file(boathouse),
	}))

	require.NoError(t, err)
	require.Len(t, loaded.Campus.Places, 11)
	assert.Equal(t, "boathouse", loaded.Campus.Places[10].ID)
	assert.Equal(t, []string{"learning/11-boathouse.yaml", "learning/campus.yaml"}, loaded.Source.Custom)
}

func TestLoad_OverlayPlaceNeedsMap(t *testing.T) {
	t.Parallel()

	_, err := Load(Overlay(fstest.MapFS{"learning/11-boathouse.yaml": file(boathouse)}))

	require.Error(t, err)
	assert.Contains(t, err.Error(), "shipped learning/campus.yaml:")
	assert.Contains(t, err.Error(), `the place "boathouse" of CONTENT_DIR/learning/11-boathouse.yaml is missing from this list`)
	assert.Contains(t, err.Error(), "copy learning/campus.yaml into CONTENT_DIR")
}

func TestLoad_OverlayLeavesOutShippedPlace(t *testing.T) {
	t.Parallel()
	campus := strings.Replace(shipped(t, campusFile), "  - garden\n", "", 1)

	loaded, err := Load(Overlay(fstest.MapFS{
		"learning/campus.yaml": file(campus),
		"assessment.yaml":      file(assessmentWithout(t, "garden")),
	}))

	require.NoError(t, err)
	assert.Len(t, loaded.Campus.Places, 9)
	_, found := loaded.Campus.Place("garden")
	assert.False(t, found, "a shipped place left off the team's map is not used")
}

func TestLoad_OverlayErrorsNameSource(t *testing.T) {
	t.Parallel()
	renamedLibrary := strings.Replace(shipped(t, "learning/04-library.yaml"), "name: ", "name: New ", 1)
	tests := []struct {
		name     string
		custom   fstest.MapFS
		expected []string
	}{
		{
			name:     "SyntaxError",
			custom:   fstest.MapFS{"programme.yaml": file("name: Ours\nwelcome: [unclosed\n")},
			expected: []string{"CONTENT_DIR/programme.yaml:2: did not find expected ',' or ']'"},
		},
		{
			name:     "CheckFails",
			custom:   fstest.MapFS{"lists.yaml": file("mentoring_areas: []\njob_roles: [Lecturer]\norganisational_areas: [Library]\n")},
			expected: []string{"CONTENT_DIR/lists.yaml:1: mentoring_areas: 0 entries, fewer than the minimum of 1"},
		},
		{
			name:   "DroppedPlaceStillAssessed",
			custom: fstest.MapFS{"learning/campus.yaml": file(strings.Replace(shipped(t, campusFile), "  - garden\n", "", 1))},
			expected: []string{
				`shipped assessment.yaml: question`,
				`place "garden" is not in CONTENT_DIR/learning/campus.yaml`,
			},
		},
		{
			name:   "PlaceUnderOtherName",
			custom: fstest.MapFS{"learning/library.yaml": file(renamedLibrary)},
			expected: []string{
				`CONTENT_DIR/learning/library.yaml:`,
				`id: "library" is also the id of shipped learning/04-library.yaml: to replace the shipped place, ` +
					`rename CONTENT_DIR/learning/library.yaml to CONTENT_DIR/learning/04-library.yaml`,
			},
		},
		{
			name:     "EmptyFile",
			custom:   fstest.MapFS{"code_of_conduct.yaml": file("# nothing yet\n")},
			expected: []string{"CONTENT_DIR/code_of_conduct.yaml: the file is empty or contains only comments"},
		},
		{
			name:     "SecondDocument",
			custom:   fstest.MapFS{"lists.yaml": file(shipped(t, "lists.yaml") + "---\nmore: true\n")},
			expected: []string{"CONTENT_DIR/lists.yaml:", "a second YAML document starts here"},
		},
		{
			name:     "WrongType",
			custom:   fstest.MapFS{"learning/04-library.yaml": file(strings.Replace(shipped(t, "learning/04-library.yaml"), "minutes: ", "minutes: many ", 1))},
			expected: []string{"CONTENT_DIR/learning/04-library.yaml:", "cannot unmarshal"},
		},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			_, err := Load(Overlay(test.custom))

			require.Error(t, err)
			for _, fragment := range test.expected {
				assert.Contains(t, err.Error(), fragment)
			}
		})
	}
}

func TestLoad_OverlayListsIgnoredFiles(t *testing.T) {
	t.Parallel()

	loaded, err := Load(Overlay(fstest.MapFS{
		"README.md":                 file("# Our content\n"),
		"assessment.yml":            file("questions: []\n"),
		"learning/notes.txt":        file("ideas"),
		".git/config":               file("[core]\n"),
		".programme.yaml.swp":       file("swap"),
		"learning/04-library.yaml":  file(shipped(t, "learning/04-library.yaml")),
		"drafts/code_of_conduct.md": file("draft"),
	}))

	require.NoError(t, err)
	assert.Equal(t, []string{"README.md", "assessment.yml", "drafts/code_of_conduct.md", "learning/notes.txt"},
		loaded.Source.Ignored)
	assert.Equal(t, []string{"learning/04-library.yaml"}, loaded.Source.Custom)
}

func TestLoadDir_Directory(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "programme.yaml"),
		[]byte(strings.Replace(shipped(t, "programme.yaml"), "name: ", "name: Directory ", 1)), 0o644))

	loaded, err := LoadDir(dir)

	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(loaded.Programme.Name, "Directory "), loaded.Programme.Name)
	assert.Equal(t, []string{"programme.yaml"}, loaded.Source.Custom)
}

func TestLoadDir_EmptyIsShipped(t *testing.T) {
	t.Parallel()
	shippedContent, err := Default()
	require.NoError(t, err)

	loaded, err := LoadDir("")

	require.NoError(t, err)
	assert.Equal(t, shippedContent.Source.Digest, loaded.Source.Digest)
	assert.Empty(t, loaded.Source.Custom)
}

func TestLoadDir_Missing(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "gone")

	_, err := LoadDir(dir)

	require.Error(t, err)
	assert.Contains(t, err.Error(), "CONTENT_DIR "+dir)
	assert.ErrorIs(t, err, fs.ErrNotExist, "a missing directory must not fall back to the shipped content")
}

func TestLoadDir_File(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "programme.yaml")
	require.NoError(t, os.WriteFile(path, []byte("name: x\n"), 0o644))

	_, err := LoadDir(path)

	require.Error(t, err)
	assert.Contains(t, err.Error(), "is a file, not a directory")
}

func TestLoadDir_UnreadableFile(t *testing.T) {
	t.Parallel()
	if os.Geteuid() == 0 {
		t.Skip("root reads every file, so no file is unreadable")
	}
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "lists.yaml"), []byte(shipped(t, "lists.yaml")), 0o000))

	_, err := LoadDir(dir)

	require.Error(t, err)
	assert.Contains(t, err.Error(), "CONTENT_DIR/lists.yaml")
	assert.ErrorIs(t, err, fs.ErrPermission)
}

func TestLoadDir_UnreadableLearningDir(t *testing.T) {
	t.Parallel()
	if os.Geteuid() == 0 {
		t.Skip("root reads every directory")
	}
	dir := t.TempDir()
	learning := filepath.Join(dir, "learning")
	require.NoError(t, os.Mkdir(learning, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(learning, "11-boathouse.yaml"), []byte(boathouse), 0o644))
	require.NoError(t, os.Chmod(learning, 0o311))
	t.Cleanup(func() { _ = os.Chmod(learning, 0o755) })

	_, err := LoadDir(dir)

	require.Error(t, err, "places in a directory that cannot be listed must not vanish silently")
	assert.Contains(t, err.Error(), "learning")
}

func TestIgnoredFiles_Sorted(t *testing.T) {
	t.Parallel()
	custom := fstest.MapFS{"b.txt": file(""), "a/c.yaml": file(""), "a/b.yaml": file("")}

	ignored, err := ignoredFiles(custom, map[string]bool{"a/b.yaml": true})

	require.NoError(t, err)
	assert.True(t, slices.IsSorted(ignored))
	assert.Equal(t, []string{"a/c.yaml", "b.txt"}, ignored)
}

func TestSourceLabel_Origins(t *testing.T) {
	t.Parallel()
	overlaid := newSource(Overlay(fstest.MapFS{"learning/11-boathouse.yaml": file(boathouse)}))
	plain := newSource(defaults)

	assert.Equal(t, "CONTENT_DIR/learning/11-boathouse.yaml", overlaid.label("learning/11-boathouse.yaml"))
	assert.Equal(t, "CONTENT_DIR/learning", overlaid.label("learning"), "a directory that CONTENT_DIR contains")
	assert.Equal(t, "shipped learning/campus.yaml", overlaid.label("learning/campus.yaml"))
	assert.Equal(t, "learning/campus.yaml", plain.label("learning/campus.yaml"))
}

func TestLoadDir_LinkOutsideRejected(t *testing.T) {
	t.Parallel()
	outside := filepath.Join(t.TempDir(), "secret.yaml")
	require.NoError(t, os.WriteFile(outside, []byte("hunter2\n"), 0o644))
	dir := t.TempDir()
	require.NoError(t, os.Symlink(outside, filepath.Join(dir, "code_of_conduct.yaml")))

	_, err := LoadDir(dir)

	require.Error(t, err)
	assert.NotContains(t, err.Error(), "hunter2", "the outside file is never read")
	assert.Contains(t, err.Error(), "code_of_conduct.yaml")
}

func TestLoadDir_OnlyRegularFilesOfLimitedSize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		make     func(t *testing.T, path string)
		expected string
	}{
		{"NamedPipe", func(t *testing.T, path string) { require.NoError(t, syscall.Mkfifo(path, 0o644)) }, "not a regular file"},
		{"Directory", func(t *testing.T, path string) { require.NoError(t, os.Mkdir(path, 0o755)) }, "not a regular file"},
		{"TooLarge", func(t *testing.T, path string) {
			require.NoError(t, os.WriteFile(path, []byte("# "+strings.Repeat("x", maxFileSize)+"\n"), 0o644))
		}, "more than the limit"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			test.make(t, filepath.Join(dir, "help.yaml"))

			_, err := LoadDir(dir)

			require.Error(t, err)
			assert.Contains(t, err.Error(), "help.yaml")
			assert.Contains(t, err.Error(), test.expected)
		})
	}
}
