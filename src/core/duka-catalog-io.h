/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "duka-actor.h"
#include "duka-catalog.h"

G_BEGIN_DECLS

/*
 * Products in and out of a spreadsheet: the CSV format is described in
 * src/core/CSV.md.
 */

/**
 * DukaImportProblem:
 * @line: the file's line (1 is the header), or 0 for the file as a whole
 * @column: (nullable): the column's name from the header, or %NULL
 * @message: what is wrong, in plain words
 */
typedef struct
{
  guint  line;
  char  *column;
  char  *message;
} DukaImportProblem;

/**
 * DukaImportReport:
 * @created: products the import added
 * @updated: products it changed (their fields or their variants)
 * @unchanged: rows that matched a product already so
 * @problems: (element-type DukaImportProblem): every problem found, in
 *   the order of the file; empty when the import was written
 */
typedef struct
{
  guint      created;
  guint      updated;
  guint      unchanged;
  GPtrArray *problems;
} DukaImportReport;

#define DUKA_TYPE_IMPORT_REPORT (duka_import_report_get_type ())

GType             duka_import_report_get_type   (void) G_GNUC_CONST;
DukaImportReport *duka_import_report_new        (void);
DukaImportReport *duka_import_report_copy       (const DukaImportReport   *report);
void              duka_import_report_free       (DukaImportReport         *report);
char             *duka_import_problem_to_string (const DukaImportProblem  *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DukaImportReport, duka_import_report_free)

gboolean duka_catalog_import_csv (DukaCatalog        *catalog,
                                  const DukaActor    *actor,
                                  GInputStream       *input,
                                  DukaImportReport  **report,
                                  GError            **error);
gboolean duka_catalog_export_csv (DukaCatalog        *catalog,
                                  GOutputStream      *output,
                                  GError            **error);

G_END_DECLS
