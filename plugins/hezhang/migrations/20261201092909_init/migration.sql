CREATE SCHEMA "hezhang";
--> statement-breakpoint
CREATE TABLE "hezhang"."school_plans" (
	"school_code" varchar(10),
	"school_year" varchar(9),
	"title" text NOT NULL,
	"filed_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_plans_pkey" PRIMARY KEY("school_code","school_year")
);
--> statement-breakpoint
ALTER TABLE "hezhang"."school_plans" ADD CONSTRAINT "school_plans_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");