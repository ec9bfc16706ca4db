package main

import (
	"flag"
	"fmt"
	"io"
	"maps"
	"strings"
	"testing"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	validBotToken = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy"
	validAppToken = "xapp-1-A0MENTBOT-1234567890-abcdef0123456789"
	validSecret   = "8f742231b10e8888abcd99aaabbb85a5"
)

// environment returns a getenv over env.
func environment(env map[string]string) func(string) string {
	return func(name string) string { return env[name] }
}

func TestParseConfig_Defaults(t *testing.T) {
	t.Parallel()

	config, err := parseConfig(nil, environment(map[string]string{
		"SLACK_BOT_TOKEN":      validBotToken,
		"SLACK_SIGNING_SECRET": validSecret,
	}), io.Discard)

	require.NoError(t, err)
	require.False(t, config.SocketMode())
	require.Equal(t, "https://slack.com/api/", config.SlackAPIURL)
	require.Equal(t, ":3000", config.ListenAddr)
	require.Equal(t, logrus.InfoLevel, config.LogLevel)
	require.True(t, strings.HasSuffix(config.DataDir, "/data"), config.DataDir)
	require.Empty(t, config.DatabaseURL)
	require.Empty(t, config.AdminUserIDs)
	require.Empty(t, config.HelpChannelID)
	require.Equal(t, 18, config.PassMark)
}

func TestParseConfig_FlagsOverrideEnvironment(t *testing.T) {
	t.Parallel()

	config, err := parseConfig([]string{
		"-listen-addr=127.0.0.1:8080",
		"-slack-api-url", "http://127.0.0.1:9999/api",
		"-admin-user-ids", " U012AB3CDE, W0456XYZ12 ,",
		"-admin-usergroup-id", "S0PROGRAMME",
	}, environment(map[string]string{
		"HELP_CHANNEL_ID": " G0123ABCD ",
		"SLACK_BOT_TOKEN": validBotToken,
		"SLACK_APP_TOKEN": validAppToken,
		"LISTEN_ADDR":     ":4000",
		"LOG_LEVEL":       "debug",
	}), io.Discard)

	require.NoError(t, err)
	require.True(t, config.SocketMode())
	require.Equal(t, "127.0.0.1:8080", config.ListenAddr)
	require.Equal(t, "http://127.0.0.1:9999/api/", config.SlackAPIURL)
	require.Equal(t, []string{"U012AB3CDE", "W0456XYZ12"}, config.AdminUserIDs)
	require.Equal(t, "S0PROGRAMME", config.AdminUsergroupID)
	require.Equal(t, "G0123ABCD", config.HelpChannelID)
	require.Equal(t, logrus.DebugLevel, config.LogLevel)
}

