package storage_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/storage"
	"github.com/mentorbot/mentorbot/storage/pgtest"
)

func TestStore_Ping(t *testing.T) {
	t.Parallel()
	store := storage.New(pgtest.NewPool(t))

	require.NoError(t, store.Ping(context.Background()))
}
