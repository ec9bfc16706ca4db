package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/domain"
	"github.com/mentorbot/mentorbot/storage"
	"github.com/mentorbot/mentorbot/storage/pgtest"
)

func TestHelpQuestion_MatchedByPost(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := storage.New(pgtest.NewPool(t))
	askedAt := time.Date(2026, time.March, 2, 10, 0, 0, 0, time.UTC)
	asker := domain.PersonKey{TeamID: "T1", UserID: "U1"}

	id, err := store.RecordHelpQuestion(ctx, domain.HelpQuestion{Asker: asker, Text: "Where is the guide?", AskedAt: askedAt})
	require.NoError(t, err)
	for _, channel := range []string{"D0ADMIN1", "D0ADMIN2"} {
		post := domain.HelpQuestionPost{QuestionID: id, ChannelID: channel, TS: "1700000000.000100"}
		require.NoError(t, store.RecordHelpQuestionPost(ctx, "T1", post))
	}

	question, ok, err := store.HelpQuestionByPost(ctx, "T1", "D0ADMIN2", "1700000000.000100")
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, id, question.ID)
	require.Equal(t, asker, question.Asker)
	require.Equal(t, "Where is the guide?", question.Text)
	require.True(t, askedAt.Equal(question.AskedAt))

	for name, key := range map[string][3]string{
		"OtherTS":      {"T1", "D0ADMIN2", "1700000000.000200"},
		"OtherChannel": {"T1", "C0OTHER", "1700000000.000100"},
		"OtherTeam":    {"T2", "D0ADMIN2", "1700000000.000100"},
	} {
		_, ok, err := store.HelpQuestionByPost(ctx, key[0], key[1], key[2])
		require.NoError(t, err, name)
		require.False(t, ok, name)
	}
}

func TestHelpQuestionPost_Unique(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := storage.New(pgtest.NewPool(t))
	asker := domain.PersonKey{TeamID: "T1", UserID: "U1"}
	id, err := store.RecordHelpQuestion(ctx, domain.HelpQuestion{Asker: asker, Text: "Q", AskedAt: time.Now()})
	require.NoError(t, err)
	post := domain.HelpQuestionPost{QuestionID: id, ChannelID: "C0HELP", TS: "1700000000.000100"}

	require.NoError(t, store.RecordHelpQuestionPost(ctx, "T1", post))
	require.Error(t, store.RecordHelpQuestionPost(ctx, "T1", post), "one message carries one question")
}
