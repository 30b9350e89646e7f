CREATE TABLE "lot_consumptions" (
	"entry_id" text NOT NULL,
	"lot_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"points" integer NOT NULL,
	CONSTRAINT "lot_consumptions_entry_id_lot_id_pk" PRIMARY KEY("entry_id","lot_id"),
	CONSTRAINT "lot_consumptions_points_positive" CHECK ("lot_consumptions"."points" > 0)
);
--> statement-breakpoint
CREATE TABLE "loyalty_programs" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"points_expiry" jsonb DEFAULT '{"kind":"never"}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "point_reversals" (
	"entry_id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"account_id" text NOT NULL,
	"order_ref" text NOT NULL,
	"order_amount" bigint NOT NULL,
	"refund_amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"points_due" integer NOT NULL,
	"points_taken" integer NOT NULL,
	"points_waived_expired" integer NOT NULL,
	"shortfall" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_reversals_accounted" CHECK ("point_reversals"."points_taken" >= 0 and "point_reversals"."points_waived_expired" >= 0 and "point_reversals"."shortfall" >= 0 and "point_reversals"."points_due" = "point_reversals"."points_taken" + "point_reversals"."points_waived_expired" + "point_reversals"."shortfall"),
	CONSTRAINT "point_reversals_refund_range" CHECK ("point_reversals"."refund_amount" > 0 and "point_reversals"."refund_amount" <= "point_reversals"."order_amount")
);
--> statement-breakpoint
DROP INDEX "point_lots_account_expiry";--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "order_ref" text;--> statement-breakpoint
ALTER TABLE "lot_consumptions" ADD CONSTRAINT "lot_consumptions_entry_id_ledger_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lot_consumptions" ADD CONSTRAINT "lot_consumptions_lot_id_point_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."point_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_programs" ADD CONSTRAINT "loyalty_programs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_reversals" ADD CONSTRAINT "point_reversals_entry_id_ledger_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_reversals" ADD CONSTRAINT "point_reversals_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_reversals" ADD CONSTRAINT "point_reversals_account_id_loyalty_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."loyalty_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lot_consumptions_lot" ON "lot_consumptions" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "point_reversals_order" ON "point_reversals" USING btree ("account_id","order_ref");--> statement-breakpoint
CREATE INDEX "point_reversals_shortfall" ON "point_reversals" USING btree ("workspace_id","created_at") WHERE "point_reversals"."shortfall" > 0;--> statement-breakpoint
CREATE INDEX "ledger_entries_order" ON "ledger_entries" USING btree ("account_id","order_ref") WHERE "ledger_entries"."order_ref" is not null;--> statement-breakpoint
CREATE INDEX "point_lots_open" ON "point_lots" USING btree ("workspace_id","account_id","expires_at") WHERE "point_lots"."points_remaining" > 0;--> statement-breakpoint
CREATE UNIQUE INDEX "point_lots_entry" ON "point_lots" USING btree ("entry_id");