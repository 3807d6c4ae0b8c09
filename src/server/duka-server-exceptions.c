/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants no till can check alone (src/sync/PROTOCOL.md): each till
 * keeps SKUs and barcodes unique in its own store, but two tills offline
 * can each give one to a different product.  After a push writes products
 * or variants, the server looks for others of the tenant with the same
 * SKU or barcode and records an exception fact naming them all.  Selling
 * is never blocked; managers see the exception and resolve it.
 *
 * Two pushes racing with the same SKU must not both miss each other: each
 * takes a transaction advisory lock on (tenant, rule, value) after its own
 * write and before looking, so whichever looks second sees the first one
 * committed.  Keys are locked in sorted order, so pushes never deadlock
 * on them.
 */
#include <string.h>

#include "duka-server-private.h"

/* Every row names the clash it belongs to; its id is derived from the
 * sorted ids, so finding the same clash again writes nothing, and the
 * fact stays append-only. */
#define RECORD_SQL \
  "INSERT INTO exceptions (tenant_id, exception_id, rule, data, detected_at)" \
  " SELECT $1::uuid, md5 ($2 || ' ' || $3 || ' ' || string_agg (id::text, ' ' ORDER BY id))::uuid," \
  "        'duplicate-' || $2," \
  "        jsonb_build_object ('rule', 'duplicate-' || $2, $2::text, $3::text," \
  "                            'ids', jsonb_agg (id ORDER BY id))," \
  "        $4::bigint" \
  "   FROM duka_records_with ($2, $3) AS same (id)" \
  " HAVING count (*) > 1" \
  " ON CONFLICT (tenant_id, exception_id) DO NOTHING RETURNING 1"

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

gboolean
duka_server_detect_duplicates (DukaRequest  *request,
                               DukaDb       *db,
                               GPtrArray    *keys,
                               gboolean     *recorded,
                               GError      **error)
{
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, request->now);

  *recorded = FALSE;
  /* Sorted, so every push takes its locks in one order. */
  g_ptr_array_sort (keys, compare_keys);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      const char *rule = key[0] == 's' ? "sku" : "barcode";
      const char *value = key + 1;
      g_autoptr(PGresult) locked = NULL;
      g_autoptr(PGresult) written = NULL;

      if (i > 0 && g_str_equal (key, keys->pdata[i - 1]))
        continue;

      locked = duka_db_queryv (db, error,
                               "SELECT pg_advisory_xact_lock (hashtextextended ($1 || ' ' || $2 || ' ' || $3, 0))",
                               request->tenant_id, rule, value);
      if (locked == NULL)
        return FALSE;

      /* duka_records_with() reads only the tenant the transaction is
       * for, through the index (schema/0003-admin-read.sql says why). */
      written = duka_db_queryv (db, error, RECORD_SQL, request->tenant_id, rule, value, now);
      if (written == NULL)
        return FALSE;

      if (PQntuples (written) > 0)
        {
          *recorded = TRUE;
          g_printerr ("event=exception tenant=%s rule=duplicate-%s\n", request->tenant_id, rule);
        }
    }

  return TRUE;
}
