CREATE TABLE "core"."change_log" (
	"version" bigserial PRIMARY KEY,
	"entity" text NOT NULL,
	"key" text NOT NULL,
	"op" text NOT NULL,
	"other_key" text,
	"kind" text,
	"locality_code" varchar(9),
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "change_log_entity_idx" ON "core"."change_log" ("entity","version");--> statement-breakpoint
-- The feed's row trigger (core.change_log's comment says why triggers). Arguments: the feed type,
-- the key column, the locality column, the kind column ('' for none), and for a child table (a
-- group's memberships, a school's yearly facts) the parent table and its key column: a child's
-- change is an UPSERT of its parent, never a tombstone of it.
CREATE OR REPLACE FUNCTION "core"."record_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entity text := TG_ARGV[0];
  key_col text := TG_ARGV[1];
  loc_col text := nullif(TG_ARGV[2], '');
  kind_col text := nullif(TG_ARGV[3], '');
  parent_table text := nullif(TG_ARGV[4], '');
  parent_key text := nullif(TG_ARGV[5], '');
  new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  k_new text := new_row ->> key_col;
  k_old text := old_row ->> key_col;
  parent jsonb;
  k text;
BEGIN
  -- Versions in commit order: every writer holds this row's lock from its first write to its
  -- commit (the data-version trigger updates it), so the sequence is read under the same lock.
  PERFORM 1 FROM "core"."data_version" WHERE "id" = 1 FOR UPDATE;
  IF parent_table IS NOT NULL THEN
    FOREACH k IN ARRAY ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[k_old, k_new]) AS x WHERE x IS NOT NULL) LOOP
      EXECUTE format('SELECT to_jsonb(p) FROM %s p WHERE %I::text = $1', parent_table, parent_key) INTO parent USING k;
      -- A parent already gone left its own tombstone.
      IF parent IS NOT NULL THEN
        INSERT INTO "core"."change_log" ("entity", "key", "op", "kind", "locality_code")
        VALUES (entity, k, 'UPSERT', parent ->> kind_col, parent ->> loc_col);
      END IF;
    END LOOP;
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "core"."change_log" ("entity", "key", "op", "kind", "locality_code") VALUES (entity, k_new, 'UPSERT', new_row ->> kind_col, new_row ->> loc_col);
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "core"."change_log" ("entity", "key", "op", "kind", "locality_code") VALUES (entity, k_old, 'DELETE', old_row ->> kind_col, old_row ->> loc_col);
  ELSIF k_old IS DISTINCT FROM k_new THEN
    -- A key change (a corrected code): the old key's tombstone names the new key, the new key's entry the old.
    INSERT INTO "core"."change_log" ("entity", "key", "op", "other_key", "kind", "locality_code") VALUES (entity, k_old, 'DELETE', k_new, old_row ->> kind_col, old_row ->> loc_col);
    INSERT INTO "core"."change_log" ("entity", "key", "op", "other_key", "kind", "locality_code") VALUES (entity, k_new, 'UPSERT', k_old, new_row ->> kind_col, new_row ->> loc_col);
  ELSIF (old_row ->> loc_col) IS DISTINCT FROM (new_row ->> loc_col) THEN
    -- Moved to another locality: it leaves the old scope (a tombstone there) and enters the new.
    INSERT INTO "core"."change_log" ("entity", "key", "op", "kind", "locality_code") VALUES (entity, k_old, 'DELETE', old_row ->> kind_col, old_row ->> loc_col);
    INSERT INTO "core"."change_log" ("entity", "key", "op", "kind", "locality_code") VALUES (entity, k_new, 'UPSERT', new_row ->> kind_col, new_row ->> loc_col);
  ELSIF old_row IS DISTINCT FROM new_row THEN
    INSERT INTO "core"."change_log" ("entity", "key", "op", "kind", "locality_code") VALUES (entity, k_new, 'UPSERT', new_row ->> kind_col, new_row ->> loc_col);
  END IF;
  RETURN NULL;
END $$;
