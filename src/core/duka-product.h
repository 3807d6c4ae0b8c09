/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define DUKA_TYPE_PRODUCT (duka_product_get_type ())

G_DECLARE_FINAL_TYPE (DukaProduct, duka_product, DUKA, PRODUCT, GObject)

/* The columns duka_product_new_from_row() and _update_from_row() read, in
 * order; prefix them with "SELECT " and add a FROM. */
#define DUKA_PRODUCT_COLUMNS \
  "id, name, price, category_id, sku, image, unit, active, available, position, rowid"

const char *duka_product_get_id          (DukaProduct  *self);
const char *duka_product_get_name        (DukaProduct  *self);
gint64      duka_product_get_price       (DukaProduct  *self);
const char *duka_product_get_category_id (DukaProduct  *self);
const char *duka_product_get_sku         (DukaProduct  *self);
const char *duka_product_get_image       (DukaProduct  *self);
gboolean    duka_product_get_weighed     (DukaProduct  *self);
gboolean    duka_product_get_active      (DukaProduct  *self);
gboolean    duka_product_get_available   (DukaProduct  *self);
gint64      duka_product_get_rowid       (DukaProduct  *self);

DukaProduct *duka_product_new_from_row    (sqlite3_stmt *stmt);
void         duka_product_update_from_row (DukaProduct  *self,
                                           sqlite3_stmt *stmt);

G_END_DECLS
