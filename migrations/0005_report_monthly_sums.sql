CREATE TABLE "report_monthly_sums" (
	"period" text NOT NULL,
	"territory_code" text NOT NULL,
	"status" "report_status" NOT NULL,
	"reports" integer DEFAULT 0 NOT NULL,
	"sums" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"submitted_days" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "report_monthly_sums_period_territory_code_status_pk" PRIMARY KEY("period","territory_code","status")
);
