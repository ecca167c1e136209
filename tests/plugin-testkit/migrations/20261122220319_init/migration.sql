CREATE SCHEMA "testkit";
--> statement-breakpoint
CREATE TABLE "testkit"."mottos" (
	"school_code" varchar(10) PRIMARY KEY,
	"motto" text NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
