/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * duka-bench AREA: speed and memory figures, one JSON object per line with
 * "metric", "value", "unit" and, where there is one, "baseline" — the bare
 * engine doing the same work in the same run, because absolute times vary
 * between machines.  Targets live in the issues, never in timed tests.
 */
#include <gio/gio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "duka-bench.h"

static const struct {
  const char *area;
  int       (*run) (int argc, char **argv);
  const char *help;
} areas[] = {
  { "catalog", duka_bench_catalog, "100,000 products: open, search, barcode, import, memory" },
  { "sell", duka_bench_sell, "100,000 products, 1,000,000 past sales: add line, commit, Z report" },
#ifdef DUKA_BENCH_SERVER
  { "server", duka_bench_server, "8 tills pushing to duka-server over PostgreSQL; pgbench baseline" },
#endif
};

void
duka_bench_report (const char *metric,
                   double      value,
                   const char *unit,
                   double      baseline,
                   gboolean    has_baseline)
{
  if (has_baseline)
    g_print ("{\"metric\": \"%s\", \"value\": %.3f, \"unit\": \"%s\", \"baseline\": %.3f}\n",
             metric, value, unit, baseline);
  else
    g_print ("{\"metric\": \"%s\", \"value\": %.3f, \"unit\": \"%s\"}\n", metric, value, unit);
  fflush (stdout);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Percentile by nearest rank over the samples (sorted in place). */
double
duka_bench_percentile (GArray *samples,
                       double  percent)
{
  guint rank;

  if (samples->len == 0)
    return 0;
  g_array_sort (samples, compare_doubles);
  rank = (guint) ((percent / 100.0) * samples->len + 0.999999);
  rank = CLAMP (rank, 1, samples->len);

  return g_array_index (samples, double, rank - 1);
}

/* Benchmarks make stores of a few hundred megabytes: leave nothing behind. */
void
duka_bench_remove_tree (const char *path)
{
  g_autoptr(GFile) root = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;
  GFile *child;

  children = g_file_enumerate_children (root, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && g_file_enumerator_iterate (children, &info, &child, NULL, NULL) &&
         info != NULL)
    {
      g_autofree char *child_path = g_file_get_path (child);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        duka_bench_remove_tree (child_path);
      else
        g_file_delete (child, NULL, NULL);
    }

  g_file_delete (root, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
      if (g_str_equal (argv[1], areas[i].area))
        return areas[i].run (argc - 1, argv + 1);

  g_printerr ("Usage: duka-bench AREA\n\nAreas:\n");
  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    g_printerr ("  %-10s %s\n", areas[i].area, areas[i].help);
  return 2;
}
