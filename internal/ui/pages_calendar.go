package ui

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/compliance"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/ics"
	"github.com/hearth-registry/hearth/internal/registry"
)

// maxFeedEvents bounds a feed: a calendar with more is no use to a person.
const maxFeedEvents = 2000

// feedRoles may have a calendar feed: a carer of their own dates, a
// supervising social worker of their households'.
var feedRoles = []user.Role{user.RoleCarer, user.RoleSsw}

// HandleCalendarPage handles GET /account/calendar.
func (s *Handler) HandleCalendarPage(c fiber.Ctx) error {
	return s.calendarPage(c, "")
}

func (s *Handler) calendarPage(c fiber.Ctx, address string) error {
	u := httpx.CurrentUser(c)
	return s.Render(c, fiber.StatusOK, "account_calendar", fiber.Map{"Title": "Your calendar feed",
		"On": u.CalendarTokenHash != nil, "Address": address, "Allowed": slices.Contains(feedRoles, u.Role)})
}

// HandleCalendarStart handles POST /account/calendar: a new private
// address, shown once; an earlier one stops working.
func (s *Handler) HandleCalendarStart(c fiber.Ctx) error {
	u := httpx.CurrentUser(c)
	if !slices.Contains(feedRoles, u.Role) {
		return registry.Errorf(registry.EFORBIDDEN, "Calendar feeds are for foster carers and supervising social workers.")
	}
	token, err := auth.StartCalendarFeed(c.Context(), s.Store.Client, s.Actor(c), u)
	if err != nil {
		return err
	}
	u.CalendarTokenHash = &token // only to show the page as on
	c.Set(fiber.HeaderCacheControl, "no-store")
	return s.calendarPage(c, c.BaseURL()+"/calendar/"+token+".ics")
}

// HandleCalendarStop handles POST /account/calendar/off.
func (s *Handler) HandleCalendarStop(c fiber.Ctx) error {
	if err := auth.StopCalendarFeed(c.Context(), s.Store.Client, s.Actor(c), httpx.CurrentUser(c)); err != nil {
		return err
	}
	return c.Redirect().To("/account/calendar")
}

// HandleCalendarFeed handles GET /calendar/:token: the feed itself, for a
// calendar application, which cannot sign in: the unguessable address is
// the key. An unknown, turned-off or deactivated one is not found.
func (s *Handler) HandleCalendarFeed(c fiber.Ctx) error {
	token, ok := strings.CutSuffix(c.Params("token"), ".ics")
	if !ok || token == "" {
		return fiber.ErrNotFound
	}
	u, err := auth.CalendarFeedUser(c.Context(), s.Store.Client, token)
	if err != nil {
		return err
	}
	if u == nil {
		return fiber.ErrNotFound
	}
	events, err := s.feedEvents(c, u)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := ics.Write(&buf, "Hearth: "+u.Name, time.Now(), events); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/calendar; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.Send(buf.Bytes())
}

// feedEvents are u's due dates: a carer's own training, TSD, health and
// DBS, and their household's reviews and supervisory visits (never the
// unannounced visit), as registry.CarerDates chooses them; an SSW's
// households' open items.
func (s *Handler) feedEvents(c fiber.Ctx, u *ent.User) ([]ics.Event, error) {
	host := c.Hostname()
	var out []ics.Event
	switch u.Role {
	case user.RoleCarer:
		_, items, _, err := registry.CarerDates(c.Context(), s.Store.Client, registry.Viewer{UserID: u.ID, Role: u.Role})
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			if it.Standing != compliance.Open || it.DueOn.IsZero() {
				continue
			}
			out = append(out, ics.Event{UID: fmt.Sprintf("%s-%s-%d-%d@%s", it.Kind, it.Subject.Kind, it.Subject.ID, it.Ref, host),
				On: it.DueOn, Summary: it.What, Description: it.Reason})
		}
	case user.RoleSsw:
		items, err := registry.DueItemsOfSSW(c.Context(), s.Store.Client, u.ID, maxFeedEvents)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			summary := it.HouseholdReference + ": " + it.What
			if it.SubjectKind != string(compliance.ForHousehold) {
				summary += " (" + it.SubjectName + ")"
			}
			out = append(out, ics.Event{UID: fmt.Sprintf("%s-%s-%d-%d@%s", it.Kind, it.SubjectKind, it.SubjectID, it.Ref, host),
				On: it.DueOn, Summary: summary, Description: it.Reason})
		}
	}
	return out, nil
}
