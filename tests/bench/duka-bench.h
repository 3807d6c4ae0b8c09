/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void   duka_bench_report     (const char *metric,
                              double      value,
                              const char *unit,
                              double      baseline,
                              gboolean    has_baseline);
double duka_bench_percentile (GArray     *samples,
                              double      percent);
void   duka_bench_remove_tree (const char *path);

int    duka_bench_catalog    (int         argc,
                              char      **argv);
int    duka_bench_sell       (int         argc,
                              char      **argv);
int    duka_bench_server     (int         argc,
                              char      **argv);

G_END_DECLS
