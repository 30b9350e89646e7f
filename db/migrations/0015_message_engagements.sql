CREATE TYPE "public"."email_engagement_agent" AS ENUM('client', 'image_proxy', 'link_scanner');--> statement-breakpoint
CREATE TYPE "public"."email_engagement_kind" AS ENUM('open', 'click');--> statement-breakpoint
CREATE TABLE "message_engagement_totals" (
	"message_log_id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"first_opened_at" timestamp with time zone,
	"last_opened_at" timestamp with time zone,
	"open_count" integer DEFAULT 0 NOT NULL,
	"first_clicked_at" timestamp with time zone,
	"last_clicked_at" timestamp with time zone,
	"click_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_engagements" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"message_log_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"kind" "email_engagement_kind" NOT NULL,
	"url" text,
	"link_index" integer,
	"user_agent" text,
	"agent" "email_engagement_agent" DEFAULT 'client' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message_engagement_totals" ADD CONSTRAINT "message_engagement_totals_message_log_id_message_log_id_fk" FOREIGN KEY ("message_log_id") REFERENCES "public"."message_log"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_engagement_totals" ADD CONSTRAINT "message_engagement_totals_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_engagements" ADD CONSTRAINT "message_engagements_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_engagements" ADD CONSTRAINT "message_engagements_message_log_id_message_log_id_fk" FOREIGN KEY ("message_log_id") REFERENCES "public"."message_log"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_engagements" ADD CONSTRAINT "message_engagements_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_engagements_message" ON "message_engagements" USING btree ("message_log_id","created_at");--> statement-breakpoint
CREATE INDEX "message_engagements_customer" ON "message_engagements" USING btree ("workspace_id","customer_id");