CREATE TABLE "costly_leases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_hits" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limit_hits_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "settings_revision" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"revision" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "settings_revision_single_row" CHECK ("settings_revision"."id" = 1)
);
--> statement-breakpoint
CREATE INDEX "costly_leases_user_id_expires_at_index" ON "costly_leases" USING btree ("user_id","expires_at");--> statement-breakpoint
CREATE INDEX "rate_limit_hits_window_start_index" ON "rate_limit_hits" USING btree ("window_start");