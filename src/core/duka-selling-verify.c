/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whether the selling records still say what was written: every receipt
 * series numbered without gaps, the hash chain unbroken and matching the
 * facts it links, and stock on hand equal to the sum of its ledger.
 * `duka-admin verify` runs it beside duka_store_verify().
 */
#include <glib/gi18n-lib.h>

#include "duka-selling-private.h"
#include "duka-selling-verify.h"
#include "duka-store-private.h"

/* Each query returns the rows that are wrong; its first column says which. */
static const struct {
  const char *sql;
  const char *problem;
} selling_checks[] = {
  /* Receipt numbers: 1 … next_number - 1, each once, over sales and refunds. */
  { "SELECT r.prefix || ' (' || r.origin || '): ' || coalesce (n.used, 0) || ' of '"
    " || (r.next_number - 1) || ' numbers'"
    " FROM receipt_series r LEFT JOIN (SELECT series_id, count (DISTINCT number) AS used,"
    "  count (*) AS rows, min (number) AS low, max (number) AS high"
    "  FROM (SELECT series_id, number FROM sale UNION ALL SELECT series_id, number FROM refund)"
    "  GROUP BY series_id) n ON n.series_id = r.id"
    " WHERE coalesce (n.used, 0) != r.next_number - 1 OR coalesce (n.rows, 0) != r.next_number - 1"
    "  OR coalesce (n.low, 1) != 1 OR coalesce (n.high, 0) != r.next_number - 1",
    N_("Receipt numbers are missing or repeated in a series") },
  { "SELECT receipt_no FROM (SELECT series_id, receipt_no FROM sale UNION ALL"
    " SELECT series_id, receipt_no FROM refund) WHERE series_id NOT IN (SELECT id FROM receipt_series)",
    N_("A receipt belongs to no series") },
  /* Chain positions: 1 … next_seq - 1, each once. */
  { "SELECT r.prefix || ' (' || r.origin || '): ' || coalesce (c.links, 0) || ' of '"
    " || (r.next_seq - 1) || ' links'"
    " FROM receipt_series r LEFT JOIN (SELECT series_id, count (*) AS links, min (seq) AS low,"
    "  max (seq) AS high FROM chain_link GROUP BY series_id) c ON c.series_id = r.id"
    " WHERE coalesce (c.links, 0) != r.next_seq - 1 OR coalesce (c.low, 1) != 1"
    "  OR coalesce (c.high, 0) != r.next_seq - 1",
    N_("Links are missing from a receipt chain") },
  /* Every link's fact exists with the link's place and hash … */
  { "SELECT c.kind || ' ' || coalesce (json_extract (c.payload, '$.receipt_no'), c.fact_id)"
    " FROM chain_link c WHERE"
    " (c.kind = 'sale' AND NOT EXISTS (SELECT 1 FROM sale f WHERE f.id = c.fact_id"
    "   AND f.series_id = c.series_id AND f.seq = c.seq AND f.hash = c.hash AND f.prev_hash = c.prev_hash))"
    " OR (c.kind = 'refund' AND NOT EXISTS (SELECT 1 FROM refund f WHERE f.id = c.fact_id"
    "   AND f.series_id = c.series_id AND f.seq = c.seq AND f.hash = c.hash AND f.prev_hash = c.prev_hash))"
    " OR (c.kind = 'cash_movement' AND NOT EXISTS (SELECT 1 FROM cash_movement f WHERE f.id = c.fact_id"
    "   AND f.series_id = c.series_id AND f.seq = c.seq AND f.hash = c.hash AND f.prev_hash = c.prev_hash))"
    " OR (c.kind = 'z_report' AND NOT EXISTS (SELECT 1 FROM z_report f WHERE f.id = c.fact_id"
    "   AND f.series_id = c.series_id AND f.seq = c.seq AND f.hash = c.hash AND f.prev_hash = c.prev_hash))",
    N_("A receipt chain link has no matching record") },
  /* … and every chained fact has its link. */
  { "SELECT 'sale ' || receipt_no FROM sale f WHERE NOT EXISTS (SELECT 1 FROM chain_link c"
    "  WHERE c.series_id = f.series_id AND c.seq = f.seq AND c.fact_id = f.id AND c.hash = f.hash)"
    " UNION ALL SELECT 'refund ' || receipt_no FROM refund f WHERE NOT EXISTS (SELECT 1 FROM chain_link c"
    "  WHERE c.series_id = f.series_id AND c.seq = f.seq AND c.fact_id = f.id AND c.hash = f.hash)"
    " UNION ALL SELECT 'cash_movement ' || id FROM cash_movement f WHERE NOT EXISTS (SELECT 1 FROM chain_link c"
    "  WHERE c.series_id = f.series_id AND c.seq = f.seq AND c.fact_id = f.id AND c.hash = f.hash)"
    " UNION ALL SELECT 'z_report ' || number FROM z_report f WHERE NOT EXISTS (SELECT 1 FROM chain_link c"
    "  WHERE c.series_id = f.series_id AND c.seq = f.seq AND c.fact_id = f.id AND c.hash = f.hash)",
    N_("A record is missing from its receipt chain") },
  /* The hashed payload says what the sale row says. */
  { "SELECT f.receipt_no FROM sale f JOIN chain_link c ON c.series_id = f.series_id AND c.seq = f.seq"
    " WHERE json_extract (c.payload, '$.total') IS NOT f.total"
    "  OR json_extract (c.payload, '$.number') IS NOT f.number"
    "  OR json_extract (c.payload, '$.at') IS NOT f.at"
    "  OR json_extract (c.payload, '$.receipt_no') IS NOT f.receipt_no"
    "  OR (SELECT count (*) FROM sale_line l WHERE l.sale_id = f.id)"
    "     != json_array_length (c.payload, '$.lines')",
    N_("A sale differs from what its receipt chain recorded") },
  /* Stock on hand is the sum of its ledger. */
  { "SELECT coalesce (p.name, l.product_id) || ': ' || l.on_hand || ' ≠ ' || coalesce (m.total, 0)"
    " FROM stock_level l LEFT JOIN product p ON p.id = l.product_id"
    " LEFT JOIN (SELECT product_id, coalesce (variant_id, '') AS variant_id, outlet_id,"
    "  sum (quantity) AS total FROM stock_movement GROUP BY 1, 2, 3) m"
    "  ON m.product_id = l.product_id AND m.variant_id = l.variant_id AND m.outlet_id = l.outlet_id"
    " WHERE l.on_hand IS NOT coalesce (m.total, 0)"
    " UNION ALL"
    " SELECT coalesce (p.name, m.product_id) || ': no stock level for ' || m.total"
    " FROM (SELECT product_id, coalesce (variant_id, '') AS variant_id, outlet_id,"
    "  sum (quantity) AS total FROM stock_movement GROUP BY 1, 2, 3) m"
    " LEFT JOIN product p ON p.id = m.product_id"
    " WHERE NOT EXISTS (SELECT 1 FROM stock_level l WHERE l.product_id = m.product_id"
    "  AND l.variant_id = m.variant_id AND l.outlet_id = m.outlet_id)",
    N_("Stock on hand does not match its movements") },
};

