CREATE SCHEMA "beihai";
--> statement-breakpoint
CREATE TABLE "beihai"."joint_meeting_attendees" (
	"meeting_id" uuid,
	"person_id" uuid,
	CONSTRAINT "joint_meeting_attendees_pkey" PRIMARY KEY("meeting_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "beihai"."joint_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"group_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"chair_person_id" uuid,
	"decisions" text[] DEFAULT '{}'::text[] NOT NULL,
	"report_filed_on" date,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "beihai"."moral_team_members" (
	"team_id" uuid,
	"person_id" uuid,
	CONSTRAINT "moral_team_members_pkey" PRIMARY KEY("team_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "beihai"."moral_teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"group_id" uuid NOT NULL,
	"leader_person_id" uuid NOT NULL,
	"leader_honour" text NOT NULL,
	"leader_honour_level" text NOT NULL,
	"established_on" date NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "beihai"."offices" (
	"group_id" uuid PRIMARY KEY,
	"established_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "beihai"."subject_group_members" (
	"subject_group_id" uuid,
	"person_id" uuid,
	CONSTRAINT "subject_group_members_pkey" PRIMARY KEY("subject_group_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "beihai"."subject_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"group_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"grade" integer,
	"subject" text,
	"name" text NOT NULL,
	"leader_person_id" uuid NOT NULL,
	"term_start" date NOT NULL,
	"term_end" date NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "beihai"."xuequ_profiles" (
	"group_id" uuid PRIMARY KEY,
	"form" text DEFAULT 'ALLIANCE' NOT NULL,
	"admissions_zoning" text DEFAULT 'SINGLE_SCHOOL' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "joint_meetings_group_idx" ON "beihai"."joint_meetings" ("group_id","held_on");--> statement-breakpoint
CREATE INDEX "moral_teams_group_idx" ON "beihai"."moral_teams" ("group_id");--> statement-breakpoint
CREATE INDEX "subject_groups_group_idx" ON "beihai"."subject_groups" ("group_id");--> statement-breakpoint
ALTER TABLE "beihai"."joint_meeting_attendees" ADD CONSTRAINT "joint_meeting_attendees_meeting_id_joint_meetings_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "beihai"."joint_meetings"("id");--> statement-breakpoint
ALTER TABLE "beihai"."joint_meeting_attendees" ADD CONSTRAINT "joint_meeting_attendees_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "beihai"."joint_meetings" ADD CONSTRAINT "joint_meetings_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "beihai"."joint_meetings" ADD CONSTRAINT "joint_meetings_chair_person_id_people_id_fkey" FOREIGN KEY ("chair_person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "beihai"."moral_team_members" ADD CONSTRAINT "moral_team_members_team_id_moral_teams_id_fkey" FOREIGN KEY ("team_id") REFERENCES "beihai"."moral_teams"("id");--> statement-breakpoint
ALTER TABLE "beihai"."moral_team_members" ADD CONSTRAINT "moral_team_members_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "beihai"."moral_teams" ADD CONSTRAINT "moral_teams_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "beihai"."moral_teams" ADD CONSTRAINT "moral_teams_leader_person_id_people_id_fkey" FOREIGN KEY ("leader_person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "beihai"."offices" ADD CONSTRAINT "offices_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "beihai"."subject_group_members" ADD CONSTRAINT "subject_group_members_subject_group_id_subject_groups_id_fkey" FOREIGN KEY ("subject_group_id") REFERENCES "beihai"."subject_groups"("id");--> statement-breakpoint
ALTER TABLE "beihai"."subject_group_members" ADD CONSTRAINT "subject_group_members_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "beihai"."subject_groups" ADD CONSTRAINT "subject_groups_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");--> statement-breakpoint
ALTER TABLE "beihai"."subject_groups" ADD CONSTRAINT "subject_groups_leader_person_id_people_id_fkey" FOREIGN KEY ("leader_person_id") REFERENCES "core"."people"("id");--> statement-breakpoint
ALTER TABLE "beihai"."xuequ_profiles" ADD CONSTRAINT "xuequ_profiles_group_id_school_groups_id_fkey" FOREIGN KEY ("group_id") REFERENCES "core"."school_groups"("id");