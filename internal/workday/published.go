package workday

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// data holds one file per published year, named for the year (2025.csv).
//
//go:embed data/*.csv
var data embed.FS

// published reads the embedded years once; New reports a failure, which a
// test of the shipped files rules out.
var published = sync.OnceValues(func() ([]Schedule, error) {
	names, err := fs.Glob(data, "data/*.csv")
	if err != nil {
		return nil, err
	}
	out := make([]Schedule, 0, len(names))
	for _, name := range names {
		year, err := strconv.Atoi(strings.TrimSuffix(path.Base(name), ".csv"))
		if err != nil {
			return nil, fmt.Errorf("workday: %s is not named for its year", name)
		}
		f, err := data.Open(name)
		if err != nil {
			return nil, err
		}
		s, err := ParseSchedule(year, f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("workday: %s: %w", name, err)
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b Schedule) int { return a.Year - b.Year })
	return out, nil
})

// Published returns the schedules shipped with zugong, oldest year first.
// The result is shared: treat it as read-only.
func Published() ([]Schedule, error) { return published() }
