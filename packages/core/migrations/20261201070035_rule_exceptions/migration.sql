CREATE TABLE "core"."rule_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"rule_id" text NOT NULL,
	"locality_code" varchar(9) NOT NULL,
	"operation" text NOT NULL,
	"actor" text NOT NULL,
	"approved_by" text NOT NULL,
	"document_ref" text NOT NULL,
	"reason" text NOT NULL,
	"changes" jsonb NOT NULL,
	"findings" jsonb NOT NULL,
	"subject_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"school_year" varchar(9),
	"recorded_on" date NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rule_exceptions_locality_idx" ON "core"."rule_exceptions" ("locality_code","rule_id");