CREATE TYPE "public"."broadcast_status" AS ENUM('scheduled', 'running', 'completed', 'cancelled', 'failed');--> statement-breakpoint
CREATE TABLE "broadcasts" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"journey_id" text NOT NULL,
	"segment_id" text NOT NULL,
	"rate_per_second" integer NOT NULL,
	"status" "broadcast_status" DEFAULT 'scheduled' NOT NULL,
	"status_reason" text,
	"cursor" text,
	"member_count" integer DEFAULT 0 NOT NULL,
	"started" integer DEFAULT 0 NOT NULL,
	"already_in" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"created_by" text DEFAULT '' NOT NULL,
	"request_key" text NOT NULL,
	"scheduled_for" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "broadcasts_rate" CHECK ("broadcasts"."rate_per_second" between 1 and 1000),
	CONSTRAINT "broadcasts_counts_not_negative" CHECK ("broadcasts"."started" >= 0 and "broadcasts"."already_in" >= 0 and "broadcasts"."skipped" >= 0 and "broadcasts"."member_count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "broadcasts_journey" ON "broadcasts" USING btree ("workspace_id","journey_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "broadcasts_request_key" ON "broadcasts" USING btree ("workspace_id","request_key");