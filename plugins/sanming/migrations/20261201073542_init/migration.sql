CREATE SCHEMA "sanming";
--> statement-breakpoint
CREATE TABLE "sanming"."admission_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"group_id" uuid NOT NULL,
	"school_code" varchar(10) NOT NULL,
	"school_year" varchar(9) NOT NULL,
	"stage" text NOT NULL,
	"is_exam_free" boolean NOT NULL,
	"method" text NOT NULL,
	"catchment" text,
	"feeder_school_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sanming"."appointments" (
	"post_id" uuid PRIMARY KEY,
	"appointed_by" text NOT NULL,
	"document_ref" text,
	"decision_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sanming"."bundled_appraisals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"group_id" uuid NOT NULL,
	"school_year" varchar(9) NOT NULL,
	"method" text NOT NULL,
	"school_codes" text[] NOT NULL,
	"completed_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sanming"."centres" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"group_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"established_on" date NOT NULL,
	"closed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sanming"."decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"group_id" uuid NOT NULL,
	"school_code" varchar(10) NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"decided_on" date NOT NULL,
	"person_id" uuid,
	"consulted_bureau_code" varchar(9),
	"consulted_on" date,
	"agreement_reached" boolean,
	"agreement" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sanming"."district_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"locality_code" varchar(9) NOT NULL,
	"title" text NOT NULL,
	"adopted_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sanming"."evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"group_id" uuid NOT NULL,
	"school_year" varchar(9) NOT NULL,
	"agency" text NOT NULL,
	"completed_on" date NOT NULL,
	"pupil_satisfaction" double precision,
	"parent_satisfaction" double precision,
	"community_satisfaction" double precision,
	"report_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sanming"."experimental_classes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"group_id" uuid NOT NULL,
	"school_code" varchar(10) NOT NULL,
	"name" text NOT NULL,
	"school_year" varchar(9) NOT NULL,
	"junior_mentor_person_id" uuid,
	"senior_mentor_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sanming"."leader_post_quotas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"school_code" varchar(10) NOT NULL,
	"quota" integer NOT NULL,
	"valid_from" date NOT NULL,
	"document_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sanming"."pay_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"person_id" uuid NOT NULL,
	"school_code" varchar(10) NOT NULL,
	"component" text NOT NULL,
	"label" text,
	"amount_fen" bigint NOT NULL,
	"valid_from" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sanming"."pay_standards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"school_code" varchar(10) NOT NULL,
	"component" text NOT NULL,
	"label" text,
	"amount_fen" bigint NOT NULL,
	"valid_from" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sanming"."school_authorities" (
	"school_code" varchar(10),
	"authority" text NOT NULL,
	"valid_from" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_authorities_pkey" PRIMARY KEY("school_code","valid_from")
);
--> statement-breakpoint
CREATE TABLE "sanming"."staff_statuses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"person_id" uuid NOT NULL,
	"status" text NOT NULL,
	"establishment_school_code" varchar(10),
	"valid_from" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sanming"."title_priority_entries" (
	"group_id" uuid,
	"school_year" varchar(9),
	"person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "title_priority_entries_pkey" PRIMARY KEY("group_id","school_year","person_id")
);
--> statement-breakpoint
CREATE TABLE "sanming"."zongxiao_profiles" (
	"group_id" uuid PRIMARY KEY,
	"level" text NOT NULL,
	"legal_persons" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "admission_policies_group_idx" ON "sanming"."admission_policies" ("group_id","school_year");--> statement-breakpoint
CREATE INDEX "bundled_appraisals_group_idx" ON "sanming"."bundled_appraisals" ("group_id","school_year");--> statement-breakpoint
CREATE INDEX "centres_group_idx" ON "sanming"."centres" ("group_id");--> statement-breakpoint
CREATE INDEX "decisions_group_idx" ON "sanming"."decisions" ("group_id","school_code");--> statement-breakpoint
CREATE INDEX "evaluations_group_idx" ON "sanming"."evaluations" ("group_id","school_year");--> statement-breakpoint
CREATE INDEX "experimental_classes_group_idx" ON "sanming"."experimental_classes" ("group_id","school_year");--> statement-breakpoint
CREATE INDEX "leader_post_quotas_school_idx" ON "sanming"."leader_post_quotas" ("school_code","valid_from");--> statement-breakpoint
CREATE INDEX "pay_records_person_idx" ON "sanming"."pay_records" ("person_id","component","valid_from");--> statement-breakpoint
CREATE INDEX "pay_standards_school_idx" ON "sanming"."pay_standards" ("school_code","component","valid_from");--> statement-breakpoint
CREATE INDEX "staff_statuses_person_idx" ON "sanming"."staff_statuses" ("person_id","valid_from");--> statement-breakpoint
ALTER TABLE "sanming"."admission_policies" ADD CONSTRAINT "admission_policies_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "sanming"."admission_policies" ADD CONSTRAINT "admission_policies_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "sanming"."appointments" ADD CONSTRAINT "appointments_post_id_posts_id_fkey" FOREIGN KEY ("post_id") REFERENCES "core"."posts"("id");--> statement-breakpoint
ALTER TABLE "sanming"."bundled_appraisals" ADD CONSTRAINT "bundled_appraisals_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "sanming"."centres" ADD CONSTRAINT "centres_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "sanming"."decisions" ADD CONSTRAINT "decisions_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "sanming"."decisions" ADD CONSTRAINT "decisions_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "sanming"."decisions" ADD CONSTRAINT "decisions_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "sanming"."district_plans" ADD CONSTRAINT "district_plans_locality_code_localities_code_fkey" FOREIGN KEY ("locality_code") REFERENCES "core"."localities"("code");--> statement-breakpoint
ALTER TABLE "sanming"."evaluations" ADD CONSTRAINT "evaluations_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "sanming"."experimental_classes" ADD CONSTRAINT "experimental_classes_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "sanming"."experimental_classes" ADD CONSTRAINT "experimental_classes_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "sanming"."experimental_classes" ADD CONSTRAINT "experimental_classes_junior_mentor_person_id_people_id_fkey" FOREIGN KEY ("junior_mentor_person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "sanming"."experimental_classes" ADD CONSTRAINT "experimental_classes_senior_mentor_person_id_people_id_fkey" FOREIGN KEY ("senior_mentor_person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "sanming"."leader_post_quotas" ADD CONSTRAINT "leader_post_quotas_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "sanming"."pay_records" ADD CONSTRAINT "pay_records_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "sanming"."pay_records" ADD CONSTRAINT "pay_records_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "sanming"."pay_standards" ADD CONSTRAINT "pay_standards_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "sanming"."school_authorities" ADD CONSTRAINT "school_authorities_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "sanming"."staff_statuses" ADD CONSTRAINT "staff_statuses_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "sanming"."staff_statuses" ADD CONSTRAINT "staff_statuses_establishment_school_code_schools_code_fkey" FOREIGN KEY ("establishment_school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "sanming"."title_priority_entries" ADD CONSTRAINT "title_priority_entries_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "sanming"."title_priority_entries" ADD CONSTRAINT "title_priority_entries_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "sanming"."zongxiao_profiles" ADD CONSTRAINT "zongxiao_profiles_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");