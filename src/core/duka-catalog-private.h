/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "duka-catalog.h"
#include "duka-registry.h"

G_BEGIN_DECLS

/* Keeps the rows derived from a product or variant (search keys, barcode
 * index, search words) in step with its record; sync's apply path calls it
 * too. */
gboolean     duka_catalog_write_derived    (sqlite3     *db,
                                            const char  *kind,
                                            const char  *id,
                                            JsonObject  *record,
                                            gboolean     deleted,
                                            GError     **error);
DukaProduct *duka_catalog_product_by_rowid (sqlite3     *db,
                                            gint64       rowid,
                                            GError     **error);

typedef enum
{
  DUKA_CATALOG_SAVE_DEFAULT = 0,
  /* Leave the product's search words to one duka_catalog_write_search_words()
   * for the whole batch, in the same transaction. */
  DUKA_CATALOG_SAVE_DEFER_SEARCH = 1 << 0,
} DukaCatalogSaveFlags;

typedef enum
{
  DUKA_CATALOG_SAVE_CREATED,
  DUKA_CATALOG_SAVE_UPDATED,
  DUKA_CATALOG_SAVE_UNCHANGED,
} DukaCatalogSaveOutcome;

/* duka_catalog_save() and _delete() as steps of a bigger write on the
 * writer connection (imports, the demo): the same checks, derived rows and
 * outbox op, committed or rolled back with the caller's transaction.  The
 * caller has checked the actor's permission. */
gboolean     duka_catalog_save_in_transaction   (sqlite3                 *db,
                                                 const DukaActor         *actor,
                                                 const char              *kind,
                                                 JsonObject              *record,
                                                 gint64                   now,
                                                 DukaCatalogSaveFlags     flags,
                                                 char                   **out_id,
                                                 DukaCatalogSaveOutcome  *outcome,
                                                 GError                 **error);
gboolean     duka_catalog_delete_in_transaction (sqlite3                 *db,
                                                 const DukaActor         *actor,
                                                 const char              *kind,
                                                 const char              *id,
                                                 gint64                   now,
                                                 GError                 **error);
gboolean     duka_catalog_write_search_words    (sqlite3                 *db,
                                                 const char              *product_ids,
                                                 GError                 **error);

/* Shared between the catalog's files (see duka-catalog.c). */
gboolean     duka_catalog_refuse                (GError                 **error,
                                                 int                      code,
                                                 const char              *format,
                                                 ...) G_GNUC_PRINTF (3, 4);
JsonArray   *duka_catalog_get_array             (JsonObject              *object,
                                                 const char              *name);

/* duka-catalog-checks.c */
gboolean     duka_catalog_normalize_record      (const DukaKindSpec      *spec,
                                                 JsonObject              *record,
                                                 GError                 **error);
gboolean     duka_catalog_check_rules           (sqlite3                 *db,
                                                 const DukaKindSpec      *spec,
                                                 const char              *id,
                                                 JsonObject              *record,
                                                 GError                 **error);
char        *duka_catalog_sku_key               (JsonObject              *record);

/* duka-catalog-search.c: duka_catalog_write_derived(), leaving the search
 * words to duka_catalog_write_search_words() unless @with_search. */
gboolean     duka_catalog_write_derived_full    (sqlite3                 *db,
                                                 const char              *kind,
                                                 const char              *id,
                                                 JsonObject              *record,
                                                 gboolean                 deleted,
                                                 gboolean                 with_search,
                                                 GError                 **error);

/* duka-catalog-categories.c */
void         duka_catalog_replace_category_tree (GListStore              *categories,
                                                 GPtrArray               *all);

G_END_DECLS
