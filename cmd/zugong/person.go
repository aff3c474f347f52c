package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"zugong/internal/access"
	"zugong/internal/app"
	"zugong/internal/civil"
	"zugong/internal/i18n"
	"zugong/internal/lrmx"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/secondment"
	"zugong/internal/sheet"
)

// runPerson imports and exports dossiers from the server's shell, acting as
// the operator.
func runPerson(ctx context.Context, env *cmdEnv, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("person: want import or export")
	}
	switch args[0] {
	case "import":
		return personImport(ctx, env, args[1:])
	case "export":
		return personExport(ctx, env, args[1:])
	}
	return fmt.Errorf("person: unknown subcommand %q (want import or export)", args[0])
}

// errImportRefused makes import exit non-zero when any file had a problem.
var errImportRefused = errors.New("nothing was imported: fix the problems listed and run the import again")

func personImport(ctx context.Context, env *cmdEnv, args []string) error {
	var orgID, kind string
	var dryRun bool
	files, err := env.parse("person import", args, func(fs *flag.FlagSet) {
		fs.StringVar(&orgID, "org", "", "organisation new people join (default: the root of the tree)")
		fs.BoolVar(&dryRun, "dry-run", false, "check the files only; write nothing")
		fs.StringVar(&kind, "kind", string(sheet.People), "import kind of .xlsx files: people or party_members")
	})
	if err != nil {
		return helpIsNoError(err)
	}
	if len(files) == 0 {
		return fmt.Errorf("person import: name at least one .lrmx, .lrm, .xlsx or .zip file")
	}
	k, ok := sheet.ParseKind(kind)
	if !ok {
		return fmt.Errorf("person import: --kind must be people or party_members")
	}
	a, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer a.Close()
	ctx = access.With(ctx, access.Operator(osUser()))
	if orgID == "" {
		if orgID, err = rootOrg(ctx, a); err != nil {
			return err
		}
	}
	today := civil.Of(time.Now())
	var all []person.Dossier
	problems := 0
	for _, name := range files {
		ds, n, err := readPeopleFile(ctx, env, a, name, k, today)
		if err != nil {
			return err
		}
		problems += n
		all = append(all, ds...)
	}
	if problems > 0 {
		fmt.Fprintf(env.stdout, "%d problems found\n", problems)
		return errImportRefused
	}
	if dryRun {
		fmt.Fprintf(env.stdout, "%d people read, no problems; nothing written (--dry-run)\n", len(all))
		return nil
	}
	res, err := a.People.Import(ctx, orgID, all)
	if err != nil {
		return describe(a, err)
	}
	fmt.Fprintf(env.stdout, "imported %d people: %d created, %d updated, %d unchanged\n",
		len(all), res.Created, res.Updated, res.Unchanged)
	return nil
}

// readPeopleFile reads one file, printing each problem with the file, row
// and column, and returns the dossiers and the number of problems.
func readPeopleFile(ctx context.Context, env *cmdEnv, a *app.App, name string, kind sheet.Kind, today civil.Date) ([]person.Dossier, int, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	if strings.EqualFold(filepath.Ext(name), ".xlsx") {
		res, err := sheet.Read(f, kind, today, orgResolver(ctx, a))
		if err != nil {
			return nil, 1, printProblem(env, a, name, err)
		}
		tw := tabwriter.NewWriter(env.stdout, 2, 4, 2, ' ', 0)
		for _, p := range res.Problems {
			fmt.Fprintf(tw, "%s\trow %d\t%s %s\t%q\t%s\n", name, p.Row, p.Column, p.Header, p.Value,
				a.Catalog.T(i18n.Default, p.Key, p.Args...))
		}
		tw.Flush()
		return res.Dossiers, res.ProblemCount, nil
	}
	st, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	dir := filepath.Dir(name)
	sibling := func(n string) ([]byte, error) {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if errors.Is(err, os.ErrNotExist) {
			return nil, fs.ErrNotExist
		}
		return b, err
	}
	var out []person.Dossier
	problems := 0
	for _, e := range lrmx.DecodeFile(filepath.Base(name), f, st.Size(), sibling) {
		if e.Err != nil {
			problems++
			if err := printProblem(env, a, e.Name, e.Err); err != nil {
				return nil, 0, err
			}
			continue
		}
		if err := person.Validate(e.Dossier, today); err != nil {
			problems++
			if err := printProblem(env, a, e.Name, err); err != nil {
				return nil, 0, err
			}
			continue
		}
		out = append(out, *e.Dossier)
	}
	return out, problems, nil
}

