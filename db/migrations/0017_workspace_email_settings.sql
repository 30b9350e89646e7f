ALTER TABLE "workspaces" ADD COLUMN "postal_address" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "email_tracking" boolean DEFAULT true NOT NULL;