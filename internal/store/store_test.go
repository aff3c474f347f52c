package store_test

import (
	"context"
	"testing"

	"zugong/internal/audit"
	"zugong/internal/store"
	"zugong/internal/store/storetest"
)

func TestMigrateIsIdempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		applied, err := db.Migrate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(applied) != 0 {
			t.Fatalf("second migrate applied %v, want nothing", applied)
		}
	})
}

func TestWriteWithoutAuditIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		err := db.Write(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, `INSERT INTO audit_heads (jurisdiction_id, seq, hash) VALUES ('x', 0, '')`)
			return err
		})
		if err == nil {
			t.Fatal("a write without an audit event committed")
		}
		var n int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM audit_heads WHERE jurisdiction_id = 'x'`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("rows after refused write: %d, %v; want 0", n, err)
		}
	})
}

func TestAuditChainDetectsEdits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for i := 0; i < 5; i++ {
			for _, j := range []string{"j1", "j2"} {
				if err := db.Write(ctx, func(tx *store.Tx) error {
					return tx.Audit(ctx, audit.Event{JurisdictionID: j, Action: "test.write", ActorLogin: "t"})
				}); err != nil {
					t.Fatal(err)
				}
			}
		}
		v, err := db.VerifyAudit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Findings) != 0 || v.Checked != 10 {
			t.Fatalf("untouched: checked %d, findings %v", v.Checked, v.Findings)
		}
		if _, err := db.RawExec(ctx, `UPDATE audit_events SET actor_login = 'mallory' WHERE jurisdiction_id = 'j2' AND seq = 3`); err != nil {
			t.Fatal(err)
		}
		v, err = db.VerifyAudit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Findings) != 1 || v.Findings[0].JurisdictionID != "j2" || v.Findings[0].Seq != 3 || v.Findings[0].Problem != audit.Altered {
			t.Fatalf("edited j2#3: findings %v", v.Findings)
		}
	})
}
