-- Name searches list their matches in name order straight from the index:
-- the index carries the id that breaks ties, so no sort is needed.
DROP INDEX people_by_name;

CREATE INDEX people_by_name ON people (name, id)
