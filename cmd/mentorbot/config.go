package main

import (
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/sirupsen/logrus"

	"github.com/mentorbot/mentorbot/domain"
)

// defaultSlackAPIURL is the base URL of Slack's Web API.
const defaultSlackAPIURL = "https://slack.com/api/"

// Config is the bot's configuration, read once at start-up from flags and
// environment variables and checked before anything starts.
type Config struct {
	SlackBotToken      string
	SlackAppToken      string
	SlackSigningSecret string
	SlackAPIURL        string
	DatabaseURL        string
	DataDir            string
	ListenAddr         string
	LogLevel           logrus.Level
	// LogFormat is "text" or "json"; empty chooses text on a terminal and
	// JSON otherwise.
	LogFormat    string
	AdminUserIDs []string
	// AdminUsergroupID is the Slack user group whose members count as the
	// programme team too, or "" for none.
	AdminUsergroupID string
	// HelpChannelID is the channel that receives questions to the
	// programme team; empty sends them by DM to each of AdminUserIDs.
	HelpChannelID string
	// PassMark is the number of correct answers that passes the
	// assessment.
	PassMark int
	// MaxConsidering is how many invitations a mentee may have waiting
	// for an answer at once.
	MaxConsidering int
	// Nudges is the configuration of the scheduled sweeps that nudge
	// people.
	Nudges NudgeConfig
	// ContentDir is the absolute path of the programme team's content
	// files, which replace the shipped ones, or "" for the shipped content.
	ContentDir string
}

// SocketMode reports whether the bot connects to Slack in Socket Mode
// instead of serving HTTP requests.
func (c Config) SocketMode() bool { return c.SlackAppToken != "" }

// LogFields returns the configuration for the start-up log, with secrets
// replaced by whether they are set.
func (c Config) LogFields() logrus.Fields {
	mode := "http"
	if c.SocketMode() {
		mode = "socket"
	}
	database := "embedded"
	if c.DatabaseURL != "" {
		database = "DATABASE_URL"
	}
	fields := logrus.Fields{
		"slack_mode":      mode,
		"slack_api_url":   redactURL(c.SlackAPIURL),
		"database":        database,
		"log_level":       c.LogLevel.String(),
		"admin_user_ids":  strings.Join(c.AdminUserIDs, ","),
		"admin_usergroup": c.AdminUsergroupID,
		"help_channel_id": c.HelpChannelID,
		"pass_mark":       c.PassMark,
		"max_considering": c.MaxConsidering,
		"content_dir":     c.ContentDir,
	}
	maps.Copy(fields, c.Nudges.logFields())
	if c.DatabaseURL == "" {
		fields["data_dir"] = c.DataDir
	}
	if !c.SocketMode() {
		fields["listen_addr"] = c.ListenAddr
	}
	return fields
}

// redactURL returns raw with any password in it replaced by xxxxx.
func redactURL(raw string) string {
	parsed, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	return parsed.Redacted()
}

// quoteValue quotes a configuration value for an error message, unless it
// looks like a Slack token pasted into the wrong variable: a secret must
// not reach the terminal or a log.
func quoteValue(value string) string {
	if looksLikeSlackToken(value) {
		return "(a value that looks like a Slack token, not shown)"
	}
	if utf8.RuneCountInString(value) > 100 {
		value = string([]rune(value)[:100]) + "…"
	}
	return strconv.Quote(value)
}

// looksLikeSlackToken reports whether value contains the prefix of a Slack
// token.
func looksLikeSlackToken(value string) bool {
	for _, prefix := range []string{"xoxb-", "xoxp-", "xoxa-", "xoxe", "xapp-", "xoxs-"} {
		if strings.Contains(value, prefix) {
			return true
		}
	}
	return false
}

// setting is one configuration value: its flag, its environment variable
// and its help text.
type setting struct {
	flag, env, usage, fallback string
}

