package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"zugong/internal/access"
	"zugong/internal/appraisal"
	"zugong/internal/audit"
	"zugong/internal/fault"
)

// AppraisalService keeps appraisal schemes, their members, the evidence
// records and the published rankings. A scheme is scoped by the
// organisation that owns it, evidence by the cadre's organisation; the
// scoring itself is package appraisal's.
type AppraisalService struct {
	db *DB
	// bodies caches parsed scheme versions by "id/version": a version is
	// never changed once saved, and every ranking page needs its scheme.
	bodies sync.Map
}

// Appraisal returns the appraisal service.
func (db *DB) Appraisal() *AppraisalService { return &AppraisalService{db: db} }

// appraisalAudit is an audit event of an action p took on appraisal records.
func appraisalAudit(p *access.Principal, jurisdiction, action, kind, id string, detail map[string]any) audit.Event {
	b, _ := json.Marshal(detail)
	return audit.Event{JurisdictionID: jurisdiction, ActorID: p.UserID, ActorLogin: p.Login, IP: p.IP,
		Action: action, TargetKind: kind, TargetID: id, Detail: string(b)}
}

// schemeRow is a stored scheme version with what scope checks need.
type schemeRow struct {
	appraisal.Scheme
	jurisdiction string
	orgID        string
	orgPath      string
}

// scanSchemeHead reads jurisdiction_id, org_id, org_path and version, and
// takes the body from the cache or reads it with q.
func (s *AppraisalService) scanSchemeHead(ctx context.Context, q rowQuerier, row scanner, id string) (*schemeRow, error) {
	var r schemeRow
	var version int
	if err := row.Scan(&r.jurisdiction, &r.orgID, &r.orgPath, &version); err != nil {
		return nil, normalize(err)
	}
	key := id + "/" + strconv.Itoa(version)
	if sc, ok := s.bodies.Load(key); ok {
		r.Scheme = *sc.(*appraisal.Scheme)
		return &r, nil
	}
	var body string
	if err := q(ctx, `SELECT body FROM appraisal_schemes WHERE jurisdiction_id = ? AND id = ? AND version = ?`,
		r.jurisdiction, id, version).Scan(&body); err != nil {
		return nil, normalize(err)
	}
	sc := new(appraisal.Scheme)
	if err := json.Unmarshal([]byte(body), sc); err != nil {
		return nil, fmt.Errorf("scheme body: %w", err)
	}
	s.bodies.Store(key, sc)
	r.Scheme = *sc
	return &r, nil
}

// loadScheme reads the latest version of a scheme, or version when it is
// positive, without a scope check.
func (s *AppraisalService) loadScheme(ctx context.Context, q rowQuerier, id string, version int) (*schemeRow, error) {
	if !ValidID(id) {
		return nil, fault.New(fault.NotFound, "error.not_found")
	}
	const head = `SELECT jurisdiction_id, org_id, org_path, version FROM appraisal_schemes WHERE id = ?`
	if version > 0 {
		return s.scanSchemeHead(ctx, q, q(ctx, head+` AND version = ?`, id, version), id)
	}
	return s.scanSchemeHead(ctx, q, q(ctx, head+` ORDER BY version DESC LIMIT 1`, id), id)
}

// schemeIn reads the latest version of a scheme and checks perm over its
// organisation.
func (s *AppraisalService) schemeIn(ctx context.Context, perm access.Permission, id string) (*access.Principal, *schemeRow, error) {
	p, err := access.Require(ctx, perm)
	if err != nil {
		return nil, nil, err
	}
	r, err := s.loadScheme(ctx, s.db.QueryRow, id, 0)
	if err != nil {
		return nil, nil, err
	}
	return p, r, access.Check(p, perm, r.orgPath)
}

// Scheme returns the latest version of a scheme.
func (s *AppraisalService) Scheme(ctx context.Context, id string) (*appraisal.Scheme, error) {
	_, r, err := s.schemeIn(ctx, access.AppraisalRead, id)
	if err != nil {
		return nil, err
	}
	return &r.Scheme, nil
}

// SchemeOrg returns the organisation that owns a scheme, for the form that
// saves its next version.
func (s *AppraisalService) SchemeOrg(ctx context.Context, id string) (string, error) {
	_, r, err := s.schemeIn(ctx, access.AppraisalRead, id)
	if err != nil {
		return "", err
	}
	return r.orgID, nil
}

// Schemes lists the latest version of every scheme the principal may read,
// newest period first.
func (s *AppraisalService) Schemes(ctx context.Context) ([]appraisal.Scheme, error) {
	p, err := access.Require(ctx, access.AppraisalRead)
	if err != nil {
		return nil, err
	}
	scopes := p.Scopes(access.AppraisalRead)
	if p.Operator {
		scopes = []string{"/"}
	}
	where, args := scopeCondition("a.org_path", scopes)
	// The versions are listed first and read after, each from the cache
	// where it can: a listing must not hold a reader while it reads more.
	rows, err := s.db.Query(ctx, `SELECT a.id, a.version FROM appraisal_schemes a
		WHERE `+where+` AND a.version = (SELECT MAX(b.version) FROM appraisal_schemes b
			WHERE b.jurisdiction_id = a.jurisdiction_id AND b.id = a.id)
		ORDER BY a.period_to DESC, a.name, a.id`, args...)
	if err != nil {
		return nil, err
	}
	type ref struct {
		id      string
		version int
	}
	var heads []ref
	for rows.Next() {
		var h ref
		if err := rows.Scan(&h.id, &h.version); err != nil {
			rows.Close()
			return nil, err
		}
		heads = append(heads, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]appraisal.Scheme, 0, len(heads))
	for _, h := range heads {
		r, err := s.loadScheme(ctx, s.db.QueryRow, h.id, h.version)
		if err != nil {
			return nil, err
		}
		out = append(out, r.Scheme)
	}
	return out, nil
}