func TestParseConfig_Errors(t *testing.T) {
	t.Parallel()

	valid := map[string]string{"SLACK_BOT_TOKEN": validBotToken, "SLACK_SIGNING_SECRET": validSecret}
	tests := []struct {
		name     string
		env      map[string]string
		expected []string
	}{
		{"BotTokenMissing", map[string]string{"SLACK_BOT_TOKEN": ""}, []string{"SLACK_BOT_TOKEN is missing", "OAuth & Permissions"}},
		{"BotTokenUserToken", map[string]string{"SLACK_BOT_TOKEN": "xoxp-123-456-secretpart"}, []string{"SLACK_BOT_TOKEN must start with xoxb-", "xoxp-"}},
		{"AppTokenWrongKind", map[string]string{"SLACK_APP_TOKEN": "xoxb-1-2-secretpart"}, []string{"SLACK_APP_TOKEN must start with xapp-", "App-Level Tokens"}},
		{"SigningSecretMissing", map[string]string{"SLACK_SIGNING_SECRET": ""}, []string{"SLACK_SIGNING_SECRET is missing", "Basic Information", "SLACK_APP_TOKEN"}},
		{"SigningSecretNotHex", map[string]string{"SLACK_SIGNING_SECRET": "not-a-secret-zz"}, []string{"SLACK_SIGNING_SECRET is not 32 hexadecimal characters"}},
		{"SigningSecretShort", map[string]string{"SLACK_SIGNING_SECRET": "ab"}, []string{"SLACK_SIGNING_SECRET is not 32 hexadecimal characters"}},
		{"APIURLWithPassword", map[string]string{"SLACK_API_URL": "ftp://user:hunter2@host/api"}, []string{"SLACK_API_URL", "xxxxx"}},
		{"TokenInWrongVariable", map[string]string{"ADMIN_USER_IDS": "xoxb-1-2-secretpart"}, []string{"ADMIN_USER_IDS", "looks like a Slack token"}},
		{"TokenAsListenAddr", map[string]string{"LISTEN_ADDR": "xapp-1-secretpart"}, []string{"LISTEN_ADDR", "looks like a Slack token"}},
		{"DatabaseURLSpacedPassword", map[string]string{"DATABASE_URL": "host=x password = hunter2 port=y"}, []string{"DATABASE_URL is not a valid"}},
		{"LogLevelPanic", map[string]string{"LOG_LEVEL": "panic"}, []string{"LOG_LEVEL \"panic\" is not a log level"}},
		{"AdminUserIDsChannel", map[string]string{"ADMIN_USER_IDS": "C012AB3CDE"}, []string{"ADMIN_USER_IDS", `"C012AB3CDE"`}},
		{"APIURLNotURL", map[string]string{"SLACK_API_URL": "slack.com/api"}, []string{"SLACK_API_URL", "not an http or https URL"}},
		{"DatabaseURLInvalid", map[string]string{"DATABASE_URL": "postgres://user:hunter2@host:notaport/db"}, []string{"DATABASE_URL is not a valid PostgreSQL connection string"}},
		{"ListenAddrNoPort", map[string]string{"LISTEN_ADDR": "localhost"}, []string{"LISTEN_ADDR", "host:port"}},
		{"ListenAddrBadPort", map[string]string{"LISTEN_ADDR": ":99999"}, []string{"LISTEN_ADDR", "0 to 65535"}},
		{"LogLevelUnknown", map[string]string{"LOG_LEVEL": "loud"}, []string{"LOG_LEVEL \"loud\" is not a log level"}},
		{"LogFormatUnknown", map[string]string{"LOG_FORMAT": "xml"}, []string{"LOG_FORMAT \"xml\""}},
		{"PassMarkNotNumber", map[string]string{"PASS_MARK": "most"}, []string{"PASS_MARK \"most\" is not a whole number"}},
		{"PassMarkZero", map[string]string{"PASS_MARK": "0"}, []string{"PASS_MARK \"0\""}},
		{"AdminUsergroupUser", map[string]string{"ADMIN_USERGROUP_ID": "U012AB3CDE"}, []string{"ADMIN_USERGROUP_ID", `"U012AB3CDE"`, "S012AB3CDE"}},
		{"HelpChannelUser", map[string]string{"HELP_CHANNEL_ID": "U012AB3CDE"}, []string{"HELP_CHANNEL_ID", `"U012AB3CDE"`, "not a Slack channel id"}},
		{"HelpChannelName", map[string]string{"HELP_CHANNEL_ID": "#mentoring-help"}, []string{"HELP_CHANNEL_ID", `"#mentoring-help"`, "C0123ABCD"}},
		{"HelpChannelLowerCase", map[string]string{"HELP_CHANNEL_ID": "c0123abcd"}, []string{"HELP_CHANNEL_ID"}},
		{"AdminUserIDsNames", map[string]string{"ADMIN_USER_IDS": "U012AB3CDE,@alex,alex@example.com"}, []string{"ADMIN_USER_IDS", `"@alex"`, `"alex@example.com"`}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			env := map[string]string{}
			for key, value := range valid {
				env[key] = value
			}
			for key, value := range test.env {
				env[key] = value
			}

			_, err := parseConfig(nil, environment(env), io.Discard)

			require.Error(t, err)
			for _, fragment := range test.expected {
				require.Contains(t, err.Error(), fragment)
			}
			for _, secret := range []string{"secretpart", "hunter2", validBotToken, validSecret} {
				require.NotContains(t, err.Error(), secret, "an error must not show a secret")
			}
		})
	}
}

