package store

import (
	"context"
	"fmt"
	"sync"

	"zugong/internal/access"
	"zugong/internal/fault"
	"zugong/internal/match"
	"zugong/internal/person"
	"zugong/internal/talent"
)

// poolIndex is the matching index of one jurisdiction's talent pool, with
// the stamp of the pool it was built from.
type poolIndex struct {
	stamp poolStamp
	ix    *match.Index
}

// poolStamp identifies a state of a jurisdiction's pool: every change to a
// talent's facet saves the person as a new version with a new updated_at,
// and adding or removing the facet changes the count.
type poolStamp struct {
	count   int
	updated int64
}

// poolIndexes caches one index per jurisdiction. An index is immutable; a
// changed pool is rebuilt and swapped in whole, so a search never sees a
// half-built one.
type poolIndexes struct {
	mu sync.Mutex
	by map[string]*poolIndex
}

// index returns the matching index of the jurisdiction's pool, rebuilding
// it when the pool has changed since it was built.
func (s *TalentService) index(ctx context.Context, jurisdiction string) (*match.Index, error) {
	var st poolStamp
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*), COALESCE(MAX(updated_at), 0) FROM people
		WHERE jurisdiction_id = ? AND is_talent = ?`, jurisdiction, true).Scan(&st.count, &st.updated); err != nil {
		return nil, fmt.Errorf("read the pool's stamp: %w", err)
	}
	cache := &s.db.talentIndexes
	cache.mu.Lock()
	cached := cache.by[jurisdiction]
	cache.mu.Unlock()
	if cached != nil && cached.stamp == st {
		return cached.ix, nil
	}
	ts, err := s.matchTalents(ctx, jurisdiction)
	if err != nil {
		return nil, err
	}
	built := &poolIndex{stamp: st, ix: match.Build(ts)}
	cache.mu.Lock()
	if cache.by == nil {
		cache.by = map[string]*poolIndex{}
	}
	cache.by[jurisdiction] = built
	cache.mu.Unlock()
	return built.ix, nil
}

// matchTalents reads what matching knows of every talent of a jurisdiction.
func (s *TalentService) matchTalents(ctx context.Context, jurisdiction string) ([]match.Talent, error) {
	rows, err := s.db.Query(ctx, `SELECT t.person_id, t.category, t.availability, t.forms, t.region FROM talents t
		JOIN people p ON p.jurisdiction_id = t.jurisdiction_id AND p.id = t.person_id
		WHERE t.jurisdiction_id = ? AND p.is_talent = ? ORDER BY t.person_id`, jurisdiction, true)
	if err != nil {
		return nil, fmt.Errorf("read the pool: %w", err)
	}
	var ts []match.Talent
	at := map[string]int{}
	for rows.Next() {
		var t match.Talent
		var category, availability, forms string
		if err := rows.Scan(&t.ID, &category, &availability, &forms, &t.Region); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read the pool: %w", err)
		}
		t.Category, t.Availability = person.TalentCategory(category), person.Availability(availability)
		var fs []string
		if err := decodeList(forms, &fs); err != nil {
			rows.Close()
			return nil, err
		}
		for _, f := range fs {
			t.Forms = append(t.Forms, talent.Form(f))
		}
		at[t.ID] = len(ts)
		ts = append(ts, t)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("read the pool: %w", err)
	}
	rows, err = s.db.Query(ctx, `SELECT person_id, name, level FROM talent_skills WHERE jurisdiction_id = ?
		ORDER BY person_id, seq`, jurisdiction)
	if err != nil {
		return nil, fmt.Errorf("read the pool's skills: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var k person.Skill
		if err := rows.Scan(&id, &k.Name, &k.Level); err != nil {
			return nil, fmt.Errorf("read the pool's skills: %w", err)
		}
		if i, ok := at[id]; ok {
			ts[i].Skills = append(ts[i].Skills, k)
		}
	}
	return ts, rows.Err()
}

// MatchTalents implements talent.Records: the k talents who suit the
// project best among those the reader sees, each with its explanation.
func (s *TalentService) MatchTalents(ctx context.Context, projectID string, k int) ([]talent.TalentMatch, error) {
	a, err := actor(ctx, access.TalentRead)
	if err != nil {
		return nil, err
	}
	if !a.staff() {
		return nil, fault.New(fault.Forbidden, "error.forbidden")
	}
	pr, err := s.loadProject(ctx, s.db.QueryRow, a, projectID)
	if err != nil {
		return nil, err
	}
	ix, err := s.index(ctx, pr.jurisdiction)
	if err != nil {
		return nil, err
	}
	q := match.ForProject(&pr.Project)
	k = min(max(k, 1), talentMaxLimit)
	paths, whole, err := s.reachablePaths(ctx, a, pr.jurisdiction)
	if err != nil {
		return nil, err
	}
	// A reader who sees the whole jurisdiction takes the index's top k;
	// one who sees part of it takes every hit and keeps those in reach.
	want := k
	if !whole {
		want = ix.Len()
	}
	var hits []match.Hit
	for _, h := range ix.Search(&q, want) {
		if whole || a.reaches(h.ID, paths[h.ID]) {
			hits = append(hits, h)
		}
		if len(hits) == k {
			break
		}
	}
	return s.talentMatches(ctx, pr.jurisdiction, hits)
}

// reachablePaths returns whether the actor sees the whole jurisdiction
// and, when not, the organisation path of each of its talents.
func (s *TalentService) reachablePaths(ctx context.Context, a *talentActor, jurisdiction string) (map[string]string, bool, error) {
	county, err := s.db.Orgs().load(ctx, s.db.QueryRow, jurisdiction)
	if err != nil {
		return nil, false, err
	}
	if a.reachesOrg(county.Path) {
		return nil, true, nil
	}
	rows, err := s.db.Query(ctx, `SELECT id, org_path FROM people WHERE jurisdiction_id = ? AND is_talent = ?`, jurisdiction, true)
	if err != nil {
		return nil, false, fmt.Errorf("read the pool's places: %w", err)
	}
	defer rows.Close()
	paths := map[string]string{}
	for rows.Next() {
		var id, path string
		if err := rows.Scan(&id, &path); err != nil {
			return nil, false, fmt.Errorf("read the pool's places: %w", err)
		}
		paths[id] = path
	}
	return paths, false, rows.Err()
}

// talentMatches reads the profiles of the hits, talents of jurisdiction
// the actor was found to reach, in one query, and returns them in the
// hits' order.
func (s *TalentService) talentMatches(ctx context.Context, jurisdiction string, hits []match.Hit) ([]talent.TalentMatch, error) {
	if len(hits) == 0 {
		return nil, nil
	}
	ids := make([]any, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	profiles, err := collect(scanProfile)(s.db.Query(ctx,
		`SELECT `+profileColumns+profileFrom+` WHERE p.jurisdiction_id = ? AND p.id IN (`+placeholders(len(ids))+`)`,
		append([]any{jurisdiction}, ids...)...))
	if err != nil {
		return nil, fmt.Errorf("read the matched talents: %w", err)
	}
	byID := make(map[string]*talent.Profile, len(profiles))
	for _, pr := range profiles {
		byID[pr.PersonID] = pr
	}
	var listed []talent.Profile
	var found []match.Hit
	var keys [][2]string
	for _, h := range hits {
		// A talent taken out of the pool since the index was built is gone.
		if pr, ok := byID[h.ID]; ok {
			listed, found = append(listed, *pr), append(found, h)
			keys = append(keys, [2]string{jurisdiction, h.ID})
		}
	}
	if err := s.withSkills(ctx, listed, keys); err != nil {
		return nil, err
	}
	out := make([]talent.TalentMatch, len(listed))
	for i, h := range found {
		out[i] = talent.TalentMatch{Profile: listed[i], Score: h.Score, Explanation: explanationOf(h.Explanation)}
	}
	return out, nil
}

// explanationOf converts a match explanation into the domain's words.
func explanationOf(e match.Explanation) talent.Explanation {
	out := talent.Explanation{Score: e.Score, Parts: make([]talent.ExplainedPart, len(e.Parts))}
	for i, p := range e.Parts {
		out.Parts[i] = talent.ExplainedPart{Requirement: p.Requirement, MinLevel: p.MinLevel, Weight: p.Weight,
			Skill: p.Skill, Level: p.Level, Share: p.Share, Factor: p.Factor, Points: p.Points}
	}
	return out
}

// MatchProjects implements talent.Records: the k open projects that suit
// the talent best, among those the reader sees (a talent: the projects open
// to the signed-in; staff: those of their subtrees). Projects by invitation
// only are not matched: their owners invite.
func (s *TalentService) MatchProjects(ctx context.Context, personID string, k int) ([]talent.ProjectMatch, error) {
	a, err := actor(ctx, access.TalentRead)
	if err != nil {
		return nil, err
	}
	pr, pp, err := s.profile(ctx, a, personID)
	if err != nil {
		return nil, err
	}
	cond, args, err := s.projectReach(ctx, a)
	if err != nil {
		return nil, err
	}
	today := s.today()
	rows, err := s.db.Query(ctx, `SELECT `+projectColumns+projectFrom+` WHERE r.jurisdiction_id = ? AND r.visibility <> ?
		AND `+openCond+` AND `+cond, append([]any{pp.jurisdiction, string(talent.InviteOnly), today}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("list open projects: %w", err)
	}
	var listed []talent.ProjectListed
	for rows.Next() {
		r, err := scanProject(rows, today)
		if err != nil {
			rows.Close()
			return nil, err
		}
		listed = append(listed, r.ProjectListed)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, err
	}
	projects := make([]talent.Project, len(listed))
	byID := map[string]*talent.ProjectListed{}
	for i := range listed {
		projects[i] = listed[i].Project
		byID[listed[i].ID] = &listed[i]
	}
	t := match.Talent{ID: pr.PersonID, Category: pr.Talent.Category, Availability: pr.Talent.Availability,
		Forms: pr.Talent.Forms, Region: pr.Talent.Region, Skills: pr.Talent.Skills}
	var out []talent.ProjectMatch
	for _, h := range match.BuildProjects(projects).ForTalent(&t, min(max(k, 1), talentMaxLimit)) {
		out = append(out, talent.ProjectMatch{ProjectListed: *byID[h.ID], Score: h.Score, Explanation: explanationOf(h.Explanation)})
	}
	return out, nil
}
