package store

import (
	"context"
	"encoding/json"
	"fmt"

	"zugong/internal/access"
	"zugong/internal/audit"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/org"
)

// Record implements org.Service. The change is validated on its own, then
// against the locked records it touches (rules in package org), then
// applied, kept as one or more events and audited, all in one transaction.
func (s *OrgService) Record(ctx context.Context, c org.Change) (*org.Org, *org.Event, error) {
	p, err := access.Require(ctx, access.OrgWrite)
	if err != nil {
		return nil, nil, err
	}
	if err := c.Validate(s.today()); err != nil {
		return nil, nil, err
	}
	var result *org.Org
	var event *org.Event
	err = s.db.Write(ctx, func(tx *Tx) error {
		ch := &changer{s: s, tx: tx, p: p, c: c}
		var err error
		switch c.Kind {
		case org.Establish:
			result, event, err = ch.establish(ctx)
		case org.Rename:
			result, event, err = ch.rename(ctx)
		case org.Reparent:
			result, event, err = ch.reparent(ctx)
		case org.Merge:
			result, event, err = ch.merge(ctx)
		case org.Split:
			result, event, err = ch.split(ctx)
		case org.Dissolve:
			result, event, err = ch.dissolve(ctx)
		}
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return result, event, nil
}

// changer applies one change inside a transaction.
type changer struct {
	s  *OrgService
	tx *Tx
	p  *access.Principal
	c  org.Change
}

// lock reads an organisation for update and checks the principal may change it.
func (ch *changer) lock(ctx context.Context, id string) (*org.Org, error) {
	o, err := ch.s.load(ctx, ch.tx.QueryRow, id)
	if err != nil {
		return nil, err
	}
	if err := access.Check(ch.p, access.OrgWrite, o.Path); err != nil {
		return nil, err
	}
	if ch.tx.db.dialect == Postgres {
		if _, err := ch.tx.Exec(ctx, `SELECT 1 FROM orgs WHERE jurisdiction_id = ? AND id = ? FOR UPDATE`, o.JurisdictionID, o.ID); err != nil {
			return nil, err
		}
		return ch.s.load(ctx, ch.tx.QueryRow, id)
	}
	return o, nil
}

func (ch *changer) establish(ctx context.Context) (*org.Org, *org.Event, error) {
	if ch.c.ParentID == "" {
		return ch.establishRoot(ctx)
	}
	parent, err := ch.lock(ctx, ch.c.ParentID)
	if err != nil {
		return nil, nil, err
	}
	if err := org.CheckPlacement(ch.c.Unit.Kind, parent); err != nil {
		return nil, nil, err
	}
	if err := org.CheckEffective(parent, ch.c.EffectiveOn); err != nil {
		return nil, nil, err
	}
	o, err := ch.insert(ctx, parent, ch.c.Unit, ch.c.EffectiveOn)
	if err != nil {
		return nil, nil, err
	}
	e, err := ch.event(ctx, o, org.Establish, map[string]any{"parent_id": parent.ID, "name": o.Name, "kind": o.Kind})
	return o, e, err
}

// establishRoot creates a jurisdiction with no parent: the top of a county's
// or a city's tree. Only the operator may, from the command line.
func (ch *changer) establishRoot(ctx context.Context) (*org.Org, *org.Event, error) {
	if !ch.p.Operator {
		return nil, nil, fault.New(fault.Forbidden, "error.forbidden")
	}
	root := &org.Org{Path: "/", Depth: -1, Kind: org.City, Status: org.Active}
	o, err := ch.insert(ctx, root, ch.c.Unit, ch.c.EffectiveOn)
	if err != nil {
		return nil, nil, err
	}
	e, err := ch.event(ctx, o, org.Establish, map[string]any{"name": o.Name, "kind": o.Kind, "root": true})
	return o, e, err
}

func (ch *changer) insert(ctx context.Context, parent *org.Org, u org.NewUnit, founded civil.Date) (*org.Org, error) {
	now := ch.tx.Now()
	o := &org.Org{
		JurisdictionID: parent.JurisdictionID, ID: NewID(), ParentID: parent.ID,
		Depth: parent.Depth + 1, Name: u.Name, ShortName: u.ShortName, Kind: u.Kind, Sector: u.Sector,
		DivisionCode: u.DivisionCode, FoundedOn: founded, Status: org.Active, Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	o.Path = parent.ChildPath(o.ID)
	if u.Kind.Jurisdictional() {
		o.JurisdictionID = o.ID
	}
	if u.Kind.Party() && parent.Kind.Party() {
		o.PartyParentID = parent.ID
	}
	return o, insertOrg(ctx, ch.tx, o)
}

func insertOrg(ctx context.Context, tx *Tx, o *org.Org) error {
	_, err := tx.Exec(ctx, `INSERT INTO orgs (`+orgColumns+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, orgValues(o)...)
	if err != nil {
		return fmt.Errorf("insert org: %w", err)
	}
	return nil
}

func orgValues(o *org.Org) []any {
	return []any{o.JurisdictionID, o.ID, o.ParentID, o.PartyParentID, o.Path, o.Depth, o.Name, o.ShortName,
		string(o.Kind), string(o.Sector), o.DivisionCode, o.FoundedOn, o.DissolvedOn, string(o.Status), o.Version,
		o.CreatedAt.UnixMicro(), o.UpdatedAt.UnixMicro()}
}

func (ch *changer) rename(ctx context.Context) (*org.Org, *org.Event, error) {
	o, err := ch.lock(ctx, ch.c.OrgID)
	if err != nil {
		return nil, nil, err
	}
	if o.Status != org.Active {
		return nil, nil, fault.New(fault.Conflict, "error.org.inactive")
	}
	if err := org.CheckEffective(o, ch.c.EffectiveOn); err != nil {
		return nil, nil, err
	}
	detail := map[string]any{"old_name": o.Name, "new_name": ch.c.NewName, "old_short_name": o.ShortName, "new_short_name": ch.c.NewShortName}
	o.Name, o.ShortName = ch.c.NewName, ch.c.NewShortName
	if err := ch.touch(ctx, o, `name = ?, short_name = ?`, o.Name, o.ShortName); err != nil {
		return nil, nil, err
	}
	e, err := ch.event(ctx, o, org.Rename, detail)
	return o, e, err
}

// touch updates columns of o and bumps its version.
func (ch *changer) touch(ctx context.Context, o *org.Org, set string, args ...any) error {
	o.Version++
	o.UpdatedAt = ch.tx.Now()
	args = append(args, o.Version, o.UpdatedAt.UnixMicro(), o.JurisdictionID, o.ID)
	return ch.tx.ExecOne(ctx, `UPDATE orgs SET `+set+`, version = ?, updated_at = ? WHERE jurisdiction_id = ? AND id = ?`, args...)
}

func (ch *changer) reparent(ctx context.Context) (*org.Org, *org.Event, error) {
	o, err := ch.lock(ctx, ch.c.OrgID)
	if err != nil {
		return nil, nil, err
	}
	target, err := ch.lock(ctx, ch.c.TargetID)
	if err != nil {
		return nil, nil, err
	}
	if err := org.CheckMove(o, target); err != nil {
		return nil, nil, err
	}
	detail := map[string]any{"old_parent_id": o.ParentID, "new_parent_id": target.ID}
	if err := ch.move(ctx, o, target); err != nil {
		return nil, nil, err
	}
	e, err := ch.event(ctx, o, org.Reparent, detail)
	return o, e, err
}

// move re-roots o's subtree under target: every path in it changes prefix.
func (ch *changer) move(ctx context.Context, o, target *org.Org) error {
	newPath := target.ChildPath(o.ID)
	lo, hi := subtreeRange(o.Path)
	now := ch.tx.Now().UnixMicro()
	if _, err := ch.tx.Exec(ctx, `UPDATE orgs SET path = CAST(? AS TEXT) || substr(path, CAST(? AS INTEGER)),
		depth = depth + CAST(? AS INTEGER), updated_at = ? WHERE jurisdiction_id = ? AND path >= ? AND path < ?`,
		newPath, len(o.Path)+1, target.Depth+1-o.Depth, now, o.JurisdictionID, lo, hi); err != nil {
		return fmt.Errorf("move subtree: %w", err)
	}
	if err := repathPeople(ctx, ch.tx, o.JurisdictionID, o.Path, newPath); err != nil {
		return fmt.Errorf("move the subtree's people: %w", err)
	}
	if err := repathDevelopment(ctx, ch.tx, o.JurisdictionID, o.Path, newPath); err != nil {
		return fmt.Errorf("move the subtree's training and secondments: %w", err)
	}
	o.Path, o.Depth, o.ParentID = newPath, target.Depth+1, target.ID
	party := o.PartyParentID
	if o.Kind.Party() && target.Kind.Party() {
		party = target.ID
	}
	o.PartyParentID = party
	return ch.touch(ctx, o, `parent_id = ?, party_parent_id = ?`, target.ID, party)
}

func (ch *changer) activeChildren(ctx context.Context, o *org.Org) ([]org.Org, error) {
	rows, err := ch.tx.Query(ctx, `SELECT `+orgColumns+` FROM orgs WHERE jurisdiction_id = ? AND parent_id = ? AND status = ?`,
		o.JurisdictionID, o.ID, string(org.Active))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []org.Org
	for rows.Next() {
		c, err := scanOrg(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (ch *changer) merge(ctx context.Context) (*org.Org, *org.Event, error) {
	o, err := ch.lock(ctx, ch.c.OrgID)
	if err != nil {
		return nil, nil, err
	}
	target, err := ch.lock(ctx, ch.c.TargetID)
	if err != nil {
		return nil, nil, err
	}
	children, err := ch.activeChildren(ctx, o)
	if err != nil {
		return nil, nil, err
	}
	if err := org.CheckMerge(o, target, children); err != nil {
		return nil, nil, err
	}
	if err := org.CheckEffective(o, ch.c.EffectiveOn); err != nil {
		return nil, nil, err
	}
	moved := make([]string, len(children))
	for i := range children {
		if err := ch.move(ctx, &children[i], target); err != nil {
			return nil, nil, err
		}
		moved[i] = children[i].ID
	}
	o.Status, o.DissolvedOn = org.Merged, ch.c.EffectiveOn
	if err := ch.touch(ctx, o, `status = ?, dissolved_on = ?`, string(o.Status), o.DissolvedOn); err != nil {
		return nil, nil, err
	}
	detail := map[string]any{"merged_into": target.ID, "merged_from": o.ID, "moved_children": moved}
	if _, err := ch.event(ctx, target, org.Merge, detail); err != nil {
		return nil, nil, err
	}
	e, err := ch.event(ctx, o, org.Merge, detail)
	return o, e, err
}

func (ch *changer) split(ctx context.Context) (*org.Org, *org.Event, error) {
	o, err := ch.lock(ctx, ch.c.OrgID)
	if err != nil {
		return nil, nil, err
	}
	if o.Status != org.Active {
		return nil, nil, fault.New(fault.Conflict, "error.org.inactive")
	}
	if o.ParentID == "" {
		return nil, nil, fault.New(fault.Conflict, "error.org.root")
	}
	parent, err := ch.lock(ctx, o.ParentID)
	if err != nil {
		return nil, nil, err
	}
	if err := org.CheckEffective(o, ch.c.EffectiveOn); err != nil {
		return nil, nil, err
	}
	if !ch.c.KeepOriginal {
		children, err := ch.activeChildren(ctx, o)
		if err != nil {
			return nil, nil, err
		}
		if err := org.CheckDissolve(o, len(children)); err != nil {
			return nil, nil, err
		}
	}
	var parts []string
	for _, u := range ch.c.Parts {
		if err := org.CheckPlacement(u.Kind, parent); err != nil {
			return nil, nil, err
		}
		n, err := ch.insert(ctx, parent, u, ch.c.EffectiveOn)
		if err != nil {
			return nil, nil, err
		}
		if _, err := ch.event(ctx, n, org.Establish, map[string]any{"split_from": o.ID, "name": n.Name, "kind": n.Kind}); err != nil {
			return nil, nil, err
		}
		parts = append(parts, n.ID)
	}
	if !ch.c.KeepOriginal {
		o.Status, o.DissolvedOn = org.Dissolved, ch.c.EffectiveOn
		if err := ch.touch(ctx, o, `status = ?, dissolved_on = ?`, string(o.Status), o.DissolvedOn); err != nil {
			return nil, nil, err
		}
	}
	e, err := ch.event(ctx, o, org.Split, map[string]any{"parts": parts, "kept_original": ch.c.KeepOriginal})
	return o, e, err
}

func (ch *changer) dissolve(ctx context.Context) (*org.Org, *org.Event, error) {
	o, err := ch.lock(ctx, ch.c.OrgID)
	if err != nil {
		return nil, nil, err
	}
	children, err := ch.activeChildren(ctx, o)
	if err != nil {
		return nil, nil, err
	}
	if err := org.CheckDissolve(o, len(children)); err != nil {
		return nil, nil, err
	}
	if err := org.CheckEffective(o, ch.c.EffectiveOn); err != nil {
		return nil, nil, err
	}
	o.Status, o.DissolvedOn = org.Dissolved, ch.c.EffectiveOn
	if err := ch.touch(ctx, o, `status = ?, dissolved_on = ?`, string(o.Status), o.DissolvedOn); err != nil {
		return nil, nil, err
	}
	e, err := ch.event(ctx, o, org.Dissolve, map[string]any{})
	return o, e, err
}

// event keeps the change as history of o and audits it.
func (ch *changer) event(ctx context.Context, o *org.Org, kind org.EventKind, detail map[string]any) (*org.Event, error) {
	b, err := json.Marshal(detail)
	if err != nil {
		return nil, fmt.Errorf("encode event detail: %w", err)
	}
	e := &org.Event{
		JurisdictionID: o.JurisdictionID, ID: NewID(), OrgID: o.ID, Kind: kind, EffectiveOn: ch.c.EffectiveOn,
		DocumentNo: ch.c.DocumentNo, Note: ch.c.Note, Detail: string(b), RecordedBy: ch.p.Login, RecordedAt: ch.tx.Now(),
	}
	if err := insertOrgEvent(ctx, ch.tx, e); err != nil {
		return nil, err
	}
	err = ch.tx.Audit(ctx, audit.Event{
		JurisdictionID: o.JurisdictionID, ActorID: ch.p.UserID, ActorLogin: ch.p.Login, IP: ch.p.IP,
		Action: "org." + string(kind), TargetKind: "org", TargetID: o.ID, Detail: string(b),
	})
	return e, err
}

func insertOrgEvent(ctx context.Context, tx *Tx, e *org.Event) error {
	_, err := tx.Exec(ctx, `INSERT INTO org_events (jurisdiction_id, id, org_id, kind, effective_on, document_no, note, detail,
		recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?)`, e.JurisdictionID, e.ID, e.OrgID, string(e.Kind), e.EffectiveOn,
		e.DocumentNo, e.Note, e.Detail, e.RecordedBy, e.RecordedAt.UnixMicro())
	if err != nil {
		return fmt.Errorf("insert org event: %w", err)
	}
	return nil
}
