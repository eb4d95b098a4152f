-- +goose Up
-- create "approval_terms" table
CREATE TABLE `approval_terms` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `archived_at` datetime NULL, `categories` json NOT NULL, `number_of_children` integer NOT NULL, `age_from` integer NOT NULL, `age_to` integer NOT NULL, `notes` text NULL, `effective_from` date NOT NULL, `effective_to` date NULL, `decision` text NOT NULL, `household_id` integer NOT NULL, `review_id` integer NULL, CONSTRAINT `approval_terms_households_approval_terms` FOREIGN KEY (`household_id`) REFERENCES `households` (`id`) ON DELETE RESTRICT, CONSTRAINT `approval_terms_reviews_approval_terms` FOREIGN KEY (`review_id`) REFERENCES `reviews` (`id`) ON DELETE SET NULL);
-- create index "approvalterms_household_id_effective_from" to table: "approval_terms"
CREATE INDEX `approvalterms_household_id_effective_from` ON `approval_terms` (`household_id`, `effective_from`);
-- create "audit_events" table
CREATE TABLE `audit_events` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `at` datetime NOT NULL, `actor_id` integer NULL, `actor_label` text NOT NULL, `action` text NOT NULL, `entity` text NOT NULL, `entity_id` integer NULL, `changes` json NULL, `client_address` text NULL, `request_id` text NULL);
-- create index "auditevent_entity_entity_id_at" to table: "audit_events"
CREATE INDEX `auditevent_entity_entity_id_at` ON `audit_events` (`entity`, `entity_id`, `at`);
-- create index "auditevent_actor_id_at" to table: "audit_events"
CREATE INDEX `auditevent_actor_id_at` ON `audit_events` (`actor_id`, `at`);
-- create index "auditevent_at" to table: "audit_events"
CREATE INDEX `auditevent_at` ON `audit_events` (`at`);
-- create "carers" table
CREATE TABLE `carers` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `archived_at` datetime NULL, `first_name` text NOT NULL, `last_name` text NOT NULL, `date_of_birth` date NULL, `email` text NULL, `phone` text NULL, `connected_person` bool NOT NULL DEFAULT (false), `tsd_completed_on` date NULL, `household_id` integer NOT NULL, `user_id` integer NULL, CONSTRAINT `carers_households_carers` FOREIGN KEY (`household_id`) REFERENCES `households` (`id`) ON DELETE RESTRICT, CONSTRAINT `carers_users_carer` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE SET NULL);
-- create index "carers_user_id_key" to table: "carers"
CREATE UNIQUE INDEX `carers_user_id_key` ON `carers` (`user_id`);
-- create index "carer_household_id" to table: "carers"
CREATE INDEX `carer_household_id` ON `carers` (`household_id`);
-- create index "carer_last_name_first_name" to table: "carers"
CREATE INDEX `carer_last_name_first_name` ON `carers` (`last_name`, `first_name`);
-- create "contributions" table
CREATE TABLE `contributions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `archived_at` datetime NULL, `source` text NOT NULL, `author_name` text NOT NULL, `received_on` date NOT NULL, `text` text NOT NULL, `review_id` integer NOT NULL, `author_id` integer NULL, CONSTRAINT `contributions_reviews_contributions` FOREIGN KEY (`review_id`) REFERENCES `reviews` (`id`) ON DELETE RESTRICT, CONSTRAINT `contributions_users_contributions` FOREIGN KEY (`author_id`) REFERENCES `users` (`id`) ON DELETE SET NULL);
-- create index "contribution_review_id_source" to table: "contributions"
CREATE INDEX `contribution_review_id_source` ON `contributions` (`review_id`, `source`);
-- create "courses" table
CREATE TABLE `courses` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `archived_at` datetime NULL, `code` text NOT NULL, `title` text NOT NULL, `description` text NULL, `mandatory` bool NOT NULL DEFAULT (false), `validity_months` integer NOT NULL DEFAULT (0), `applies_to_categories` json NULL, `counts_toward_tsd` bool NOT NULL DEFAULT (false));
-- create index "courses_code_key" to table: "courses"
CREATE UNIQUE INDEX `courses_code_key` ON `courses` (`code`);
-- create "dbs_checks" table
CREATE TABLE `dbs_checks` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `archived_at` datetime NULL, `certificate_number` text NOT NULL, `issued_on` date NOT NULL, `level` text NOT NULL DEFAULT ('enhanced_with_barred_lists'), `update_service` bool NOT NULL DEFAULT (false), `outcome` text NOT NULL DEFAULT ('pending'), `carer_id` integer NULL, `household_member_id` integer NULL, CONSTRAINT `dbs_checks_carers_dbs_checks` FOREIGN KEY (`carer_id`) REFERENCES `carers` (`id`) ON DELETE RESTRICT, CONSTRAINT `dbs_checks_household_members_dbs_checks` FOREIGN KEY (`household_member_id`) REFERENCES `household_members` (`id`) ON DELETE RESTRICT);
-- create index "dbscheck_carer_id_issued_on" to table: "dbs_checks"
CREATE INDEX `dbscheck_carer_id_issued_on` ON `dbs_checks` (`carer_id`, `issued_on`);
-- create index "dbscheck_household_member_id_issued_on" to table: "dbs_checks"
CREATE INDEX `dbscheck_household_member_id_issued_on` ON `dbs_checks` (`household_member_id`, `issued_on`);
-- create "health_assessments" table
CREATE TABLE `health_assessments` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `archived_at` datetime NULL, `kind` text NOT NULL, `assessed_on` date NOT NULL, `assessed_by` text NULL, `medical_adviser` text NULL, `adviser_opinion` text NULL, `outcome` text NOT NULL DEFAULT ('pending'), `carer_id` integer NOT NULL, CONSTRAINT `health_assessments_carers_health_assessments` FOREIGN KEY (`carer_id`) REFERENCES `carers` (`id`) ON DELETE RESTRICT);
-- create index "healthassessment_carer_id_assessed_on" to table: "health_assessments"
CREATE INDEX `healthassessment_carer_id_assessed_on` ON `health_assessments` (`carer_id`, `assessed_on`);
-- create "households" table
CREATE TABLE `households` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `archived_at` datetime NULL, `reference` text NOT NULL, `address_line1` text NOT NULL, `address_line2` text NULL, `town` text NOT NULL, `postcode` text NOT NULL, `phone` text NULL, `email` text NULL, `status` text NOT NULL DEFAULT ('assessment'), `approved_on` date NULL, `resignation_received_on` date NULL, `ended_on` date NULL, `ssw_id` integer NULL, CONSTRAINT `households_users_supervised_households` FOREIGN KEY (`ssw_id`) REFERENCES `users` (`id`) ON DELETE SET NULL);
-- create index "households_reference_key" to table: "households"
CREATE UNIQUE INDEX `households_reference_key` ON `households` (`reference`);
-- create index "household_status" to table: "households"
CREATE INDEX `household_status` ON `households` (`status`);
-- create index "household_ssw_id_status" to table: "households"
CREATE INDEX `household_ssw_id_status` ON `households` (`ssw_id`, `status`);
-- create index "household_postcode" to table: "households"
CREATE INDEX `household_postcode` ON `households` (`postcode`);
-- create index "household_ended_on" to table: "households"
CREATE INDEX `household_ended_on` ON `households` (`ended_on`);
-- create "household_members" table
CREATE TABLE `household_members` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `archived_at` datetime NULL, `first_name` text NOT NULL, `last_name` text NOT NULL, `relationship` text NOT NULL, `date_of_birth` date NULL, `moved_in_on` date NULL, `moved_out_on` date NULL, `household_id` integer NOT NULL, CONSTRAINT `household_members_households_members` FOREIGN KEY (`household_id`) REFERENCES `households` (`id`) ON DELETE RESTRICT);
-- create index "householdmember_household_id" to table: "household_members"
CREATE INDEX `householdmember_household_id` ON `household_members` (`household_id`);
-- create index "householdmember_date_of_birth" to table: "household_members"
CREATE INDEX `householdmember_date_of_birth` ON `household_members` (`date_of_birth`);
-- create "panels" table
CREATE TABLE `panels` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `archived_at` datetime NULL, `name` text NOT NULL, `meets_on` date NOT NULL, `location` text NULL, `chair_id` integer NULL, CONSTRAINT `panels_users_panels_chaired` FOREIGN KEY (`chair_id`) REFERENCES `users` (`id`) ON DELETE SET NULL);
-- create index "panel_meets_on" to table: "panels"
CREATE INDEX `panel_meets_on` ON `panels` (`meets_on`);
-- create "panel_items" table
CREATE TABLE `panel_items` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `archived_at` datetime NULL, `position` integer NOT NULL DEFAULT (1), `papers_sent_on` date NULL, `recommendation` text NULL, `minute` text NULL, `recommended_on` date NULL, `panel_id` integer NOT NULL, `review_id` integer NOT NULL, CONSTRAINT `panel_items_panels_items` FOREIGN KEY (`panel_id`) REFERENCES `panels` (`id`) ON DELETE RESTRICT, CONSTRAINT `panel_items_reviews_panel_items` FOREIGN KEY (`review_id`) REFERENCES `reviews` (`id`) ON DELETE RESTRICT);
-- create index "panelitem_panel_id_review_id" to table: "panel_items"
CREATE UNIQUE INDEX `panelitem_panel_id_review_id` ON `panel_items` (`panel_id`, `review_id`);
-- create index "panelitem_review_id" to table: "panel_items"
CREATE INDEX `panelitem_review_id` ON `panel_items` (`review_id`);
-- create "placements" table
CREATE TABLE `placements` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `archived_at` datetime NULL, `child_reference` text NOT NULL, `placing_authority` text NOT NULL, `category` text NOT NULL, `started_on` date NOT NULL, `ended_on` date NULL, `end_reason` text NULL, `household_id` integer NOT NULL, CONSTRAINT `placements_households_placements` FOREIGN KEY (`household_id`) REFERENCES `households` (`id`) ON DELETE RESTRICT);
-- create index "placement_household_id_started_on" to table: "placements"
CREATE INDEX `placement_household_id_started_on` ON `placements` (`household_id`, `started_on`);
-- create "reviews" table
CREATE TABLE `reviews` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `archived_at` datetime NULL, `kind` text NOT NULL, `due_on` date NOT NULL, `meeting_on` date NULL, `status` text NOT NULL DEFAULT ('scheduled'), `panel_required` bool NOT NULL DEFAULT (false), `report` text NULL, `recommendation` text NULL, `proposed_categories` json NULL, `proposed_number_of_children` integer NULL, `proposed_age_from` integer NULL, `proposed_age_to` integer NULL, `proposed_terms_note` text NULL, `decided_on` date NULL, `outcome` text NULL, `decision_reasons` text NULL, `carer_agreed_to_change` bool NULL, `notice_sent_on` date NULL, `cancelled_reason` text NULL, `household_id` integer NOT NULL, `reviewing_officer_id` integer NULL, `decided_by_id` integer NULL, CONSTRAINT `reviews_households_reviews` FOREIGN KEY (`household_id`) REFERENCES `households` (`id`) ON DELETE RESTRICT, CONSTRAINT `reviews_users_reviews_to_write` FOREIGN KEY (`reviewing_officer_id`) REFERENCES `users` (`id`) ON DELETE SET NULL, CONSTRAINT `reviews_users_reviews_decided` FOREIGN KEY (`decided_by_id`) REFERENCES `users` (`id`) ON DELETE SET NULL);
-- create index "review_household_id_due_on" to table: "reviews"
CREATE INDEX `review_household_id_due_on` ON `reviews` (`household_id`, `due_on`);
-- create index "review_status_due_on" to table: "reviews"
CREATE INDEX `review_status_due_on` ON `reviews` (`status`, `due_on`);
-- create index "review_reviewing_officer_id_status" to table: "reviews"
CREATE INDEX `review_reviewing_officer_id_status` ON `reviews` (`reviewing_officer_id`, `status`);
-- create "training_records" table
CREATE TABLE `training_records` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `archived_at` datetime NULL, `completed_on` date NOT NULL, `expires_on` date NULL, `provider` text NULL, `hours` real NULL, `evidence` text NULL, `carer_id` integer NOT NULL, `course_id` integer NOT NULL, CONSTRAINT `training_records_carers_training_records` FOREIGN KEY (`carer_id`) REFERENCES `carers` (`id`) ON DELETE RESTRICT, CONSTRAINT `training_records_courses_training_records` FOREIGN KEY (`course_id`) REFERENCES `courses` (`id`) ON DELETE RESTRICT);
-- create index "trainingrecord_carer_id_course_id_completed_on" to table: "training_records"
CREATE UNIQUE INDEX `trainingrecord_carer_id_course_id_completed_on` ON `training_records` (`carer_id`, `course_id`, `completed_on`);
-- create index "trainingrecord_course_id_expires_on" to table: "training_records"
CREATE INDEX `trainingrecord_course_id_expires_on` ON `training_records` (`course_id`, `expires_on`);
-- create index "trainingrecord_expires_on" to table: "training_records"
CREATE INDEX `trainingrecord_expires_on` ON `training_records` (`expires_on`);
-- create "users" table
CREATE TABLE `users` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `archived_at` datetime NULL, `email` text NOT NULL, `name` text NOT NULL, `role` text NOT NULL, `password_hash` text NULL, `mfa_secret` text NULL, `active` bool NOT NULL DEFAULT (true), `last_login_at` datetime NULL);
-- create index "users_email_key" to table: "users"
CREATE UNIQUE INDEX `users_email_key` ON `users` (`email`);
-- create index "user_role" to table: "users"
CREATE INDEX `user_role` ON `users` (`role`);
-- create "visits" table
CREATE TABLE `visits` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `archived_at` datetime NULL, `kind` text NOT NULL, `visited_on` date NOT NULL, `children_seen` bool NOT NULL DEFAULT (false), `note` text NULL, `household_id` integer NOT NULL, `visitor_id` integer NULL, CONSTRAINT `visits_households_visits` FOREIGN KEY (`household_id`) REFERENCES `households` (`id`) ON DELETE RESTRICT, CONSTRAINT `visits_users_visits` FOREIGN KEY (`visitor_id`) REFERENCES `users` (`id`) ON DELETE SET NULL);
-- create index "visit_household_id_kind_visited_on" to table: "visits"
CREATE INDEX `visit_household_id_kind_visited_on` ON `visits` (`household_id`, `kind`, `visited_on`);
-- create "user_panels" table
CREATE TABLE `user_panels` (`user_id` integer NOT NULL, `panel_id` integer NOT NULL, PRIMARY KEY (`user_id`, `panel_id`), CONSTRAINT `user_panels_user_id` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE, CONSTRAINT `user_panels_panel_id` FOREIGN KEY (`panel_id`) REFERENCES `panels` (`id`) ON DELETE CASCADE);

-- +goose Down
-- reverse: create "user_panels" table
DROP TABLE `user_panels`;
-- reverse: create index "visit_household_id_kind_visited_on" to table: "visits"
DROP INDEX `visit_household_id_kind_visited_on`;
-- reverse: create "visits" table
DROP TABLE `visits`;
-- reverse: create index "user_role" to table: "users"
DROP INDEX `user_role`;
-- reverse: create index "users_email_key" to table: "users"
DROP INDEX `users_email_key`;
-- reverse: create "users" table
DROP TABLE `users`;
-- reverse: create index "trainingrecord_expires_on" to table: "training_records"
DROP INDEX `trainingrecord_expires_on`;
-- reverse: create index "trainingrecord_course_id_expires_on" to table: "training_records"
DROP INDEX `trainingrecord_course_id_expires_on`;
-- reverse: create index "trainingrecord_carer_id_course_id_completed_on" to table: "training_records"
DROP INDEX `trainingrecord_carer_id_course_id_completed_on`;
-- reverse: create "training_records" table
DROP TABLE `training_records`;
-- reverse: create index "review_reviewing_officer_id_status" to table: "reviews"
DROP INDEX `review_reviewing_officer_id_status`;
-- reverse: create index "review_status_due_on" to table: "reviews"
DROP INDEX `review_status_due_on`;
-- reverse: create index "review_household_id_due_on" to table: "reviews"
DROP INDEX `review_household_id_due_on`;
-- reverse: create "reviews" table
DROP TABLE `reviews`;
-- reverse: create index "placement_household_id_started_on" to table: "placements"
DROP INDEX `placement_household_id_started_on`;
-- reverse: create "placements" table
DROP TABLE `placements`;
-- reverse: create index "panelitem_review_id" to table: "panel_items"
DROP INDEX `panelitem_review_id`;
-- reverse: create index "panelitem_panel_id_review_id" to table: "panel_items"
DROP INDEX `panelitem_panel_id_review_id`;
-- reverse: create "panel_items" table
DROP TABLE `panel_items`;
-- reverse: create index "panel_meets_on" to table: "panels"
DROP INDEX `panel_meets_on`;
-- reverse: create "panels" table
DROP TABLE `panels`;
-- reverse: create index "householdmember_date_of_birth" to table: "household_members"
DROP INDEX `householdmember_date_of_birth`;
-- reverse: create index "householdmember_household_id" to table: "household_members"
DROP INDEX `householdmember_household_id`;
-- reverse: create "household_members" table
DROP TABLE `household_members`;
-- reverse: create index "household_ended_on" to table: "households"
DROP INDEX `household_ended_on`;
-- reverse: create index "household_postcode" to table: "households"
DROP INDEX `household_postcode`;
-- reverse: create index "household_ssw_id_status" to table: "households"
DROP INDEX `household_ssw_id_status`;
-- reverse: create index "household_status" to table: "households"
DROP INDEX `household_status`;
-- reverse: create index "households_reference_key" to table: "households"
DROP INDEX `households_reference_key`;
-- reverse: create "households" table
DROP TABLE `households`;
-- reverse: create index "healthassessment_carer_id_assessed_on" to table: "health_assessments"
DROP INDEX `healthassessment_carer_id_assessed_on`;
-- reverse: create "health_assessments" table
DROP TABLE `health_assessments`;
-- reverse: create index "dbscheck_household_member_id_issued_on" to table: "dbs_checks"
DROP INDEX `dbscheck_household_member_id_issued_on`;
-- reverse: create index "dbscheck_carer_id_issued_on" to table: "dbs_checks"
DROP INDEX `dbscheck_carer_id_issued_on`;
-- reverse: create "dbs_checks" table
DROP TABLE `dbs_checks`;
-- reverse: create index "courses_code_key" to table: "courses"
DROP INDEX `courses_code_key`;
-- reverse: create "courses" table
DROP TABLE `courses`;
-- reverse: create index "contribution_review_id_source" to table: "contributions"
DROP INDEX `contribution_review_id_source`;
-- reverse: create "contributions" table
DROP TABLE `contributions`;
-- reverse: create index "carer_last_name_first_name" to table: "carers"
DROP INDEX `carer_last_name_first_name`;
-- reverse: create index "carer_household_id" to table: "carers"
DROP INDEX `carer_household_id`;
-- reverse: create index "carers_user_id_key" to table: "carers"
DROP INDEX `carers_user_id_key`;
-- reverse: create "carers" table
DROP TABLE `carers`;
-- reverse: create index "auditevent_at" to table: "audit_events"
DROP INDEX `auditevent_at`;
-- reverse: create index "auditevent_actor_id_at" to table: "audit_events"
DROP INDEX `auditevent_actor_id_at`;
-- reverse: create index "auditevent_entity_entity_id_at" to table: "audit_events"
DROP INDEX `auditevent_entity_entity_id_at`;
-- reverse: create "audit_events" table
DROP TABLE `audit_events`;
-- reverse: create index "approvalterms_household_id_effective_from" to table: "approval_terms"
DROP INDEX `approvalterms_household_id_effective_from`;
-- reverse: create "approval_terms" table
DROP TABLE `approval_terms`;
