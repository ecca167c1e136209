CREATE TABLE "hezhang"."attendance" (
	"person_id" uuid,
	"day" date,
	"school_code" varchar(10) NOT NULL,
	"am_in" smallint,
	"am_out" smallint,
	"pm_in" smallint,
	"pm_out" smallint,
	"absence_kind" text,
	"absence_note" text,
	"approved_by" text,
	CONSTRAINT "attendance_pkey" PRIMARY KEY("person_id","day")
);
--> statement-breakpoint
CREATE TABLE "hezhang"."attendance_rules_filings" (
	"school_code" varchar(10),
	"filed_on" date,
	"title" text NOT NULL,
	"document_ref" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_rules_filings_pkey" PRIMARY KEY("school_code","filed_on")
);
--> statement-breakpoint
CREATE TABLE "hezhang"."attendance_weeks" (
	"school_code" varchar(10),
	"week_start" date,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text NOT NULL,
	CONSTRAINT "attendance_weeks_pkey" PRIMARY KEY("school_code","week_start")
);
--> statement-breakpoint
CREATE TABLE "hezhang"."establishments" (
	"person_id" uuid PRIMARY KEY,
	"school_code" varchar(10) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."flexible_arrangements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"person_id" uuid NOT NULL,
	"school_code" varchar(10) NOT NULL,
	"difficulty" text NOT NULL,
	"daily_minutes" integer NOT NULL,
	"approved_by" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."group_profiles" (
	"group_id" uuid PRIMARY KEY,
	"party_committee_on" date,
	"party_committee_ref" text,
	"general_office_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."group_townships" (
	"group_id" uuid,
	"township_code" varchar(9),
	"valid_from" date,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_townships_pkey" PRIMARY KEY("group_id","township_code","valid_from")
);
--> statement-breakpoint
CREATE TABLE "hezhang"."lesson_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"school_code" varchar(10) NOT NULL,
	"teacher_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"visitor" text NOT NULL,
	"subject" text,
	"rating" text NOT NULL,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."pairing_assessments" (
	"pairing_id" uuid,
	"school_year" varchar(9),
	"assessed_on" date NOT NULL,
	"result" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pairing_assessments_pkey" PRIMARY KEY("pairing_id","school_year")
);
--> statement-breakpoint
CREATE TABLE "hezhang"."pairings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"helper_school_code" varchar(10) NOT NULL,
	"group_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"helped_school_code" varchar(10),
	"valid_from" date NOT NULL,
	"valid_to" date,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."placements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"person_id" uuid NOT NULL,
	"school_year" varchar(9) NOT NULL,
	"round" text NOT NULL,
	"origin_school_code" varchar(10) NOT NULL,
	"school_code" varchar(10) NOT NULL,
	"post" text NOT NULL,
	"hired_by_person_id" uuid,
	"placed_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."pupil_skills" (
	"pupil_id" uuid,
	"kind" text,
	"skill" text,
	"recorded_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pupil_skills_pkey" PRIMARY KEY("pupil_id","kind","skill")
);
--> statement-breakpoint
CREATE TABLE "hezhang"."pupils" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"school_code" varchar(10) NOT NULL,
	"pupil_ref" text NOT NULL,
	"class_name" text NOT NULL,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."quota_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"school_year" varchar(9) NOT NULL,
	"kind" text NOT NULL,
	"person_id" uuid NOT NULL,
	"school_code" varchar(10) NOT NULL,
	"granted_on" date NOT NULL,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."round_closures" (
	"school_code" varchar(10),
	"school_year" varchar(9),
	"closed_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "round_closures_pkey" PRIMARY KEY("school_code","school_year")
);
--> statement-breakpoint
CREATE TABLE "hezhang"."school_profiles" (
	"school_code" varchar(10) PRIMARY KEY,
	"is_county_town" boolean DEFAULT false NOT NULL,
	"is_pilot" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"group_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"school_year" varchar(9) NOT NULL,
	"from_school_code" varchar(10) NOT NULL,
	"to_school_code" varchar(10) NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"establishment_school_code" varchar(10) NOT NULL,
	"consent_on" date,
	"consent_ref" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."union_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"school_code" varchar(10) NOT NULL,
	"held_on" date NOT NULL,
	"minutes" integer NOT NULL,
	"title" text NOT NULL,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."unit_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"school_year" varchar(9) NOT NULL,
	"group_id" uuid,
	"school_code" varchar(10),
	"tier" text NOT NULL,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP TABLE "hezhang"."school_plans";--> statement-breakpoint
CREATE INDEX "attendance_school_day_idx" ON "hezhang"."attendance" ("school_code","day");--> statement-breakpoint
CREATE INDEX "flexible_person_idx" ON "hezhang"."flexible_arrangements" ("person_id","valid_from");--> statement-breakpoint
CREATE INDEX "group_townships_township_idx" ON "hezhang"."group_townships" ("township_code");--> statement-breakpoint
CREATE INDEX "lesson_visits_school_idx" ON "hezhang"."lesson_visits" ("school_code","visited_on");--> statement-breakpoint
CREATE INDEX "lesson_visits_teacher_idx" ON "hezhang"."lesson_visits" ("teacher_id");--> statement-breakpoint
CREATE INDEX "pairings_group_idx" ON "hezhang"."pairings" ("group_id");--> statement-breakpoint
CREATE INDEX "pairings_helper_idx" ON "hezhang"."pairings" ("helper_school_code");--> statement-breakpoint
CREATE INDEX "placements_origin_idx" ON "hezhang"."placements" ("origin_school_code","school_year");--> statement-breakpoint
CREATE UNIQUE INDEX "placements_person_year_uq" ON "hezhang"."placements" ("person_id","school_year");--> statement-breakpoint
CREATE UNIQUE INDEX "pupils_school_ref_uq" ON "hezhang"."pupils" ("school_code","pupil_ref");--> statement-breakpoint
CREATE INDEX "quota_grants_year_idx" ON "hezhang"."quota_grants" ("school_year","school_code");--> statement-breakpoint
CREATE INDEX "transfers_group_year_idx" ON "hezhang"."transfers" ("group_id","school_year");--> statement-breakpoint
CREATE INDEX "transfers_person_idx" ON "hezhang"."transfers" ("person_id");--> statement-breakpoint
CREATE INDEX "union_activities_school_idx" ON "hezhang"."union_activities" ("school_code","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_awards_unit_uq" ON "hezhang"."unit_awards" ("school_year","group_id","school_code");--> statement-breakpoint
ALTER TABLE "hezhang"."attendance_rules_filings" ADD CONSTRAINT "attendance_rules_filings_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."attendance_weeks" ADD CONSTRAINT "attendance_weeks_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."establishments" ADD CONSTRAINT "establishments_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."establishments" ADD CONSTRAINT "establishments_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."flexible_arrangements" ADD CONSTRAINT "flexible_arrangements_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."flexible_arrangements" ADD CONSTRAINT "flexible_arrangements_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."group_profiles" ADD CONSTRAINT "group_profiles_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."group_townships" ADD CONSTRAINT "group_townships_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."group_townships" ADD CONSTRAINT "group_townships_township_code_localities_code_fkey" FOREIGN KEY ("township_code") REFERENCES "core"."localities"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."lesson_visits" ADD CONSTRAINT "lesson_visits_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."lesson_visits" ADD CONSTRAINT "lesson_visits_teacher_id_people_id_fkey" FOREIGN KEY ("teacher_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."pairing_assessments" ADD CONSTRAINT "pairing_assessments_pairing_id_pairings_id_fkey" FOREIGN KEY ("pairing_id") REFERENCES "hezhang"."pairings"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."pairings" ADD CONSTRAINT "pairings_helper_school_code_schools_code_fkey" FOREIGN KEY ("helper_school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."pairings" ADD CONSTRAINT "pairings_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."pairings" ADD CONSTRAINT "pairings_helped_school_code_schools_code_fkey" FOREIGN KEY ("helped_school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."placements" ADD CONSTRAINT "placements_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."placements" ADD CONSTRAINT "placements_origin_school_code_schools_code_fkey" FOREIGN KEY ("origin_school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."placements" ADD CONSTRAINT "placements_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."placements" ADD CONSTRAINT "placements_hired_by_person_id_people_id_fkey" FOREIGN KEY ("hired_by_person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."pupil_skills" ADD CONSTRAINT "pupil_skills_pupil_id_pupils_id_fkey" FOREIGN KEY ("pupil_id") REFERENCES "hezhang"."pupils"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "hezhang"."pupils" ADD CONSTRAINT "pupils_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."quota_grants" ADD CONSTRAINT "quota_grants_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."quota_grants" ADD CONSTRAINT "quota_grants_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."round_closures" ADD CONSTRAINT "round_closures_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."school_profiles" ADD CONSTRAINT "school_profiles_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."transfers" ADD CONSTRAINT "transfers_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."transfers" ADD CONSTRAINT "transfers_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."transfers" ADD CONSTRAINT "transfers_from_school_code_schools_code_fkey" FOREIGN KEY ("from_school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."transfers" ADD CONSTRAINT "transfers_to_school_code_schools_code_fkey" FOREIGN KEY ("to_school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."transfers" ADD CONSTRAINT "transfers_establishment_school_code_schools_code_fkey" FOREIGN KEY ("establishment_school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."union_activities" ADD CONSTRAINT "union_activities_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."unit_awards" ADD CONSTRAINT "unit_awards_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."unit_awards" ADD CONSTRAINT "unit_awards_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");