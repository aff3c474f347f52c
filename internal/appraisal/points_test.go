package appraisal

import "testing"

func TestPointsString(t *testing.T) {
	cases := []struct {
		p    Points
		want string
	}{{0, "0.00"}, {5, "0.05"}, {1250, "12.50"}, {-305, "-3.05"}, {100_00, "100.00"}}
	for _, tt := range cases {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.p.String(); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestShare(t *testing.T) {
	cases := []struct {
		name     string
		whole    Points
		num, den int64
		want     Points
	}{
		{"half", 20_00, 1, 2, 10_00},
		{"rounds half up", 1, 1, 2, 1},
		{"rounds down below half", 10, 1, 3, 3},
		{"capped at whole", 20_00, 7, 5, 20_00},
		{"nothing below zero", 20_00, -1, 5, 0},
		{"huge amounts do not overflow", 100_00, 1 << 61, 1 << 62, 50_00},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			if got := share(tt.whole, tt.num, tt.den); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

func TestFloorDiv(t *testing.T) {
	cases := []struct{ a, b, q, r int64 }{{7, 2, 3, 1}, {-7, 2, -4, 1}, {-8, 2, -4, 0}, {0, 3, 0, 0}}
	for _, tt := range cases {
		if q, r := floorDiv(tt.a, tt.b); q != tt.q || r != tt.r {
			t.Errorf("floorDiv(%d, %d) got %d r %d, want %d r %d", tt.a, tt.b, q, r, tt.q, tt.r)
		}
	}
}
