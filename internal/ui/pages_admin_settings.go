package ui

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// policySetting is one of the service's settings as its form asks it.
type policySetting struct {
	Name, Label, Unit string
	Value             string
}

// PolicyQuestions are the settings' labels, in the form's order.
var PolicyQuestions = []struct{ Name, label, unit string }{
	{"warning_days", "Show an item as due soon this many days ahead", "days"},
	{"health_renewal_months", "Renew health assessments every", "months"},
	{"dbs_renewal_months", "Renew DBS checks every", "months"},
	{"supervisory_visit_days", "Supervisory visits at least every", "days"},
	{"post_allegation_review_days", "Review a household after an allegation investigation within", "days"},
	{"new_carer_training_months", "New carers complete mandatory training within", "months"},
}

func settingValue(p registry.PolicySettings, name string) int {
	return map[string]int{"warning_days": p.WarningDays, "health_renewal_months": p.HealthRenewalMonths,
		"dbs_renewal_months": p.DBSRenewalMonths, "supervisory_visit_days": p.SupervisoryVisitDays,
		"post_allegation_review_days": p.PostAllegationReviewDays, "new_carer_training_months": p.NewCarerTrainingMonths}[name]
}

// HandlePolicyPage handles GET /admin/policy: the service's settings.
func (s *Handler) HandlePolicyPage(c fiber.Ctx) error {
	p, err := registry.Policy(c.Context(), s.Store.Client)
	if err != nil {
		return err
	}
	values := map[string]string{}
	for _, q := range PolicyQuestions {
		values[q.Name] = strconv.Itoa(settingValue(p, q.Name))
	}
	return s.policyPage(c, fiber.StatusOK, nil, values, p.Version)
}

func (s *Handler) policyPage(c fiber.Ctx, status int, errs map[string]string, values map[string]string, version int) error {
	settings := make([]policySetting, len(PolicyQuestions))
	for i, q := range PolicyQuestions {
		settings[i] = policySetting{Name: q.Name, Label: q.label, Unit: q.unit, Value: values[q.Name]}
	}
	recalc, err := s.recalculationNotice(c.Context())
	if err != nil {
		return err
	}
	return s.Render(c, status, "admin_policy", fiber.Map{"Title": "Service settings", "Settings": settings,
		"Version": version, "Errors": errs, "Done": c.Query("done") == "1", "Recalculating": recalc})
}

// HandlePolicySave handles POST /admin/policy: every setting, with the
// version read. A change that moves due dates is saved at once, and the
// dates are recalculated in the background, the page showing how far.
func (s *Handler) HandlePolicySave(c fiber.Ctx) error {
	values, errs := map[string]string{}, map[string]string{}
	n := map[string]int{}
	for _, q := range PolicyQuestions {
		v := strings.TrimSpace(c.FormValue(q.Name))
		values[q.Name] = v
		x, err := strconv.Atoi(v)
		if err != nil {
			errs[q.Name] = request.Sentence(registry.SettingName(q.Name)) + " must be a whole number of " + q.unit
		}
		n[q.Name] = x
	}
	version := atoiOr(c.FormValue("version"))
	if len(errs) == 0 {
		_, err := registry.UpdatePolicy(c.Context(), s.Store.Client, s.Actor(c), registry.PolicySettings{
			WarningDays: n["warning_days"], HealthRenewalMonths: n["health_renewal_months"], DBSRenewalMonths: n["dbs_renewal_months"],
			SupervisoryVisitDays: n["supervisory_visit_days"], PostAllegationReviewDays: n["post_allegation_review_days"],
			NewCarerTrainingMonths: n["new_carer_training_months"], Version: version})
		if err == nil {
			return c.Redirect().To("/admin/policy?done=1")
		}
		var re *registry.Error
		if !errors.As(err, &re) || re.Code != registry.EINVALID {
			return err
		}
		errs = re.Fields
	}
	return s.policyPage(c, fiber.StatusUnprocessableEntity, errs, values, version)
}

// tokenForm is the "issue a token" form as it was sent.
type tokenForm struct{ Name, Role, Days string }

// tokenRow is a token as the API tokens page lists it.
type tokenRow struct {
	*ent.APIToken
	Issuer  *ent.User // nil: the command line
	Expired bool
}

// HandleTokensPage handles GET /admin/tokens: the API tokens with who
// issued them, their role, expiry and last use (never their secrets), and
// the form to issue one.
func (s *Handler) HandleTokensPage(c fiber.Ctx) error {
	return s.tokensPage(c, fiber.StatusOK, nil, "", tokenForm{})
}

func (s *Handler) tokensPage(c fiber.Ctx, status int, errs map[string]string, issued string, form tokenForm) error {
	tokens, issuers, err := auth.Tokens(c.Context(), s.Store.Client, true)
	if err != nil {
		return err
	}
	now := time.Now()
	rows := make([]tokenRow, len(tokens))
	for i, t := range tokens {
		rows[i] = tokenRow{APIToken: t, Issuer: httpx.IssuerOf(t, issuers), Expired: t.ExpiresAt == nil || !now.Before(*t.ExpiresAt)}
	}
	return s.Render(c, status, "admin_tokens", fiber.Map{"Title": "API tokens", "Tokens": rows, "Roles": auth.Roles,
		"Issued": issued, "Errors": errs, "Form": form,
		"AdminDays": int(auth.AdminTokenLifetime.Hours() / 24), "Days": int(auth.TokenLifetime.Hours() / 24)})
}

// HandleTokenIssue handles POST /admin/tokens: a token shown once, on the
// page that answers this request, and never again.
func (s *Handler) HandleTokenIssue(c fiber.Ctx) error {
	form := tokenForm{Name: c.FormValue("name"), Role: c.FormValue("role"), Days: strings.TrimSpace(c.FormValue("days"))}
	now := time.Now()
	var expires *time.Time
	if form.Days != "" {
		days, err := strconv.Atoi(form.Days)
		if err != nil || days < 1 {
			return s.tokensPage(c, fiber.StatusUnprocessableEntity,
				map[string]string{"days": "Enter the number of days as a whole number, like 30"}, "", form)
		}
		at := now.Add(time.Duration(days) * 24 * time.Hour) // whole days, whatever the clocks do
		expires = &at
	}
	issuer, err := httpx.TokenIssuer(c)
	if err != nil {
		return err
	}
	raw, _, err := auth.CreateToken(c.Context(), s.Store.Client, s.Actor(c),
		auth.NewToken{Name: form.Name, Role: form.Role, ExpiresAt: expires, Issuer: issuer}, now)
	var re *registry.Error
	switch {
	case err == nil:
		c.Set(fiber.HeaderCacheControl, "no-store")
		return s.tokensPage(c, fiber.StatusOK, nil, raw, tokenForm{})
	case errors.As(err, &re) && re.Code == registry.EINVALID:
		if msg, ok := re.Fields["expires_at"]; ok { // the form asks for days
			re.Fields["days"] = msg
			delete(re.Fields, "expires_at")
		}
		return s.tokensPage(c, fiber.StatusUnprocessableEntity, re.Fields, "", form)
	}
	return err
}

// HandleTokenRevokePage handles POST /admin/tokens/:id/revoke: the token
// stops working at once.
func (s *Handler) HandleTokenRevokePage(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	if err := auth.RevokeToken(c.Context(), s.Store.Client, s.Actor(c), id, time.Now()); err != nil {
		return err
	}
	return c.Redirect().To("/admin/tokens")
}
