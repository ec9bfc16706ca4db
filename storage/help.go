package storage

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/mentorbot/mentorbot/domain"
)

// RecordHelpQuestion stores a question to the programme team and returns
// its id. question.ID is ignored.
func (s *Store) RecordHelpQuestion(ctx context.Context, question domain.HelpQuestion) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		// The asker gets a people row, as a person who registers does, so
		// that ErasePerson finds and erases the question of someone who
		// never registered.
		if err := ensurePerson(ctx, tx, question.Asker, question.AskedAt); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `
			INSERT INTO help_questions (team_id, user_id, question, asked_at)
			VALUES ($1, $2, $3, $4)
			RETURNING id`,
			question.Asker.TeamID, question.Asker.UserID, question.Text, question.AskedAt).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("record help question of %s: %w", question.Asker.UserID, err)
	}
	return id, nil
}

// RecordHelpQuestionPost stores a message that carried a question to the
// programme team in team, so a reply in its thread can be matched to the
// question.
func (s *Store) RecordHelpQuestionPost(ctx context.Context, team string, post domain.HelpQuestionPost) error {
	_, err := s.pool.Exec(ctx, `
		INSERT INTO help_question_posts (team_id, channel_id, ts, question_id)
		VALUES ($1, $2, $3, $4)`,
		team, post.ChannelID, post.TS, post.QuestionID)
	if err != nil {
		return fmt.Errorf("record post %s in %s of help question %d: %w", post.TS, post.ChannelID, post.QuestionID, err)
	}
	return nil
}

// HelpQuestionByPost returns the question that the message at ts in
// channelID of team carried, or false when that message carried none.
func (s *Store) HelpQuestionByPost(ctx context.Context, team, channelID, ts string) (domain.HelpQuestion, bool, error) {
	var question domain.HelpQuestion
	err := s.pool.QueryRow(ctx, `
		SELECT q.id, q.team_id, q.user_id, q.question, q.asked_at
		FROM help_question_posts p
		JOIN help_questions q ON q.id = p.question_id
		WHERE p.team_id = $1 AND p.channel_id = $2 AND p.ts = $3`,
		team, channelID, ts).Scan(
		&question.ID, &question.Asker.TeamID, &question.Asker.UserID, &question.Text, &question.AskedAt)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return domain.HelpQuestion{}, false, nil
	case err != nil:
		return domain.HelpQuestion{}, false, fmt.Errorf("read help question of post %s in %s: %w", ts, channelID, err)
	}
	return question, true, nil
}
