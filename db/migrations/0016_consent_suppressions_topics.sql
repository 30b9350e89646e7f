CREATE TABLE "consent_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"consent" boolean NOT NULL,
	"topic" text,
	"source" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_topic_optouts" (
	"workspace_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"topic_key" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "customer_topic_optouts_workspace_id_customer_id_topic_key_pk" PRIMARY KEY("workspace_id","customer_id","topic_key")
);
--> statement-breakpoint
CREATE TABLE "email_suppressions" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"address" text NOT NULL,
	"reason" text NOT NULL,
	"detail" text,
	"source" text NOT NULL,
	"message_log_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_suppressions_address_lowercase" CHECK ("email_suppressions"."address" = lower("email_suppressions"."address")),
	CONSTRAINT "email_suppressions_reason" CHECK ("email_suppressions"."reason" in ('unsubscribed', 'bounced', 'complained', 'manual'))
);
--> statement-breakpoint
CREATE TABLE "email_topics" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"key" text NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "marketing_consent_source" text;--> statement-breakpoint
-- Before the foreign key of customer_topic_optouts, which needs this unique index to exist.
CREATE UNIQUE INDEX "email_topics_workspace_key" ON "email_topics" USING btree ("workspace_id","key");--> statement-breakpoint
ALTER TABLE "consent_changes" ADD CONSTRAINT "consent_changes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_changes" ADD CONSTRAINT "consent_changes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_topic_optouts" ADD CONSTRAINT "customer_topic_optouts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_topic_optouts" ADD CONSTRAINT "customer_topic_optouts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_topic_optouts" ADD CONSTRAINT "customer_topic_optouts_topic" FOREIGN KEY ("workspace_id","topic_key") REFERENCES "public"."email_topics"("workspace_id","key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_suppressions" ADD CONSTRAINT "email_suppressions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_topics" ADD CONSTRAINT "email_topics_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_changes_customer" ON "consent_changes" USING btree ("workspace_id","customer_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "email_suppressions_workspace_address" ON "email_suppressions" USING btree ("workspace_id","address");