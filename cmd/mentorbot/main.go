// Command mentorbot runs Mentorbot, the Slack bot for a staff mentoring
// programme. Run it with -help for its settings; each flag also reads an
// environment variable of the same name in upper case.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/sirupsen/logrus"
	"golang.org/x/term"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if err := run(ctx, os.Args[1:], os.Getenv, os.Stderr); err != nil {
		var logged *loggedError
		switch {
		case errors.Is(err, flag.ErrHelp):
			return
		case errors.As(err, &logged):
			// The log already has it, with its fields.
		default:
			fmt.Fprintf(os.Stderr, "mentorbot: %v\n", err)
		}
		os.Exit(1)
	}
}

// run reads the configuration, starts the bot and serves until ctx ends.
func run(ctx context.Context, args []string, getenv func(string) string, output io.Writer) error {
	config, err := parseConfig(args, getenv, output)
	if err != nil {
		return err
	}
	logger := newLogger(config, output)

	// SIGHUP reloads the content. It is caught from here on, so one that
	// arrives while the bot starts waits instead of ending the process.
	hangups := make(chan os.Signal, 1)
	signal.Notify(hangups, syscall.SIGHUP)
	defer signal.Stop(hangups)

	bot, err := start(ctx, config, logger)
	if ctx.Err() != nil {
		// Stopped by a signal while starting: that is not a failure.
		logger.Info("Mentorbot stopped while starting")
		return nil
	}
	if err != nil {
		logger.WithError(err).Error("Mentorbot failed to start")
		return &loggedError{err}
	}
	defer bot.close()

	go reloadOnSignal(ctx, hangups, func() { bot.reloadContent(ctx) })
	if err := bot.serve(ctx); err != nil {
		logger.WithError(err).Error("Mentorbot stopped after an error")
		return &loggedError{err}
	}
	return nil
}

// loggedError is an error that run has already logged, so main does not
// print it a second time.
type loggedError struct {
	error
}

func (e *loggedError) Unwrap() error { return e.error }

// newLogger returns a logger that writes to output in LOG_FORMAT, which by
// default is text on a terminal and JSON otherwise.
func newLogger(config Config, output io.Writer) *logrus.Logger {
	logger := logrus.New()
	logger.SetOutput(output)
	logger.SetLevel(config.LogLevel)

	format := config.LogFormat
	if format == "" {
		format = "json"
		if file, ok := output.(*os.File); ok && term.IsTerminal(int(file.Fd())) {
			format = "text"
		}
	}
	if format == "json" {
		logger.SetFormatter(&logrus.JSONFormatter{})
	} else {
		logger.SetFormatter(&logrus.TextFormatter{FullTimestamp: true})
	}
	return logger
}
