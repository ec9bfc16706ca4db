package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/sirupsen/logrus"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/content"
)

// checkContentDir returns the absolute path of CONTENT_DIR, which must be
// empty or a directory that this user can list.
func checkContentDir(raw string) (string, error) {
	if raw == "" {
		return "", nil
	}
	absolute, err := filepath.Abs(raw)
	if err != nil {
		return "", fmt.Errorf("CONTENT_DIR %s cannot be made absolute: %w", quoteValue(raw), err)
	}
	info, err := os.Stat(absolute)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "", fmt.Errorf("CONTENT_DIR %s does not exist: create it and put the programme team's content files in it, "+
			"or leave CONTENT_DIR unset to use the shipped content", quoteValue(absolute))
	case err != nil:
		return "", fmt.Errorf("CONTENT_DIR %s cannot be read: %w", quoteValue(absolute), err)
	case !info.IsDir():
		return "", fmt.Errorf("CONTENT_DIR %s is a file, not a directory: set it to the directory that "+
			"contains the content files, such as assessment.yaml", quoteValue(absolute))
	}

	dir, err := os.Open(absolute)
	if err == nil {
		_, err = dir.ReadDir(1)
		dir.Close()
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("CONTENT_DIR %s cannot be read by this user: %w: give the bot's user permission "+
			"to read it", quoteValue(absolute), err)
	}
	return absolute, nil
}

// loadContent loads the content of CONTENT_DIR over the shipped content,
// as the bot does at start-up and on each reload.
func loadContent(config Config) (*content.Content, error) {
	return content.LoadDir(config.ContentDir)
}

// logContent logs the content that the bot starts with, and warns about
// files in CONTENT_DIR that it does not read.
func logContent(logger logrus.FieldLogger, config Config, loaded *content.Content) {
	logger = logger.WithField("content_dir", config.ContentDir)
	logger.WithFields(bot.ContentLogFields(loaded)).Info("Loaded the content")
	if len(loaded.Source.Ignored) > 0 {
		logger.WithField("files", strings.Join(loaded.Source.Ignored, ",")).Warn("Ignored files in CONTENT_DIR that are not content files")
	}
}

// reloadOnSignal calls reload for each value received from signals until
// ctx ends. os/signal drops a signal that does not fit in the channel's
// buffer, so with the buffer of one that run makes, a burst of SIGHUPs
// during a reload causes one more reload, not one each.
func reloadOnSignal(ctx context.Context, signals <-chan os.Signal, reload func()) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-signals:
			reload()
		}
	}
}

// reloadContent reloads the content when the operator sends SIGHUP. The
// App logs the outcome, and keeps the content in use when it fails.
func (s *server) reloadContent(ctx context.Context) {
	s.logger.WithField("content_dir", s.config.ContentDir).Info("Received SIGHUP, so reloading the content")
	// The App has logged the error with the problems found.
	_ = s.app.ReloadContent(ctx)
}
