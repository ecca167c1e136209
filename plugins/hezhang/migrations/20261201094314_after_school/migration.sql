CREATE TABLE "hezhang"."after_school_attendance" (
	"session_id" uuid,
	"pupil_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "after_school_attendance_pkey" PRIMARY KEY("session_id","pupil_id")
);
--> statement-breakpoint
CREATE TABLE "hezhang"."after_school_charges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"enrolment_id" uuid NOT NULL,
	"item" text NOT NULL,
	"rate_id" uuid,
	"units" integer NOT NULL,
	"gross_fen" bigint NOT NULL,
	"waived_fen" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"charged_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."after_school_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"pupil_id" uuid NOT NULL,
	"school_code" varchar(10) NOT NULL,
	"term" varchar(11) NOT NULL,
	"summer_care_id" uuid,
	"stage" text NOT NULL,
	"applied_on" date,
	"application_ref" text,
	"approved_on" date,
	"agreement_signed_on" date,
	"safety_letter_signed_on" date,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."after_school_outside_staff" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"list_id" uuid NOT NULL,
	"school_code" varchar(10) NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"vetted_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."after_school_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"school_code" varchar(10) NOT NULL,
	"term" varchar(11) NOT NULL,
	"title" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"filed_on" date,
	"filing_ref" text,
	"evening_study_ref" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."after_school_pupils" (
	"pupil_id" uuid PRIMARY KEY,
	"name" text NOT NULL,
	"guardian_name" text,
	"guardian_phone" text,
	"waiver_category" text,
	"priority_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."after_school_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"county_code" varchar(9) NOT NULL,
	"stage" text NOT NULL,
	"session_fen" bigint NOT NULL,
	"session_minutes" integer NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"approval_ref" text NOT NULL,
	"hearing_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."after_school_session_staff" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"session_id" uuid NOT NULL,
	"person_id" uuid,
	"outside_staff_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."after_school_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"school_code" varchar(10) NOT NULL,
	"plan_id" uuid,
	"stage" text NOT NULL,
	"held_on" date NOT NULL,
	"starts_at" varchar(5) NOT NULL,
	"ends_at" varchar(5) NOT NULL,
	"content_kind" text NOT NULL,
	"title" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."after_school_staff_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"school_code" varchar(10) NOT NULL,
	"submitted_on" date NOT NULL,
	"approved_on" date,
	"approval_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."after_school_summer_care" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"school_code" varchar(10) NOT NULL,
	"school_year" varchar(9) NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"daily_start" varchar(5) NOT NULL,
	"daily_end" varchar(5) NOT NULL,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."after_school_waivers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"pupil_id" uuid NOT NULL,
	"term" varchar(11) NOT NULL,
	"amount_fen" bigint,
	"share_bp" integer,
	"approval_ref" text NOT NULL,
	"approved_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hezhang"."after_school_withdrawals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"enrolment_id" uuid NOT NULL,
	"applied_on" date NOT NULL,
	"application_ref" text NOT NULL,
	"sessions_used" integer NOT NULL,
	"refund_fen" bigint NOT NULL,
	"kept_fen" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "after_school_attendance_pupil_idx" ON "hezhang"."after_school_attendance" ("pupil_id");--> statement-breakpoint
CREATE UNIQUE INDEX "after_school_charges_enrolment_uq" ON "hezhang"."after_school_charges" ("enrolment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "after_school_enrolments_pupil_term_uq" ON "hezhang"."after_school_enrolments" ("pupil_id","term");--> statement-breakpoint
CREATE INDEX "after_school_enrolments_school_term_idx" ON "hezhang"."after_school_enrolments" ("school_code","term","id");--> statement-breakpoint
CREATE INDEX "after_school_outside_staff_list_idx" ON "hezhang"."after_school_outside_staff" ("list_id");--> statement-breakpoint
CREATE UNIQUE INDEX "after_school_plans_school_term_uq" ON "hezhang"."after_school_plans" ("school_code","term");--> statement-breakpoint
CREATE INDEX "after_school_rates_county_stage_idx" ON "hezhang"."after_school_rates" ("county_code","stage","effective_from");--> statement-breakpoint
CREATE INDEX "after_school_session_staff_session_idx" ON "hezhang"."after_school_session_staff" ("session_id");--> statement-breakpoint
CREATE INDEX "after_school_session_staff_outside_idx" ON "hezhang"."after_school_session_staff" ("outside_staff_id");--> statement-breakpoint
CREATE INDEX "after_school_sessions_school_day_idx" ON "hezhang"."after_school_sessions" ("school_code","held_on","id");--> statement-breakpoint
CREATE INDEX "after_school_sessions_plan_idx" ON "hezhang"."after_school_sessions" ("plan_id");--> statement-breakpoint
CREATE INDEX "after_school_staff_lists_school_idx" ON "hezhang"."after_school_staff_lists" ("school_code");--> statement-breakpoint
CREATE INDEX "after_school_summer_care_school_idx" ON "hezhang"."after_school_summer_care" ("school_code","school_year");--> statement-breakpoint
CREATE UNIQUE INDEX "after_school_waivers_pupil_term_uq" ON "hezhang"."after_school_waivers" ("pupil_id","term");--> statement-breakpoint
CREATE UNIQUE INDEX "after_school_withdrawals_enrolment_uq" ON "hezhang"."after_school_withdrawals" ("enrolment_id");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_attendance" ADD CONSTRAINT "after_school_attendance_HHbD0EGnrtt4_fkey" FOREIGN KEY ("session_id") REFERENCES "hezhang"."after_school_sessions"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_attendance" ADD CONSTRAINT "after_school_attendance_pupil_id_pupils_id_fkey" FOREIGN KEY ("pupil_id") REFERENCES "hezhang"."pupils"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_charges" ADD CONSTRAINT "after_school_charges_Hpl26FBpiwJ6_fkey" FOREIGN KEY ("enrolment_id") REFERENCES "hezhang"."after_school_enrolments"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_charges" ADD CONSTRAINT "after_school_charges_rate_id_after_school_rates_id_fkey" FOREIGN KEY ("rate_id") REFERENCES "hezhang"."after_school_rates"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_enrolments" ADD CONSTRAINT "after_school_enrolments_pupil_id_pupils_id_fkey" FOREIGN KEY ("pupil_id") REFERENCES "hezhang"."pupils"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_enrolments" ADD CONSTRAINT "after_school_enrolments_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_enrolments" ADD CONSTRAINT "after_school_enrolments_IuzuoTvb2cDL_fkey" FOREIGN KEY ("summer_care_id") REFERENCES "hezhang"."after_school_summer_care"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_outside_staff" ADD CONSTRAINT "after_school_outside_staff_13SDVNtsl9bM_fkey" FOREIGN KEY ("list_id") REFERENCES "hezhang"."after_school_staff_lists"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_outside_staff" ADD CONSTRAINT "after_school_outside_staff_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_plans" ADD CONSTRAINT "after_school_plans_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_pupils" ADD CONSTRAINT "after_school_pupils_pupil_id_pupils_id_fkey" FOREIGN KEY ("pupil_id") REFERENCES "hezhang"."pupils"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_rates" ADD CONSTRAINT "after_school_rates_county_code_localities_code_fkey" FOREIGN KEY ("county_code") REFERENCES "core"."localities"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_session_staff" ADD CONSTRAINT "after_school_session_staff_P7ROxzH6QtZg_fkey" FOREIGN KEY ("session_id") REFERENCES "hezhang"."after_school_sessions"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_session_staff" ADD CONSTRAINT "after_school_session_staff_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_session_staff" ADD CONSTRAINT "after_school_session_staff_l00g5Ax3nWTl_fkey" FOREIGN KEY ("outside_staff_id") REFERENCES "hezhang"."after_school_outside_staff"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_sessions" ADD CONSTRAINT "after_school_sessions_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_sessions" ADD CONSTRAINT "after_school_sessions_plan_id_after_school_plans_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "hezhang"."after_school_plans"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_staff_lists" ADD CONSTRAINT "after_school_staff_lists_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_summer_care" ADD CONSTRAINT "after_school_summer_care_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_waivers" ADD CONSTRAINT "after_school_waivers_pupil_id_pupils_id_fkey" FOREIGN KEY ("pupil_id") REFERENCES "hezhang"."pupils"("id");--> statement-breakpoint
ALTER TABLE "hezhang"."after_school_withdrawals" ADD CONSTRAINT "after_school_withdrawals_NBkYfZxqr0KR_fkey" FOREIGN KEY ("enrolment_id") REFERENCES "hezhang"."after_school_enrolments"("id");