/* Recomputes every link's hash over its stored payload and follows the
 * prev_hash links from the genesis to the series' last hash. */
static gboolean
check_chain (sqlite3     *db,
             GPtrArray   *problems,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *series = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *last = NULL;
  g_autofree char *expected_last = NULL;
  gboolean broken = FALSE;
  int rc;

  if (sqlite3_prepare_v2 (db,
        "SELECT r.id, r.prefix, r.last_hash, c.seq, c.kind, c.payload, c.prev_hash, c.hash,"
        "       coalesce (json_extract (c.payload, '$.receipt_no'), c.kind || ' ' || c.seq)"
        " FROM receipt_series r LEFT JOIN chain_link c ON c.series_id = r.id"
        " ORDER BY r.id, c.seq", -1, &stmt, NULL) != SQLITE_OK)
    return duka_store_sql_error (db, error);

#define FINISH_SERIES() \
  if (series != NULL && !broken && g_strcmp0 (last, expected_last) != 0) \
    g_ptr_array_add (problems, g_strdup_printf (_("The receipt chain %s does not end where its series says"), prefix));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *kind = (const char *) sqlite3_column_text (stmt, 4);
      const char *payload = (const char *) sqlite3_column_text (stmt, 5);
      const char *prev_hash = (const char *) sqlite3_column_text (stmt, 6);
      const char *hash = (const char *) sqlite3_column_text (stmt, 7);
      const char *what = (const char *) sqlite3_column_text (stmt, 8);
      g_autofree char *computed = NULL;

      if (g_strcmp0 (series, id) != 0)
        {
          FINISH_SERIES ();
          g_free (series);
          g_free (prefix);
          g_free (last);
          g_free (expected_last);
          series = g_strdup (id);
          prefix = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          expected_last = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          last = g_strdup (DUKA_CHAIN_GENESIS);
          broken = FALSE;
        }
      if (kind == NULL)
        continue;  /* a series with no link yet */

      computed = duka_chain_hash (prev_hash, kind, sqlite3_column_int64 (stmt, 3), payload);
      if (g_strcmp0 (computed, hash) != 0)
        {
          /* Translators: the receipt chain, then the receipt or record */
          g_ptr_array_add (problems, g_strdup_printf (_("The receipt chain %s was changed at %s: its hash does not match what it holds"),
                                                      prefix, what));
          broken = TRUE;
        }
      if (g_strcmp0 (prev_hash, last) != 0)
        {
          g_ptr_array_add (problems, g_strdup_printf (_("The receipt chain %s is broken before %s"), prefix, what));
          broken = TRUE;
        }
      g_free (last);
      last = g_strdup (hash);
    }
  FINISH_SERIES ();
#undef FINISH_SERIES
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE || duka_store_sql_error (db, error);
}

/**
 * duka_selling_verify:
 * @problems: (out) (transfer full) (element-type utf8): a plain-language
 *   line for each problem found; empty when the selling records are sound
 *
 * Checks, on one read snapshot, receipt numbering, the hash chain and
 * stock on hand.
 *
 * Returns: %TRUE when the checks ran, whatever they found; %FALSE when the
 *   store could not be read
 */
gboolean
duka_selling_verify (DukaStore  *store,
                     GPtrArray **problems,
                     GError    **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (DUKA_IS_STORE (store), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  *problems = NULL;
  db = duka_store_acquire_reader (store, error);
  if (db == NULL)
    return FALSE;

  ok = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK || duka_store_sql_error (db, error);
  for (guint i = 0; ok && i < G_N_ELEMENTS (selling_checks); i++)
    ok = duka_store_collect_problems (db, selling_checks[i].sql, _(selling_checks[i].problem),
                                      NULL, found, error);
  ok = ok && check_chain (db, found, error);
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  duka_store_release_reader (store, db);

  if (ok)
    *problems = g_steal_pointer (&found);
  return ok;
}
