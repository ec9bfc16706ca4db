package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/bot/fakeslack"
	"github.com/mentorbot/mentorbot/storage/pgtest"
)

func TestParseConfig_ContentDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	valid := map[string]string{"SLACK_BOT_TOKEN": validBotToken, "SLACK_SIGNING_SECRET": validSecret}

	config, err := parseConfig(nil, environment(valid), io.Discard)
	require.NoError(t, err)
	assert.Empty(t, config.ContentDir, "the shipped content by default")

	valid["CONTENT_DIR"] = dir
	config, err = parseConfig(nil, environment(valid), io.Discard)
	require.NoError(t, err)
	assert.Equal(t, dir, config.ContentDir)

	config, err = parseConfig([]string{"-content-dir", dir + "/."}, environment(valid), io.Discard)
	require.NoError(t, err)
	assert.Equal(t, dir, config.ContentDir, "the flag, cleaned")
}

func TestParseConfig_ContentDirErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "programme.yaml")
	require.NoError(t, os.WriteFile(file, []byte("name: x\n"), 0o644))
	tests := []struct {
		name     string
		value    string
		expected []string
	}{
		{"Missing", filepath.Join(dir, "gone"), []string{"CONTENT_DIR", "gone", "does not exist"}},
		{"File", file, []string{"CONTENT_DIR", "programme.yaml", "is a file, not a directory"}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			_, err := parseConfig(nil, environment(map[string]string{
				"SLACK_BOT_TOKEN": validBotToken, "SLACK_SIGNING_SECRET": validSecret, "CONTENT_DIR": test.value,
			}), io.Discard)

			require.Error(t, err)
			for _, fragment := range test.expected {
				assert.Contains(t, err.Error(), fragment)
			}
		})
	}
}

func TestParseConfig_ContentDirUnreadable(t *testing.T) {
	t.Parallel()
	if os.Geteuid() == 0 {
		t.Skip("root reads every directory")
	}
	dir := filepath.Join(t.TempDir(), "content")
	require.NoError(t, os.Mkdir(dir, 0o311))
	t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })

	_, err := checkContentDir(dir)

	require.Error(t, err)
	assert.Contains(t, err.Error(), "CONTENT_DIR")
	assert.Contains(t, err.Error(), "cannot be read by this user")
}

func TestReloadOnSignal_ReloadsUntilDone(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	signals := make(chan os.Signal)
	reloads := &atomic.Int32{}
	stopped := make(chan struct{})

	go func() {
		reloadOnSignal(ctx, signals, func() { reloads.Add(1) })
		close(stopped)
	}()
	signals <- syscall.SIGHUP
	signals <- syscall.SIGHUP
	cancel()

	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("reloadOnSignal did not return after its context ended")
	}
	// A send on the unbuffered channel returns only once reloadOnSignal
	// has received it, and it reloads for each signal it receives.
	assert.Equal(t, int32(2), reloads.Load())
}

func TestRun_InvalidContentStopsStart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "lists.yaml"), []byte("mentoring_areas: [unclosed\n"), 0o644))

	err := run(context.Background(), nil, environment(map[string]string{
		"SLACK_BOT_TOKEN":      validBotToken,
		"SLACK_SIGNING_SECRET": validSecret,
		"SLACK_API_URL":        "http://127.0.0.1:1/api/",
		"DATABASE_URL":         "postgres://nobody@127.0.0.1:1/none",
		"LISTEN_ADDR":          freeAddr(t),
		"CONTENT_DIR":          dir,
	}), io.Discard)

	require.ErrorContains(t, err, "CONTENT_DIR/lists.yaml:2: did not find expected ',' or ']'")
}

// helpReply returns the bot's reply to "/mentor help" at addr.
func helpReply(t *testing.T, addr string) string {
	t.Helper()
	command := fakeslack.SlashCommand(menteeID, "/mentor", "help", "")
	_, answer := postSigned(t, addr, "application/x-www-form-urlencoded", []byte(command.Encode()))
	return string(answer)
}

// writeProgramme writes programme.yaml to dir with the programme's name
// replaced by name, followed by extra.
func writeProgramme(t *testing.T, dir, name, extra string) {
	t.Helper()
	shipped, err := os.ReadFile(filepath.Join("..", "..", "content", "programme.yaml"))
	require.NoError(t, err)
	lines := strings.SplitAfter(string(shipped), "\n")
	for i, line := range lines {
		if strings.HasPrefix(line, "name: ") {
			lines[i] = "name: " + name + "\n"
		}
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "programme.yaml"), []byte(strings.Join(lines, "")+extra), 0o644))
}

func TestRun_SIGHUPReloadsContent(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeProgramme(t, dir, "Before Reload", "")
	stub := fakeslack.New(t)
	addr := freeAddr(t)
	logs := startBot(t, map[string]string{
		"SLACK_BOT_TOKEN":      validBotToken,
		"SLACK_SIGNING_SECRET": validSecret,
		"SLACK_API_URL":        stub.APIURL(),
		"DATABASE_URL":         pgtest.NewDatabaseURL(t),
		"LISTEN_ADDR":          addr,
		"CONTENT_DIR":          dir,
	})
	waitForHealth(t, addr)
	require.Contains(t, helpReply(t, addr), "Before Reload")
	require.Contains(t, logs.String(), `"content_custom_files":"programme.yaml"`)

	// The handler that run installed for SIGHUP is in place while the bot
	// serves, so the signal cannot end the test process.
	writeProgramme(t, dir, "Broken Reload", "extra: [unclosed\n")
	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGHUP))
	require.Eventually(t, func() bool {
		return strings.Contains(logs.String(), "Failed to reload the content")
	}, 10*time.Second, 20*time.Millisecond)
	assert.Contains(t, logs.String(), "CONTENT_DIR/programme.yaml:")
	assert.Contains(t, helpReply(t, addr), "Before Reload", "the old content stays in use")

	writeProgramme(t, dir, "After Reload", "")
	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGHUP))
	require.Eventually(t, func() bool {
		return strings.Contains(logs.String(), "Reloaded the content")
	}, 10*time.Second, 20*time.Millisecond)
	assert.Contains(t, helpReply(t, addr), "After Reload")
}
