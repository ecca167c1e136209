CREATE TABLE "core"."data_version" (
	"id" integer PRIMARY KEY,
	"version" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "core"."data_version" ("id", "version") VALUES (1, 1) ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "core"."bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "core"."data_version" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END $$;
