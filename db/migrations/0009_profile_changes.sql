CREATE TABLE "profile_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"run_id" text NOT NULL,
	"step_id" text NOT NULL,
	"source" text NOT NULL,
	"change" jsonb NOT NULL,
	"outcome" text NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "profile_changes" ADD CONSTRAINT "profile_changes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_changes" ADD CONSTRAINT "profile_changes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "profile_changes_run_step" ON "profile_changes" USING btree ("workspace_id","run_id","step_id");--> statement-breakpoint
CREATE INDEX "profile_changes_customer" ON "profile_changes" USING btree ("customer_id","applied_at");