package lrmx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"zugong/internal/fault"
	"zugong/internal/person"
)

// Entry is one person file read by DecodeFile: its name (inside an
// archive, "archive.zip/dir/file.lrmx") and the dossier, or the error that
// file gave (a *fault.Error naming it).
type Entry struct {
	Name    string
	Dossier *person.Dossier
	Err     error
}

// maxArchiveTotal bounds what one archive may expand to.
const maxArchiveTotal = 512 << 20

// maxNesting bounds archives inside archives.
const maxNesting = 2

// DecodeFile reads a file by its name's extension: .lrmx, .lrm (with the
// photo that sibling returns for the .pic of the same base name; sibling may
// be nil, and fs.ErrNotExist means no photo), or .zip holding any of these,
// in which an .lrm's .pic is the member of the same path and base name.
// Other members of an archive are skipped. Each person file gives one Entry;
// a file that cannot be read at all gives one Entry with the error.
func DecodeFile(name string, r io.ReaderAt, size int64, sibling func(name string) ([]byte, error)) []Entry {
	read := func() ([]byte, error) {
		if size > MaxFileSize {
			return nil, fault.New(fault.Invalid, "lrmx.too_large", name, MaxFileSize>>20)
		}
		return readAll(name, io.NewSectionReader(r, 0, size))
	}
	switch ext(name) {
	case ".lrmx":
		b, err := read()
		if err != nil {
			return []Entry{{Name: name, Err: err}}
		}
		return []Entry{one(name, func() (*person.Dossier, error) { return decodeLRMX(path.Base(name), b) })}
	case ".lrm":
		b, err := read()
		if err != nil {
			return []Entry{{Name: name, Err: err}}
		}
		pic, err := findPic(name, sibling)
		if err != nil {
			return []Entry{{Name: name, Err: err}}
		}
		return []Entry{one(name, func() (*person.Dossier, error) { return decodeLRM(path.Base(name), b, pic) })}
	case ".zip":
		budget := int64(maxArchiveTotal)
		return decodeZip(name, r, size, 0, &budget)
	}
	return []Entry{{Name: name, Err: fault.New(fault.Invalid, "lrmx.file_type", name)}}
}

func one(name string, decode func() (*person.Dossier, error)) Entry {
	d, err := decode()
	return Entry{Name: name, Dossier: d, Err: err}
}

func ext(name string) string { return strings.ToLower(path.Ext(name)) }

func stem(name string) string { return strings.TrimSuffix(name, path.Ext(name)) }

// findPic asks sibling for the .pic beside an .lrm, in either case.
func findPic(name string, sibling func(string) ([]byte, error)) ([]byte, error) {
	if sibling == nil {
		return nil, nil
	}
	for _, e := range []string{".pic", ".PIC", ".Pic"} {
		pic, err := sibling(stem(name) + e)
		switch {
		case err == nil:
			return pic, nil
		case !errors.Is(err, fs.ErrNotExist):
			return nil, &fault.Error{Code: fault.Invalid, Key: "lrmx.pic", Args: []any{name, path.Base(stem(name) + e)}, Err: err}
		}
	}
	return nil, nil
}

