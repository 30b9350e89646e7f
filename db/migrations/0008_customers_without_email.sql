ALTER TABLE "customers" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "message_log" ALTER COLUMN "to_address" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "user_id" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "anonymous_id" text;--> statement-breakpoint
CREATE INDEX "events_anonymous" ON "events" USING btree ("workspace_id","anonymous_id") WHERE "events"."anonymous_id" is not null and "events"."customer_id" is null;