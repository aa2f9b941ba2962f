CREATE TABLE "distance_learning" (
	"period" text PRIMARY KEY NOT NULL,
	"mooc_trainee_days" numeric(12, 2) NOT NULL,
	"magistere_trainee_days" numeric(12, 2) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "distance_learning_period_format" CHECK ("distance_learning"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "indicator_targets" (
	"indicator_code" text NOT NULL,
	"year" integer NOT NULL,
	"value" numeric(14, 4) NOT NULL,
	"is_baseline" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "indicator_targets_indicator_code_year_pk" PRIMARY KEY("indicator_code","year")
);
--> statement-breakpoint
ALTER TABLE "distance_learning" ADD CONSTRAINT "distance_learning_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;