/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "duka-actor.h"
#include "duka-category.h"
#include "duka-product.h"
#include "duka-store.h"

G_BEGIN_DECLS

#define DUKA_CATALOG_ERROR (duka_catalog_error_quark ())

typedef enum
{
  DUKA_CATALOG_ERROR_INVALID,
  DUKA_CATALOG_ERROR_NOT_FOUND,
  DUKA_CATALOG_ERROR_DUPLICATE_SKU,
  DUKA_CATALOG_ERROR_DUPLICATE_BARCODE,
  DUKA_CATALOG_ERROR_CHANGED,
} DukaCatalogError;

#define DUKA_TYPE_CATALOG (duka_catalog_get_type ())

G_DECLARE_FINAL_TYPE (DukaCatalog, duka_catalog, DUKA, CATALOG, GObject)

GQuark       duka_catalog_error_quark      (void);
DukaCatalog *duka_catalog_new              (DukaStore    *store);
DukaStore   *duka_catalog_get_store        (DukaCatalog  *self);

/* Records are JSON objects with the registry's fields for their kind, plus
 * "id" and "version".  Saving a record without "id" creates it. */
JsonObject  *duka_catalog_get              (DukaCatalog  *self,
                                            const char   *kind,
                                            const char   *id,
                                            GError      **error);
gboolean     duka_catalog_save             (DukaCatalog      *self,
                                            const DukaActor  *actor,
                                            const char       *kind,
                                            JsonObject       *record,
                                            char            **out_id,
                                            GError          **error);
gboolean     duka_catalog_delete           (DukaCatalog      *self,
                                            const DukaActor  *actor,
                                            const char       *kind,
                                            const char       *id,
                                            GError          **error);
gboolean     duka_catalog_set_available    (DukaCatalog      *self,
                                            const DukaActor  *actor,
                                            const char       *product_id,
                                            gboolean          available,
                                            GError          **error);
gboolean     duka_catalog_move_category    (DukaCatalog      *self,
                                            const DukaActor  *actor,
                                            const char       *category_id,
                                            guint             new_position,
                                            GError          **error);

/* One edit of several saved together: all or none. */
typedef struct
{
  const char *kind;
  JsonObject *record;   /* with "id" for a record to change, or to create
                           with an id chosen beforehand (duka_id_new()) */
  gboolean    delete;   /* delete the record whose "id" is given */
} DukaCatalogEdit;

gboolean     duka_catalog_save_edits       (DukaCatalog           *self,
                                            const DukaActor       *actor,
                                            const DukaCatalogEdit *edits,
                                            guint                  n_edits,
                                            guint                 *failed_edit,
                                            GError               **error);
GPtrArray   *duka_catalog_list_variants    (DukaCatalog  *self,
                                            const char   *product_id,
                                            GError      **error);

GListModel  *duka_catalog_get_categories   (DukaCatalog  *self);
GPtrArray   *duka_catalog_list             (DukaCatalog  *self,
                                            const char   *kind,
                                            GError      **error);
GPtrArray   *duka_catalog_search           (DukaCatalog  *self,
                                            const char   *query,
                                            guint         limit,
                                            GError      **error);
DukaProduct *duka_catalog_find_barcode     (DukaCatalog  *self,
                                            const char   *code,
                                            GError      **error);

char        *duka_catalog_add_image        (DukaCatalog  *self,
                                            GBytes       *bytes,
                                            GError      **error);
GFile       *duka_catalog_get_image_file   (DukaCatalog  *self,
                                            const char   *hash);

/* Derived rows (barcode index, search, SKU keys) out of step with their
 * records, as plain-language lines. */
gboolean     duka_catalog_verify           (DukaCatalog  *catalog,
                                            GPtrArray   **problems,
                                            GError      **error);

G_END_DECLS