func TestParseConfig_ReportsEveryProblem(t *testing.T) {
	t.Parallel()

	_, err := parseConfig(nil, environment(map[string]string{"LOG_LEVEL": "loud"}), io.Discard)

	require.Error(t, err)
	require.Contains(t, err.Error(), "SLACK_BOT_TOKEN")
	require.Contains(t, err.Error(), "SLACK_SIGNING_SECRET")
	require.Contains(t, err.Error(), "LOG_LEVEL")
}

func TestParseConfig_UnexpectedArgument(t *testing.T) {
	t.Parallel()

	_, err := parseConfig([]string{"serve"}, environment(nil), io.Discard)

	require.ErrorContains(t, err, `unexpected argument "serve"`)
}

func TestConfig_LogFieldsHideSecrets(t *testing.T) {
	t.Parallel()

	config, err := parseConfig(nil, environment(map[string]string{
		"SLACK_BOT_TOKEN":      validBotToken,
		"SLACK_APP_TOKEN":      validAppToken,
		"SLACK_SIGNING_SECRET": validSecret,
		"DATABASE_URL":         "postgres://mentorbot:hunter2@db.internal/mentorbot",
	}), io.Discard)
	require.NoError(t, err)

	for _, value := range config.LogFields() {
		for _, secret := range []string{validBotToken, validAppToken, validSecret, "hunter2"} {
			require.NotContains(t, fmt.Sprint(value), secret)
		}
	}
}

func TestParseConfig_HelpShowsNoSecrets(t *testing.T) {
	t.Parallel()
	var output strings.Builder

	_, err := parseConfig([]string{"-help"}, environment(map[string]string{
		"SLACK_BOT_TOKEN":      validBotToken,
		"SLACK_SIGNING_SECRET": validSecret,
		"DATABASE_URL":         "postgres://mentorbot:hunter2@db/mentorbot",
	}), &output)

	require.ErrorIs(t, err, flag.ErrHelp)
	require.Contains(t, output.String(), "-slack-bot-token")
	require.NotContains(t, output.String(), validBotToken)
	require.NotContains(t, output.String(), validSecret)
	require.NotContains(t, output.String(), "hunter2")
}

func TestParseConfig_SecretsNeverInErrors(t *testing.T) {
	t.Parallel()
	const password = "HUNTER2pw"
	tests := []struct {
		name string
		env  map[string]string
	}{
		{"SigningSecretAsSchedule", map[string]string{"INVITATION_SWEEP_SCHEDULE": validSecret}},
		{"SigningSecretAsCronZone", map[string]string{"INVITATION_SWEEP_SCHEDULE": "CRON_TZ=" + validSecret + " 0 9 * * *"}},
		{"SigningSecretAsWait", map[string]string{"REMINDER_AFTER": validSecret}},
		{"DatabaseURLAsHours", map[string]string{
			"DATABASE_URL":  "postgres://mentorbot:" + password + "@db.internal:5432/mentorbot",
			"WORKING_HOURS": "postgres://mentorbot:" + password + "@db.internal:5432/mentorbot",
		}},
		{"KeywordPasswordAsZone", map[string]string{
			"DATABASE_URL":    "host=db.internal password=" + password,
			"NUDGE_TIME_ZONE": password,
		}},
		{"OtherURLPassword", map[string]string{"RELATIONSHIP_SWEEP_SCHEDULE": "https://someone:" + password + "@example.test/"}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			env := map[string]string{"SLACK_BOT_TOKEN": validBotToken, "SLACK_SIGNING_SECRET": validSecret}
			maps.Copy(env, test.env)

			_, err := parseConfig(nil, environment(env), io.Discard)

			require.Error(t, err)
			assert.NotContains(t, err.Error(), validSecret)
			assert.NotContains(t, err.Error(), password)
			assert.Contains(t, err.Error(), "xxxxx", "the message shows where the secret was")
		})
	}
}