// settings lists every setting, in the order that -help shows them.
var settings = append([]setting{
	{"slack-bot-token", "SLACK_BOT_TOKEN", "Bot User OAuth Token (xoxb-...); required", ""},
	{"slack-app-token", "SLACK_APP_TOKEN", "app-level token (xapp-...); when set, the bot uses Socket Mode", ""},
	{"slack-signing-secret", "SLACK_SIGNING_SECRET", "signing secret; required in HTTP mode", ""},
	{"slack-api-url", "SLACK_API_URL", "base URL of Slack's Web API", defaultSlackAPIURL},
	{"database-url", "DATABASE_URL", "PostgreSQL connection string; empty starts a private cluster under DATA_DIR", ""},
	{"data-dir", "DATA_DIR", "directory for the private PostgreSQL cluster", "data"},
	{"listen-addr", "LISTEN_ADDR", "address of the HTTP server, host:port", ":3000"},
	{"log-level", "LOG_LEVEL", "log level: error, warn, info, debug or trace", "info"},
	{"log-format", "LOG_FORMAT", "log format: text or json; empty chooses text on a terminal", ""},
	{"admin-user-ids", "ADMIN_USER_IDS", "comma-separated Slack user ids of the programme team", ""},
	{"admin-usergroup-id", "ADMIN_USERGROUP_ID", "id of a Slack user group whose members are the programme team too, such as S012AB3CDE", ""},
	{"help-channel-id", "HELP_CHANNEL_ID", "Slack channel id that receives questions to the programme team; " +
		"empty sends them by DM to each of ADMIN_USER_IDS", ""},
	{"pass-mark", "PASS_MARK", "correct answers needed to pass the assessment", strconv.Itoa(domain.DefaultPassMark)},
	{"max-considering", "MAX_CONSIDERING", "invitations a mentee may have waiting for an answer at once",
		strconv.Itoa(domain.DefaultMaxConsidering)},
	{"content-dir", "CONTENT_DIR", "directory of the programme team's content files, which replace the shipped " +
		"files of the same path; empty uses the shipped content", ""},
}, nudgeSettings...)

// parseConfig reads the configuration from args, falling back to the
// environment through getenv, then to defaults. A flag wins over its
// variable. Every invalid value is reported, each naming its variable.
func parseConfig(args []string, getenv func(string) string, output io.Writer) (Config, error) {
	flags := flag.NewFlagSet("mentorbot", flag.ContinueOnError)
	flags.SetOutput(output)
	values := map[string]*string{}
	flagOf := map[string]string{}
	for _, s := range settings {
		// The environment is read after parsing, not used as the flag's
		// default, so -help never prints a token from the environment.
		values[s.env] = flags.String(s.flag, s.fallback, fmt.Sprintf("%s (env %s)", s.usage, s.env))
		flagOf[s.env] = s.flag
	}
	if err := flags.Parse(args); err != nil {
		return Config{}, err
	}
	if flags.NArg() > 0 {
		return Config{}, fmt.Errorf("unexpected argument %q: every setting is a flag such as -listen-addr=:3000", flags.Arg(0))
	}
	given := map[string]bool{}
	flags.Visit(func(f *flag.Flag) { given[f.Name] = true })

	value := func(env string) string {
		if fromEnv := getenv(env); !given[flagOf[env]] && fromEnv != "" {
			return strings.TrimSpace(fromEnv)
		}
		return strings.TrimSpace(*values[env])
	}
	return validateConfig(value)
}

