ALTER TABLE "huayuankou"."district_brands" ADD COLUMN "id" uuid DEFAULT gen_random_uuid();--> statement-breakpoint
ALTER TABLE "huayuankou"."district_brands" ADD COLUMN "valid_to" date;--> statement-breakpoint
ALTER TABLE "huayuankou"."district_brands" DROP CONSTRAINT "district_brands_pkey";--> statement-breakpoint
ALTER TABLE "huayuankou"."district_brands" ADD PRIMARY KEY ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "district_brands_group_from_uq" ON "huayuankou"."district_brands" ("group_id","valid_from");