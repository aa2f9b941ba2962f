CREATE TYPE "public"."label_status" AS ENUM('labellise', 'en_cours', 'non_engage');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('atelier', 'territory', 'national', 'admin', 'viewer');--> statement-breakpoint
CREATE TABLE "atelier_labels" (
	"atelier_code" text NOT NULL,
	"status" "label_status" NOT NULL,
	"valid_from" date NOT NULL,
	CONSTRAINT "atelier_labels_atelier_code_valid_from_pk" PRIMARY KEY("atelier_code","valid_from")
);
--> statement-breakpoint
CREATE TABLE "atelier_territories" (
	"atelier_code" text NOT NULL,
	"territory_code" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "atelier_territories_atelier_code_valid_from_pk" PRIMARY KEY("atelier_code","valid_from"),
	CONSTRAINT "atelier_territories_dates" CHECK ("atelier_territories"."valid_to" is null or "atelier_territories"."valid_to" > "atelier_territories"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "ateliers" (
	"code" text PRIMARY KEY NOT NULL,
	"departement" text NOT NULL,
	"city" text NOT NULL,
	"has_lab" boolean DEFAULT false NOT NULL,
	"in_espe" boolean DEFAULT false NOT NULL,
	"opened_on" date DEFAULT '2016-01-01' NOT NULL,
	"closed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"subject" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email_key" text NOT NULL,
	"ip" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "territories" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_roles" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"atelier_code" text,
	"territory_code" text,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_roles_scope" CHECK (("user_roles"."role" = 'atelier' and "user_roles"."atelier_code" is not null and "user_roles"."territory_code" is null)
        or ("user_roles"."role" = 'territory' and "user_roles"."territory_code" is not null and "user_roles"."atelier_code" is null)
        or ("user_roles"."role" in ('national', 'admin', 'viewer') and "user_roles"."atelier_code" is null and "user_roles"."territory_code" is null))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_login_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "atelier_labels" ADD CONSTRAINT "atelier_labels_atelier_code_ateliers_code_fk" FOREIGN KEY ("atelier_code") REFERENCES "public"."ateliers"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atelier_territories" ADD CONSTRAINT "atelier_territories_atelier_code_ateliers_code_fk" FOREIGN KEY ("atelier_code") REFERENCES "public"."ateliers"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atelier_territories" ADD CONSTRAINT "atelier_territories_territory_code_territories_code_fk" FOREIGN KEY ("territory_code") REFERENCES "public"."territories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_atelier_code_ateliers_code_fk" FOREIGN KEY ("atelier_code") REFERENCES "public"."ateliers"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_territory_code_territories_code_fk" FOREIGN KEY ("territory_code") REFERENCES "public"."territories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "atelier_territories_territory_code_index" ON "atelier_territories" USING btree ("territory_code");--> statement-breakpoint
CREATE INDEX "audit_events_subject_index" ON "audit_events" USING btree ("subject");--> statement-breakpoint
CREATE INDEX "login_failures_email_key_at_index" ON "login_failures" USING btree ("email_key","at");--> statement-breakpoint
CREATE INDEX "sessions_user_id_index" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_at_index" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "user_roles_unique" ON "user_roles" USING btree ("user_id","role",coalesce("atelier_code", ''),coalesce("territory_code", ''));--> statement-breakpoint
CREATE INDEX "user_roles_atelier_code_index" ON "user_roles" USING btree ("atelier_code");--> statement-breakpoint
CREATE INDEX "user_roles_territory_code_index" ON "user_roles" USING btree ("territory_code");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));