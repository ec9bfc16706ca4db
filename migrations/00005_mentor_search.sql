-- +goose Up
-- Mentor search filters on mentor_profiles and matches free text against
-- search_text: the words of the mentor's Slack name, job role,
-- organisational area, mentoring areas and about-me text. It uses the
-- 'simple' text search configuration, which neither stems words nor drops
-- stop words. The 'english' one drops names such as "Will" and "Don" as
-- stop words, and stems a partly typed word apart from the whole one, so
-- "universi:*" misses "university". Searches match each word as a prefix,
-- which covers plurals and partly typed names instead.
ALTER TABLE mentor_profiles ADD COLUMN search_text tsvector NOT NULL DEFAULT ''::tsvector;

-- search_lower lowercases text for search_text. A database created with
-- the C locale, as the embedded one is, lowercases only ASCII letters in
-- lower() and to_tsvector(), so it uses the ICU root collation where the
-- server was built with ICU (as Debian's PostgreSQL 15 packages are).
-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_collation WHERE collname = 'und-x-icu') THEN
        CREATE FUNCTION search_lower(value text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            RETURN lower(value COLLATE "und-x-icu");
    ELSE
        CREATE FUNCTION search_lower(value text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            RETURN lower(value);
    END IF;
END
$$;
-- +goose StatementEnd

-- Positions are stripped because searches use neither ranking nor
-- phrases, and the vector is smaller without them.
CREATE FUNCTION mentor_search_text(name text, job_role text, org_area text, areas text[], about text)
    RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN strip(to_tsvector('simple', search_lower(
        concat_ws(' ', name, job_role, org_area, array_to_string(areas, ' '), about))));

-- Two triggers keep search_text in step: one when a profile is written,
-- one when the person's name changes. When both happen at once, the one
-- that commits last writes search_text from both new values:
--   * An update of a profile holds the profile's row lock, so a name change
--     waits for it and then rewrites search_text with the new name.
--   * An insert has no profile row that a name change could wait for, so
--     it reads the name FOR SHARE, which waits for a name change in
--     progress and makes a later one wait for the insert. INSERT ... ON
--     CONFLICT runs the insert trigger first, before it locks any row, so
--     taking that lock cannot deadlock with a name change.
-- +goose StatementBegin
CREATE FUNCTION mentor_profiles_set_search_text() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    name text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT display_name INTO name FROM people
        WHERE team_id = NEW.team_id AND user_id = NEW.user_id
        FOR SHARE;
    ELSE
        SELECT display_name INTO name FROM people
        WHERE team_id = NEW.team_id AND user_id = NEW.user_id;
    END IF;
    NEW.search_text := mentor_search_text(name, NEW.job_role, NEW.org_area, NEW.areas, NEW.about);
    RETURN NEW;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER mentor_profiles_search_text
    BEFORE INSERT OR UPDATE OF job_role, org_area, areas, about ON mentor_profiles
    FOR EACH ROW EXECUTE FUNCTION mentor_profiles_set_search_text();

-- +goose StatementBegin
CREATE FUNCTION people_update_search_text() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    UPDATE mentor_profiles
    SET search_text = mentor_search_text(NEW.display_name, job_role, org_area, areas, about)
    WHERE team_id = NEW.team_id AND user_id = NEW.user_id;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER people_search_text
    AFTER UPDATE OF display_name ON people
    FOR EACH ROW
    WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name)
    EXECUTE FUNCTION people_update_search_text();

UPDATE mentor_profiles AS m
SET search_text = mentor_search_text(p.display_name, m.job_role, m.org_area, m.areas, m.about)
FROM people AS p
WHERE p.team_id = m.team_id AND p.user_id = m.user_id;

CREATE INDEX mentor_profiles_search_text_idx ON mentor_profiles USING gin (search_text);
CREATE INDEX mentor_profiles_areas_idx ON mentor_profiles USING gin (areas);
CREATE INDEX mentor_profiles_job_role_idx ON mentor_profiles (team_id, job_role);
CREATE INDEX mentor_profiles_org_area_idx ON mentor_profiles (team_id, org_area);

-- +goose Down
DROP INDEX mentor_profiles_org_area_idx;
DROP INDEX mentor_profiles_job_role_idx;
DROP INDEX mentor_profiles_areas_idx;
DROP INDEX mentor_profiles_search_text_idx;
DROP TRIGGER people_search_text ON people;
DROP FUNCTION people_update_search_text();
DROP TRIGGER mentor_profiles_search_text ON mentor_profiles;
DROP FUNCTION mentor_profiles_set_search_text();
DROP FUNCTION mentor_search_text(text, text, text, text[], text);
DROP FUNCTION search_lower(text);
ALTER TABLE mentor_profiles DROP COLUMN search_text;
