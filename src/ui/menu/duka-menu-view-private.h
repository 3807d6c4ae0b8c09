/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "duka-combo-editor.h"
#include "duka-item-editor.h"
#include "duka-menu-view.h"
#include "duka-product-list.h"
#include "duka-thumbnail-cache.h"

G_BEGIN_DECLS

struct _DukaMenuView
{
  AdwBin                parent_instance;

  DukaCatalog          *catalog;
  DukaBusinessSettings *business_settings;
  const DukaCurrency   *currency;
  DukaThumbnailCache   *thumbnails;
  DukaProductList      *products;
  GListStore           *search_results;
  GtkSingleSelection   *selection;
  char                 *category_id;
  char                 *pending_category_id;
  char                 *pending_item_id;
  gboolean              pending_is_combo;
  gboolean              rebuilding_categories;
  gboolean              rebuilding_combos;
  gboolean              editing_new_item;
  gboolean              showing_combos;
  /* The editor page each mode last showed, to come back to. */
  const char           *item_page;
  const char           *combo_page;

  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkListBox           *categories_list;
  GtkSearchEntry       *search_entry;
  GtkButton            *new_button;
  GtkListBox           *combos_list;
  GtkStack             *items_stack;
  GtkListView          *items_view;
  GtkStack             *editor_stack;
  DukaItemEditor       *editor;
  DukaComboEditor      *combo_editor;
};

void duka_menu_view_class_install_actions (GtkWidgetClass *widget_class);
void duka_menu_view_update_actions        (DukaMenuView   *self);
void duka_menu_view_show_toast            (DukaMenuView   *self,
                                           const char     *message);
void duka_menu_view_show_editor           (DukaMenuView   *self,
                                           const char     *product_id);
void duka_menu_view_update_empty_state    (DukaMenuView   *self);
void duka_menu_view_ask_to_discard        (DukaMenuView   *self,
                                           const char     *next_id,
                                           gboolean        is_combo);

/* duka-menu-view-combos.c */
void duka_menu_view_setup_combos          (DukaMenuView   *self);
void duka_menu_view_set_showing_combos    (DukaMenuView   *self,
                                           gboolean        showing);
void duka_menu_view_rebuild_combos        (DukaMenuView   *self);
void duka_menu_view_filter_combos         (DukaMenuView   *self);
guint duka_menu_view_count_shown_combos   (DukaMenuView   *self);
void duka_menu_view_show_combo_editor     (DukaMenuView   *self,
                                           const char     *combo_id);
void duka_menu_view_combo_selected_cb     (DukaMenuView   *self,
                                           GtkListBoxRow  *row);

G_END_DECLS
