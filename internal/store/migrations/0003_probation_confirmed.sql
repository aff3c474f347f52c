-- A post's probation (试用期) ends in confirmation (试用期满考核合格，正式任职)
-- or removal; the day of confirmation is kept so the data-quality audit
-- reports only probations that ended without one.
ALTER TABLE cadre_posts ADD COLUMN probation_confirmed_on TEXT NOT NULL DEFAULT ''
