CREATE TABLE "core"."school_placements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"school_code" varchar(10) NOT NULL,
	"county_code" varchar(9) NOT NULL,
	"township_code" varchar(9),
	"authority_code" varchar(9),
	"valid_from" date,
	"valid_to" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "core"."localities" ADD COLUMN "valid_from" date;--> statement-breakpoint
ALTER TABLE "core"."localities" ADD COLUMN "valid_to" date;--> statement-breakpoint
ALTER TABLE "core"."localities" ADD COLUMN "successor_code" varchar(9);--> statement-breakpoint
CREATE INDEX "school_placements_school_idx" ON "core"."school_placements" ("school_code","valid_to");--> statement-breakpoint
ALTER TABLE "core"."school_placements" ADD CONSTRAINT "school_placements_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "core"."school_placements" ADD CONSTRAINT "school_placements_county_code_localities_code_fkey" FOREIGN KEY ("county_code") REFERENCES "core"."localities"("code");