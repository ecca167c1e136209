CREATE SCHEMA "weicheng";
--> statement-breakpoint
CREATE TABLE "weicheng"."decision_participations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"decision_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"held_on" date NOT NULL,
	"record_ref" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "weicheng"."experimental_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"group_id" uuid NOT NULL,
	"category" text NOT NULL,
	"name" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "weicheng"."festivals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"group_id" uuid NOT NULL,
	"name" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "weicheng"."major_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"group_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"decided_on" date NOT NULL,
	"amount_fen" bigint,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "weicheng"."party_brands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"group_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "weicheng"."party_organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"group_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"approval_ref" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "weicheng"."plan_elements" (
	"plan_id" uuid,
	"element" text,
	"content" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_elements_pkey" PRIMARY KEY("plan_id","element")
);
--> statement-breakpoint
CREATE TABLE "weicheng"."principal_ranks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"person_id" uuid NOT NULL,
	"rank" text NOT NULL,
	"document_ref" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "weicheng"."star_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"school_code" varchar(10) NOT NULL,
	"stars" integer NOT NULL,
	"document_ref" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "weicheng"."teacher_placements" (
	"post_id" uuid PRIMARY KEY,
	"hired_by_code" varchar(9) NOT NULL,
	"hiring_route" text NOT NULL,
	"position_title" text NOT NULL,
	"contract_ref" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "weicheng"."xuequ_aliases" (
	"group_id" uuid,
	"alias" text,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "xuequ_aliases_pkey" PRIMARY KEY("group_id","alias")
);
--> statement-breakpoint
CREATE TABLE "weicheng"."xuequ_profiles" (
	"group_id" uuid PRIMARY KEY,
	"pairings" text[] DEFAULT '{}'::text[] NOT NULL,
	"lead_is_inferred" boolean DEFAULT false NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "decision_participations_decision_idx" ON "weicheng"."decision_participations" ("decision_id");--> statement-breakpoint
CREATE INDEX "experimental_projects_group_idx" ON "weicheng"."experimental_projects" ("group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "festivals_group_name_uq" ON "weicheng"."festivals" ("group_id","name");--> statement-breakpoint
CREATE INDEX "major_decisions_group_idx" ON "weicheng"."major_decisions" ("group_id","decided_on");--> statement-breakpoint
CREATE UNIQUE INDEX "party_brands_group_from_uq" ON "weicheng"."party_brands" ("group_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "party_organisations_group_from_uq" ON "weicheng"."party_organisations" ("group_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "principal_ranks_person_from_uq" ON "weicheng"."principal_ranks" ("person_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "star_ratings_school_from_uq" ON "weicheng"."star_ratings" ("school_code","valid_from");--> statement-breakpoint
CREATE INDEX "teacher_placements_hired_by_idx" ON "weicheng"."teacher_placements" ("hired_by_code");