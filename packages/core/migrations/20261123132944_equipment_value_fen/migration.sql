-- Money is integer fen (API.md "Scalars"): the equipment value moves from float yuan to bigint fen.
-- bigint, not integer: a large school's equipment passes 2^31 fen (21.5 million yuan).
ALTER TABLE "core"."school_year_stats" ADD COLUMN "equipment_value_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "core"."school_year_stats" SET "equipment_value_fen" = round("equipment_value_yuan" * 100)::bigint;--> statement-breakpoint
ALTER TABLE "core"."school_year_stats" DROP COLUMN "equipment_value_yuan";
