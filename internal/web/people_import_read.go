package web

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"mime/multipart"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/i18n"
	"zugong/internal/lrmx"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/sheet"
)

// maxSheetInZip bounds an .xlsx inside an uploaded .zip, unpacked.
const maxSheetInZip = 64 << 20

// importOrigin is where a dossier of an upload came from.
type importOrigin struct {
	file   string
	record int
}

// importBatch is an upload read: the dossiers, where each came from, and
// every problem found.
type importBatch struct {
	dossiers []person.Dossier
	origins  []importOrigin
	problems []ImportProblem
	// count counts every problem, including those a workbook reader found
	// but did not keep.
	count int
	// sheets holds the problems of each workbook that had any.
	sheets []sheetProblems
}

type sheetProblems struct {
	file     string
	problems []sheet.Problem
}

func (b *importBatch) problem(p ImportProblem) {
	b.problems = append(b.problems, p)
	b.count++
}

func (b *importBatch) add(d person.Dossier, o importOrigin) {
	b.dossiers = append(b.dossiers, d)
	b.origins = append(b.origins, o)
}

// storeProblems takes the problems the registry found with the dossiers
// (fields "rows.N.field", N counting the upload's dossiers) into b, placed
// in their files. It reports false for an error that is not such a list.
func (b *importBatch) storeProblems(c *i18n.Catalog, err error) bool {
	e, ok := fault.As(err)
	if !ok || len(e.Fields) == 0 || (e.Code != fault.Invalid && e.Code != fault.Conflict) {
		return false
	}
	type located struct {
		row   int
		field string
		fe    fault.FieldError
	}
	var all []located
	for name, fe := range e.Fields {
		row, field, ok := fault.SplitRowField(name)
		if !ok || row >= len(b.dossiers) {
			row, field = -1, name
		}
		all = append(all, located{row, field, fe})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].row != all[j].row {
			return all[i].row < all[j].row
		}
		return all[i].field < all[j].field
	})
	for _, l := range all {
		p := ImportProblem{Header: l.field, Reason: Message{Key: l.fe.Key, Args: l.fe.Args}}
		if l.row >= 0 {
			o := b.origins[l.row]
			p.File, p.Record = o.file, o.record
			p.HeaderKey, p.Header = fieldHeader(c, l.field)
			p.Value = fieldValue(&b.dossiers[l.row], l.field)
		}
		b.problem(p)
	}
	return true
}

// fieldColumns names the workbook column of a dossier field where the two
// are spelt differently.
var fieldColumns = map[string]string{
	"native_place.code": "native_place", "birthplace.code": "birthplace",
	"full_time.level": "ft_level", "full_time.degree": "ft_degree",
	"in_service.level": "is_level", "in_service.degree": "is_degree",
	"org_id": "org", "party.branch_id": "branch", "party.category": "party_category",
	"party.full_date": "full_date", "party.standing": "standing", "party.join_date": "party_join_date",
}

// fieldHeader is the catalog key of the workbook header of a dossier field
// (the words the template uses), or the field itself when no column holds
// it.
func fieldHeader(c *i18n.Catalog, field string) (key, text string) {
	col := field
	if name, ok := fieldColumns[field]; ok {
		col = name
	}
	if k := "sheet.col." + col; c.Has(k) {
		return k, ""
	}
	return "", field
}

// fieldValue is the value of a master-record field of d as the problem
// table shows it; "" for fields it does not show.
func fieldValue(d *person.Dossier, field string) string {
	p := &d.Person
	date := func(c civil.Date) string {
		if c.IsZero() {
			return ""
		}
		return c.String()
	}
	switch field {
	case "name":
		return p.Name
	case "gender":
		return p.Gender
	case "birth_date":
		return date(p.BirthDate)
	case "id_number":
		return p.IDNumber
	case "ethnicity":
		return p.Ethnicity
	case "health":
		return p.Health
	case "political_status":
		return p.PoliticalStatus
	case "native_place.code":
		return p.NativePlace.Code
	case "birthplace.code":
		return p.Birthplace.Code
	case "party_join_date":
		return date(p.PartyJoinDate)
	case "work_start_date":
		return date(p.WorkStartDate)
	case "phone":
		return p.Phone
	case "org_id":
		return p.OrgID
	}
	return ""
}

// uploadReader reads the files of an upload by their extensions: LRMX,
// LRM (with the .pic files of the same upload), workbooks of kind, and zip
// archives of these.
type uploadReader struct {
	catalog *i18n.Catalog
	kind    sheet.Kind
	today   civil.Date
	resolve func(string) (string, bool)
	files   []*multipart.FileHeader
	b       importBatch
}

