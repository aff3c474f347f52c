package selection

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"zugong/internal/civil"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func sampleNotice() Notice {
	return Notice{
		Decider:  "县委常委会",
		Organ:    "中共正阳县委组织部",
		Issued:   d("2025-09-25"),
		Start:    d("2025-09-26"),
		End:      d("2025-10-09"),
		Phone:    "0396-8911234",
		Address:  "正阳县真阳街道县委大院",
		Postcode: "463600",
		Candidates: []NoticeEntry{
			{Name: "张伟", Gender: "男", Ethnicity: "汉族", Born: d("1983-05-12"), Education: "大学学历",
				CurrentPost: "正阳县皮店乡党委副书记、乡长", ProposedPost: "正阳县皮店乡党委书记"},
			{Name: "李静", Gender: "女", Ethnicity: "回族", Born: d("1987-11-03"), Education: "研究生学历、硕士学位",
				CurrentPost: "正阳县发展和改革委员会副主任", ProposedPost: "正阳县兰青乡党委副书记（提名乡长人选）。"},
		},
	}
}

func TestNoticeText(t *testing.T) {
	golden := filepath.Join("testdata", "notice.golden")
	got := sampleNotice().Text()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read %s (run go test -update to create it): %v", golden, err)
	}
	if got != string(want) {
		t.Errorf("notice differs from %s (run go test -update to accept):\ngot:\n%s\nwant:\n%s", golden, got, want)
	}
}

func TestNoticeValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Notice)
		want   map[string]string
	}{
		{"a complete notice passes", func(*Notice) {}, nil},
		{"the postcode is optional", func(n *Notice) { n.Postcode = "" }, nil},
		{"no way to report", func(n *Notice) { n.Phone, n.Address = "", "" },
			map[string]string{"phone": "field.required", "address": "field.required"}},
		{"an end before the start", func(n *Notice) { n.End = d("2025-09-20") },
			map[string]string{"end": "selection.end_before_start"}},
		{"a candidate without birth or post", func(n *Notice) {
			n.Candidates[1].Born, n.Candidates[1].ProposedPost = civil.Date{}, ""
		}, map[string]string{"candidates.1.born": "field.required", "candidates.1.proposed_post": "field.required"}},
		{"nobody publicised", func(n *Notice) { n.Candidates = nil },
			map[string]string{"candidates": "field.required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := sampleNotice()
			tt.change(&n)
			wantFields(t, n.Validate(), tt.want)
		})
	}
}
