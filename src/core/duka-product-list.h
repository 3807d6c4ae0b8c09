/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "duka-catalog.h"

G_BEGIN_DECLS

#define DUKA_TYPE_PRODUCT_LIST (duka_product_list_get_type ())

G_DECLARE_FINAL_TYPE (DukaProductList, duka_product_list, DUKA, PRODUCT_LIST, GObject)

DukaProductList *duka_product_list_new             (DukaCatalog     *catalog);
void             duka_product_list_set_category    (DukaProductList *self,
                                                    const char      *category_id);
const char      *duka_product_list_get_category    (DukaProductList *self);
guint            duka_product_list_get_n_cached    (DukaProductList *self);

G_END_DECLS