func validateConfig(value func(env string) string) (Config, error) {
	var problems []error
	check := func(err error) {
		if err != nil {
			problems = append(problems, err)
		}
	}

	config := Config{
		SlackBotToken:      value("SLACK_BOT_TOKEN"),
		SlackAppToken:      value("SLACK_APP_TOKEN"),
		SlackSigningSecret: value("SLACK_SIGNING_SECRET"),
		DatabaseURL:        value("DATABASE_URL"),
		LogFormat:          value("LOG_FORMAT"),
	}
	check(checkBotToken(config.SlackBotToken))
	check(checkAppToken(config.SlackAppToken))
	check(checkSigningSecret(config.SlackSigningSecret, config.SocketMode()))

	var err error
	config.SlackAPIURL, err = checkAPIURL(value("SLACK_API_URL"))
	check(err)
	check(checkDatabaseURL(config.DatabaseURL))
	config.DataDir, err = checkDataDir(value("DATA_DIR"))
	check(err)
	config.ListenAddr, err = checkListenAddr(value("LISTEN_ADDR"))
	check(err)
	config.LogLevel, err = checkLogLevel(value("LOG_LEVEL"))
	check(err)
	check(checkLogFormat(config.LogFormat))
	config.AdminUserIDs, err = checkAdminUserIDs(value("ADMIN_USER_IDS"))
	check(err)
	config.AdminUsergroupID, err = checkUsergroupID(value("ADMIN_USERGROUP_ID"))
	check(err)
	config.HelpChannelID, err = checkHelpChannelID(value("HELP_CHANNEL_ID"))
	check(err)
	config.PassMark, err = checkPassMark(value("PASS_MARK"))
	check(err)
	config.MaxConsidering, err = checkMaxConsidering(value("MAX_CONSIDERING"))
	check(err)
	config.ContentDir, err = checkContentDir(value("CONTENT_DIR"))
	check(err)
	var nudgeProblems []error
	config.Nudges, nudgeProblems = checkNudgeConfig(value)
	problems = append(problems, nudgeProblems...)

	if len(problems) > 0 {
		message := "invalid configuration:\n" + errors.Join(problems...).Error()
		// A secret pasted into another variable would be quoted in that
		// variable's problem, so every secret is hidden from the message.
		return Config{}, errors.New(redactSecrets(message, config.secrets()))
	}
	return config, nil
}

// secrets returns the configured secrets: the tokens, the signing secret
// and the database password.
func (c Config) secrets() []string {
	secrets := []string{c.SlackBotToken, c.SlackAppToken, c.SlackSigningSecret}
	if parsed, err := url.Parse(c.DatabaseURL); err == nil && parsed.User != nil {
		password, _ := parsed.User.Password()
		secrets = append(secrets, password)
	}
	if match := keywordPassword.FindStringSubmatch(c.DatabaseURL); match != nil {
		secrets = append(secrets, strings.Trim(match[1], "'"))
	}
	return secrets
}

// keywordPassword matches the password of a keyword/value connection
// string, such as "host=db password=secret".
var keywordPassword = regexp.MustCompile(`password\s*=\s*('[^']*'|\S+)`)

// urlPassword matches the password of a URL such as
// postgres://user:secret@host.
var urlPassword = regexp.MustCompile(`([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s"]*:)[^@\s"]+@`)

// minSecretLength is the shortest secret that redactSecrets hides. A
// shorter value, such as a one-letter password, would hide ordinary words
// and still be a weak secret.
const minSecretLength = 4

// redactSecrets returns message with each of secrets, and the password of
// any URL in it, replaced by "xxxxx".
func redactSecrets(message string, secrets []string) string {
	for _, secret := range secrets {
		if len(secret) >= minSecretLength {
			message = strings.ReplaceAll(message, secret, "xxxxx")
		}
	}
	return urlPassword.ReplaceAllString(message, "${1}xxxxx@")
}

// tokenPrefix returns the start of a token up to its first dash, which
// names its kind and is safe to show; the rest is secret.
func tokenPrefix(token string) string {
	prefix, _, found := strings.Cut(token, "-")
	if !found || len(prefix) > 5 {
		return "(no recognisable prefix)"
	}
	return prefix + "-"
}

