ALTER TABLE "workspaces" ADD COLUMN "webhook_secret" text;--> statement-breakpoint
ALTER TABLE "journeys" ADD COLUMN "settings" jsonb DEFAULT '{}'::jsonb NOT NULL;