// printProblem prints a file's problem; an error that is not a problem of
// the file (an I/O failure) is returned instead.
func printProblem(env *cmdEnv, a *app.App, name string, err error) error {
	fmt.Fprintf(env.stdout, "%s\t%s\n", name, strings.ReplaceAll(app.Describe(a.Catalog, err), "\n", "\n\t"))
	return nil
}

// orgResolver turns an organisation cell into an ID: an ID in the tree, or
// the exact name of exactly one organisation.
func orgResolver(ctx context.Context, a *app.App) func(string) (string, bool) {
	return func(text string) (string, bool) {
		if o, err := a.Orgs.Get(ctx, text); err == nil {
			return o.ID, true
		}
		page, err := a.Orgs.List(ctx, orgFilter(text))
		if err != nil {
			return "", false
		}
		found := ""
		for _, o := range page.Items {
			if o.Name == text {
				if found != "" {
					return "", false
				}
				found = o.ID
			}
		}
		return found, found != ""
	}
}

func personExport(ctx context.Context, env *cmdEnv, args []string) error {
	var format, out, orgID string
	if _, err := env.parse("person export", args, func(fs *flag.FlagSet) {
		fs.StringVar(&format, "format", "lrmx", "lrmx (one file per person, a .zip for many) or xlsx")
		fs.StringVar(&out, "out", "", "output file")
		fs.StringVar(&orgID, "org", "", "only people of this organisation's subtree")
	}); err != nil {
		return helpIsNoError(err)
	}
	if out == "" || (format != "lrmx" && format != "xlsx") {
		return fmt.Errorf("person export: --out is required and --format is lrmx or xlsx")
	}
	a, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer a.Close()
	ctx = access.With(ctx, access.Operator(osUser()))
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	n := 0
	people := a.People.Dossiers(ctx, orgID)
	if format == "lrmx" {
		people = secondment.WithResumes(ctx, a.Secondments, people, civil.Of(time.Now()))
	}
	counted := func(yield func(*person.Dossier, error) bool) {
		for d, err := range people {
			if err == nil {
				n++
			}
			if !yield(d, err) {
				return
			}
		}
	}
	switch format {
	case "xlsx":
		err = sheet.Export(f, sheet.People, counted, nil)
	default:
		err = exportLRMX(f, counted)
	}
	if err != nil {
		return describe(a, err)
	}
	fmt.Fprintf(env.stdout, "exported %d people to %s\n", n, out)
	return f.Close()
}

// exportLRMX writes one LRMX file for one person, a zip of them for more.
func exportLRMX(w io.Writer, people func(yield func(*person.Dossier, error) bool)) error {
	var ds []*person.Dossier
	for d, err := range people {
		if err != nil {
			return err
		}
		ds = append(ds, d)
	}
	if len(ds) == 1 {
		return lrmx.Encode(w, ds[0])
	}
	return lrmx.EncodeZip(w, ds)
}

// rootOrg returns the top organisation the operator sees: the county of a
// single-county installation, the city above counties otherwise.
func rootOrg(ctx context.Context, a *app.App) (string, error) {
	page, err := a.Orgs.List(ctx, org.Filter{Sort: org.SortPath, Limit: 1, SkipTotal: true})
	if err != nil {
		return "", err
	}
	if len(page.Items) == 0 {
		return "", fmt.Errorf("the database holds no organisation: run zugong org create-root first")
	}
	return page.Items[0].ID, nil
}

// orgFilter finds organisations whose name contains text.
func orgFilter(text string) org.Filter {
	return org.Filter{Query: text, Limit: org.MaxLimit, SkipTotal: true}
}