func checkBotToken(token string) error {
	const where = "copy the Bot User OAuth Token from the OAuth & Permissions page of the Slack app " +
		"created from manifest.yml, after installing the app to your workspace"
	switch {
	case token == "":
		return fmt.Errorf("SLACK_BOT_TOKEN is missing: %s", where)
	case !strings.HasPrefix(token, "xoxb-"):
		return fmt.Errorf("SLACK_BOT_TOKEN must start with xoxb- but starts with %s: %s", tokenPrefix(token), where)
	}
	return nil
}

func checkAppToken(token string) error {
	if token != "" && !strings.HasPrefix(token, "xapp-") {
		return fmt.Errorf("SLACK_APP_TOKEN must start with xapp- but starts with %s: on the Basic Information page "+
			"of the Slack app, under App-Level Tokens, generate a token with the connections:write scope, "+
			"or leave SLACK_APP_TOKEN unset to serve HTTP requests instead", tokenPrefix(token))
	}
	return nil
}

// signingSecretLength is the length of the signing secrets that Slack shows
// on an app's Basic Information page: 32 hexadecimal characters.
const signingSecretLength = 32

func checkSigningSecret(secret string, socketMode bool) error {
	const where = "copy the Signing Secret from the Basic Information page of the Slack app, under App Credentials"
	switch {
	case secret == "" && !socketMode:
		return fmt.Errorf("SLACK_SIGNING_SECRET is missing, and HTTP mode needs it to verify Slack's requests: %s, "+
			"or set SLACK_APP_TOKEN to use Socket Mode", where)
	case secret == "":
		return nil
	}
	if _, err := hex.DecodeString(secret); err != nil || len(secret) != signingSecretLength {
		return fmt.Errorf("SLACK_SIGNING_SECRET is not %d hexadecimal characters, so it cannot be a signing secret: %s",
			signingSecretLength, where)
	}
	return nil
}

func checkAPIURL(raw string) (string, error) {
	parsed, err := url.Parse(raw)
	if err != nil || (parsed.Scheme != "https" && parsed.Scheme != "http") || parsed.Host == "" {
		return "", fmt.Errorf("SLACK_API_URL %s is not an http or https URL: use %s, or your Slack "+
			"government cloud's Web API URL", quoteValue(redactURL(raw)), defaultSlackAPIURL)
	}
	// slack-go appends method names to this URL, so it must end with a slash.
	if !strings.HasSuffix(raw, "/") {
		raw += "/"
	}
	return raw, nil
}

func checkDatabaseURL(raw string) error {
	if raw == "" {
		return nil
	}
	if _, err := pgxpool.ParseConfig(raw); err != nil {
		// pgx's message quotes the string, and its redaction misses some
		// spellings of a password, so the message is not shown.
		return errors.New("DATABASE_URL is not a valid PostgreSQL connection string: use a form such as " +
			"postgres://user:password@host:5432/mentorbot, or leave it unset for the embedded database")
	}
	return nil
}

func checkDataDir(raw string) (string, error) {
	if raw == "" {
		return "", errors.New("DATA_DIR is empty: set it to a directory where the bot may keep its database files")
	}
	absolute, err := filepath.Abs(raw)
	if err != nil {
		return "", fmt.Errorf("DATA_DIR %s cannot be made absolute: %w", quoteValue(raw), err)
	}
	if info, err := os.Stat(absolute); err == nil && !info.IsDir() {
		return "", fmt.Errorf("DATA_DIR %s is a file, not a directory: choose a directory, "+
			"which the bot creates if it is missing", quoteValue(absolute))
	}
	return absolute, nil
}

func checkListenAddr(raw string) (string, error) {
	const forms = "use a form such as :3000 or 127.0.0.1:8080"
	_, port, err := net.SplitHostPort(raw)
	if err != nil {
		return "", fmt.Errorf("LISTEN_ADDR %s is not a host:port address: %s", quoteValue(raw), forms)
	}
	if number, err := strconv.Atoi(port); err != nil || number < 0 || number > 65535 {
		return "", fmt.Errorf("LISTEN_ADDR %s has a port that is not a number from 0 to 65535: %s", quoteValue(raw), forms)
	}
	return raw, nil
}

