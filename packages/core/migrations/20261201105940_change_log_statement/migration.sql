-- The feed's triggers, set-based (issue 15): one statement-level trigger per event with its
-- transition tables writes a statement's changes in one INSERT … SELECT, where the row trigger
-- (core.record_change, kept for deployments that still have it) cost a PL/pgSQL call per row —
-- 6× the time of a bulk insert. Same arguments and the same entries: an UPSERT per created or
-- changed row, a DELETE tombstone per deleted row, a move between localities as a DELETE in the
-- old and an UPSERT in the new, a key change as a DELETE naming the new key and an UPSERT naming
-- the old (paired when the statement changed one key; several keys changed at once are told as
-- tombstones and upserts), and a child table's change as an UPSERT of its parent.
CREATE OR REPLACE FUNCTION "core"."record_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entity text := TG_ARGV[0];
  key_col text := TG_ARGV[1];
  loc_col text := nullif(TG_ARGV[2], '');
  kind_col text := nullif(TG_ARGV[3], '');
  parent_table text := nullif(TG_ARGV[4], '');
  parent_key text := nullif(TG_ARGV[5], '');
  ins text := 'INSERT INTO "core"."change_log" ("entity", "key", "op", "other_key", "kind", "locality_code") ';
  keys text;
  lone_old text;
  lone_new text;
BEGIN
  -- Versions in commit order: every writer holds this row's lock from its first write to its
  -- commit (the data-version trigger updates it), so the sequence is read under the same lock.
  PERFORM 1 FROM "core"."data_version" WHERE "id" = 1 FOR UPDATE;
  IF parent_table IS NOT NULL THEN
    keys := CASE TG_OP
      WHEN 'INSERT' THEN format('SELECT %I::text AS k FROM new_rows', key_col)
      WHEN 'DELETE' THEN format('SELECT %I::text AS k FROM old_rows', key_col)
      ELSE format('SELECT %I::text AS k FROM new_rows UNION SELECT %I::text FROM old_rows', key_col, key_col) END;
    -- A parent already gone left its own tombstone.
    EXECUTE ins || format('SELECT $1, c.k, ''UPSERT'', NULL, %s, %s FROM (SELECT DISTINCT k FROM (%s) u WHERE k IS NOT NULL) c JOIN %s p ON p.%I::text = c.k ORDER BY c.k',
      CASE WHEN kind_col IS NULL THEN 'NULL' ELSE format('p.%I', kind_col) END,
      CASE WHEN loc_col IS NULL THEN 'NULL' ELSE format('p.%I', loc_col) END,
      keys, parent_table, parent_key) USING entity;
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    EXECUTE ins || format('SELECT $1, n.%I::text, ''UPSERT'', NULL, %s, %s FROM new_rows n ORDER BY 2',
      key_col, CASE WHEN kind_col IS NULL THEN 'NULL' ELSE format('n.%I', kind_col) END, CASE WHEN loc_col IS NULL THEN 'NULL' ELSE format('n.%I', loc_col) END) USING entity;
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE ins || format('SELECT $1, o.%I::text, ''DELETE'', NULL, %s, %s FROM old_rows o ORDER BY 2',
      key_col, CASE WHEN kind_col IS NULL THEN 'NULL' ELSE format('o.%I', kind_col) END, CASE WHEN loc_col IS NULL THEN 'NULL' ELSE format('o.%I', loc_col) END) USING entity;
  ELSE
    -- A statement that changed exactly one key: pair the old key and the new.
    EXECUTE format('SELECT (SELECT min(o.%1$I::text) FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.%1$I = o.%1$I) HAVING count(*) = 1), (SELECT min(n.%1$I::text) FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.%1$I = n.%1$I) HAVING count(*) = 1)', key_col)
      INTO lone_old, lone_new;
    IF lone_old IS NULL OR lone_new IS NULL THEN lone_old := NULL; lone_new := NULL; END IF;
    -- Tombstones first: keys that left (key changes), rows that moved out of their locality.
    EXECUTE ins || format('SELECT $1, o.%1$I::text, ''DELETE'', CASE WHEN n.%1$I IS NULL THEN $2 END, %2$s, %3$s FROM old_rows o LEFT JOIN new_rows n ON n.%1$I = o.%1$I WHERE n.%1$I IS NULL OR %4$s ORDER BY 2',
      key_col, CASE WHEN kind_col IS NULL THEN 'NULL' ELSE format('o.%I', kind_col) END, CASE WHEN loc_col IS NULL THEN 'NULL' ELSE format('o.%I', loc_col) END,
      CASE WHEN loc_col IS NULL THEN 'false' ELSE format('(n.%1$I IS NOT NULL AND o.%2$I IS DISTINCT FROM n.%2$I)', key_col, loc_col) END) USING entity, lone_new;
    -- Then the rows as they are: new keys, and changed rows (an update that changed nothing is no change).
    EXECUTE ins || format('SELECT $1, n.%1$I::text, ''UPSERT'', CASE WHEN o.%1$I IS NULL THEN $2 END, %2$s, %3$s FROM new_rows n LEFT JOIN old_rows o ON o.%1$I = n.%1$I WHERE o.%1$I IS NULL OR to_jsonb(o) IS DISTINCT FROM to_jsonb(n) ORDER BY 2',
      key_col, CASE WHEN kind_col IS NULL THEN 'NULL' ELSE format('n.%I', kind_col) END, CASE WHEN loc_col IS NULL THEN 'NULL' ELSE format('n.%I', loc_col) END) USING entity, lone_old;
  END IF;
  RETURN NULL;
END $$;
