-- Pages that list people by ID with their names (a ranking, a what-if, a
-- list of matches) read only the name and, for the scope check, the
-- organisation path: with both in the index by ID, a lookup is one index
-- probe instead of a probe and a seek into the table.
DROP INDEX people_by_id;

CREATE INDEX people_by_id ON people (id, name, org_path);
