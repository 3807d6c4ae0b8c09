/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "duka-currency.h"
#include "duka-product.h"
#include "duka-thumbnail-cache.h"

G_BEGIN_DECLS

#define DUKA_TYPE_MENU_ITEM_ROW (duka_menu_item_row_get_type ())

G_DECLARE_FINAL_TYPE (DukaMenuItemRow, duka_menu_item_row, DUKA, MENU_ITEM_ROW, GtkBox)

GtkWidget *duka_menu_item_row_new         (void);
void       duka_menu_item_row_set_product (DukaMenuItemRow    *self,
                                           DukaProduct        *product,
                                           const DukaCurrency *currency,
                                           DukaThumbnailCache *thumbnails);

G_END_DECLS
