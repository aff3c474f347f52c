package store

import (
	"context"

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
