/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "duka-catalog-io.h"
#include "duka-currency.h"

G_BEGIN_DECLS

/* What the catalog's CSV files share (see duka-catalog-io.c). */

typedef enum
{
  COLUMN_SKU,
  COLUMN_NAME,
  COLUMN_CATEGORY,
  COLUMN_PRICE,
  COLUMN_COST,
  COLUMN_BARCODES,
  COLUMN_TAX_CLASS,
  COLUMN_UNIT,
  COLUMN_ACTIVE,
  COLUMN_AVAILABLE,
  COLUMN_VARIANTS,
  N_COLUMNS,
} Column;

/* The file's words: never translated, so a file travels between tills in
 * any language. */
extern const char * const duka_catalog_csv_columns[N_COLUMNS];

const DukaCurrency *duka_catalog_io_currency       (DukaStore  *store,
                                                    GError    **error);
char               *duka_catalog_io_fold_key       (const char *text);
GHashTable         *duka_catalog_io_category_paths (sqlite3    *db,
                                                    GError    **error);

/* An import between reading the file and writing it. */
typedef struct
{
  char   *name;
  gint64  price;
} VariantCell;

typedef struct
{
  guint        line;
  char        *existing_id;   /* the product its SKU matched */
  char        *sku;
  char        *name;
  char        *category_key;  /* folded path; NULL: no category */
  gboolean     has_price;
  gint64       price;
  gboolean     has_cost;
  gint64       cost;
  GStrv        barcodes;      /* GTIN-14 */
  char        *tax_class_id;
  const char  *unit;
  gboolean     active;
  gboolean     available;
  GPtrArray   *variants;      /* VariantCell */
} ImportRow;

typedef struct
{
  DukaStore          *store;
  const DukaActor    *actor;
  const DukaCurrency *currency;
  DukaImportReport   *report;
  sqlite3            *reader;
  gint64              now;

  int                 column_of[N_COLUMNS];  /* field index, or -1 */
  guint               n_fields;

  GHashTable         *tax_classes;     /* folded name → id */
  GHashTable         *categories;      /* folded path → id, or "" to create */
  GPtrArray          *new_categories;  /* paths to create, parents first */
  GHashTable         *skus;            /* SKU key → line */
  GHashTable         *gtins;           /* GTIN-14 → line */
  GPtrArray          *rows;            /* ImportRow */
} Import;

static inline gboolean
import_has_column (Import *import,
                   Column  column)
{
  return import->column_of[column] >= 0;
}

/* duka-catalog-import-check.c */
gboolean duka_catalog_import_check (Import        *import,
                                    GInputStream  *input,
                                    GError       **error);
void     duka_catalog_import_clear (Import        *import);

G_END_DECLS
