// Package workday is the working-day calendar: which dates are working days
// under the national holiday schedule, with its make-up working weekends
// (调休), and arithmetic over working days (the fifth working day of a
// 任前公示, the thirteenth of a complaint's time limit).
//
// The State Council publishes each year's schedule late in the year before
// (国务院办公厅关于某年部分节假日安排的通知). Each published year ships as
// data, one CSV file per year under data/ ("date,kind,name" rows, kind
// holiday or workday), never as Go literals; an administrator adds a newly
// published year by handing its CSV to ParseSchedule and the result to New.
//
// A date is a working day when its year's schedule lists it as a workday, or
// when the schedule does not list it and it falls Monday to Friday. A date in
// a year with no schedule is refused with fault.Conflict
// "workday.year_unpublished": the calendar never guesses Monday to Friday
// for a year whose holidays it does not know, because a deadline computed that
// way would be wrong by the length of a holiday week.
package workday
