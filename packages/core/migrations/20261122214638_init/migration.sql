CREATE SCHEMA "core";
--> statement-breakpoint
CREATE TABLE "core"."audit_log" (
	"id" bigserial PRIMARY KEY,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"locality_code" varchar(9),
	"operation" text NOT NULL,
	"entity" text,
	"entity_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"fields" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "core"."exchanges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"person_id" uuid NOT NULL,
	"from_school_code" varchar(10) NOT NULL,
	"to_school_code" varchar(10) NOT NULL,
	"kind" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"backbone_level" text NOT NULL,
	"group_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "core"."group_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"group_id" uuid NOT NULL,
	"school_code" varchar(10) NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "core"."localities" (
	"code" varchar(9) PRIMARY KEY,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" varchar(9),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "core"."locality_governance" (
	"locality_code" varchar(9),
	"plugin_id" text,
	"options" jsonb NOT NULL,
	"enabled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "locality_governance_pkey" PRIMARY KEY("locality_code","plugin_id")
);
--> statement-breakpoint
CREATE TABLE "core"."people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date,
	"id_number" varchar(18),
	"phone" varchar(20),
	"qualification" text NOT NULL,
	"title" text NOT NULL,
	"backbone_level" text DEFAULT 'NONE' NOT NULL,
	"subjects" text[] DEFAULT '{}'::text[] NOT NULL,
	"locality_code" varchar(9) NOT NULL,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "core"."plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"kind" text NOT NULL,
	"group_id" uuid,
	"locality_code" varchar(9) NOT NULL,
	"school_year" varchar(9),
	"title" text NOT NULL,
	"filed_on" date,
	"valid_from" date,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "core"."posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"school_code" varchar(10),
	"group_id" uuid,
	"stage" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "core"."school_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"locality_code" varchar(9) NOT NULL,
	"lead_school_code" varchar(10),
	"valid_from" date NOT NULL,
	"valid_to" date,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "core"."school_year_stats" (
	"school_code" varchar(10),
	"school_year" varchar(9),
	"enrollment_kindergarten" integer DEFAULT 0 NOT NULL,
	"enrollment_primary" integer DEFAULT 0 NOT NULL,
	"enrollment_junior" integer DEFAULT 0 NOT NULL,
	"enrollment_senior" integer DEFAULT 0 NOT NULL,
	"classes" integer DEFAULT 0 NOT NULL,
	"teaching_aux_area_m2" double precision DEFAULT 0 NOT NULL,
	"sports_ground_area_m2" double precision DEFAULT 0 NOT NULL,
	"equipment_value_yuan" double precision DEFAULT 0 NOT NULL,
	"multimedia_classrooms" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "school_year_stats_pkey" PRIMARY KEY("school_code","school_year")
);
--> statement-breakpoint
CREATE TABLE "core"."schools" (
	"code" varchar(10) PRIMARY KEY,
	"name" text NOT NULL,
	"stages" text[] NOT NULL,
	"school_type" varchar(3) NOT NULL,
	"county_code" varchar(9) NOT NULL,
	"township_code" varchar(9),
	"area" text NOT NULL,
	"authority_code" varchar(9) NOT NULL,
	"is_legal_person" boolean DEFAULT true NOT NULL,
	"is_boarding" boolean DEFAULT false NOT NULL,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "core"."audit_log" ("at");--> statement-breakpoint
CREATE INDEX "exchanges_person_idx" ON "core"."exchanges" ("person_id");--> statement-breakpoint
CREATE INDEX "exchanges_from_idx" ON "core"."exchanges" ("from_school_code");--> statement-breakpoint
CREATE INDEX "exchanges_to_idx" ON "core"."exchanges" ("to_school_code");--> statement-breakpoint
CREATE INDEX "group_members_group_idx" ON "core"."group_members" ("group_id");--> statement-breakpoint
CREATE INDEX "group_members_school_idx" ON "core"."group_members" ("school_code");--> statement-breakpoint
CREATE INDEX "localities_parent_idx" ON "core"."localities" ("parent_code");--> statement-breakpoint
CREATE UNIQUE INDEX "people_id_number_uq" ON "core"."people" ("id_number");--> statement-breakpoint
CREATE INDEX "people_locality_idx" ON "core"."people" ("locality_code");--> statement-breakpoint
CREATE INDEX "plans_group_idx" ON "core"."plans" ("group_id");--> statement-breakpoint
CREATE INDEX "posts_person_idx" ON "core"."posts" ("person_id");--> statement-breakpoint
CREATE INDEX "posts_school_idx" ON "core"."posts" ("school_code");--> statement-breakpoint
CREATE INDEX "posts_group_idx" ON "core"."posts" ("group_id");--> statement-breakpoint
CREATE INDEX "school_groups_locality_idx" ON "core"."school_groups" ("locality_code","kind");--> statement-breakpoint
CREATE INDEX "schools_county_idx" ON "core"."schools" ("county_code");--> statement-breakpoint
CREATE INDEX "schools_township_idx" ON "core"."schools" ("township_code");--> statement-breakpoint
ALTER TABLE "core"."exchanges" ADD CONSTRAINT "exchanges_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "core"."exchanges" ADD CONSTRAINT "exchanges_from_school_code_schools_code_fkey" FOREIGN KEY ("from_school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "core"."exchanges" ADD CONSTRAINT "exchanges_to_school_code_schools_code_fkey" FOREIGN KEY ("to_school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "core"."exchanges" ADD CONSTRAINT "exchanges_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "core"."group_members" ADD CONSTRAINT "group_members_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "core"."group_members" ADD CONSTRAINT "group_members_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "core"."locality_governance" ADD CONSTRAINT "locality_governance_locality_code_localities_code_fkey" FOREIGN KEY ("locality_code") REFERENCES "core"."localities"("code");--> statement-breakpoint
ALTER TABLE "core"."people" ADD CONSTRAINT "people_locality_code_localities_code_fkey" FOREIGN KEY ("locality_code") REFERENCES "core"."localities"("code");--> statement-breakpoint
ALTER TABLE "core"."plans" ADD CONSTRAINT "plans_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "core"."plans" ADD CONSTRAINT "plans_locality_code_localities_code_fkey" FOREIGN KEY ("locality_code") REFERENCES "core"."localities"("code");--> statement-breakpoint
ALTER TABLE "core"."posts" ADD CONSTRAINT "posts_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "core"."posts" ADD CONSTRAINT "posts_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "core"."posts" ADD CONSTRAINT "posts_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "core"."school_groups" ADD CONSTRAINT "school_groups_locality_code_localities_code_fkey" FOREIGN KEY ("locality_code") REFERENCES "core"."localities"("code");--> statement-breakpoint
ALTER TABLE "core"."school_groups" ADD CONSTRAINT "school_groups_lead_school_code_schools_code_fkey" FOREIGN KEY ("lead_school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "core"."school_year_stats" ADD CONSTRAINT "school_year_stats_school_code_schools_code_fkey" FOREIGN KEY ("school_code") REFERENCES "core"."schools"("code");--> statement-breakpoint
ALTER TABLE "core"."schools" ADD CONSTRAINT "schools_county_code_localities_code_fkey" FOREIGN KEY ("county_code") REFERENCES "core"."localities"("code");--> statement-breakpoint
ALTER TABLE "core"."schools" ADD CONSTRAINT "schools_township_code_localities_code_fkey" FOREIGN KEY ("township_code") REFERENCES "core"."localities"("code");--> statement-breakpoint
ALTER TABLE "core"."schools" ADD CONSTRAINT "schools_authority_code_localities_code_fkey" FOREIGN KEY ("authority_code") REFERENCES "core"."localities"("code");