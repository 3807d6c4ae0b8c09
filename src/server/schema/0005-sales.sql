-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Sales on the server: the selling facts of the registry (sale, refund,
-- cash_session, cash_movement, z_report, stock_movement) stay in `facts`,
-- whole, as the tills sent them; push copies out the members the read API
-- and the receipt-series check filter on (src/server/API.md, "Sales").
-- Every member is taken from a fact the registry validated, and only when
-- the fact's kind has that field in the registry: the server never
-- defines a shape of its own.

ALTER TABLE facts
  ADD COLUMN outlet_id uuid,
  ADD COLUMN till_id uuid,
  -- the till's receipt series and hash chain (src/core/SCHEMA.md,
  -- "Receipt series and the hash chain")
  ADD COLUMN series_id uuid,
  ADD COLUMN seq bigint,
  ADD COLUMN prev_hash text,
  ADD COLUMN hash text;

-- GET /api/v1/sales: a kind, a business date, an outlet, in feed order.
CREATE INDEX facts_sales ON facts (tenant_id, kind, business_date, outlet_id, feed_xid, feed_pos);
-- The receipt-series check looks up neighbours by (series, seq).
CREATE INDEX facts_series ON facts (tenant_id, series_id, seq) WHERE series_id IS NOT NULL;

-- Per series: the highest seq the server holds, and the range of seqs
-- that the last push of the series went past with some missing
-- (check_from..check_to, NULL: none).  The next push reports what is still
-- missing there, so a push never scans more of a series than its own span.
CREATE TABLE receipt_series (
  tenant_id  uuid NOT NULL REFERENCES tenants,
  series_id  uuid NOT NULL,
  till_id    uuid,
  outlet_id  uuid,
  last_seq   bigint NOT NULL,
  check_from bigint,
  check_to   bigint,
  PRIMARY KEY (tenant_id, series_id)
);

-- Checks the receipt series of the chained facts @p_facts, just written
-- by this transaction, and records exception facts:
--
-- receipt-fork: two facts with one (series, seq), or a fact whose
--   prev_hash is not the hash of the one fact before it (either may have
--   arrived first).  One exception per (series, seq).
-- receipt-gap: seqs missing below the highest one a push brought, still
--   missing at the next push of the series.  Tills push in outbox order,
--   so a hole that outlives a push is not a fact still on its way.  One
--   exception per (series, missing range).
--
-- Each series is checked under a transaction advisory lock, in id order,
-- and (VOLATILE) each query reads with a new snapshot, so two pushes of
-- one series never both miss each other.  Every lookup is by (series,
-- seq) or by id, one at a time (LATERAL … OFFSET 0): planned as joins,
-- they scanned the whole series while the table's statistics lagged
-- behind its growth.
CREATE FUNCTION duka_check_series (p_facts uuid[], p_now bigint)
RETURNS TABLE (exception_rule text, exception_pos bigint)
LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $$
DECLARE
  tenant uuid := NULLIF (current_setting ('duka.tenant_id', true), '')::uuid;
  s record;
  old_last bigint;
  old_from bigint;
  old_to bigint;
  new_last bigint;
  above bigint;
