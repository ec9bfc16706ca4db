package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/mentorbot/mentorbot/domain"
)

var _ domain.MentorDirectory = (*Store)(nil)

// SearchMentors returns up to limit mentors whom mentee may invite and who
// match filter, ordered by how many of the wanted areas they offer, then by
// free places, then by user id. The rules are those of
// domain.MentorDirectory.
func (s *Store) SearchMentors(ctx context.Context, mentee domain.PersonKey, filter domain.SearchFilter, limit int) ([]domain.MentorCandidate, error) {
	if limit < 1 {
		return nil, fmt.Errorf("search mentors for %s: limit %d is less than 1", mentee.UserID, limit)
	}

	// One snapshot for both queries, so the wanted areas belong to the
	// mentee profile that existed when the search ran.
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead})
	if err != nil {
		return nil, fmt.Errorf("begin mentor search: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }()

	menteeAreas, err := readMenteeAreas(ctx, tx, mentee)
	if err != nil {
		return nil, err
	}
	query := buildSearch(mentee, filter, domain.WantedAreas(filter, menteeAreas), limit)
	rows, err := tx.Query(ctx, query.sql, query.args...)
	if err != nil {
		return nil, fmt.Errorf("search mentors for %s: %w", mentee.UserID, err)
	}
	candidates, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.MentorCandidate, error) {
		return scanCandidate(row, mentee.TeamID)
	})
	if err != nil {
		return nil, fmt.Errorf("read mentors found for %s: %w", mentee.UserID, err)
	}
	return candidates, nil
}

func readMenteeAreas(ctx context.Context, tx pgx.Tx, mentee domain.PersonKey) ([]string, error) {
	var areas []string
	err := tx.QueryRow(ctx, `
		SELECT areas FROM mentee_profiles
		WHERE team_id = $1 AND user_id = $2`,
		mentee.TeamID, mentee.UserID,
	).Scan(&areas)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("read mentee areas of %s: %w", mentee.UserID, err)
	}
	return areas, nil
}

// searchQuery is the SQL of one mentor search and its arguments.
type searchQuery struct {
	sql  string
	args []any
}

// arg adds value to the arguments and returns its placeholder.
func (q *searchQuery) arg(value any) string {
	q.args = append(q.args, value)
	return fmt.Sprintf("$%d", len(q.args))
}

// buildSearch returns the search query. It adds a condition only for each
// filter field that is set, and spells out the area overlap one wanted area
// at a time, so each combination of filter fields is its own statement
// with its own plan, instead of one plan with optional parts.
//
// The subquery r applies the conditions on mentor_profiles and sorts the
// mentors it finds by overlap. It returns narrow rows, so that sorting a
// whole team's mentors, as a search without filters does, fits in
// work_mem. OFFSET 0 stops PostgreSQL from merging r into the outer query,
// which then joins people, consents and invitations to r's rows in overlap
// order and stops once limit rows of the best overlaps are complete.
// The ongoing count is a lateral subquery, so it costs an index lookup for
// each of those rows only. Without the fence, the generic plan that
// PostgreSQL may choose for pgx's cached statement after five runs joined
// every mentor to people before sorting, and took twice as long.
//
// NOTE: without filters, r contains every searchable and available mentor
// of the team, so the search takes time in proportion to their number:
// 167 ms for 90,000 in the benchmark that README.md describes.
//
// The statuses in the SQL are domain.StatusConsidering and
// domain.StatusOngoing.
func buildSearch(mentee domain.PersonKey, filter domain.SearchFilter, wanted []string, limit int) searchQuery {
	var q searchQuery
	team, menteeID := q.arg(mentee.TeamID), q.arg(mentee.UserID)
	profileConditions := profileConditions(&q, team, menteeID, filter)
	overlap := overlapExpression(&q, wanted)

	q.sql = `
		SELECT ` + candidateColumns + `
		FROM (
			SELECT mp.team_id, mp.user_id, ` + overlap + ` AS overlap
			FROM mentor_profiles AS mp
			WHERE ` + strings.Join(profileConditions, "\n\t\t\t\tAND ") + `
			ORDER BY overlap DESC
			OFFSET 0
		) AS r
		JOIN mentor_profiles AS m ON m.team_id = r.team_id AND m.user_id = r.user_id
		JOIN people AS p ON p.team_id = m.team_id AND p.user_id = m.user_id
		CROSS JOIN LATERAL (
			SELECT count(*)::int AS ongoing
			FROM invitations AS i
			WHERE i.team_id = m.team_id AND i.mentor_user_id = m.user_id AND i.status = 'ongoing'
		) AS o
		WHERE p.deactivated_at IS NULL
			AND p.learning_completed_at IS NOT NULL
			AND p.assessment_passed_at IS NOT NULL
			AND EXISTS (SELECT FROM conduct_consents AS c WHERE c.team_id = m.team_id AND c.user_id = m.user_id)
			AND NOT EXISTS (
				SELECT FROM invitations AS i
				WHERE i.team_id = m.team_id AND i.mentor_user_id = m.user_id AND i.mentee_user_id = ` + menteeID + `
					AND i.status IN ('considering', 'ongoing'))
			AND o.ongoing < m.capacity
		ORDER BY r.overlap DESC, m.capacity - o.ongoing DESC, m.user_id
		LIMIT ` + q.arg(limit)
	return q
}

