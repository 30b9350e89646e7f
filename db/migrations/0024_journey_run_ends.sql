CREATE TABLE "journey_run_ends" (
	"run_id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"journey_id" text NOT NULL,
	"journey_version" integer NOT NULL,
	"customer_id" text NOT NULL,
	"outcome" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "journey_run_ends" ADD CONSTRAINT "journey_run_ends_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "journey_run_ends_journey" ON "journey_run_ends" USING btree ("workspace_id","journey_id","journey_version");