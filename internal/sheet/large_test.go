package sheet

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"

	"github.com/xuri/excelize/v2"

	"zugong/internal/civil"
	"zugong/internal/person"
)

// largeRows is the size of the streaming tests' workbook.
const largeRows = 100_000

// largeWorkbook writes a People workbook of n valid rows, streaming.
func largeWorkbook(t testing.TB, n int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", anySlice(peopleHeaders)); err != nil {
		t.Fatal(err)
	}
	base := civil.MustParse("1960-01-01")
	row := make([]any, len(peopleHeaders))
	for i := 0; i < n; i++ {
		birth := base.AddDays(i / 400)
		id := idNumber(fmt.Sprintf("%04d%02d%02d", birth.Year, birth.Month, birth.Day), i%400*2+1)
		copy(row, personRow(fmt.Sprintf("张%c%c", '一'+rune(i%400), '丁'+rune(i/400%400)), id))
		row[indexOf(peopleHeaders, "出生日期")] = birth.String()
		row[indexOf(peopleHeaders, "入党时间")] = fmt.Sprintf("%d.07", birth.Year+25)
		row[indexOf(peopleHeaders, "参加工作时间")] = fmt.Sprintf("%d年7月", birth.Year+22)
		row[indexOf(peopleHeaders, "联系电话")] = fmt.Sprintf("138%08d", i)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// heapPeak samples the live heap; sample is called as work goes on.
type heapPeak struct {
	base, peak uint64
}

func newHeapPeak() *heapPeak {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return &heapPeak{base: ms.HeapAlloc}
}

func (h *heapPeak) sample() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if ms.HeapAlloc > h.peak {
		h.peak = ms.HeapAlloc
	}
}

func (h *heapPeak) growthMB() float64 {
	if h.peak < h.base {
		return 0
	}
	return float64(h.peak-h.base) / (1 << 20)
}

// TestReadStreams reads 100k rows and checks that memory holds rows, not
// the sheet: the sheet's XML (well over 100 MB unzipped) and its cells as
// strings would each exceed the bound; what is read goes by a row at a time.
func TestReadStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("100k rows")
	}
	data := largeWorkbook(t, largeRows)
	t.Logf("workbook: %.1f MB zipped", float64(len(data))/(1<<20))

	h := newHeapPeak()
	res := &Result{Kind: People}
	n := 0
	err := scan(bytes.NewReader(data), People, today, resolve, res, func(d *person.Dossier) {
		n++
		if n%5000 == 0 {
			h.sample()
		}
	})
	h.sample()
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() || n != largeRows || res.Rows != largeRows {
		t.Fatalf("read %d rows (%d dossiers), %d problems: %+v", res.Rows, n, res.ProblemCount, first(res.Problems))
	}
	t.Logf("row by row: heap grew by at most %.1f MB", h.growthMB())
	// The zipped file is in memory (excelize reads the upload whole) and the
	// duplicate-ID index holds 100k numbers; the sheet does not.
	if limit := 64.0 + float64(len(data))/(1<<20); h.growthMB() > limit {
		t.Errorf("heap grew by %.1f MB reading row by row, want under %.0f MB", h.growthMB(), limit)
	}

	// Read keeps the dossiers: the bound is theirs, loosely.
	h = newHeapPeak()
	full, err := Read(bytes.NewReader(data), People, today, resolve)
	if err != nil {
		t.Fatal(err)
	}
	if len(full.Dossiers) != largeRows {
		t.Fatalf("Read returned %d dossiers", len(full.Dossiers))
	}
	runtime.GC()
	h.sample()
	t.Logf("Read: %.1f MB live after, with the dossiers", h.growthMB())
	if h.growthMB() > 300 {
		t.Errorf("Read left %.1f MB live for 100k rows, want under 300 MB", h.growthMB())
	}
	runtime.KeepAlive(full)
}

// TestExportStreams writes 100k dossiers and checks the export does not
// hold them: the dossier given is the same one each time, and memory stays
// bounded by the stream writer's buffer.
func TestExportStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("100k rows")
	}
	d := memberDossier()
	h := newHeapPeak()
	n := 0
	var buf bytes.Buffer
	err := Export(&buf, PartyMembers, func(yield func(*person.Dossier, error) bool) {
		for n = 0; n < largeRows; n++ {
			if n%5000 == 0 {
				h.sample()
			}
			if !yield(&d, nil) {
				return
			}
		}
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("export: %.1f MB written, heap grew by at most %.1f MB while writing", float64(buf.Len())/(1<<20), h.growthMB())
	if h.growthMB() > 64 {
		t.Errorf("heap grew by %.1f MB writing rows, want under 64 MB", h.growthMB())
	}
}

func first(ps []Problem) []Problem {
	if len(ps) > 3 {
		return ps[:3]
	}
	return ps
}
