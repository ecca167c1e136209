DROP INDEX "core"."posts_school_idx";--> statement-breakpoint
DROP INDEX "core"."schools_county_idx";--> statement-breakpoint
CREATE INDEX "posts_school_role_idx" ON "core"."posts" ("school_code","role","valid_from","id");--> statement-breakpoint
CREATE INDEX "schools_county_code_idx" ON "core"."schools" ("county_code","code");