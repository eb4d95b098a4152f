package registry

import (
	"context"
	"fmt"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/servicepolicy"
	"github.com/hearth-registry/hearth/internal/audit"
	"github.com/hearth-registry/hearth/internal/compliance"
)

// PolicySettings are the settings an administrator may change, with the
// version they were read at so that two administrators cannot overwrite
// each other unseen.
type PolicySettings struct {
	WarningDays              int `json:"warning_days"`
	HealthRenewalMonths      int `json:"health_renewal_months"`
	DBSRenewalMonths         int `json:"dbs_renewal_months"`
	SupervisoryVisitDays     int `json:"supervisory_visit_days"`
	PostAllegationReviewDays int `json:"post_allegation_review_days"`
	NewCarerTrainingMonths   int `json:"new_carer_training_months"`
	// Version is the settings' version when read; 0 while the defaults
	// have never been changed.
	Version int `json:"version"`
}

// settingLimits bound each setting to what a fostering service could mean.
var settingLimits = []struct {
	name     string
	plain    string // as the settings page asks it, for the message
	min, max int
	unit     string
	get      func(PolicySettings) int
}{
	{"warning_days", "the warning window", 1, 365, "days", func(p PolicySettings) int { return p.WarningDays }},
	{"health_renewal_months", "the time between health assessments", 1, 120, "months", func(p PolicySettings) int { return p.HealthRenewalMonths }},
	{"dbs_renewal_months", "the time between DBS checks", 1, 120, "months", func(p PolicySettings) int { return p.DBSRenewalMonths }},
	{"supervisory_visit_days", "the time between supervisory visits", 1, 365, "days", func(p PolicySettings) int { return p.SupervisoryVisitDays }},
	{"post_allegation_review_days", "the time to review after an allegation", 1, 365, "days", func(p PolicySettings) int { return p.PostAllegationReviewDays }},
	{"new_carer_training_months", "the time new carers have for their training", 1, 60, "months", func(p PolicySettings) int { return p.NewCarerTrainingMonths }},
}

// SettingName is what people call a setting (warning_days is "the warning
// window"), as the settings' own messages name it, for a form that checks
// what is its own (a whole number typed) in the same words; the setting's
// key when it is not one.
func SettingName(key string) string {
	for _, l := range settingLimits {
		if l.name == key {
			return l.plain
		}
	}
	return key
}

// Validate names every setting out of its range.
func (p PolicySettings) Validate() error {
	fields := map[string]string{}
	for _, l := range settingLimits {
		if v := l.get(p); v < l.min || v > l.max {
			fields[l.name] = fmt.Sprintf("%s must be between %d and %d %s", sentence(l.plain), l.min, l.max, l.unit)
		}
	}
	if p.Version < 0 {
		fields["version"] = "Send the version of the settings you read"
	}
	if len(fields) > 0 {
		return Invalid(fields)
	}
	return nil
}

// Policy returns the service's settings as an administrator edits them.
func Policy(ctx context.Context, client *ent.Client) (PolicySettings, error) {
	p, version, err := savedSettings(ctx, client)
	out := settingsOf(p)
	out.Version = version
	return out, err
}

func settingsOf(p compliance.Policy) PolicySettings {
	return PolicySettings{
		WarningDays: p.WarningDays, HealthRenewalMonths: p.HealthRenewalMonths, DBSRenewalMonths: p.DBSRenewalMonths,
		SupervisoryVisitDays: p.SupervisoryVisitDays, PostAllegationReviewDays: p.PostAllegationReviewDays,
		NewCarerTrainingMonths: p.NewCarerTrainingMonths,
	}
}

// UpdatePolicy saves new settings, audits each change with its old and new
// value, and (the compliance hook does this) records in the same
// transaction that every household's due dates are to be recalculated in
// the background. An edit made from an out-of-date copy is refused as
// stale.
func UpdatePolicy(ctx context.Context, client *ent.Client, actor Actor, in PolicySettings) (PolicySettings, error) {
	if err := in.Validate(); err != nil {
		return PolicySettings{}, err
	}
	var out PolicySettings
	err := InTx(ctx, client, func(tx *ent.Client) error {
		old, err := Policy(ctx, tx)
		if err != nil {
			return err
		}
		if in.Version != old.Version {
			return Errorf(ESTALE, "The policy was changed by someone else since you read it (version %d, now %d): read it again and reapply your change.", in.Version, old.Version)
		}
		changes := policyChanges(old, in)
		if len(changes) == 0 {
			out = old
			return nil
		}
		saved, err := savePolicy(ctx, tx, old, in)
		if err != nil {
			return err
		}
		out = in
		out.Version = saved.Version
		return Audit(ctx, tx, actor, auditevent.ActionUpdate, "service_policy", saved.ID, changes)
	})
	return out, err
}

func savePolicy(ctx context.Context, tx *ent.Client, old, in PolicySettings) (*ent.ServicePolicy, error) {
	if old.Version == 0 {
		saved, err := tx.ServicePolicy.Create().SetWarningDays(in.WarningDays).SetHealthRenewalMonths(in.HealthRenewalMonths).
			SetDbsRenewalMonths(in.DBSRenewalMonths).SetSupervisoryVisitDays(in.SupervisoryVisitDays).
			SetPostAllegationReviewDays(in.PostAllegationReviewDays).SetNewCarerTrainingMonths(in.NewCarerTrainingMonths).
			Save(ctx)
		if err != nil {
			return nil, fmt.Errorf("save service policy: %w", err)
		}
		return saved, nil
	}
	row, err := tx.ServicePolicy.Query().Order(ent.Asc(servicepolicy.FieldID)).First(ctx)
	if err != nil {
		return nil, fmt.Errorf("load service policy: %w", err)
	}
	// Only changed settings are set, so that a change to the warning window
	// alone is seen as moving no due date. The setting names are the columns.
	u := tx.ServicePolicy.UpdateOneID(row.ID).Where(servicepolicy.Version(old.Version))
	for _, l := range settingLimits {
		if l.get(old) != l.get(in) {
			if err := u.Mutation().SetField(l.name, l.get(in)); err != nil {
				return nil, fmt.Errorf("set %s: %w", l.name, err)
			}
		}
	}
	saved, err := u.Save(ctx)
	if ent.IsNotFound(err) {
		return nil, Errorf(ESTALE, "The policy was changed by someone else since you read it: read it again and reapply your change.")
	}
	if err != nil {
		return nil, fmt.Errorf("save service policy: %w", err)
	}
	return saved, nil
}

func policyChanges(old, in PolicySettings) audit.Changes {
	changes := audit.Changes{}
	for _, l := range settingLimits {
		if o, n := l.get(old), l.get(in); o != n {
			changes[l.name] = audit.Change{Old: o, New: n}
		}
	}
	return changes
}
