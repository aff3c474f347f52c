package selection

import (
	"fmt"
	"strings"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

// Notice is what the 任前公示 notice says. Its words are filled by the
// caller from the registry (labels, not codes: "男", "汉族", "大学学历"),
// and Text sets them in the official wording.
type Notice struct {
	// Decider is the body that decided ("县委常委会"); Organ issues the
	// notice and receives objections ("中共正阳县委组织部").
	Decider string
	Organ   string
	Issued  civil.Date
	// Start and End are the publicity's first and last days.
	Start civil.Date
	End   civil.Date
	// Phone and Address are where objections may be reported; Postcode
	// is printed after the address when given.
	Phone      string
	Address    string
	Postcode   string
	Candidates []NoticeEntry
}

// NoticeEntry is one person publicised.
type NoticeEntry struct {
	Name      string
	Gender    string
	Ethnicity string
	// Born is the birth date, of which the notice prints year and month.
	Born         civil.Date
	Education    string
	CurrentPost  string
	ProposedPost string
}

// Validate requires everything Text prints but the postcode.
func (n Notice) Validate() error {
	var f fault.Fields
	required(&f, "decider", n.Decider)
	required(&f, "organ", n.Organ)
	requiredDate(&f, "issued", n.Issued)
	requiredDate(&f, "start", n.Start)
	if requiredDate(&f, "end", n.End) && n.End.Before(n.Start) {
		f.Add("end", "selection.end_before_start")
	}
	required(&f, "phone", n.Phone)
	required(&f, "address", n.Address)
	if len(n.Candidates) == 0 {
		f.Add("candidates", "field.required")
	}
	for i, c := range n.Candidates {
		field := fmt.Sprintf("candidates.%d.", i)
		for name, v := range map[string]string{
			"name": c.Name, "gender": c.Gender, "ethnicity": c.Ethnicity, "education": c.Education,
			"current_post": c.CurrentPost, "proposed_post": c.ProposedPost,
		} {
			required(&f, field+name, v)
		}
		requiredDate(&f, field+"born", c.Born)
	}
	return f.Err()
}

// Text returns the notice in Simplified Chinese, in the wording such
// notices use: heading, basis, the people publicised, the period, how to
// report, and the organ and date at the foot. Dates are written with
// Arabic numerals and no leading zeros, as GB/T 9704 sets them.
func (n Notice) Text() string {
	var b strings.Builder
	b.WriteString("任前公示\n\n")
	fmt.Fprintf(&b, "根据《党政领导干部选拔任用工作条例》有关规定，经%s研究，拟任用下列同志，现予以任前公示。\n\n", n.Decider)
	b.WriteString("一、公示对象\n\n")
	for i, c := range n.Candidates {
		fmt.Fprintf(&b, "%d. %s，%s，%s，%d年%d月生，%s，现任%s，拟任%s。\n",
			i+1, c.Name, c.Gender, c.Ethnicity, c.Born.Year, int(c.Born.Month), c.Education,
			strings.TrimSuffix(c.CurrentPost, "。"), strings.TrimSuffix(c.ProposedPost, "。"))
	}
	b.WriteString("\n二、公示时间\n\n")
	fmt.Fprintf(&b, "%s至%s。\n\n", chineseDate(n.Start), chineseDate(n.End))
	b.WriteString("三、反映方式\n\n")
	fmt.Fprintf(&b, "公示期间，单位或个人可通过来电、来信、来访等方式，向%s反映公示对象在政治品质、道德品行、"+
		"工作作风、廉洁自律等方面的情况和问题。反映问题要实事求是，提倡署真实姓名，并提供具体事实和线索，以便调查核实。\n\n", n.Organ)
	fmt.Fprintf(&b, "联系电话：%s\n", n.Phone)
	fmt.Fprintf(&b, "通讯地址：%s", n.Address)
	if n.Postcode != "" {
		fmt.Fprintf(&b, "（邮政编码：%s）", n.Postcode)
	}
	fmt.Fprintf(&b, "\n\n%s\n%s\n", n.Organ, chineseDate(n.Issued))
	return b.String()
}

// chineseDate writes d as "2025年10月9日".
func chineseDate(d civil.Date) string {
	return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
}
