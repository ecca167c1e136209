ALTER TABLE "beihai"."subject_groups" ADD COLUMN "leader_honour" text;--> statement-breakpoint
ALTER TABLE "beihai"."subject_groups" ADD COLUMN "leader_honour_level" text;