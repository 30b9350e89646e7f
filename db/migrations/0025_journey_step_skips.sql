CREATE TABLE "journey_step_skips" (
	"workspace_id" text NOT NULL,
	"journey_id" text NOT NULL,
	"journey_version" integer NOT NULL,
	"run_id" text NOT NULL,
	"skip_index" integer NOT NULL,
	"step_id" text NOT NULL,
	"reason" text NOT NULL,
	"skipped_at" timestamp with time zone NOT NULL,
	CONSTRAINT "journey_step_skips_run_id_skip_index_pk" PRIMARY KEY("run_id","skip_index")
);
--> statement-breakpoint
ALTER TABLE "journey_step_skips" ADD CONSTRAINT "journey_step_skips_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "journey_step_skips_journey" ON "journey_step_skips" USING btree ("workspace_id","journey_id","journey_version");