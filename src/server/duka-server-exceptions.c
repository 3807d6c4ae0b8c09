/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants no till can check alone (src/sync/PROTOCOL.md), checked after
 * a push wrote its batch and recorded as exception facts.  Selling is
 * never blocked; managers see the exception and resolve it.
 *
 * SKUs and barcodes: each till keeps them unique in its own store, but
 * two tills offline can each give one to a different product.  Receipt
 * series: each till numbers its chained facts gaplessly and links each to
 * the one before, but a restored backup can sell on from an old point (a
 * fork), and a fact can go missing (a gap).
 *
 * Two pushes racing must not both miss each other: the SQL functions
 * (schema/0004, schema/0005) take a transaction advisory lock per value or
 * series, in sorted order so pushes never deadlock on them, and only then
 * look, with a new snapshot, so whichever looks second sees the first one
 * committed.  One statement per push for each check, whatever its size.
 */
#include <string.h>

#include "duka-server-private.h"

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Notes each exception recorded by @rows (rule, feed position). */
static void
note_exceptions (DukaRequest *request,
                 PGresult    *rows,
                 gint64      *feed_pos)
{
  for (int r = 0; r < PQntuples (rows); r++)
    {
      *feed_pos = MAX (*feed_pos, g_ascii_strtoll (PQgetvalue (rows, r, 1), NULL, 10));
      g_printerr ("event=exception tenant=%s rule=%s\n", request->tenant_id, PQgetvalue (rows, r, 0));
    }
}

gboolean
duka_server_detect_duplicates (DukaRequest  *request,
                               DukaDb       *db,
                               GPtrArray    *keys,
                               gint64       *feed_pos,
                               GError      **error)
{
  GString *array = duka_db_array_new ();
  g_autofree char *array_text = NULL;
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, request->now);
  g_autoptr(PGresult) rows = NULL;
  guint n = 0;

  /* Sorted and unique, so every push takes its locks in one order. */
  g_ptr_array_sort (keys, compare_keys);
  for (guint i = 0; i < keys->len; i++)
    if (i == 0 || !g_str_equal (keys->pdata[i], keys->pdata[i - 1]))
      {
        duka_db_array_append (array, keys->pdata[i]);
        n++;
      }
  array_text = duka_db_array_end (array);

  if (n == 0)
    return TRUE;

  rows = duka_db_queryv (db, error,
                         "SELECT exception_rule, exception_pos::text"
                         "  FROM duka_detect_duplicates ($1::text[], $2::bigint)",
                         array_text, now);
  if (rows == NULL)
    return FALSE;

  note_exceptions (request, rows, feed_pos);
  return TRUE;
}

gboolean
duka_server_check_series (DukaRequest  *request,
                          DukaDb       *db,
                          GPtrArray    *fact_ids,
                          gint64       *feed_pos,
                          GError      **error)
{
  GString *array = duka_db_array_new ();
  g_autofree char *array_text = NULL;
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, request->now);
  g_autoptr(PGresult) rows = NULL;

  for (guint i = 0; i < fact_ids->len; i++)
    duka_db_array_append (array, fact_ids->pdata[i]);
  array_text = duka_db_array_end (array);

  if (fact_ids->len == 0)
    return TRUE;

  rows = duka_db_queryv (db, error,
                         "SELECT exception_rule, exception_pos::text"
                         "  FROM duka_check_series ($1::uuid[], $2::bigint)",
                         array_text, now);
  if (rows == NULL)
    return FALSE;

  note_exceptions (request, rows, feed_pos);
  return TRUE;
}
