CREATE TABLE "journey_step_passes" (
	"workspace_id" text NOT NULL,
	"journey_id" text NOT NULL,
	"journey_version" integer NOT NULL,
	"run_id" text NOT NULL,
	"path_index" integer NOT NULL,
	"step_id" text NOT NULL,
	"output" text NOT NULL,
	"passed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "journey_step_passes_run_id_path_index_pk" PRIMARY KEY("run_id","path_index")
);
--> statement-breakpoint
ALTER TABLE "journey_step_passes" ADD CONSTRAINT "journey_step_passes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "journey_step_passes_journey" ON "journey_step_passes" USING btree ("workspace_id","journey_id","journey_version","step_id");