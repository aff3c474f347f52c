package store

import (
	"context"
	"fmt"

	"zugong/internal/access"
	"zugong/internal/auth"
	"zugong/internal/fault"
)

// IDByLogin returns the ID of the account with login, if the principal may
// read it. The command line uses it to name accounts by login.
func (s *UserService) IDByLogin(ctx context.Context, login string) (string, error) {
	var id string
	if err := s.db.QueryRow(ctx, `SELECT id FROM users WHERE login = ?`, normalizeLogin(login)).Scan(&id); err != nil {
		return "", normalize(err)
	}
	if _, _, err := s.loadIn(ctx, access.UserRead, id); err != nil {
		return "", err
	}
	return id, nil
}

// ProvisionTOTP turns on a second factor with a secret chosen by the
// server's operator, as when a hardware token with a known seed is issued to
// a user (and for the demo accounts, whose keys are printed). Only the
// operator may: an administrator on the web cannot learn a user's secret.
func (s *UserService) ProvisionTOTP(ctx context.Context, id, secret string) error {
	p := access.From(ctx)
	if p == nil || !p.Operator {
		return fault.New(fault.Forbidden, "error.forbidden")
	}
	r, err := s.load(ctx, id)
	if err != nil {
		return err
	}
	if _, err := auth.Code(secret, s.db.Now()); err != nil {
		var f fault.Fields
		f.Add("secret", "field.invalid_choice")
		return f.Err()
	}
	sealed, err := s.db.vault.Seal([]byte(secret), []byte(totpAAD))
	if err != nil {
		return err
	}
	now := s.db.Now().UnixMicro()
	err = s.db.Write(ctx, func(tx *Tx) error {
		if err := tx.ExecOne(ctx, `UPDATE users SET totp_secret_sealed = ?, totp_enabled = ?, totp_last_step = 0,
			version = version + 1, updated_at = ? WHERE id = ?`, sealed, true, now, r.ID); err != nil {
			return err
		}
		return tx.Audit(ctx, userAudit(p, r.JurisdictionID, "auth.mfa_provision", "users", r.ID, map[string]any{"login": r.Login}))
	})
	if err != nil {
		return err
	}
	invalidatePrincipals()
	return nil
}

// LinkPerson links an account to the registry person it belongs to, for the
// self-service roles: a talent account acts for that person only. The
// person must be in the account's jurisdiction and visible to the
// administrator; an empty personID removes the link.
func (s *UserService) LinkPerson(ctx context.Context, userID, personID string) error {
	p, r, err := s.loadIn(ctx, access.UserManage, userID)
	if err != nil {
		return err
	}
	if personID != "" {
		var jurisdiction, path string
		if !ValidID(personID) {
			return linkPersonInvalid()
		}
		err := s.db.QueryRow(ctx, `SELECT jurisdiction_id, org_path FROM people WHERE id = ?`, personID).Scan(&jurisdiction, &path)
		if err = normalize(err); fault.Is(err, fault.NotFound) {
			return linkPersonInvalid()
		}
		if err != nil {
			return fmt.Errorf("read person %s: %w", personID, err)
		}
		if jurisdiction != r.JurisdictionID || access.Check(p, access.UserManage, path) != nil {
			return linkPersonInvalid()
		}
	}
	err = s.db.Write(ctx, func(tx *Tx) error {
		if err := tx.ExecOne(ctx, `UPDATE users SET person_id = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			personID, tx.Now().UnixMicro(), r.ID); err != nil {
			return err
		}
		return tx.Audit(ctx, userAudit(p, r.JurisdictionID, "user.person", "users", r.ID,
			map[string]any{"login": r.Login, "person_id": personID}))
	})
	if err != nil {
		return err
	}
	invalidatePrincipals()
	return nil
}

func linkPersonInvalid() error {
	var f fault.Fields
	f.Add("person_id", "field.invalid_choice")
	return f.Err()
}
