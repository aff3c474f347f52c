package lrmx

import (
	"bytes"
	"encoding/base64"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"zugong/internal/fault"
	"zugong/internal/person"
)

// lrmFields is the number of fields of an LRM 2.0 record.
const lrmFields = 33

// lrmColumns maps the LRM 2.0 fields that are one LRMX element each.
var lrmColumns = map[int]string{
	0: elName, 1: elGender, 2: elBirth, 3: elEthnicity, 4: elNativePlace, 5: elPartyJoin,
	6: elHealth, 7: elBirthplace, 8: elWorkStart, 11: elTitle, 16: elSpecialties,
	17: elResume, 18: elRewards, 19: elAssessments, 25: elCurrentPost, 26: elAppoint,
	27: elRemove, 28: elReason, 29: elReportingUnit, 30: elAgeReckoned, 31: elFilledBy,
	32: elFilledOn,
}

// DecodeLRM reads an LRM 2.0 file: one record of 33 quoted, comma-separated
// GBK fields, with the photo from its sibling .pic file (JPEG bytes; nil
// when there is none). Field 9 holds the education as
// "全日制学历#学位@在职学历#学位", field 10 the schools in the same shape, and
// fields 20–24 the family's columns (relation, name, birth, political
// status, unit and post) with the members joined by "@". A file that is
// valid UTF-8 is read as UTF-8.
//
// The dossier is read through the same form as LRMX, and its Extras keep
// the file's wording, so an export to LRMX says what the LRM said.
func DecodeLRM(lrm, pic []byte) (*person.Dossier, error) {
	return decodeLRM("LRM", lrm, pic)
}

func decodeLRM(file string, lrm, pic []byte) (*person.Dossier, error) {
	fields, err := splitLRM(file, lrmText(lrm))
	if err != nil {
		return nil, err
	}
	if len(fields) < lrmFields {
		return nil, fault.New(fault.Invalid, "lrmx.lrm_fields", file, len(fields))
	}
	f := &form{text: map[string]string{}}
	for i, el := range lrmColumns {
		f.text[el] = fields[i]
	}
	pair := func(s string) (string, string) {
		a, b, _ := strings.Cut(s, "#")
		return a, b
	}
	ft, is, _ := strings.Cut(fields[9], "@")
	f.text[elFTLevel], f.text[elFTDegree] = pair(ft)
	f.text[elISLevel], f.text[elISDegree] = pair(is)
	ft, is, _ = strings.Cut(fields[10], "@")
	f.text[elFTLevelSchool], f.text[elFTDegSchool] = pair(ft)
	f.text[elISLevelSchool], f.text[elISDegSchool] = pair(is)
	var cols [5][]string
	rows := 0
	for c := range cols {
		if fields[20+c] != "" {
			cols[c] = strings.Split(fields[20+c], "@")
		}
		rows = max(rows, len(cols[c]))
	}
	for i := 0; i < rows; i++ {
		var row [5]string
		for c := range cols {
			if i < len(cols[c]) {
				row[c] = cols[c][i]
			}
		}
		if strings.TrimSpace(strings.Join(row[:], "")) != "" {
			f.family = append(f.family, row)
		}
	}
	if len(pic) > 0 {
		f.text[elPhoto] = base64.StdEncoding.EncodeToString(pic)
	}
	f.text[elVersion] = Version
	// Written as an LRMX file with the LRM's words and read back, the
	// dossier gets the same data and Extras holding those words.
	return decodeLRMX(file, writeForm(f))
}

// writeForm writes a form as an LRMX file, each element with the form's
// own text, in the canonical layout.
func writeForm(f *form) []byte {
	st := style{nl: "\r\n", ind: "  "}
	var b bytes.Buffer
	b.Write(utf8BOM)
	b.WriteString(st.head())
	for _, name := range Elements {
		b.WriteString(st.sep(1))
		switch name {
		case elFamily:
			items := make([]string, len(f.family))
			for i, row := range f.family {
				items[i] = st.item(row)
			}
			b.WriteString(st.family(items))
		case elPhoto:
			b.WriteString(st.photo(f.text[name]))
		default:
			b.WriteString(st.element(name, f.text[name]))
		}
	}
	b.WriteString(st.tail())
	return b.Bytes()
}

// lrmText decodes an LRM file to text: UTF-8 when it has a byte-order mark
// or is valid UTF-8 (GBK text of any length almost never is), else GBK.
// Characters XML cannot carry are dropped and line breaks become \n.
func lrmText(b []byte) string {
	if bytes.HasPrefix(b, utf8BOM) {
		return xmlText(string(b[len(utf8BOM):]))
	}
	if utf8.Valid(b) {
		return xmlText(string(b))
	}
	if text, err := simplifiedchinese.GBK.NewDecoder().Bytes(b); err == nil {
		return xmlText(string(text))
	}
	return xmlText(string(b))
}

// splitLRM splits the record into fields. A field is quoted or bare; in a
// quoted field commas and line breaks are text and "" is a quote. The
// record ends at the first line break outside quotes.
func splitLRM(file, s string) ([]string, error) {
	var fields []string
	i := 0
	for {
		var field strings.Builder
		if i < len(s) && s[i] == '"' {
			i++
			for {
				if i >= len(s) {
					return nil, fault.New(fault.Invalid, "lrmx.lrm_quote", file, len(fields)+1)
				}
				if s[i] == '"' {
					if i+1 < len(s) && s[i+1] == '"' {
						field.WriteByte('"')
						i += 2
						continue
					}
					i++
					break
				}
				field.WriteByte(s[i])
				i++
			}
		}
		for i < len(s) && s[i] != ',' && s[i] != '\n' {
			field.WriteByte(s[i])
			i++
		}
		fields = append(fields, field.String())
		if i < len(s) && s[i] == ',' {
			i++
			continue
		}
		return fields, nil
	}
}
