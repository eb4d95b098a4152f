// Package compliance says, for one household at a time, what is due, for
// whom, by when and why: the annual review, TSD standards, mandatory
// training, health assessments, DBS checks, visits, panel deadlines and
// record retention.
//
// It is pure on purpose: plain records and a policy in, due items out, with
// no database and no HTTP. The registry feeds it from ent and stores the open
// items so the service-wide view is one indexed query; the household page,
// the API and the review pack show the same items and the same reasons.
//
// Every due date is a civil date in Europe/London. Each rule lives in its own
// file with the regulation or policy it comes from.
package compliance
