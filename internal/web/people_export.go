package web

import (
	"archive/zip"
	"bufio"
	"context"
	"iter"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/gate"
	"zugong/internal/i18n"
	"zugong/internal/lrmx"
	"zugong/internal/person"
	"zugong/internal/secondment"
	"zugong/internal/sheet"
)

// DossierSource streams the whole dossiers of the people in the subtree of
// under (everyone in the principal's scope when under is empty), ID and
// phone numbers in clear. It needs sensitive.reveal over the subtree and
// audits the export; *store.PeopleService implements it.
type DossierSource interface {
	Dossiers(ctx context.Context, under string) iter.Seq2[*person.Dossier, error]
}

// Content types of the downloads.
const (
	xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	zipType  = "application/zip"
	lrmxType = "application/xml"
)

// download is a file answered as an attachment. Its headers go out with the
// first buffered block, so an error before that still becomes an error page;
// an error after it can only cut the download short.
type download struct {
	*bufio.Writer
	w       http.ResponseWriter
	name    string
	ctype   string
	started bool
}

func newDownload(w http.ResponseWriter, name, ctype string) *download {
	d := &download{w: w, name: name, ctype: ctype}
	d.Writer = bufio.NewWriterSize(headerWriter{d}, 64<<10)
	return d
}

// headerWriter sends the download's headers before its first byte.
type headerWriter struct{ d *download }

func (h headerWriter) Write(b []byte) (int, error) {
	h.d.start()
	return h.d.w.Write(b)
}

func (d *download) start() {
	if d.started {
		return
	}
	d.started = true
	h := d.w.Header()
	h.Set("Content-Type", d.ctype)
	h.Set("Content-Disposition", attachment(d.name))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	d.w.WriteHeader(http.StatusOK)
}

// finish ends the download with the outcome of writing it. An error before
// any byte went out is returned, for the error page; one after it is logged
// and aborts the response, so the client sees a broken download rather
// than a truncated file that looks whole.
func (d *download) finish(r *http.Request, err error) error {
	if err == nil {
		err = d.Flush()
		d.start()
		if err == nil {
			return nil
		}
	}
	if !d.started {
		return err
	}
	gate.Logger(r.Context()).Error("download cut short", "file", d.name, "err", err)
	panic(http.ErrAbortHandler)
}

// attachment is the Content-Disposition of a file named name; names in
// Chinese are encoded as RFC 2231 says.
func attachment(name string) string {
	if v := mime.FormatMediaType("attachment", map[string]string{"filename": name}); v != "" {
		return v
	}
	return "attachment"
}

// fileStem keeps what a file name may hold on every system.
func fileStem(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.IsSpace(r) || strings.ContainsRune(`/\:*?"<>|`, r) {
			return -1
		}
		return r
	}, s)
}

// exportStem names an export file: what it holds, the organisation when it
// is limited to one, and the day.
func (s *Server) exportStem(ctx context.Context, loc i18n.Locale, key, under string) string {
	day := strings.ReplaceAll(civil.Today(shanghai).String(), "-", "")
	if under != "" {
		if o, err := s.orgs.Get(ctx, under); err == nil {
			return fileStem(s.catalog.T(loc, key+"_under", o.Name, day))
		}
	}
	return fileStem(s.catalog.T(loc, key, day))
}

// peopleExport downloads the dossiers of a subtree as LRMX or as the Excel
// people workbook. The numbers are in clear, so the route needs
// sensitive.reveal; the dossier source audits the export.
func (s *Server) peopleExport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	format, under := q.Get("format"), strings.TrimSpace(q.Get("under"))
	if format != "xlsx" && format != "lrmx" {
		return fault.New(fault.Invalid, "export.format")
	}
	stem := s.exportStem(ctx, gate.Locale(r), "export.file", under)
	people := s.dossiers.Dossiers(ctx, under)
	if format == "lrmx" {
		if s.readsSecondments(ctx) {
			people = secondment.WithResumes(ctx, s.secondments, people, civil.Today(shanghai))
		}
		return s.exportLRMX(w, r, stem+".zip", people)
	}
	d := newDownload(w, stem+".xlsx", xlsxType)
	return d.finish(r, sheet.Export(d, sheet.People, people, s.orgPaths(ctx)))
}

// exportLRMX answers one person's LRMX file, or a zip of one LRMX file per
// person. The zip is written as the dossiers come, so an export of a whole
// county never holds more than one dossier.
func (s *Server) exportLRMX(w http.ResponseWriter, r *http.Request, zipName string, people iter.Seq2[*person.Dossier, error]) error {
	var first *person.Dossier
	var zw *lrmxZip
	for d, err := range people {
		if err != nil {
			if zw != nil {
				return zw.d.finish(r, err)
			}
			return err
		}
		if first == nil && zw == nil {
			first = d
			continue
		}
		if zw == nil {
			zw = newLRMXZip(newDownload(w, zipName, zipType))
			if err := zw.add(first); err != nil {
				return zw.d.finish(r, err)
			}
			first = nil
		}
		if err := zw.add(d); err != nil {
			return zw.d.finish(r, err)
		}
	}
	switch {
	case zw != nil:
		return zw.d.finish(r, zw.z.Close())
	case first != nil:
		d := newDownload(w, lrmx.FileName(first, 0), lrmxType)
		return d.finish(r, lrmx.Encode(d, first))
	}
	return fault.New(fault.Invalid, "export.empty")
}

// lrmxZip writes a zip of LRMX files as lrmx.EncodeZip names them, one
// dossier at a time.
type lrmxZip struct {
	d    *download
	z    *zip.Writer
	n    int
	seen map[string]bool
}

func newLRMXZip(d *download) *lrmxZip {
	return &lrmxZip{d: d, z: zip.NewWriter(d), seen: map[string]bool{}}
}

func (z *lrmxZip) add(d *person.Dossier) error {
	base := lrmx.FileName(d, z.n)
	name := base
	for k := 2; z.seen[strings.ToLower(name)]; k++ {
		name = strings.TrimSuffix(base, ".lrmx") + "-" + strconv.Itoa(k) + ".lrmx"
	}
	z.seen[strings.ToLower(name)] = true
	z.n++
	modified := d.Person.UpdatedAt
	if modified.IsZero() {
		modified = time.Now()
	}
	fw, err := z.z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
	if err != nil {
		return err
	}
	return lrmx.Encode(fw, d)
}

// orgPaths returns what an export writes for an organisation: its names
// from the top of the tree the principal sees, joined by "/" (真阳镇/张庄村),
// which the import's resolver reads back; the ID when the names cannot be
// found.
func (s *Server) orgPaths(ctx context.Context) func(string) string {
	known := map[string]string{}
	return func(id string) string {
		if id == "" {
			return ""
		}
		if p, ok := known[id]; ok {
			return p
		}
		p := id
		if o, err := s.orgs.Get(ctx, id); err == nil {
			if chain, err := s.orgs.Ancestors(ctx, id); err == nil {
				names := make([]string, 0, len(chain)+1)
				for _, a := range chain {
					names = append(names, a.Name)
				}
				p = strings.Join(append(names, o.Name), "/")
			}
		}
		known[id] = p
		return p
	}
}
