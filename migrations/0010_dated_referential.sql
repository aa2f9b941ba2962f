-- The referential over time (domain page, sections 1 and 7.3). An atelier
-- keeps its name (a rename changes it), opens and closes on the first day of
-- a month, and its lab and ESPE location become dated like its territory and
-- its labellisation, so that every month reads the referential of that month.
CREATE TYPE "public"."atelier_flag" AS ENUM('lab', 'espe');--> statement-breakpoint
CREATE TABLE "atelier_flags" (
	"atelier_code" text NOT NULL,
	"flag" "atelier_flag" NOT NULL,
	"valid_from" date NOT NULL,
	"value" boolean NOT NULL,
	CONSTRAINT "atelier_flags_atelier_code_flag_valid_from_pk" PRIMARY KEY("atelier_code","flag","valid_from"),
	CONSTRAINT "atelier_flags_first_day" CHECK (extract(day from "atelier_flags"."valid_from") = 1)
);
--> statement-breakpoint
ALTER TABLE "atelier_flags" ADD CONSTRAINT "atelier_flags_atelier_code_ateliers_code_fk" FOREIGN KEY ("atelier_code") REFERENCES "public"."ateliers"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ateliers" ADD COLUMN "name" text;--> statement-breakpoint
UPDATE "ateliers" SET "name" = 'Atelier Canopé ' || "code" || ' – ' || "city";--> statement-breakpoint
ALTER TABLE "ateliers" ALTER COLUMN "name" SET NOT NULL;--> statement-breakpoint
-- Openings and closings are months: a date within a month stands for that month
-- (an opening) or for the next one (a closing, which was exclusive).
UPDATE "ateliers" SET "opened_on" = date_trunc('month', "opened_on")::date WHERE extract(day from "opened_on") <> 1;--> statement-breakpoint
UPDATE "ateliers" SET "closed_on" = (date_trunc('month', "closed_on") + interval '1 month')::date
  WHERE "closed_on" IS NOT NULL AND extract(day from "closed_on") <> 1;--> statement-breakpoint
INSERT INTO "atelier_flags" ("atelier_code", "flag", "valid_from", "value")
  SELECT "code", 'lab', "opened_on", true FROM "ateliers" WHERE "has_lab";--> statement-breakpoint
INSERT INTO "atelier_flags" ("atelier_code", "flag", "valid_from", "value")
  SELECT "code", 'espe', "opened_on", true FROM "ateliers" WHERE "in_espe";--> statement-breakpoint
ALTER TABLE "ateliers" DROP COLUMN "has_lab";--> statement-breakpoint
ALTER TABLE "ateliers" DROP COLUMN "in_espe";--> statement-breakpoint
ALTER TABLE "ateliers" ADD CONSTRAINT "ateliers_opened_first_day" CHECK (extract(day from "ateliers"."opened_on") = 1);--> statement-breakpoint
ALTER TABLE "ateliers" ADD CONSTRAINT "ateliers_closed_first_day" CHECK ("ateliers"."closed_on" is null or extract(day from "ateliers"."closed_on") = 1);--> statement-breakpoint
ALTER TABLE "ateliers" ADD CONSTRAINT "ateliers_closed_after_opening" CHECK ("ateliers"."closed_on" is null or "ateliers"."closed_on" > "ateliers"."opened_on");