BEGIN
  FOR s IN
    SELECT f.series_id, min (f.till_id::text)::uuid AS till_id,
           min (f.outlet_id::text)::uuid AS outlet_id, max (f.seq) AS top, array_agg (f.seq) AS seqs
      FROM unnest (p_facts) AS k (id)
      CROSS JOIN LATERAL (
        SELECT f.series_id, f.till_id, f.outlet_id, f.seq FROM facts f
         WHERE f.tenant_id = tenant AND f.fact_id = k.id
        OFFSET 0) AS f
     WHERE f.series_id IS NOT NULL
     GROUP BY f.series_id
     ORDER BY f.series_id
  LOOP
    PERFORM pg_advisory_xact_lock (hashtextextended (tenant::text || ' series ' || s.series_id::text, 0));

    RETURN QUERY
    WITH near AS (
      SELECT k.seq, array_agg (g.fact_id ORDER BY g.fact_id) AS ids,
             min (g.hash) AS hash, min (g.prev_hash) AS prev_hash, count (*) AS n
        FROM (SELECT DISTINCT x.seq + d.delta AS seq
                FROM unnest (s.seqs) AS x (seq), (VALUES (-1), (0), (1)) AS d (delta)) AS k
        CROSS JOIN LATERAL (
          SELECT g.fact_id, g.hash, g.prev_hash FROM facts g
           WHERE g.tenant_id = tenant AND g.series_id = s.series_id AND g.seq = k.seq
          OFFSET 0) AS g
       GROUP BY k.seq),
    forks AS (
      SELECT b.seq, b.ids FROM near b WHERE b.n > 1
      UNION ALL
      SELECT b.seq, a.ids || b.ids FROM near b JOIN near a ON a.seq = b.seq - 1
       WHERE a.n = 1 AND b.n = 1 AND b.prev_hash <> a.hash)
    INSERT INTO exceptions AS x (tenant_id, exception_id, rule, data, detected_at)
    SELECT DISTINCT ON (k.seq) tenant,
           md5 ('receipt-fork ' || s.series_id::text || ' ' || k.seq::text)::uuid, 'receipt-fork',
           jsonb_build_object ('rule', 'receipt-fork', 'series_id', s.series_id, 'till_id', s.till_id,
                               'seq', k.seq, 'ids', to_jsonb (k.ids)),
           p_now
      FROM forks k
     ORDER BY k.seq, cardinality (k.ids) DESC
    ON CONFLICT (tenant_id, exception_id) DO NOTHING
    RETURNING x.rule, x.feed_pos;

    old_last := NULL;
    old_from := NULL;
    SELECT r.last_seq, r.check_from, r.check_to INTO old_last, old_from, old_to
      FROM receipt_series r WHERE r.tenant_id = tenant AND r.series_id = s.series_id;
    old_last := coalesce (old_last, 0);

    -- What the previous push went past and is still missing.
    IF old_from IS NOT NULL THEN
      RETURN QUERY
      WITH held AS (
        SELECT old_from - 1 AS seq
        UNION
        SELECT g.seq FROM facts g
         WHERE g.tenant_id = tenant AND g.series_id = s.series_id AND g.seq BETWEEN old_from AND old_to),
      holes AS (
        SELECT h.seq + 1 AS first, lead (h.seq) OVER (ORDER BY h.seq) - 1 AS last FROM held h)
      INSERT INTO exceptions AS x (tenant_id, exception_id, rule, data, detected_at)
      SELECT tenant,
             md5 ('receipt-gap ' || s.series_id::text || ' ' || h.first::text || ' ' || h.last::text)::uuid,
             'receipt-gap',
             jsonb_build_object ('rule', 'receipt-gap', 'series_id', s.series_id, 'till_id', s.till_id,
                                 'from', h.first, 'to', h.last),
             p_now
        FROM holes h
       WHERE h.last >= h.first
      ON CONFLICT (tenant_id, exception_id) DO NOTHING
      RETURNING x.rule, x.feed_pos;
    END IF;

    -- Nothing above old_last existed before this push (the lock makes it
    -- so), so its new seqs there say whether it left holes.
    new_last := greatest (old_last, s.top);
    SELECT count (DISTINCT x.seq) INTO above FROM unnest (s.seqs) AS x (seq) WHERE x.seq > old_last;

    INSERT INTO receipt_series AS r (tenant_id, series_id, till_id, outlet_id, last_seq, check_from, check_to)
    VALUES (tenant, s.series_id, s.till_id, s.outlet_id, new_last,
            CASE WHEN above < new_last - old_last THEN old_last + 1 END,
            CASE WHEN above < new_last - old_last THEN new_last END)
    ON CONFLICT (tenant_id, series_id)
    DO UPDATE SET last_seq = EXCLUDED.last_seq, check_from = EXCLUDED.check_from, check_to = EXCLUDED.check_to;
  END LOOP;
END
$$;

REVOKE ALL ON FUNCTION duka_check_series (uuid[], bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION duka_check_series (uuid[], bigint) TO duka_api;
GRANT SELECT, INSERT, UPDATE ON receipt_series TO duka_api;

SELECT duka_protect_tenant_tables ();
