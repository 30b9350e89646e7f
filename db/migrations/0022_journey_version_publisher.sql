-- Who published each journey version, for the version history (null for older rows and API publishes).
ALTER TABLE "journey_versions" ADD COLUMN "published_by" text;--> statement-breakpoint
ALTER TABLE "journey_versions" ADD CONSTRAINT "journey_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;