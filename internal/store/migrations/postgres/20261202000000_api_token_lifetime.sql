-- +goose Up
-- Every API token now expires, and answers to a person who can still sign
-- in or to the command line. Tokens made before had neither rule.
--
-- Revoke, each with an audit entry, the live tokens of accounts already
-- deactivated or archived: deactivation did not revoke them then.
INSERT INTO "audit_events" ("at", "actor_label", "action", "entity", "entity_id", "changes")
SELECT now(), 'system: migration', 'update', 'api_token', "id",
       '{"revoked":{"old":false,"new":true},"reason":{"old":null,"new":"its issuer was deactivated"}}'::jsonb
FROM "api_tokens"
WHERE "revoked_at" IS NULL AND "created_by_id" IN (SELECT "id" FROM "users" WHERE NOT "active" OR "archived_at" IS NOT NULL);
UPDATE "api_tokens" SET "revoked_at" = now()
WHERE "revoked_at" IS NULL AND "created_by_id" IN (SELECT "id" FROM "users" WHERE NOT "active" OR "archived_at" IS NOT NULL);
-- Revoke the live tokens another token issued: no person answers for them,
-- and they could have renewed themselves for ever.
INSERT INTO "audit_events" ("at", "actor_label", "action", "entity", "entity_id", "changes")
SELECT now(), 'system: migration', 'update', 'api_token', t."id",
       '{"revoked":{"old":false,"new":true},"reason":{"old":null,"new":"it was issued by another API token"}}'::jsonb
FROM "api_tokens" t
WHERE t."revoked_at" IS NULL AND t."created_by_id" IS NULL AND EXISTS (SELECT 1 FROM "audit_events" e
  WHERE e."entity" = 'api_token' AND e."entity_id" = t."id" AND e."action" = 'create' AND e."actor_label" LIKE 'API token %');
UPDATE "api_tokens" t SET "revoked_at" = now()
WHERE t."revoked_at" IS NULL AND t."created_by_id" IS NULL AND EXISTS (SELECT 1 FROM "audit_events" e
  WHERE e."entity" = 'api_token' AND e."entity_id" = t."id" AND e."action" = 'create' AND e."actor_label" LIKE 'API token %');
-- Give every token an expiry no later than a new one could have: 30 days
-- from now for an admin token, 90 for any other. Integrations keep working
-- for that long, time enough to be given a new token, rather than
-- stopping the moment this release is installed.
UPDATE "api_tokens" SET "expires_at" = now() + interval '30 days'
WHERE "role" = 'admin' AND ("expires_at" IS NULL OR "expires_at" > now() + interval '30 days');
UPDATE "api_tokens" SET "expires_at" = now() + interval '90 days'
WHERE "role" <> 'admin' AND ("expires_at" IS NULL OR "expires_at" > now() + interval '90 days');

-- +goose Down
-- Nothing to undo: the expiries and revocations stand.
SELECT 1;
