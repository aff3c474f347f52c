package store

import (
	"context"
	"fmt"
	"iter"

	"zugong/internal/access"
	"zugong/internal/person"
)

// exportPage is how many people one read of an export fetches.
const exportPage = 500

// Dossiers streams the whole dossiers of the people in the subtree of
// under (every person in the principal's scope when under is empty), with
// ID and phone numbers in clear, for exports to LRMX and Excel and for the
// data-quality audit. Clear numbers need sensitive.reveal over the whole
// subtree; the export is audited once, before the first dossier, with the
// subtree it covers.
func (s *PeopleService) Dossiers(ctx context.Context, under string) iter.Seq2[*person.Dossier, error] {
	return func(yield func(*person.Dossier, error) bool) {
		scope, err := s.exportScope(ctx, under)
		if err != nil {
			yield(nil, err)
			return
		}
		cond, args := scopeCondition("org_path", scope)
		after := ""
		for {
			rows, err := s.db.Query(ctx, `SELECT `+peopleColumns+` FROM people WHERE `+cond+` AND id > ? ORDER BY id LIMIT ?`,
				append(append([]any{}, args...), after, exportPage)...)
			if err != nil {
				yield(nil, err)
				return
			}
			var page []*personRow
			for rows.Next() {
				r, err := scanPersonRow(rows)
				if err != nil {
					rows.Close()
					yield(nil, err)
					return
				}
				page = append(page, r)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				yield(nil, err)
				return
			}
			for _, r := range page {
				d, err := s.dossier(ctx, s.db.Query, r)
				if !yield(d, err) || err != nil {
					return
				}
				after = r.ID
			}
			if len(page) < exportPage {
				return
			}
		}
	}
}

// exportScope checks the principal may export the subtree of under in
// clear and audits the export; it returns the subtree paths to read.
func (s *PeopleService) exportScope(ctx context.Context, under string) ([]string, error) {
	p, err := access.Require(ctx, access.SensitiveReveal)
	if err != nil {
		return nil, err
	}
	var scope []string
	jurisdiction := p.JurisdictionID
	if under != "" {
		o, err := s.db.Orgs().load(ctx, s.db.QueryRow, under)
		if err != nil {
			return nil, err
		}
		if err := access.Check(p, access.SensitiveReveal, o.Path); err != nil {
			return nil, err
		}
		scope, jurisdiction = []string{o.Path}, o.JurisdictionID
	} else if p.Operator {
		scope = []string{"/"}
	} else {
		scope = p.Scopes(access.SensitiveReveal)
	}
	err = s.db.Write(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, personAudit(p, jurisdiction, "person.export", under, map[string]any{"subtrees": len(scope)}))
	})
	if err != nil {
		return nil, fmt.Errorf("audit export: %w", err)
	}
	return scope, nil
}
