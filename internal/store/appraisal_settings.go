package store

import (
	"context"
	"encoding/json"
	"fmt"

	"zugong/internal/access"
	"zugong/internal/appraisal"
	"zugong/internal/fault"
)

// RecommendConfig returns the thresholds of the promotion and adjustment
// lists in the principal's jurisdiction: the ones the department set, or
// the defaults.
func (s *AppraisalService) RecommendConfig(ctx context.Context) (appraisal.RecommendConfig, error) {
	p, err := access.Require(ctx, access.AppraisalRead)
	if err != nil {
		return appraisal.RecommendConfig{}, err
	}
	return s.recommendConfig(ctx, p.JurisdictionID)
}

// recommendConfig reads a jurisdiction's thresholds, or the defaults.
func (s *AppraisalService) recommendConfig(ctx context.Context, jurisdiction string) (appraisal.RecommendConfig, error) {
	cfg := appraisal.DefaultRecommendConfig()
	var levels string
	err := s.db.QueryRow(ctx, `SELECT promote_percent, adjust_percent, levels FROM appraisal_settings WHERE jurisdiction_id = ?`,
		jurisdiction).Scan(&cfg.PromotePercent, &cfg.AdjustPercent, &levels)
	switch err = normalize(err); {
	case fault.Is(err, fault.NotFound):
		return appraisal.DefaultRecommendConfig(), nil
	case err != nil:
		return cfg, fmt.Errorf("read the appraisal settings: %w", err)
	}
	cfg.Levels = map[string]appraisal.LevelRule{}
	if err := json.Unmarshal([]byte(levels), &cfg.Levels); err != nil {
		return cfg, fmt.Errorf("read the appraisal settings: %w", err)
	}
	return cfg, nil
}

// SetRecommendConfig sets the thresholds of the principal's jurisdiction:
// a department decision, so it needs access.AppraisalManage over the whole
// jurisdiction.
func (s *AppraisalService) SetRecommendConfig(ctx context.Context, cfg appraisal.RecommendConfig) error {
	p, err := access.Require(ctx, access.AppraisalManage)
	if err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	root, err := s.db.Orgs().load(ctx, s.db.QueryRow, p.JurisdictionID)
	if err != nil {
		return err
	}
	if err := access.Check(p, access.AppraisalManage, root.Path); err != nil {
		return err
	}
	levels, err := json.Marshal(cfg.Levels)
	if err != nil {
		return fmt.Errorf("encode the level rules: %w", err)
	}
	return s.db.Write(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO appraisal_settings (jurisdiction_id, promote_percent, adjust_percent, levels,
			updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (jurisdiction_id) DO UPDATE SET
			promote_percent = excluded.promote_percent, adjust_percent = excluded.adjust_percent, levels = excluded.levels,
			updated_at = excluded.updated_at`, root.JurisdictionID, cfg.PromotePercent, cfg.AdjustPercent, string(levels),
			tx.Now().UnixMicro()); err != nil {
			return fmt.Errorf("save the appraisal settings: %w", err)
		}
		return tx.Audit(ctx, appraisalAudit(p, root.JurisdictionID, "appraisal.settings", "appraisal_settings",
			root.JurisdictionID, map[string]any{"promote_percent": cfg.PromotePercent, "adjust_percent": cfg.AdjustPercent,
				"levels": cfg.Levels}))
	})
}