// SaveScheme saves sc as a new scheme owned by the organisation orgID (sc.ID
// empty) or as the next version of scheme sc.ID: a published version is
// never edited, so results keep naming the version they used.
func (s *AppraisalService) SaveScheme(ctx context.Context, orgID string, sc *appraisal.Scheme) (*appraisal.Scheme, error) {
	p, err := access.Require(ctx, access.AppraisalManage)
	if err != nil {
		return nil, err
	}
	out := *sc
	err = s.db.Write(ctx, func(tx *Tx) error {
		o, err := s.db.Orgs().load(ctx, tx.QueryRow, orgID)
		if fault.Is(err, fault.NotFound) {
			var f fault.Fields
			f.Add("org", "error.not_found")
			return f.Err()
		}
		if err != nil {
			return err
		}
		if err := access.Check(p, access.AppraisalManage, o.Path); err != nil {
			return err
		}
		action := "appraisal.scheme.create"
		out.ID, out.Version = sc.ID, 1
		if sc.ID == "" {
			out.ID = NewID()
		} else {
			old, err := s.loadScheme(ctx, tx.QueryRow, sc.ID, 0)
			if err != nil {
				return err
			}
			if err := access.Check(p, access.AppraisalManage, old.orgPath); err != nil {
				return err
			}
			if old.jurisdiction != o.JurisdictionID {
				var f fault.Fields
				f.Add("org", "appraisal.other_jurisdiction")
				return f.Err()
			}
			out.Version, action = old.Version+1, "appraisal.scheme.revise"
		}
		if err := out.Validate(); err != nil {
			return err
		}
		body, err := json.Marshal(&out)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO appraisal_schemes (jurisdiction_id, id, version, org_id, org_path, name,
			target_group, period_from, period_to, body, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
			o.JurisdictionID, out.ID, out.Version, o.ID, o.Path, out.Name, string(out.Group), out.Period.From, out.Period.To,
			string(body), p.Login, tx.Now().UnixMicro()); err != nil {
			return fmt.Errorf("insert scheme: %w", err)
		}
		return tx.Audit(ctx, appraisalAudit(p, o.JurisdictionID, action, "appraisal_schemes", out.ID,
			map[string]any{"name": out.Name, "version": out.Version, "indicators": len(out.Indicators)}))
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// AddMembers puts cadres into a scheme's peer group (or moves them there):
// the scheme ranks each group on its own. Every cadre must be visible to
// the principal and of the scheme's jurisdiction.
func (s *AppraisalService) AddMembers(ctx context.Context, schemeID, group string, personIDs []string) error {
	p, err := access.Require(ctx, access.AppraisalManage)
	if err != nil {
		return err
	}
	group = strings.TrimSpace(group)
	if group == "" {
		var f fault.Fields
		f.Add("group", "field.required")
		return f.Err()
	}
	return s.db.Write(ctx, func(tx *Tx) error {
		sc, err := s.loadScheme(ctx, tx.QueryRow, schemeID, 0)
		if err != nil {
			return err
		}
		if err := access.Check(p, access.AppraisalManage, sc.orgPath); err != nil {
			return err
		}
		for _, id := range personIDs {
			if _, err := s.cadreOf(ctx, tx.QueryRow, p, access.AppraisalManage, id, sc.jurisdiction); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO appraisal_members (jurisdiction_id, scheme_id, person_id, peer_group)
				VALUES (?,?,?,?) ON CONFLICT (jurisdiction_id, scheme_id, person_id) DO UPDATE SET peer_group = excluded.peer_group`,
				sc.jurisdiction, sc.ID, id, group); err != nil {
				return fmt.Errorf("add member: %w", err)
			}
		}
		return tx.Audit(ctx, appraisalAudit(p, sc.jurisdiction, "appraisal.members.add", "appraisal_schemes", sc.ID,
			map[string]any{"group": group, "people": len(personIDs)}))
	})
}

// cadreOf reads the jurisdiction and organisation path of a person and
// checks perm over them; jurisdiction, when given, must match. A person out
// of scope is reported on the person field as not found.
func (s *AppraisalService) cadreOf(ctx context.Context, q rowQuerier, p *access.Principal, perm access.Permission,
	personID, jurisdiction string) (string, error) {
	var f fault.Fields
	f.Add("person_id", "error.not_found")
	if !ValidID(personID) {
		return "", f.Err()
	}
	var jur, path string
	if err := q(ctx, `SELECT jurisdiction_id, org_path FROM people WHERE id = ?`, personID).Scan(&jur, &path); err != nil {
		if fault.Is(normalize(err), fault.NotFound) {
			return "", f.Err()
		}
		return "", err
	}
	if err := access.Check(p, perm, path); err != nil {
		if fault.Is(err, fault.NotFound) {
			return "", f.Err()
		}
		return "", err
	}
	if jurisdiction != "" && jur != jurisdiction {
		var g fault.Fields
		g.Add("person_id", "appraisal.other_jurisdiction")
		return "", g.Err()
	}
	return jur, nil
}
