/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "duka-business-settings.h"
#include "duka-catalog.h"

G_BEGIN_DECLS

#define DUKA_TYPE_MENU_VIEW (duka_menu_view_get_type ())

G_DECLARE_FINAL_TYPE (DukaMenuView, duka_menu_view, DUKA, MENU_VIEW, AdwBin)

GtkWidget  *duka_menu_view_new                   (DukaCatalog          *catalog,
                                                  DukaBusinessSettings *business_settings);
const char *duka_menu_view_get_selected_category (DukaMenuView         *self);
void        duka_menu_view_select_category       (DukaMenuView         *self,
                                                  const char           *category_id);
gboolean    duka_menu_view_select_item           (DukaMenuView         *self,
                                                  const char           *product_id);
GListModel *duka_menu_view_get_items             (DukaMenuView         *self);
void        duka_menu_view_show_combos           (DukaMenuView         *self);
gboolean    duka_menu_view_get_showing_combos    (DukaMenuView         *self);
gboolean    duka_menu_view_select_combo          (DukaMenuView         *self,
                                                  const char           *combo_id);
guint       duka_menu_view_get_n_combos          (DukaMenuView         *self);

G_END_DECLS