func decodeZip(name string, r io.ReaderAt, size int64, depth int, budget *int64) []Entry {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return []Entry{{Name: name, Err: &fault.Error{Code: fault.Invalid, Key: "lrmx.zip", Args: []any{name}, Err: err}}}
	}
	members := map[string]*zip.File{}
	var names []string
	for _, f := range zr.File {
		n := memberName(f)
		if f.FileInfo().IsDir() || strings.HasPrefix(n, "__MACOSX/") || strings.HasPrefix(path.Base(n), "._") {
			continue
		}
		members[strings.ToLower(n)] = f
		names = append(names, n)
	}
	read := func(n string, f *zip.File) ([]byte, error) {
		full := name + "/" + n
		if f.UncompressedSize64 > MaxFileSize {
			return nil, fault.New(fault.Invalid, "lrmx.too_large", full, MaxFileSize>>20)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, &fault.Error{Code: fault.Invalid, Key: "lrmx.zip", Args: []any{full}, Err: err}
		}
		defer rc.Close()
		b, err := readAll(full, rc)
		if err != nil {
			if _, ok := fault.As(err); !ok {
				err = &fault.Error{Code: fault.Invalid, Key: "lrmx.zip", Args: []any{full}, Err: err}
			}
			return nil, err
		}
		if *budget -= int64(len(b)); *budget < 0 {
			return nil, fault.New(fault.Invalid, "lrmx.too_large", name, maxArchiveTotal>>20)
		}
		return b, nil
	}
	var out []Entry
	for _, n := range names {
		f := members[strings.ToLower(n)]
		full := name + "/" + n
		switch ext(n) {
		case ".lrmx":
			b, err := read(n, f)
			if err != nil {
				out = append(out, Entry{Name: full, Err: err})
				continue
			}
			out = append(out, one(full, func() (*person.Dossier, error) { return decodeLRMX(path.Base(n), b) }))
		case ".lrm":
			b, err := read(n, f)
			if err != nil {
				out = append(out, Entry{Name: full, Err: err})
				continue
			}
			var pic []byte
			if pf := members[strings.ToLower(stem(n))+".pic"]; pf != nil {
				if pic, err = read(stem(n)+path.Ext(pf.Name), pf); err != nil {
					out = append(out, Entry{Name: full, Err: err})
					continue
				}
			}
			out = append(out, one(full, func() (*person.Dossier, error) { return decodeLRM(path.Base(n), b, pic) }))
		case ".zip":
			if depth+1 >= maxNesting {
				continue
			}
			b, err := read(n, f)
			if err != nil {
				out = append(out, Entry{Name: full, Err: err})
				continue
			}
			out = append(out, decodeZip(full, bytes.NewReader(b), int64(len(b)), depth+1, budget)...)
		}
	}
	if len(out) == 0 {
		return []Entry{{Name: name, Err: fault.New(fault.Invalid, "lrmx.empty_archive", name)}}
	}
	return out
}

// memberName is a member's path; archives made on Chinese Windows name
// members in GBK without saying so.
func memberName(f *zip.File) string {
	if f.NonUTF8 && !utf8.ValidString(f.Name) {
		if n, err := simplifiedchinese.GBK.NewDecoder().String(f.Name); err == nil {
			return n
		}
	}
	return f.Name
}

// FileName is the name an export gives a person's LRMX file:
// "<name>_<last four characters of the ID number>.lrmx", or with the
// person's 1-based position in the export when there is no ID number.
func FileName(d *person.Dossier, index int) string {
	n := safeName(d.Person.Name)
	if n == "" {
		n = "person"
	}
	suffix := strconv.Itoa(index + 1)
	if id := []rune(safeName(d.Person.IDNumber)); len(id) >= 4 {
		suffix = string(id[len(id)-4:])
	}
	return n + "_" + suffix + ".lrmx"
}

// safeName keeps what a file name may hold on every system.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.IsSpace(r) || r == utf8.RuneError || strings.ContainsRune(`/\:*?"<>|`, r) {
			return -1
		}
		return r
	}, s)
}

// EncodeZip writes a .zip with one LRMX file per dossier, named by
// FileName; names that would repeat get "-2", "-3" … before the extension.
func EncodeZip(w io.Writer, ds []*person.Dossier) error {
	zw := zip.NewWriter(w)
	seen := map[string]bool{}
	for i, d := range ds {
		name := FileName(d, i)
		for k := 2; seen[strings.ToLower(name)]; k++ {
			name = stem(FileName(d, i)) + "-" + strconv.Itoa(k) + ".lrmx"
		}
		seen[strings.ToLower(name)] = true
		modified := d.Person.UpdatedAt
		if modified.IsZero() {
			modified = time.Now()
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return fmt.Errorf("zip %s: %w", name, err)
		}
		if err := Encode(fw, d); err != nil {
			return fmt.Errorf("zip %s: %w", name, err)
		}
	}
	return zw.Close()
}
