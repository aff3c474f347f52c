package access

import (
	"testing"

	"zugong/internal/fault"
)

func TestCheckScopes(t *testing.T) {
	p := &Principal{UserID: "u", Grants: []Grant{{Role: TownshipOrganiser, ScopePath: "/c/t1/"}}}
	tests := []struct {
		name string
		perm Permission
		path string
		want fault.Code
	}{
		{"own township", OrgRead, "/c/t1/", ""},
		{"village in own township", OrgWrite, "/c/t1/v9/", ""},
		{"other township is not found", OrgRead, "/c/t2/", fault.NotFound},
		{"county above is not found", OrgRead, "/c/", fault.NotFound},
		{"sibling with shared prefix is not found", OrgRead, "/c/t10/", fault.NotFound},
		{"permission held nowhere is forbidden", AuditRead, "/c/t1/", fault.Forbidden},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Check(p, tc.perm, tc.path)
			if got := codeOrEmpty(err); got != tc.want {
				t.Fatalf("Check(%s, %s) = %v, want code %q", tc.perm, tc.path, err, tc.want)
			}
		})
	}
	if err := Check(nil, OrgRead, "/c/"); fault.CodeOf(err) != fault.Unauthorized {
		t.Fatalf("nil principal: got %v, want unauthorized", err)
	}
}

func codeOrEmpty(err error) fault.Code {
	if err == nil {
		return ""
	}
	return fault.CodeOf(err)
}

func TestCheckCombination(t *testing.T) {
	tests := []struct {
		name  string
		roles []Role
		ok    bool
	}{
		{"one admin", []Role{SystemAdmin}, true},
		{"admin with business role", []Role{SystemAdmin, Leader}, true},
		{"system and security admin", []Role{SystemAdmin, SecurityAdmin}, false},
		{"security and audit admin", []Role{SecurityAdmin, AuditAdmin}, false},
		{"audit admin alone", []Role{AuditAdmin}, true},
		{"audit admin with reader role", []Role{AuditAdmin, Leader}, false},
		{"business roles", []Role{CountyStaff, Leader}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckCombination(tc.roles)
			if (err == nil) != tc.ok {
				t.Fatalf("CheckCombination(%v) = %v, want ok=%v", tc.roles, err, tc.ok)
			}
		})
	}
}

func TestAuditAdminChangesNothing(t *testing.T) {
	for _, perm := range AuditAdmin.Permissions() {
		if perm != AuditRead {
			t.Fatalf("audit admin carries %s; it must only read the audit trail", perm)
		}
	}
}

func TestMinimal(t *testing.T) {
	got := Minimal([]string{"/c/t1/", "/c/", "/c/t2/v/", "/x/", "/x/"})
	if len(got) != 2 || got[0] != "/c/" || got[1] != "/x/" {
		t.Fatalf("Minimal = %v, want [/c/ /x/]", got)
	}
}
