CREATE TABLE "analytics_clicks" (
	"message_log_id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"template_id" text NOT NULL,
	"journey_id" text DEFAULT '' NOT NULL,
	"clicked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_customer_days" (
	"workspace_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"day" date NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"revenue" bigint DEFAULT 0 NOT NULL,
	"refunded" bigint DEFAULT 0 NOT NULL,
	"points_earned" bigint DEFAULT 0 NOT NULL,
	"points_spent" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_customer_days_workspace_id_customer_id_day_pk" PRIMARY KEY("workspace_id","customer_id","day")
);
--> statement-breakpoint
CREATE TABLE "analytics_daily" (
	"workspace_id" text NOT NULL,
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"dim1" text DEFAULT '' NOT NULL,
	"dim2" text DEFAULT '' NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_daily_workspace_id_metric_day_dim1_dim2_pk" PRIMARY KEY("workspace_id","metric","day","dim1","dim2")
);
--> statement-breakpoint
CREATE TABLE "analytics_pending_customer_days" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"day" date NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"revenue" bigint DEFAULT 0 NOT NULL,
	"refunded" bigint DEFAULT 0 NOT NULL,
	"points_earned" bigint DEFAULT 0 NOT NULL,
	"points_spent" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_pending_daily" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"dim1" text DEFAULT '' NOT NULL,
	"dim2" text DEFAULT '' NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_refresh_state" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"deltas_applied" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_settings" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"cost_per_point" numeric(12, 6) DEFAULT 1 NOT NULL,
	"click_attribution_days" integer DEFAULT 7 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analytics_customer_days" ADD CONSTRAINT "analytics_customer_days_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_daily" ADD CONSTRAINT "analytics_daily_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_settings" ADD CONSTRAINT "analytics_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_clicks_time" ON "analytics_clicks" USING btree ("workspace_id","clicked_at");--> statement-breakpoint
CREATE INDEX "analytics_clicks_customer" ON "analytics_clicks" USING btree ("workspace_id","customer_id","clicked_at");--> statement-breakpoint
CREATE INDEX "analytics_customer_days_day" ON "analytics_customer_days" USING btree ("workspace_id","day");