// read reads every file, checks every dossier, and finds ID numbers that
// more than one file gives.
func (u *uploadReader) read() (*importBatch, error) {
	for _, fh := range u.files {
		if err := u.file(fh); err != nil {
			return nil, err
		}
	}
	u.repeatedIDs()
	return &u.b, nil
}

// uploadName is the base name of an uploaded file; some browsers send the
// whole path.
func uploadName(fh *multipart.FileHeader) string {
	n := fh.Filename
	if i := strings.LastIndexAny(n, `/\`); i >= 0 {
		n = n[i+1:]
	}
	return n
}

func (u *uploadReader) file(fh *multipart.FileHeader) error {
	name := uploadName(fh)
	ext := strings.ToLower(path.Ext(name))
	if ext == ".pic" {
		return nil // the photo of an .lrm, read with it
	}
	if ext != ".xlsx" && ext != ".lrmx" && ext != ".lrm" && ext != ".zip" {
		u.b.problem(ImportProblem{File: name, Reason: Message{Key: "import.file_type", Args: []any{name}}})
		return nil
	}
	f, err := fh.Open()
	if err != nil {
		return fmt.Errorf("open upload %s: %w", name, err)
	}
	defer f.Close()
	switch ext {
	case ".xlsx":
		return u.sheet(name, f)
	case ".zip":
		sheets, err := u.zipSheets(name, f, fh.Size)
		if err != nil {
			return err
		}
		return u.entries(lrmx.DecodeFile(name, f, fh.Size, nil), sheets > 0)
	}
	return u.entries(lrmx.DecodeFile(name, f, fh.Size, u.sibling), false)
}

// sibling returns an uploaded file by name, for the .pic of an .lrm.
func (u *uploadReader) sibling(name string) ([]byte, error) {
	for _, fh := range u.files {
		if !strings.EqualFold(uploadName(fh), name) {
			continue
		}
		if fh.Size > lrmx.MaxFileSize {
			return nil, fmt.Errorf("%s: larger than %d bytes", name, lrmx.MaxFileSize)
		}
		f, err := fh.Open()
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return io.ReadAll(f)
	}
	return nil, fs.ErrNotExist
}

// sheet reads a workbook.
func (u *uploadReader) sheet(name string, r io.Reader) error {
	res, err := sheet.Read(r, u.kind, u.today, u.resolve)
	if err != nil {
		if e, ok := fault.As(err); ok && e.Code == fault.Invalid {
			u.b.problem(ImportProblem{File: name, Reason: Message{Key: e.Key, Args: e.Args}})
			return nil
		}
		return fmt.Errorf("read %s: %w", name, err)
	}
	for _, p := range res.Problems {
		u.b.problems = append(u.b.problems, ImportProblem{File: name, Row: p.Row, Column: p.Column, Header: p.Header,
			Value: p.Value, Reason: Message{Key: p.Key, Args: p.Args}})
	}
	u.b.count += res.ProblemCount
	if len(res.Problems) > 0 {
		u.b.sheets = append(u.b.sheets, sheetProblems{file: name, problems: res.Problems})
	}
	for i := range res.Dossiers {
		u.b.add(res.Dossiers[i], importOrigin{file: name, record: i + 1})
	}
	return nil
}

// zipSheets reads the workbooks at the top of an archive and reports how
// many there were; lrmx.DecodeFile reads the person files.
func (u *uploadReader) zipSheets(name string, r io.ReaderAt, size int64) (int, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return 0, nil // DecodeFile reports the broken archive
	}
	n := 0
	for _, zf := range zr.File {
		member := zipMemberName(zf)
		if zf.FileInfo().IsDir() || strings.ToLower(path.Ext(member)) != ".xlsx" ||
			strings.HasPrefix(member, "__MACOSX/") || strings.HasPrefix(path.Base(member), "._") {
			continue
		}
		n++
		full := name + "/" + member
		if zf.UncompressedSize64 > maxSheetInZip {
			u.b.problem(ImportProblem{File: full, Reason: Message{Key: "import.too_large", Args: []any{maxSheetInZip >> 20}}})
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			u.b.problem(ImportProblem{File: full, Reason: Message{Key: "lrmx.zip", Args: []any{full}}})
			continue
		}
		err = u.sheet(full, rc)
		rc.Close()
		if err != nil {
			return 0, err
		}
	}
	return n, nil
}

// zipMemberName is a member's path; archives made on Chinese Windows name
// members in GBK without saying so.
func zipMemberName(f *zip.File) string {
	if f.NonUTF8 && !utf8.ValidString(f.Name) {
		if n, err := simplifiedchinese.GBK.NewDecoder().String(f.Name); err == nil {
			return n
		}
	}
	return f.Name
}

// entries takes the person files DecodeFile read, checking each dossier as
// the registry will. An archive that held only workbooks (hadSheets) is no
// empty archive.
func (u *uploadReader) entries(es []lrmx.Entry, hadSheets bool) error {
	for _, e := range es {
		if e.Err != nil {
			fe, ok := fault.As(e.Err)
			if !ok {
				return fmt.Errorf("read %s: %w", e.Name, e.Err)
			}
			if hadSheets && fe.Key == "lrmx.empty_archive" {
				continue
			}
			u.b.problem(ImportProblem{File: e.Name, Reason: Message{Key: fe.Key, Args: fe.Args}})
			continue
		}
		if err := person.Validate(e.Dossier, u.today); err != nil {
			fe, ok := fault.As(err)
			if !ok {
				return fmt.Errorf("check %s: %w", e.Name, err)
			}
			fields := make([]string, 0, len(fe.Fields))
			for f := range fe.Fields {
				fields = append(fields, f)
			}
			slices.Sort(fields)
			for _, f := range fields {
				p := ImportProblem{File: e.Name, Value: fieldValue(e.Dossier, f),
					Reason: Message{Key: fe.Fields[f].Key, Args: fe.Fields[f].Args}}
				p.HeaderKey, p.Header = fieldHeader(u.catalog, f)
				u.b.problem(p)
			}
			continue
		}
		u.b.add(*e.Dossier, importOrigin{file: e.Name})
	}
	return nil
}

// repeatedIDs reports an ID number given by more than one file or person
// file of the upload; a workbook reports its own repeats by row.
func (u *uploadReader) repeatedIDs() {
	first := map[string]int{}
	for i := range u.b.dossiers {
		d := &u.b.dossiers[i]
		n := person.NormalizeIDNumber(strings.TrimSpace(d.Person.IDNumber))
		if n == "" {
			continue
		}
		j, ok := first[n]
		if !ok {
			first[n] = i
			continue
		}
		o, before := u.b.origins[i], u.b.origins[j]
		p := ImportProblem{File: o.file, Record: o.record, HeaderKey: "sheet.col.id_number", Value: d.Person.IDNumber,
			Reason: Message{Key: "import.id_repeated", Args: []any{before.file}}}
		if before.record > 0 {
			p.Reason = Message{Key: "import.id_repeated_record", Args: []any{before.file, before.record}}
		}
		u.b.problem(p)
	}
}

// orgResolver turns the text of an organisation cell into the ID of an
// organisation the principal may write to: its ID; its exact name, when
// no other organisation in reach bears it; or a path of names
// ("正阳县/真阳镇/张庄村") whose end agrees with the organisation and its
// parents as far as the principal sees them. What names no organisation,
// or more than one, resolves to nothing.
func (s *Server) orgResolver(ctx context.Context) func(string) (string, bool) {
	p := access.From(ctx)
	writable := func(o *org.Org) bool { return access.Check(p, access.OrgWrite, o.Path) == nil }
	return func(text string) (string, bool) {
		text = strings.TrimSpace(text)
		if o, err := s.orgs.Get(ctx, text); err == nil {
			return o.ID, writable(o)
		}
		var names []string
		for _, n := range strings.Split(text, "/") {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
		if len(names) == 0 {
			return "", false
		}
		found := ""
		for _, o := range s.orgsNamed(ctx, names[len(names)-1]) {
			if !writable(&o) || !s.pathAgrees(ctx, &o, names) {
				continue
			}
			if found != "" {
				return "", false
			}
			found = o.ID
		}
		return found, found != ""
	}
}

// maxNamePages bounds the pages of organisations whose names contain a
// cell's text that the resolver reads.
const maxNamePages = 10

// orgsNamed returns the organisations in reach named exactly name.
func (s *Server) orgsNamed(ctx context.Context, name string) []org.Org {
	var out []org.Org
	cursor := ""
	for range maxNamePages {
		page, err := s.orgs.List(ctx, org.Filter{Query: name, Limit: org.MaxLimit, SkipTotal: true, Cursor: cursor})
		if err != nil {
			return nil
		}
		for _, o := range page.Items {
			if o.Name == name {
				out = append(out, o)
			}
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	return out
}

// pathAgrees reports whether names ends as o's chain of names does, over
// the parents the principal sees.
func (s *Server) pathAgrees(ctx context.Context, o *org.Org, names []string) bool {
	if len(names) == 1 {
		return true
	}
	chain, err := s.orgs.Ancestors(ctx, o.ID)
	if err != nil {
		return false
	}
	have := make([]string, 0, len(chain)+1)
	for _, a := range chain {
		have = append(have, a.Name)
	}
	have = append(have, o.Name)
	k := min(len(names), len(have))
	return slices.Equal(names[len(names)-k:], have[len(have)-k:])
}
