-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A push is applied with a few set-based statements whatever its size
-- (src/server/duka-server-push.c).  This is the duplicate SKU and barcode
-- check of 0003 for a whole batch at once: one statement, where it took
-- two per value.

-- The live products and variants of the transaction's tenant that hold
-- any of these SKUs or barcodes, one row per (rule, value, record).  Read
-- as the owner for the reason duka_records_with() gives, but only the
-- tenant named by the setting the policy reads.  One lookup per value
-- (OFFSET 0 keeps each a lookup of its own): as one "= ANY" over a
-- batch's values, a table whose statistics lag behind its growth was
-- scanned whole for every push.
CREATE FUNCTION duka_records_sharing (p_skus text[], p_barcodes text[])
RETURNS TABLE (rule text, value text, record_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT 'sku', k.value, s.entity_id
    FROM unnest (p_skus) AS k (value)
   CROSS JOIN LATERAL (
     SELECT e.entity_id FROM entities e
      WHERE e.tenant_id = NULLIF (current_setting ('duka.tenant_id', true), '')::uuid
        AND e.kind IN ('product', 'variant') AND NOT e.deleted
        AND e.data ? 'sku' AND e.data ->> 'sku' = k.value
     OFFSET 0) AS s
  UNION ALL
  SELECT 'barcode', k.value, s.entity_id
    FROM unnest (p_barcodes) AS k (value)
   CROSS JOIN LATERAL (
     SELECT e.entity_id FROM entities e
      WHERE e.tenant_id = NULLIF (current_setting ('duka.tenant_id', true), '')::uuid
        AND e.kind IN ('product', 'variant') AND NOT e.deleted
        AND e.data -> 'barcodes' ? k.value
     OFFSET 0) AS s
$$;

-- Records one exception fact per SKU or barcode of @p_keys ("s" + SKU,
-- "b" + barcode, sorted and unique) that two or more records now share.
-- It first takes the transaction advisory lock of each value, in the
-- order given (the same lock as 0003's check, so processes of either kind
-- exclude each other); being VOLATILE, its INSERT then reads with a new
-- snapshot, so it sees whatever a push that held one of those locks
-- committed.  Ids and data are as in 0003, so the same clash found by
-- either is one fact.
CREATE FUNCTION duka_detect_duplicates (p_keys text[], p_now bigint)
RETURNS TABLE (exception_rule text, exception_pos bigint)
LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $$
DECLARE
  tenant text := NULLIF (current_setting ('duka.tenant_id', true), '');
  skus text[];
  barcodes text[];
BEGIN
  PERFORM pg_advisory_xact_lock (hashtextextended (
            tenant || ' ' || CASE WHEN left (k.key, 1) = 's' THEN 'sku' ELSE 'barcode' END
                   || ' ' || substr (k.key, 2), 0))
     FROM unnest (p_keys) WITH ORDINALITY AS k (key, n)
    ORDER BY k.n;

  SELECT coalesce (array_agg (substr (key, 2)) FILTER (WHERE left (key, 1) = 's'), '{}'),
         coalesce (array_agg (substr (key, 2)) FILTER (WHERE left (key, 1) = 'b'), '{}')
    INTO skus, barcodes
    FROM unnest (p_keys) AS key;

  RETURN QUERY
  INSERT INTO exceptions AS x (tenant_id, exception_id, rule, data, detected_at)
  SELECT tenant::uuid,
         md5 (s.rule || ' ' || s.value || ' ' || string_agg (s.record_id::text, ' ' ORDER BY s.record_id))::uuid,
         'duplicate-' || s.rule,
         jsonb_build_object ('rule', 'duplicate-' || s.rule, s.rule, s.value,
                             'ids', jsonb_agg (s.record_id ORDER BY s.record_id)),
         p_now
    FROM duka_records_sharing (skus, barcodes) AS s
   GROUP BY s.rule, s.value
  HAVING count (*) > 1
  ON CONFLICT (tenant_id, exception_id) DO NOTHING
  RETURNING x.rule, x.feed_pos;
END
$$;

REVOKE ALL ON FUNCTION duka_records_sharing (text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION duka_records_sharing (text[], text[]) TO duka_api;
REVOKE ALL ON FUNCTION duka_detect_duplicates (text[], bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION duka_detect_duplicates (text[], bigint) TO duka_api;

SELECT duka_protect_tenant_tables ();
