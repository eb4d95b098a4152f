package registry

import (
	"context"
	stdsql "database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/carer"
	"github.com/hearth-registry/hearth/ent/dueitem"
	"github.com/hearth-registry/hearth/ent/outboxmessage"
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/compliance"
)

// Mailer sends one email.
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// turning reports whether item it changes standing on today: it came into
// the warning window today, or became overdue today (its due date was
// yesterday). A daily digest of these tells people of each change once,
// rather than repeating every overdue item every day.
func turning(it *ent.DueItem, today civil.Date, p compliance.Policy) (string, bool) {
	switch it.DueOn {
	case today.AddDays(-1):
		return "now overdue", true
	case today.AddDays(p.WarningDaysFor(compliance.Kind(it.Kind))):
		return "now due soon", true
	}
	return "", false
}

// QueueReminders writes today's digests to the outbox: for each carer with
// a portal account, their own items and their household's reviews; for
// each supervising social worker, their households' items — those that
// became due soon or overdue today. Each person's digest for a day has one
// key, so running this on several servers, or again after a restart,
// queues it once. It returns how many it queued.
func QueueReminders(ctx context.Context, client *ent.Client, today civil.Date, service string) (int, error) {
	p, err := CompliancePolicy(ctx, client)
	if err != nil {
		return 0, err
	}
	widest := p.WarningDays
	items, err := client.DueItem.Query().Where(dueitem.Or(dueitem.DueOn(today.AddDays(-1)),
		dueitem.And(dueitem.DueOnGTE(today), dueitem.DueOnLTE(today.AddDays(widest))))).All(ctx)
	if err != nil {
		return 0, fmt.Errorf("read due items: %w", err)
	}
	type line struct{ due, text string }
	digests := map[int][]line{} // by user
	bySSW := map[int][]line{}
	carerIDs, households := []int{}, []int{}
	var turned []*ent.DueItem
	for _, it := range items {
		change, ok := turning(it, today, p)
		if !ok {
			continue
		}
		turned = append(turned, it)
		l := line{it.DueOn.String(), fmt.Sprintf("%s: %s%s, due %s (%s). %s", it.HouseholdReference, it.What,
			subjectNote(it), it.DueOn.Long(), change, it.Reason)}
		if it.SswID != nil {
			bySSW[*it.SswID] = append(bySSW[*it.SswID], l)
		}
		if it.SubjectKind == string(compliance.ForCarer) {
			carerIDs = append(carerIDs, it.SubjectID)
		}
		households = append(households, it.HouseholdID)
	}
	// A carer hears of their own items and their household's reviews,
	// never of an unannounced visit.
	carers, err := client.Carer.Query().Where(carer.Or(carer.IDIn(carerIDs...), carer.HouseholdIDIn(households...)),
		carer.UserIDNotNil()).All(ctx)
	if err != nil {
		return 0, fmt.Errorf("read carers: %w", err)
	}
	householdKinds := []string{string(compliance.FirstReview), string(compliance.AnnualReview), string(compliance.PostAllegationReview)}
	for _, c := range carers {
		for _, it := range turned {
			own := it.SubjectKind == string(compliance.ForCarer) && it.SubjectID == c.ID
			theirs := it.HouseholdID == c.HouseholdID && slices.Contains(householdKinds, it.Kind)
			if own || theirs {
				change, _ := turning(it, today, p)
				digests[*c.UserID] = append(digests[*c.UserID], line{it.DueOn.String(),
					fmt.Sprintf("%s, due %s (%s). %s", it.What, it.DueOn.Long(), change, it.Reason)})
			}
		}
	}
	for id, ls := range bySSW {
		digests[id] = append(digests[id], ls...)
	}
	ids := make([]int, 0, len(digests))
	for id := range digests {
		ids = append(ids, id)
	}
	users, err := client.User.Query().Where(user.IDIn(ids...), user.Active(true)).All(ctx)
	if err != nil {
		return 0, fmt.Errorf("read accounts: %w", err)
	}
	queued := 0
	for _, u := range users {
		ls := digests[u.ID]
		sort.Slice(ls, func(i, j int) bool {
			return ls[i].due < ls[j].due || (ls[i].due == ls[j].due && ls[i].text < ls[j].text)
		})
		var body strings.Builder
		fmt.Fprintf(&body, "Hello %s,\n\nThese changed today in %s:\n\n", u.Name, service)
		for _, l := range ls {
			fmt.Fprintf(&body, "- %s\n", l.text)
		}
		body.WriteString("\nSign in to Hearth to see the details. You get this email because something is due; nothing needs a reply.\n")
		n, err := client.OutboxMessage.Create().SetKey(fmt.Sprintf("digest:%d:%s", u.ID, today)).SetUserID(u.ID).
			SetToAddress(u.Email).SetSubject(fmt.Sprintf("Hearth: %d due dates changed today", len(ls))).SetBody(body.String()).
			OnConflict(sql.DoNothing()).ID(ctx)
		switch {
		case err == nil && n > 0:
			queued++
		case err != nil && !errors.Is(err, stdsql.ErrNoRows):
			return queued, fmt.Errorf("queue the digest for %s: %w", u.Email, err)
		}
	}
	return queued, nil
}

func subjectNote(it *ent.DueItem) string {
	if it.SubjectKind == string(compliance.ForHousehold) {
		return ""
	}
	return " for " + it.SubjectName
}

// DeliverOutbox sends what is waiting in the outbox through m. Each
// message is claimed first, with a conditional update only one server can
// win, so two servers delivering at once send each message once; a claim
// older than lease (a server that died mid-send) is taken over. It returns
// how many it sent.
func DeliverOutbox(ctx context.Context, client *ent.Client, m Mailer, now time.Time, lease time.Duration) (int, error) {
	sent, after := 0, 0
	free := outboxmessage.Or(outboxmessage.ClaimedAtIsNil(), outboxmessage.ClaimedAtLT(now.Add(-lease)))
	for {
		// One pass in id order: a message that fails is tried again on the
		// next run, not again and again in this one.
		batch, err := client.OutboxMessage.Query().Where(outboxmessage.SentAtIsNil(), free, outboxmessage.IDGT(after)).
			Order(ent.Asc(outboxmessage.FieldID)).Limit(50).All(ctx)
		if err != nil || len(batch) == 0 {
			return sent, err
		}
		for _, msg := range batch {
			after = msg.ID
			n, err := client.OutboxMessage.Update().Where(outboxmessage.ID(msg.ID), outboxmessage.SentAtIsNil(), free).
				SetClaimedAt(now).AddAttempts(1).Save(ctx)
			if err != nil {
				return sent, fmt.Errorf("claim message %d: %w", msg.ID, err)
			}
			if n == 0 {
				continue // another server has it
			}
			if err := m.Send(ctx, msg.ToAddress, msg.Subject, msg.Body); err != nil {
				e := err.Error()
				if len(e) > 500 {
					e = e[:500]
				}
				// Give the claim up, so a later run tries again.
				if uerr := client.OutboxMessage.UpdateOneID(msg.ID).ClearClaimedAt().SetLastError(e).Exec(ctx); uerr != nil {
					return sent, uerr
				}
				continue
			}
			if err := client.OutboxMessage.UpdateOneID(msg.ID).SetSentAt(now).Exec(ctx); err != nil {
				return sent, fmt.Errorf("mark message %d sent: %w", msg.ID, err)
			}
			sent++
		}
	}
}
