package sheet

import "zugong/internal/person"

// partyLayout is the PartyMembers kind: one row per party member, with the
// items of the national party-member collection. 所在支部 is the member's
// branch, resolved like 所属组织, and also the person's organisation (the
// model's rule for a member recorded by branch). 政治面貌 follows from 党员类别
// (中共党员 or 中共预备党员). 党籍状态 left empty reads as 正常.
var partyLayout = newLayout(PartyMembers, "sheet.sheet.party_members", []column{
	{key: "name", typ: textCell, required: true, max: maxName, width: 10},
	{key: "id_number", typ: idCell, required: true, width: 21, aliases: idAliases},
	{key: "gender", typ: codeCell, table: tableGender, width: 6},
	{key: "birth_date", typ: dateCell, width: 12},
	{key: "ethnicity", typ: codeCell, table: tableEthnicity, width: 10},
	{key: "education", typ: codeCell, table: tableEducation, width: 12},
	{key: "phone", typ: phoneCell, max: maxPhone, width: 14},
	{key: "address", typ: textCell, max: maxAddress, width: 24},
	{key: "branch", typ: orgCell, required: true, max: maxOrg, width: 24},
	{key: "party_category", typ: enumCell, enum: partyCategorySet, required: true, width: 12},
	{key: "party_join_date", typ: dateCell, required: true, width: 12},
	{key: "full_date", typ: dateCell, width: 12},
	{key: "standing", typ: enumCell, enum: standingSet, width: 10},
	{key: "party_post", typ: textCell, max: maxTitle, width: 14},
	{key: "lost_reason", typ: enumCell, enum: lostReasonSet, width: 18},
	{key: "lost_since", typ: dateCell, width: 12},
	{key: "floating_to", typ: textCell, max: maxAddress, width: 20},
	{key: "floating_since", typ: dateCell, width: 12},
})

func init() {
	partyLayout.build = buildMember
	partyLayout.flatten = flattenMember
	partyLayout.fields = memberFields
}

// memberFields maps the field names of person.Validate to the
// PartyMembers columns where they differ.
var memberFields = map[string]string{
	"full_time.level":            "education",
	"org_id":                     "branch",
	"political_status":           "party_category",
	"party.branch_id":            "branch",
	"party.category":             "party_category",
	"party.join_date":            "party_join_date",
	"party.full_date":            "full_date",
	"party.standing":             "standing",
	"party.party_post":           "party_post",
	"party.lost_contact":         "lost_reason",
	"party.lost_contact.reason":  "lost_reason",
	"party.lost_contact.since":   "lost_since",
	"party.floating":             "floating_to",
	"party.floating.destination": "floating_to",
	"party.floating.since":       "floating_since",
}

func buildMember(r record, fail func(col, key string, args ...any)) person.Dossier {
	p := masterRecord(r)
	p.FullTime = person.Education{Level: r.s("education")}
	p.OrgID = r.s("branch")
	m := &person.PartyMember{
		BranchID:  p.OrgID,
		Category:  person.PartyCategory(r.s("party_category")),
		JoinDate:  p.PartyJoinDate,
		FullDate:  r.d("full_date"),
		Standing:  person.PartyStanding(r.s("standing")),
		PartyPost: r.s("party_post"),
	}
	if m.Standing == "" {
		m.Standing = person.StandingNormal
	}
	switch m.Category {
	case person.FullMember:
		p.PoliticalStatus = politicalMember
	case person.ProbationaryMember:
		p.PoliticalStatus = politicalProbationary
	}
	if reason, since := r.s("lost_reason"), r.d("lost_since"); reason != "" || !since.IsZero() {
		if r.read("lost_reason") && r.read("lost_since") {
			bothOrNone(reason != "", !since.IsZero(), "lost_reason", "lost_since", fail)
		}
		m.LostContact = &person.LostContact{Reason: person.LostContactReason(reason), Since: since}
	}
	if to, since := r.s("floating_to"), r.d("floating_since"); to != "" || !since.IsZero() {
		if to == "" && r.read("floating_to") {
			fail("floating_to", "sheet.cell.required_with", colRef("floating_since"))
		}
		m.Floating = &person.Floating{Destination: to, Since: since}
	}
	return person.Dossier{Person: p, Party: m}
}

// bothOrNone reports the empty one of two cells that go together.
func bothOrNone(a, b bool, keyA, keyB string, fail func(col, key string, args ...any)) {
	switch {
	case a && !b:
		fail(keyB, "sheet.cell.required_with", colRef(keyA))
	case b && !a:
		fail(keyA, "sheet.cell.required_with", colRef(keyB))
	}
}

func flattenMember(d *person.Dossier, r record) {
	p := &d.Person
	flattenMaster(p, r)
	r.setS("education", p.FullTime.Level)
	m := d.Party
	if m == nil {
		r.setS("branch", p.OrgID)
		return
	}
	r.setS("branch", m.BranchID)
	r.setS("party_category", string(m.Category))
	if !m.JoinDate.IsZero() {
		r.setD("party_join_date", m.JoinDate)
	}
	r.setD("full_date", m.FullDate)
	r.setS("standing", string(m.Standing))
	r.setS("party_post", m.PartyPost)
	if lc := m.LostContact; lc != nil {
		r.setS("lost_reason", string(lc.Reason))
		r.setD("lost_since", lc.Since)
	}
	if fl := m.Floating; fl != nil {
		r.setS("floating_to", fl.Destination)
		r.setD("floating_since", fl.Since)
	}
}
