// Package training holds the rules of cadre education and training
// (干部教育培训工作条例, 2023): programmes with their modes, kinds and
// orientation themes; enrolments with per-session attendance and the leave
// rule (more than one seventh of the hours missed fails the trainee);
// self-reported training with its two-level approval (unit, then the
// organisation department); and the quota engine that says, per person and
// per organisation, what is required, what is done, the shortfall and the
// deadline.
//
// Everything that counts toward a quota is a Credit: a completed enrolment
// or an approved self-report, with the hours (and the online part of them)
// and the full days it brought. Credits come only from these records, never
// from activity in the application (DOMAIN.md §5).
//
// Hours are kept in tenths of a class hour (Hours), so that sums and the one
// seventh rule are exact.
package training