// profileConditions returns the search's conditions on mentor_profiles mp:
// the team, not the mentee, listed and not hidden by the programme team,
// and the filter's fields that are set.
func profileConditions(q *searchQuery, team, menteeID string, filter domain.SearchFilter) []string {
	conditions := []string{
		"mp.team_id = " + team,
		"mp.user_id <> " + menteeID,
		"mp.searchable",
		"mp.available",
		"mp.admin_hidden_at IS NULL",
	}
	if len(filter.Areas) > 0 {
		conditions = append(conditions, "mp.areas && "+q.arg(filter.Areas))
	}
	if len(filter.JobRoles) > 0 {
		conditions = append(conditions, "mp.job_role = ANY ("+q.arg(filter.JobRoles)+")")
	}
	if len(filter.OrgAreas) > 0 {
		conditions = append(conditions, "mp.org_area = ANY ("+q.arg(filter.OrgAreas)+")")
	}
	if text := textQuery(filter.Text); text != "" {
		conditions = append(conditions, "mp.search_text @@ to_tsquery('simple', "+q.arg(text)+")")
	}
	return conditions
}

// overlapExpression returns SQL that counts the wanted areas that
// mentor_profiles mp offers, or 0 when none are wanted.
func overlapExpression(q *searchQuery, wanted []string) string {
	if len(wanted) == 0 {
		return "0"
	}
	terms := make([]string, len(wanted))
	for i, area := range wanted {
		terms[i] = "(mp.areas @> ARRAY[" + q.arg(area) + "]::text[])::int"
	}
	return strings.Join(terms, " + ")
}

// textQuery turns free text into a tsquery in which every word must
// start a word of the search text, or returns "" when the text has no
// words. domain.SearchWords keeps only letters and digits, so no word
// contains tsquery syntax.
func textQuery(text string) string {
	words := domain.SearchWords(text)
	for i, word := range words {
		words[i] = word + ":*"
	}
	return strings.Join(words, " & ")
}

// candidateColumns are the columns that scanCandidate reads, from
// mentor_profiles m, people p and the ongoing count o.
const candidateColumns = `
	m.user_id, p.display_name,
	m.job_role, m.org_area, m.areas, m.about,
	m.capacity, m.available, m.searchable, m.updated_at,
	o.ongoing`

// scanCandidate reads a row of candidateColumns. Only mentors who are
// registered and active pass the search's conditions, so it sets
// Registered and leaves Deactivated false.
func scanCandidate(row pgx.CollectableRow, teamID string) (domain.MentorCandidate, error) {
	candidate := domain.MentorCandidate{Person: domain.PersonKey{TeamID: teamID}, Registered: true}
	profile := &candidate.Profile
	err := row.Scan(
		&candidate.Person.UserID, &candidate.Name,
		&profile.JobRole, &profile.OrgArea, &profile.Areas, &profile.About,
		&profile.Capacity, &profile.Available, &profile.Searchable, &profile.UpdatedAt,
		&candidate.Ongoing)
	return candidate, err
}

// MentorCandidate returns mentor with their profile, registration and
// ongoing count, whether or not searches would list them, or
// domain.ErrNotFound when they have no mentor profile.
func (s *Store) MentorCandidate(ctx context.Context, mentor domain.PersonKey) (domain.MentorCandidate, error) {
	candidate := domain.MentorCandidate{Person: mentor}
	profile := &candidate.Profile
	err := s.pool.QueryRow(ctx, `
		SELECT
			p.display_name,
			m.job_role, m.org_area, m.areas, m.about,
			m.capacity, m.available, m.searchable, m.updated_at,
			(SELECT count(*) FROM invitations AS i
				WHERE i.team_id = m.team_id AND i.mentor_user_id = m.user_id AND i.status = 'ongoing'),
			p.learning_completed_at IS NOT NULL AND p.assessment_passed_at IS NOT NULL
				AND EXISTS (SELECT FROM conduct_consents AS c WHERE c.team_id = m.team_id AND c.user_id = m.user_id),
			p.deactivated_at IS NOT NULL,
			m.admin_hidden_at IS NOT NULL
		FROM mentor_profiles AS m
		JOIN people AS p ON p.team_id = m.team_id AND p.user_id = m.user_id
		WHERE m.team_id = $1 AND m.user_id = $2`,
		mentor.TeamID, mentor.UserID,
	).Scan(
		&candidate.Name,
		&profile.JobRole, &profile.OrgArea, &profile.Areas, &profile.About,
		&profile.Capacity, &profile.Available, &profile.Searchable, &profile.UpdatedAt,
		&candidate.Ongoing, &candidate.Registered, &candidate.Deactivated, &candidate.AdminHidden)
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.MentorCandidate{}, fmt.Errorf("read mentor %s: %w", mentor.UserID, domain.ErrNotFound)
	}
	if err != nil {
		return domain.MentorCandidate{}, fmt.Errorf("read mentor %s: %w", mentor.UserID, err)
	}
	return candidate, nil
}

// SetDisplayName stores person's Slack name, creating the person's row
// with created_at set to at when there is none. A trigger of the
// 00005_mentor_search migration rewrites the search text of the person's
// mentor profile when the name changes.
func (s *Store) SetDisplayName(ctx context.Context, person domain.PersonKey, name string, at time.Time) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if err := ensurePerson(ctx, tx, person, at); err != nil {
			return err
		}
		// Skipping an unchanged name saves rewriting the row, and the
		// search text with it, each time the bot looks the person up.
		_, err := tx.Exec(ctx, `
			UPDATE people SET display_name = $3
			WHERE team_id = $1 AND user_id = $2 AND display_name IS DISTINCT FROM $3`,
			person.TeamID, person.UserID, name)
		if err != nil {
			return fmt.Errorf("set display name of %s: %w", person.UserID, err)
		}
		return nil
	})
}
