CREATE TYPE "public"."email_category" AS ENUM('marketing', 'transactional');--> statement-breakpoint
CREATE TABLE "email_template_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"template_id" text NOT NULL,
	"version" integer NOT NULL,
	"locale" text NOT NULL,
	"subject" text NOT NULL,
	"preheader" text NOT NULL,
	"mjml" text NOT NULL,
	"category" "email_category" NOT NULL,
	"topic" text,
	"variants" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text
);
--> statement-breakpoint
ALTER TABLE "email_template_variants" ADD COLUMN "preheader" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "email_templates" ADD COLUMN "preheader" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "email_templates" ADD COLUMN "category" "email_category" DEFAULT 'marketing' NOT NULL;--> statement-breakpoint
ALTER TABLE "email_templates" ADD COLUMN "topic" text;--> statement-breakpoint
ALTER TABLE "email_templates" ADD COLUMN "live_version" integer;--> statement-breakpoint
ALTER TABLE "email_templates" ADD COLUMN "starter_key" text;--> statement-breakpoint
ALTER TABLE "message_log" ADD COLUMN "template_version" integer;--> statement-breakpoint
ALTER TABLE "email_template_versions" ADD CONSTRAINT "email_template_versions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_template_versions" ADD CONSTRAINT "email_template_versions_template_id_email_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."email_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_template_versions_template_version" ON "email_template_versions" USING btree ("template_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "email_templates_workspace_starter" ON "email_templates" USING btree ("workspace_id","starter_key") WHERE "email_templates"."starter_key" is not null;--> statement-breakpoint
-- Every existing template becomes version 1, live, copied from its current content and
-- language variants, so journeys that already point at it keep sending the same mail.
INSERT INTO "email_template_versions" ("id", "workspace_id", "template_id", "version", "locale", "subject", "preheader", "mjml", "category", "topic", "variants")
SELECT 'tplver_' || substr(md5(t."id"), 1, 16), t."workspace_id", t."id", 1, t."locale", t."subject", t."preheader", t."mjml", t."category", t."topic",
  coalesce((SELECT jsonb_object_agg(v."locale", jsonb_build_object('subject', v."subject", 'preheader', v."preheader", 'mjml', v."mjml"))
            FROM "email_template_variants" v WHERE v."template_id" = t."id" AND v."workspace_id" = t."workspace_id"), '{}'::jsonb)
FROM "email_templates" t;--> statement-breakpoint
UPDATE "email_templates" SET "live_version" = 1;--> statement-breakpoint
-- The one starter that existed before starters had keys: a later start must not add it twice.
UPDATE "email_templates" SET "starter_key" = 'birthday' WHERE "name" = 'Happy birthday';