func checkLogLevel(raw string) (logrus.Level, error) {
	level, err := logrus.ParseLevel(raw)
	// Panic and fatal would hide every error the bot logs.
	if err != nil || level < logrus.ErrorLevel {
		return 0, fmt.Errorf("LOG_LEVEL %s is not a log level: use error, warn, info, debug or trace", quoteValue(raw))
	}
	return level, nil
}

func checkLogFormat(raw string) error {
	if raw != "" && raw != "text" && raw != "json" {
		return fmt.Errorf("LOG_FORMAT %s is not a log format: use text or json, or leave it unset", quoteValue(raw))
	}
	return nil
}

// slackUserID matches Slack user ids, such as U012AB3CDE or, on Enterprise
// Grid, W012AB3CDE. Channel (C), bot (B) and team (T) ids do not match.
var slackUserID = regexp.MustCompile(`^[UW][A-Z0-9]{8,}$`)

func checkAdminUserIDs(raw string) ([]string, error) {
	var ids, invalid []string
	for _, field := range strings.Split(raw, ",") {
		id := strings.TrimSpace(field)
		switch {
		case id == "":
		case slackUserID.MatchString(id):
			ids = append(ids, id)
		default:
			invalid = append(invalid, quoteValue(id))
		}
	}
	if len(invalid) > 0 {
		return nil, fmt.Errorf("ADMIN_USER_IDS contains values that are not Slack user ids (%s): use member ids such as "+
			"U012AB3CDE, separated by commas (in Slack, open a person's profile, then ⋮ and Copy member ID)",
			strings.Join(invalid, ", "))
	}
	return ids, nil
}

// slackUsergroupID matches Slack user group ids, such as S012AB3CDE.
var slackUsergroupID = regexp.MustCompile(`^S[A-Z0-9]{8,}$`)

func checkUsergroupID(raw string) (string, error) {
	id := strings.TrimSpace(raw)
	if id == "" || slackUsergroupID.MatchString(id) {
		return id, nil
	}
	return "", fmt.Errorf("ADMIN_USERGROUP_ID %s is not a Slack user group id: use an id such as S012AB3CDE "+
		"(in Slack, open the group under People, then ⋮ and Copy group ID), or leave it empty", quoteValue(id))
}

// slackChannelID matches Slack channel ids, public or private, which
// start with C or G, such as C0123ABCD. User (U, W) and DM (D) ids do not
// match.
var slackChannelID = regexp.MustCompile(`^[CG][A-Z0-9]{8,}$`)

func checkHelpChannelID(raw string) (string, error) {
	if raw == "" || slackChannelID.MatchString(raw) {
		return raw, nil
	}
	return "", fmt.Errorf("HELP_CHANNEL_ID %s is not a Slack channel id: use an id such as C0123ABCD (in Slack, "+
		"open the channel's details to copy its id), and invite the bot to that channel, or leave HELP_CHANNEL_ID unset to send questions by DM to each of ADMIN_USER_IDS", quoteValue(raw))
}

func checkPassMark(raw string) (int, error) {
	mark, err := strconv.Atoi(raw)
	if err != nil || mark < 1 {
		return 0, fmt.Errorf("PASS_MARK %s is not a whole number of correct answers: use a number such as %d",
			quoteValue(raw), domain.DefaultPassMark)
	}
	return mark, nil
}

// maxMaxConsidering keeps a mentee from asking a large share of the
// mentors at once.
const maxMaxConsidering = 20

func checkMaxConsidering(raw string) (int, error) {
	limit, err := strconv.Atoi(raw)
	if err != nil || limit < 1 || limit > maxMaxConsidering {
		return 0, fmt.Errorf("MAX_CONSIDERING %s is not a whole number from 1 to %d: use a number such as %d",
			quoteValue(raw), maxMaxConsidering, domain.DefaultMaxConsidering)
	}
	return limit, nil
}
