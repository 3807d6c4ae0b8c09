-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Platform admin (cross-tenant, through narrow SECURITY DEFINER functions:
-- the server's role still cannot see across tenants on its own), the
-- indexes of the products read API, and exception facts the server records
-- for invariants no till can check alone (src/sync/PROTOCOL.md).

-- µs since the epoch, as every other time in the API.
CREATE FUNCTION duka_us (t timestamptz) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$ SELECT (extract (epoch FROM t) * 1000000)::bigint $$;

-- Exception facts (PROTOCOL.md, "Invariants no till can check alone").
-- Append-only like every fact: the id is derived from what clashed
-- (rule, value, the sorted record ids), so the same clash found again, by
-- any process, is the same row, and a new member of a clash is a new fact.
CREATE TABLE exceptions (
  tenant_id    uuid NOT NULL REFERENCES tenants,
  exception_id uuid NOT NULL,
  rule         text NOT NULL,
  data         jsonb NOT NULL,
  detected_at  bigint NOT NULL,
  feed_xid     xid8 NOT NULL DEFAULT pg_current_xact_id (),
  feed_pos     bigint NOT NULL DEFAULT nextval ('feed_positions'),
  PRIMARY KEY (tenant_id, exception_id)
);
CREATE INDEX exceptions_feed ON exceptions (tenant_id, feed_xid, feed_pos);

-- Finding the records that share a SKU or a barcode.
CREATE INDEX entities_sku ON entities (tenant_id, (data ->> 'sku'))
  WHERE kind IN ('product', 'variant') AND NOT deleted AND data ? 'sku';
CREATE INDEX entities_barcodes ON entities USING gin ((data -> 'barcodes'))
  WHERE kind IN ('product', 'variant') AND NOT deleted;
-- The records of the transaction's tenant that hold a SKU or barcode.
-- Under row-level security PostgreSQL cannot use the two indexes above:
-- ->> and ? are not leakproof, so it filters every row of the tenant after
-- the policy, and a push of 500 products scanned the catalogue 500 times.
-- This reads as the owner, but only the tenant named by the same setting
-- the policy reads: the rows the policy would allow, through the index.
CREATE FUNCTION duka_records_with (p_rule text, p_value text)
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT entity_id FROM entities
   WHERE p_rule = 'sku'
     AND tenant_id = NULLIF (current_setting ('duka.tenant_id', true), '')::uuid
     AND kind IN ('product', 'variant') AND NOT deleted
     AND data ? 'sku' AND data ->> 'sku' = p_value
  UNION ALL
  SELECT entity_id FROM entities
   WHERE p_rule = 'barcode'
     AND tenant_id = NULLIF (current_setting ('duka.tenant_id', true), '')::uuid
     AND kind IN ('product', 'variant') AND NOT deleted
     AND data -> 'barcodes' ? p_value
$$;

-- The products read API filters by update time.
CREATE INDEX entities_updated ON entities (tenant_id, kind, updated_at);

-- One page of tenants by id, with what they use.  Counts are per tenant
-- over indexes that lead with tenant_id, so a page costs its own tenants
-- only.
CREATE FUNCTION duka_admin_tenants (p_after uuid, p_limit integer)
RETURNS TABLE (tenant_id uuid, name text, created_at bigint, suspended_at bigint,
               users bigint, devices bigint, products bigint, entities bigint,
               facts bigint, ops bigint, exceptions bigint, last_op_at bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.tenant_id, t.name, duka_us (t.created_at), duka_us (t.suspended_at),
         (SELECT count (*) FROM users u WHERE u.tenant_id = t.tenant_id AND u.disabled_at IS NULL),
         (SELECT count (*) FROM devices d WHERE d.tenant_id = t.tenant_id AND d.revoked_at IS NULL),
         (SELECT count (*) FROM entities e WHERE e.tenant_id = t.tenant_id AND e.kind = 'product' AND NOT e.deleted),
         (SELECT count (*) FROM entities e WHERE e.tenant_id = t.tenant_id),
         (SELECT count (*) FROM facts f WHERE f.tenant_id = t.tenant_id),
         (SELECT count (*) FROM ops o WHERE o.tenant_id = t.tenant_id),
         (SELECT count (*) FROM exceptions x WHERE x.tenant_id = t.tenant_id),
         (SELECT duka_us (max (o.received_at)) FROM ops o WHERE o.tenant_id = t.tenant_id)
    FROM tenants t
   WHERE p_after IS NULL OR t.tenant_id > p_after
   ORDER BY t.tenant_id
   LIMIT p_limit
$$;

CREATE FUNCTION duka_admin_totals ()
RETURNS TABLE (tenants bigint, suspended bigint, users bigint, devices bigint,
               entities bigint, facts bigint, ops bigint, exceptions bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT (SELECT count (*) FROM tenants),
         (SELECT count (*) FROM tenants WHERE suspended_at IS NOT NULL),
         (SELECT count (*) FROM users WHERE disabled_at IS NULL),
         (SELECT count (*) FROM devices WHERE revoked_at IS NULL),
         (SELECT count (*) FROM entities),
         (SELECT count (*) FROM facts),
         (SELECT count (*) FROM ops),
         (SELECT count (*) FROM exceptions)
$$;

-- Suspends (p_suspend) or reactivates a tenant; no row when there is no
-- such tenant.  Suspending twice keeps the first time.
CREATE FUNCTION duka_admin_set_suspended (p_tenant uuid, p_suspend boolean)
RETURNS TABLE (tenant_id uuid, suspended_at bigint)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE tenants t
     SET suspended_at = CASE WHEN p_suspend THEN coalesce (t.suspended_at, now ()) END
   WHERE t.tenant_id = p_tenant
  RETURNING t.tenant_id, duka_us (t.suspended_at)
$$;

REVOKE ALL ON FUNCTION duka_records_with (text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION duka_records_with (text, text) TO duka_api;
REVOKE ALL ON FUNCTION duka_admin_tenants (uuid, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION duka_admin_totals () FROM PUBLIC;
REVOKE ALL ON FUNCTION duka_admin_set_suspended (uuid, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION duka_admin_tenants (uuid, integer) TO duka_api;
GRANT EXECUTE ON FUNCTION duka_admin_totals () TO duka_api;
GRANT EXECUTE ON FUNCTION duka_admin_set_suspended (uuid, boolean) TO duka_api;
GRANT SELECT, INSERT ON exceptions TO duka_api;

SELECT duka_protect_tenant_tables ();
