CREATE SCHEMA "huayuankou";
--> statement-breakpoint
CREATE TABLE "huayuankou"."district_brands" (
	"group_id" uuid PRIMARY KEY,
	"name" text NOT NULL,
	"description" text,
	"valid_from" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "huayuankou"."facility_uses" (
	"facility_id" uuid,
	"school_code" varchar(10),
	"school_year" varchar(9),
	"sessions" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facility_uses_pkey" PRIMARY KEY("facility_id","school_year","school_code")
);
--> statement-breakpoint
CREATE TABLE "huayuankou"."integration_targets" (
	"group_id" uuid,
	"school_year" varchar(9),
	"integration" text,
	"target" text NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "integration_targets_pkey" PRIMARY KEY("group_id","school_year","integration")
);
--> statement-breakpoint
CREATE TABLE "huayuankou"."shared_facilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"group_id" uuid NOT NULL,
	"host_school_code" varchar(10) NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "huayuankou"."specialities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"school_code" varchar(10) NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "huayuankou"."teacher_placements" (
	"post_id" uuid PRIMARY KEY,
	"group_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "shared_facilities_group_idx" ON "huayuankou"."shared_facilities" ("group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "specialities_school_name_uq" ON "huayuankou"."specialities" ("school_code","name");--> statement-breakpoint
CREATE INDEX "teacher_placements_group_idx" ON "huayuankou"."teacher_placements" ("group_id");