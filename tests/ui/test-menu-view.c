/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "duka-category.h"
#include "duka-combo-editor.h"
#include "duka-id.h"
#include "duka-item-editor.h"
#include "duka-menu-view.h"
#include "duka-modifier-group-editor.h"
#include "duka-test-ui.h"
#include "duka-thumbnail-cache.h"
#include "duka-window.h"

typedef struct
{
  DukaBusinessSettings *settings;
  DukaWindow           *window;
  DukaMenuView         *view;
  DukaItemEditor       *editor;
  DukaComboEditor      *combo_editor;
  DukaCatalog          *catalog;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->settings = duka_test_new_business_settings (TRUE);
  f->window = duka_window_new (NULL, f->settings);
  gtk_window_present (GTK_WINDOW (f->window));
  duka_test_wait_mapped (GTK_WIDGET (f->window));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "menu");
  duka_test_spin ();
  f->view = DUKA_MENU_VIEW (duka_window_get_view (f->window, "menu"));
  f->editor = DUKA_ITEM_EDITOR (gtk_widget_get_template_child (GTK_WIDGET (f->view),
                                                               DUKA_TYPE_MENU_VIEW, "editor"));
  f->combo_editor = DUKA_COMBO_EDITOR (gtk_widget_get_template_child (GTK_WIDGET (f->view),
                                                                     DUKA_TYPE_MENU_VIEW, "combo_editor"));
  g_object_get (f->view, "catalog", &f->catalog, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->catalog);
  duka_test_destroy_window (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->settings);
}

static gboolean
timed_out (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins until @check holds, or fails after two seconds. */
#define WAIT_UNTIL(check) \
  G_STMT_START { \
    gboolean _timeout = FALSE; \
    guint _id = g_timeout_add (2000, timed_out, &_timeout); \
    while (!(check) && !_timeout) \
      g_main_context_iteration (NULL, TRUE); \
    g_assert_true (check); \
    if (!_timeout) \
      g_source_remove (_id); \
  } G_STMT_END

static void
activate (Fixture    *f,
          const char *action)
{
  gtk_widget_activate_action (GTK_WIDGET (f->view), action, NULL);
  duka_test_spin ();
}

static gpointer
view_child (Fixture    *f,
            const char *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (f->view), DUKA_TYPE_MENU_VIEW, id);

  g_assert_nonnull (child);
  return child;
}

static gpointer
editor_child (Fixture    *f,
              const char *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (f->editor), DUKA_TYPE_ITEM_EDITOR, id);

  g_assert_nonnull (child);
  return child;
}

static void
type_into (Fixture    *f,
           const char *id,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editor_child (f, id)), text);
  duka_test_spin ();
}

static const char *
field_text (Fixture    *f,
            const char *id)
{
  return gtk_editable_get_text (GTK_EDITABLE (editor_child (f, id)));
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

static guint
count (Fixture    *f,
       const char *kind)
{
  g_autoptr(GPtrArray) records = duka_catalog_list (f->catalog, kind, NULL);

  g_assert_nonnull (records);
  return records->len;
}

static char *
add_product (Fixture    *f,
             const char *name,
             gint64      price,
             const char *sku)
{
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(DukaActor) actor = duka_business_settings_dup_actor (f->settings);
  g_autoptr(GError) error = NULL;
  char *id = NULL;

  json_object_set_string_member (record, "name", name);
  json_object_set_int_member (record, "price", price);
  if (sku != NULL)
    json_object_set_string_member (record, "sku", sku);
  g_assert_true (duka_catalog_save (f->catalog, actor, "product", record, &id, &error));
  g_assert_no_error (error);

  return id;
}

static char *
add_category (Fixture    *f,
              const char *name,
              int         position)
{
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(DukaActor) actor = duka_business_settings_dup_actor (f->settings);
  g_autoptr(GError) error = NULL;
  char *id = NULL;

  json_object_set_string_member (record, "name", name);
  json_object_set_int_member (record, "position", position);
  g_assert_true (duka_catalog_save (f->catalog, actor, "category", record, &id, &error));
  g_assert_no_error (error);

  return id;
}

static void
select_item (Fixture    *f,
             const char *id)
{
  WAIT_UNTIL (duka_menu_view_select_item (f->view, id));
  duka_test_spin ();
  g_assert_cmpstr (duka_item_editor_get_item_id (f->editor), ==, id);
}

static JsonObject *
get_product (Fixture    *f,
             const char *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *record = duka_catalog_get (f->catalog, "product", id, &error);

  g_assert_no_error (error);
  return record;
}

static void
test_empty_state (Fixture       *f,
                  gconstpointer  data)
{
  GtkStack *main_stack = view_child (f, "main_stack");
  GtkStack *editor_stack = view_child (f, "editor_stack");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "empty");

  activate (f, "menu.new-item");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "builder");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (editor_stack), ==, "editor");
  g_assert_null (duka_item_editor_get_item_id (f->editor));

  /* Undoing the new item brings the welcome back. */
  activate (f, "menu.revert");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "empty");
}

static void
test_create_category_and_item (Fixture       *f,
                               gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkListBox *list;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(DukaProduct) shown = NULL;
  JsonArray *barcodes;
  const char *category_id;
  const char *item_id;

  activate (f, "menu.new-category");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  list = GTK_LIST_BOX (adw_message_dialog_get_extra_child (dialog));
  gtk_editable_set_text (GTK_EDITABLE (gtk_list_box_get_row_at_index (list, 0)), "Drinks");
  adw_message_dialog_response (dialog, "add");
  WAIT_UNTIL (duka_menu_view_get_selected_category (f->view) != NULL);
  category_id = duka_menu_view_get_selected_category (f->view);
  g_assert_cmpuint (count (f, "category"), ==, 1);

  activate (f, "menu.new-item");
  type_into (f, "name_row", "Mango Juice");
  type_into (f, "price_row", "150");
  type_into (f, "sku_row", "MJ-1");
  duka_item_editor_add_barcode (f->editor, "5901234123457");
  duka_test_spin ();
  g_assert_true (duka_item_editor_get_valid (f->editor));
  activate (f, "menu.save");

  item_id = duka_item_editor_get_item_id (f->editor);
  g_assert_nonnull (item_id);
  g_assert_false (duka_item_editor_get_dirty (f->editor));
  record = get_product (f, item_id);
  g_assert_cmpstr (json_object_get_string_member (record, "name"), ==, "Mango Juice");
  g_assert_cmpint (json_object_get_int_member (record, "price"), ==, 15000);
  g_assert_cmpstr (json_object_get_string_member (record, "sku"), ==, "MJ-1");
  g_assert_cmpstr (json_object_get_string_member (record, "category_id"), ==, category_id);
  barcodes = json_object_get_array_member (record, "barcodes");
  g_assert_cmpuint (json_array_get_length (barcodes), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (barcodes, 0), ==, "05901234123457");

  /* It shows in the list of its category. */
  WAIT_UNTIL (g_list_model_get_n_items (duka_menu_view_get_items (f->view)) == 1);
  shown = g_list_model_get_item (duka_menu_view_get_items (f->view), 0);
  g_assert_cmpstr (duka_product_get_name (shown), ==, "Mango Juice");
}

static void
test_edit_price_and_revert (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *id = add_product (f, "Espresso", 12000, NULL);
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(JsonObject) after = NULL;

  select_item (f, id);
  g_assert_cmpstr (field_text (f, "price_row"), ==, "120.00");

  type_into (f, "price_row", "175.50");
  g_assert_true (duka_item_editor_get_dirty (f->editor));
  activate (f, "menu.save");
  saved = get_product (f, id);
  g_assert_cmpint (json_object_get_int_member (saved, "price"), ==, 17550);
  g_assert_false (duka_item_editor_get_dirty (f->editor));

  /* An edit not confirmed can be taken back. */
  type_into (f, "price_row", "999");
  type_into (f, "name_row", "Double Espresso");
  g_assert_true (duka_item_editor_get_dirty (f->editor));
  activate (f, "menu.revert");
  g_assert_false (duka_item_editor_get_dirty (f->editor));
  g_assert_cmpstr (field_text (f, "price_row"), ==, "175.50");
  g_assert_cmpstr (field_text (f, "name_row"), ==, "Espresso");
  after = get_product (f, id);
  g_assert_cmpint (json_object_get_int_member (after, "price"), ==, 17550);
  g_assert_cmpstr (json_object_get_string_member (after, "name"), ==, "Espresso");
}

static void
test_bad_prices_refused (Fixture       *f,
                         gconstpointer  data)
{
  const char *bad[] = { "abc", "-5", "1.234", "99999999999999", "" };

  activate (f, "menu.new-item");
  type_into (f, "name_row", "Chai");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      type_into (f, "price_row", bad[i]);
      g_test_message ("price “%s”: %s", bad[i],
                      duka_item_editor_get_field_error (f->editor, "price"));
      g_assert_nonnull (duka_item_editor_get_field_error (f->editor, "price"));
      g_assert_false (duka_item_editor_get_valid (f->editor));
      activate (f, "menu.save");
      g_assert_cmpuint (count (f, "product"), ==, 0);
    }

  type_into (f, "price_row", "80");
  type_into (f, "name_row", "");
  g_assert_nonnull (duka_item_editor_get_field_error (f->editor, "name"));
  activate (f, "menu.save");
  g_assert_cmpuint (count (f, "product"), ==, 0);
}

static void
test_toggle_available (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = add_product (f, "Samosa", 5000, NULL);
  g_autoptr(JsonObject) sold_out = NULL;
  g_autoptr(JsonObject) back = NULL;
  GtkSwitch *available = editor_child (f, "available_switch");

  select_item (f, id);
  g_assert_true (gtk_switch_get_active (available));

  /* A typed edit survives marking the item sold out. */
  type_into (f, "name_row", "Beef Samosa");
  activate (f, "menu.toggle-available");
  sold_out = get_product (f, id);
  g_assert_false (json_object_get_boolean_member (sold_out, "available"));
  g_assert_false (gtk_switch_get_active (available));
  g_assert_cmpstr (field_text (f, "name_row"), ==, "Beef Samosa");
  activate (f, "menu.save");
  g_assert_false (duka_item_editor_get_dirty (f->editor));

  activate (f, "menu.toggle-available");
  back = get_product (f, id);
  g_assert_true (json_object_get_boolean_member (back, "available"));
  g_assert_cmpstr (json_object_get_string_member (back, "name"), ==, "Beef Samosa");
}

static void
test_duplicate_sku (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = add_product (f, "Mandazi", 2000, "MDZ");

  activate (f, "menu.new-item");
  type_into (f, "name_row", "Another Mandazi");
  type_into (f, "price_row", "25");
  type_into (f, "sku_row", "mdz");
  g_assert_true (duka_item_editor_get_valid (f->editor));
  activate (f, "menu.save");

  g_assert_nonnull (duka_item_editor_get_field_error (f->editor, "sku"));
  g_assert_nonnull (strstr (duka_item_editor_get_field_error (f->editor, "sku"), "Mandazi"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editor_child (f, "sku_row")), "error"));
  g_assert_null (duka_item_editor_get_item_id (f->editor));
  g_assert_cmpuint (count (f, "product"), ==, 1);

  /* Changing the SKU clears the reason. */
  type_into (f, "sku_row", "MDZ-2");
  g_assert_null (duka_item_editor_get_field_error (f->editor, "sku"));
  activate (f, "menu.save");
  g_assert_cmpuint (count (f, "product"), ==, 2);
}

static void
test_bad_barcode (Fixture       *f,
                  gconstpointer  data)
{
  activate (f, "menu.new-item");
  type_into (f, "name_row", "Sugar 1 kg");
  type_into (f, "price_row", "180");
  duka_item_editor_add_barcode (f->editor, "5901234123458");
  duka_test_spin ();

  g_assert_nonnull (duka_item_editor_get_field_error (f->editor, "barcode:0"));
  g_assert_nonnull (strstr (duka_item_editor_get_field_error (f->editor, "barcode:0"), "7"));
  g_assert_false (duka_item_editor_get_valid (f->editor));
  activate (f, "menu.save");
  g_assert_cmpuint (count (f, "product"), ==, 0);
}

static void
test_duplicate_barcode (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = add_product (f, "Milk 500 ml", 6000, NULL);

  select_item (f, id);
  duka_item_editor_add_barcode (f->editor, "5901234123457");
  activate (f, "menu.save");

  activate (f, "menu.new-item");
  type_into (f, "name_row", "Milk 1 l");
  type_into (f, "price_row", "110");
  duka_item_editor_add_barcode (f->editor, "4006381333931");
  duka_item_editor_add_barcode (f->editor, "5901234123457");
  activate (f, "menu.save");

  g_assert_null (duka_item_editor_get_field_error (f->editor, "barcode:0"));
  g_assert_nonnull (duka_item_editor_get_field_error (f->editor, "barcode:1"));
  g_assert_cmpuint (count (f, "product"), ==, 1);
}

static void
test_search_as_you_type (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *a = add_product (f, "Espresso", 12000, NULL);
  g_autofree char *b = add_product (f, "Caffe Latte", 18000, NULL);
  g_autofree char *c = add_product (f, "Mango Juice", 15000, NULL);
  GtkEditable *search = view_child (f, "search_entry");
  g_autoptr(DukaProduct) found = NULL;

  WAIT_UNTIL (g_list_model_get_n_items (duka_menu_view_get_items (f->view)) == 3);

  activate (f, "menu.search");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         GTK_WIDGET (search)));
  gtk_editable_set_text (search, "lat");
  WAIT_UNTIL (g_list_model_get_n_items (duka_menu_view_get_items (f->view)) == 1);
  found = g_list_model_get_item (duka_menu_view_get_items (f->view), 0);
  g_assert_cmpstr (duka_product_get_name (found), ==, "Caffe Latte");

  gtk_editable_set_text (search, "zzz");
  WAIT_UNTIL (g_list_model_get_n_items (duka_menu_view_get_items (f->view)) == 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view_child (f, "items_stack")), ==, "no-results");

  gtk_editable_set_text (search, "");
  WAIT_UNTIL (g_list_model_get_n_items (duka_menu_view_get_items (f->view)) == 3);
}

static void
test_modifier_group_min_max (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *id = add_product (f, "Burger", 45000, NULL);
  DukaModifierGroupEditor *group;
  GtkSpinButton *min, *max;

  select_item (f, id);
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "item.new-modifier-group", NULL);
  duka_test_spin ();
  group = find_toplevel (DUKA_TYPE_MODIFIER_GROUP_EDITOR);
  g_assert_nonnull (group);

  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (group),
                                                                      DUKA_TYPE_MODIFIER_GROUP_EDITOR,
                                                                      "name_row")),
                         "Sauce");
  duka_modifier_group_editor_add_option (group, "Ketchup", NULL);
  duka_modifier_group_editor_add_option (group, "Chilli", "10");
  min = GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (group),
                                                        DUKA_TYPE_MODIFIER_GROUP_EDITOR, "min_spin"));
  max = GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (group),
                                                        DUKA_TYPE_MODIFIER_GROUP_EDITOR, "max_spin"));
  gtk_spin_button_set_value (min, 2);
  gtk_spin_button_set_value (max, 1);
  duka_test_spin ();

  g_assert_nonnull (duka_modifier_group_editor_get_field_error (group, "choices"));
  g_assert_false (duka_modifier_group_editor_get_valid (group));
  gtk_widget_activate_action (GTK_WIDGET (group), "group.save", NULL);
  duka_test_spin ();
  g_assert_cmpuint (count (f, "modifier_group"), ==, 0);

  gtk_spin_button_set_value (max, 2);
  duka_test_spin ();
  g_assert_null (duka_modifier_group_editor_get_field_error (group, "choices"));
  gtk_widget_activate_action (GTK_WIDGET (group), "group.save", NULL);
  duka_test_spin ();
  g_assert_cmpuint (count (f, "modifier_group"), ==, 1);

  /* The new group is offered and ticked for the item. */
  WAIT_UNTIL (duka_item_editor_get_dirty (f->editor));
  activate (f, "menu.save");
  {
    g_autoptr(JsonObject) record = get_product (f, id);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "modifier_group_ids")), ==, 1);
  }
}

static void
test_variants (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = add_product (f, "Cappuccino", 20000, NULL);
  g_autoptr(GPtrArray) variants = NULL;

  select_item (f, id);
  duka_item_editor_add_variant (f->editor, "Small", "180", "CAP-S");
  duka_item_editor_add_variant (f->editor, "Large", "-1", NULL);
  g_assert_nonnull (duka_item_editor_get_field_error (f->editor, "variant:1"));
  activate (f, "menu.save");
  g_assert_cmpuint (count (f, "variant"), ==, 0);

  duka_item_editor_revert (f->editor);
  duka_item_editor_add_variant (f->editor, "Small", "180", "CAP-S");
  duka_item_editor_add_variant (f->editor, "Large", "240", NULL);
  activate (f, "menu.save");
  g_assert_false (duka_item_editor_get_dirty (f->editor));
  variants = duka_catalog_list (f->catalog, "variant", NULL);
  g_assert_cmpuint (variants->len, ==, 2);
}

/* The item and its variants are one change: a refused variant saves
 * nothing, and its reason shows beside it with every typed value kept. */
static void
test_variant_refused_saves_nothing (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *other = add_product (f, "Mandazi", 2000, "MDZ");
  g_autofree char *id = add_product (f, "Tea", 5000, NULL);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(GPtrArray) variants = NULL;

  activate (f, "menu.new-item");
  type_into (f, "name_row", "Chai Latte");
  type_into (f, "price_row", "90");
  duka_item_editor_add_variant (f->editor, "Small", "80", "CHAI-S");
  duka_item_editor_add_variant (f->editor, "Large", "120", "mdz");
  g_assert_true (duka_item_editor_get_valid (f->editor));
  activate (f, "menu.save");

  g_assert_null (duka_item_editor_get_item_id (f->editor));
  g_assert_nonnull (duka_item_editor_get_field_error (f->editor, "variant:1"));
  g_assert_nonnull (strstr (duka_item_editor_get_field_error (f->editor, "variant:1"), "Mandazi"));
  g_assert_null (duka_item_editor_get_field_error (f->editor, "variant:0"));
  g_assert_cmpstr (field_text (f, "name_row"), ==, "Chai Latte");
  g_assert_cmpuint (count (f, "product"), ==, 2);
  g_assert_cmpuint (count (f, "variant"), ==, 0);

  /* An existing item with a refused variant keeps its old price. */
  activate (f, "menu.revert");
  select_item (f, id);
  type_into (f, "price_row", "55");
  duka_item_editor_add_variant (f->editor, "Large", "70", "mdz");
  activate (f, "menu.save");
  after = get_product (f, id);
  g_assert_cmpint (json_object_get_int_member (after, "price"), ==, 5000);
  g_assert_cmpuint (count (f, "variant"), ==, 0);
  g_assert_cmpstr (field_text (f, "price_row"), ==, "55");

  /* Fixed, it all goes in at once. */
  g_clear_pointer (&after, json_object_unref);
  activate (f, "menu.revert");
  duka_item_editor_add_variant (f->editor, "Large", "70", "TEA-L");
  type_into (f, "price_row", "55");
  activate (f, "menu.save");
  after = get_product (f, id);
  g_assert_cmpint (json_object_get_int_member (after, "price"), ==, 5500);
  variants = duka_catalog_list_variants (f->catalog, id, NULL);
  g_assert_cmpuint (variants->len, ==, 1);
}

/* Combos ---------------------------------------------------------------- */

static void
type_into_combo (Fixture    *f,
                 const char *id,
                 const char *text)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (f->combo_editor),
                                                  DUKA_TYPE_COMBO_EDITOR, id);

  g_assert_nonnull (child);
  gtk_editable_set_text (GTK_EDITABLE (child), text);
  duka_test_spin ();
}

static const char *
combo_field_text (Fixture    *f,
                  const char *id)
{
  return gtk_editable_get_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (f->combo_editor),
                                                                             DUKA_TYPE_COMBO_EDITOR, id)));
}

static JsonObject *
get_combo (Fixture    *f,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *record = duka_catalog_get (f->catalog, "combo", id, &error);

  g_assert_no_error (error);
  return record;
}

static void
test_combo_create (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *burger = add_product (f, "Beef Burger", 45000, NULL);
  g_autofree char *wrap = add_product (f, "Chicken Wrap", 40000, NULL);
  g_autofree char *soda = add_product (f, "Soda", 8000, NULL);
  g_autofree char *juice = add_product (f, "Mango Juice", 15000, NULL);
  g_autoptr(JsonObject) record = NULL;
  JsonArray *slots;
  JsonObject *main_part;
  JsonObject *drink;
  const char *id;

  activate (f, "menu.show-combos");
  g_assert_true (duka_menu_view_get_showing_combos (f->view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view_child (f, "items_stack")), ==, "no-combos");

  activate (f, "menu.new-combo");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view_child (f, "editor_stack")), ==, "combo");
  type_into_combo (f, "name_row", "Burger Meal");
  type_into_combo (f, "price_row", "500");

  duka_combo_editor_add_part (f->combo_editor, "Main");
  /* Choices are found by typing part of the name. */
  g_assert_cmpuint (duka_combo_editor_search_choices (f->combo_editor, 0, "beef"), ==, 1);
  g_assert_cmpuint (duka_combo_editor_search_choices (f->combo_editor, 0, ""), ==, 0);
  duka_combo_editor_add_choice (f->combo_editor, 0, burger, NULL);
  duka_combo_editor_add_choice (f->combo_editor, 0, wrap, NULL);
  duka_combo_editor_add_choice (f->combo_editor, 0, wrap, NULL);  /* once only */
  duka_combo_editor_add_part (f->combo_editor, "Drink");
  duka_combo_editor_add_choice (f->combo_editor, 1, soda, NULL);
  duka_combo_editor_add_choice (f->combo_editor, 1, juice, "abc");
  duka_test_spin ();
  g_assert_nonnull (duka_combo_editor_get_field_error (f->combo_editor, "choice:1:1"));
  g_assert_false (duka_combo_editor_get_valid (f->combo_editor));

  duka_combo_editor_revert (f->combo_editor);
  type_into_combo (f, "name_row", "Burger Meal");
  type_into_combo (f, "price_row", "500");
  duka_combo_editor_add_part (f->combo_editor, "Main");
  duka_combo_editor_add_choice (f->combo_editor, 0, burger, NULL);
  duka_combo_editor_add_choice (f->combo_editor, 0, wrap, NULL);
  duka_combo_editor_add_part (f->combo_editor, "Drink");
  duka_combo_editor_add_choice (f->combo_editor, 1, soda, NULL);
  duka_combo_editor_add_choice (f->combo_editor, 1, juice, "50");
  duka_test_spin ();
  g_assert_true (duka_combo_editor_get_valid (f->combo_editor));
  activate (f, "menu.save");

  id = duka_combo_editor_get_combo_id (f->combo_editor);
  g_assert_nonnull (id);
  g_assert_false (duka_combo_editor_get_dirty (f->combo_editor));
  g_assert_cmpuint (count (f, "combo"), ==, 1);
  record = get_combo (f, id);
  g_assert_cmpstr (json_object_get_string_member (record, "name"), ==, "Burger Meal");
  g_assert_cmpint (json_object_get_int_member (record, "price"), ==, 50000);
  slots = json_object_get_array_member (record, "slots");
  g_assert_cmpuint (json_array_get_length (slots), ==, 2);
  main_part = json_array_get_object_element (slots, 0);
  drink = json_array_get_object_element (slots, 1);
  g_assert_cmpstr (json_object_get_string_member (main_part, "name"), ==, "Main");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (main_part, "choices")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (drink, "name"), ==, "Drink");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (drink, "choices"), 1),
                                               "extra_price"), ==, 5000);

  WAIT_UNTIL (duka_menu_view_get_n_combos (f->view) == 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view_child (f, "items_stack")), ==, "combos");
}

static void
test_combo_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *burger = add_product (f, "Beef Burger", 45000, NULL);
  g_autofree char *soda = add_product (f, "Soda", 8000, NULL);
  const char *reason;

  activate (f, "menu.new-combo");
  type_into_combo (f, "name_row", "Lunch Deal");
  type_into_combo (f, "price_row", "450");

  /* No parts at all. */
  activate (f, "menu.save");
  g_assert_nonnull (duka_combo_editor_get_field_error (f->combo_editor, "parts"));
  g_assert_cmpuint (count (f, "combo"), ==, 0);

  /* A part with nothing to choose from. */
  duka_combo_editor_add_part (f->combo_editor, "Main");
  duka_combo_editor_add_choice (f->combo_editor, 0, burger, NULL);
  duka_combo_editor_add_part (f->combo_editor, "Drink");
  g_assert_null (duka_combo_editor_get_field_error (f->combo_editor, "parts"));
  activate (f, "menu.save");
  reason = duka_combo_editor_get_field_error (f->combo_editor, "part:1:choices");
  g_test_message ("refused: %s", reason);
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "Drink"));
  g_assert_null (duka_combo_editor_get_field_error (f->combo_editor, "part:0:choices"));
  g_assert_cmpuint (count (f, "combo"), ==, 0);
  g_assert_null (duka_combo_editor_get_combo_id (f->combo_editor));
  g_assert_cmpstr (combo_field_text (f, "name_row"), ==, "Lunch Deal");
  g_assert_cmpstr (combo_field_text (f, "price_row"), ==, "450");

  /* Fixing it clears the reason, and it saves. */
  duka_combo_editor_add_choice (f->combo_editor, 1, soda, NULL);
  g_assert_null (duka_combo_editor_get_field_error (f->combo_editor, "part:1:choices"));
  activate (f, "menu.save");
  g_assert_cmpuint (count (f, "combo"), ==, 1);
}

static char *
add_combo (Fixture    *f,
           const char *name,
           gint64      price,
           const char *product_id)
{
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(DukaActor) actor = duka_business_settings_dup_actor (f->settings);
  g_autoptr(GError) error = NULL;
  g_autofree char *slot_id = duka_id_new ();
  JsonArray *slots = json_array_new ();
  JsonArray *choices = json_array_new ();
  JsonObject *slot = json_object_new ();
  JsonObject *choice = json_object_new ();
  char *id = NULL;

  json_object_set_string_member (choice, "product_id", product_id);
  json_object_set_int_member (choice, "extra_price", 0);
  json_array_add_object_element (choices, choice);
  json_object_set_string_member (slot, "id", slot_id);
  json_object_set_string_member (slot, "name", "Main");
  json_object_set_array_member (slot, "choices", choices);
  json_array_add_object_element (slots, slot);
  json_object_set_string_member (record, "name", name);
  json_object_set_int_member (record, "price", price);
  json_object_set_array_member (record, "slots", slots);
  g_assert_true (duka_catalog_save (f->catalog, actor, "combo", record, &id, &error));
  g_assert_no_error (error);

  return id;
}

static void
test_combo_edit_and_revert (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *burger = add_product (f, "Beef Burger", 45000, NULL);
  g_autofree char *soda = add_product (f, "Soda", 8000, NULL);
  g_autofree char *id = add_combo (f, "Burger Meal", 50000, burger);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) saved = NULL;

  activate (f, "menu.show-combos");
  WAIT_UNTIL (duka_menu_view_select_combo (f->view, id));
  duka_test_spin ();
  g_assert_cmpstr (duka_combo_editor_get_combo_id (f->combo_editor), ==, id);
  g_assert_cmpstr (combo_field_text (f, "price_row"), ==, "500.00");
  g_assert_false (duka_combo_editor_get_dirty (f->combo_editor));

  type_into_combo (f, "price_row", "999");
  duka_combo_editor_rename_part (f->combo_editor, 0, "Mains");
  duka_combo_editor_add_part (f->combo_editor, "Drink");
  duka_combo_editor_add_choice (f->combo_editor, 1, soda, "10");
  g_assert_true (duka_combo_editor_get_dirty (f->combo_editor));
  activate (f, "menu.revert");
  g_assert_false (duka_combo_editor_get_dirty (f->combo_editor));
  g_assert_cmpstr (combo_field_text (f, "price_row"), ==, "500.00");
  after = get_combo (f, id);
  g_assert_cmpint (json_object_get_int_member (after, "price"), ==, 50000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (after, "slots")), ==, 1);

  duka_combo_editor_rename_part (f->combo_editor, 0, "Mains");
  type_into_combo (f, "price_row", "520");
  activate (f, "menu.save");
  g_assert_false (duka_combo_editor_get_dirty (f->combo_editor));
  saved = get_combo (f, id);
  g_assert_cmpint (json_object_get_int_member (saved, "price"), ==, 52000);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (saved, "slots"), 0), "name"),
                   ==, "Mains");

  activate (f, "menu.delete-combo");
  adw_message_dialog_response (find_toplevel (ADW_TYPE_MESSAGE_DIALOG), "delete");
  duka_test_spin ();
  g_assert_cmpuint (count (f, "combo"), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view_child (f, "editor_stack")), ==, "no-combo");
}

/* Categories: rename and delete ------------------------------------------ */

static void
test_rename_and_delete_category (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *category = add_category (f, "Drinks", 0);
  g_autoptr(JsonObject) product = json_object_new ();
  g_autoptr(DukaActor) actor = duka_business_settings_dup_actor (f->settings);
  g_autofree char *item = NULL;
  GListModel *categories = duka_catalog_get_categories (f->catalog);
  AdwMessageDialog *dialog;
  GtkListBox *list;

  json_object_set_string_member (product, "name", "Soda");
  json_object_set_int_member (product, "price", 8000);
  json_object_set_string_member (product, "category_id", category);
  g_assert_true (duka_catalog_save (f->catalog, actor, "product", product, &item, NULL));

  WAIT_UNTIL (g_list_model_get_n_items (categories) == 1);
  duka_menu_view_select_category (f->view, category);
  duka_test_spin ();

  activate (f, "menu.rename-category");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  list = GTK_LIST_BOX (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gtk_list_box_get_row_at_index (list, 0))), ==, "Drinks");
  gtk_editable_set_text (GTK_EDITABLE (gtk_list_box_get_row_at_index (list, 0)), "Beverages");
  adw_message_dialog_response (dialog, "rename");
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_UNTIL (({ g_autoptr(DukaCategory) c = g_list_model_get_item (categories, 0);
                 g_str_equal (duka_category_get_name (c), "Beverages"); }));

  /* Not while an item is in it: the reason says so, and it stays. */
  activate (f, "menu.delete-category");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_test_message ("refused: %s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 item"));
  g_assert_false (adw_message_dialog_has_response (dialog, "delete"));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (count (f, "category"), ==, 1);

  g_assert_true (duka_catalog_delete (f->catalog, actor, "product", item, NULL));
  activate (f, "menu.delete-category");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (adw_message_dialog_has_response (dialog, "delete"));
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  duka_test_spin ();
  g_assert_cmpuint (count (f, "category"), ==, 0);
  WAIT_UNTIL (duka_menu_view_get_selected_category (f->view) == NULL);
}

/* Settings ---------------------------------------------------------------- */

static void
test_currency_change (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = add_product (f, "Espresso", 12000, NULL);
  g_autoptr(DukaProfile) profile = duka_business_settings_load (f->settings, NULL);
  g_autoptr(DukaActor) actor = duka_business_settings_dup_actor (f->settings);
  g_autoptr(GError) error = NULL;

  select_item (f, id);
  g_assert_cmpstr (field_text (f, "price_row"), ==, "120.00");

  /* A currency without minor units: the form writes whole amounts. */
  g_free (profile->currency);
  profile->currency = g_strdup ("JPY");
  g_assert_true (duka_business_settings_save (f->settings, actor, profile, &error));
  g_assert_no_error (error);
  duka_test_spin ();
  g_assert_cmpstr (field_text (f, "price_row"), ==, "12000");
}

/* Thumbnails --------------------------------------------------------------- */

static char *
add_picture (Fixture *f,
             guint    n)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 2, 2);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;
  char *hash;

  gdk_pixbuf_fill (pixbuf, ((guint32) n << 8) | 0xff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  bytes = g_bytes_new_take (buffer, size);
  hash = duka_catalog_add_image (f->catalog, bytes, &error);
  g_assert_no_error (error);

  return hash;
}

/* Scrolling past many pictures keeps a bounded number, and the one in use
 * all along is the last to go. */
static void
test_thumbnails_bounded (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DukaThumbnailCache) cache = duka_thumbnail_cache_new (f->catalog, 48);
  g_autofree char *kept = add_picture (f, 0);
  guint max_cached = 0;

  duka_thumbnail_cache_lookup (cache, kept);
  WAIT_UNTIL (duka_thumbnail_cache_lookup (cache, kept) != NULL);

  for (guint i = 1; i <= 700; i++)
    {
      g_autofree char *hash = add_picture (f, i);

      duka_thumbnail_cache_lookup (cache, hash);
      g_assert_nonnull (duka_thumbnail_cache_lookup (cache, kept));
      max_cached = MAX (max_cached, duka_thumbnail_cache_get_n_cached (cache));
      if (i % 50 == 0)
        duka_test_spin ();
    }

  g_test_message ("at most %u pictures cached", max_cached);
  g_assert_cmpuint (max_cached, <=, 300);
  g_assert_cmpuint (max_cached, >=, 100);
}

static void
test_reorder_categories (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *a = add_category (f, "Breakfast", 0);
  g_autofree char *b = add_category (f, "Lunch", 1);
  g_autofree char *c = add_category (f, "Drinks", 2);
  GListModel *categories = duka_catalog_get_categories (f->catalog);
  g_autoptr(DukaCategory) first = NULL;
  g_autoptr(DukaCategory) second = NULL;
  g_autoptr(DukaCategory) third = NULL;

  WAIT_UNTIL (g_list_model_get_n_items (categories) == 3);
  duka_menu_view_select_category (f->view, c);
  duka_test_spin ();
  g_assert_cmpstr (duka_menu_view_get_selected_category (f->view), ==, c);

  activate (f, "menu.move-category-up");
  activate (f, "menu.move-category-up");
  WAIT_UNTIL (({ g_autoptr(DukaCategory) top = g_list_model_get_item (categories, 0);
                 g_str_equal (duka_category_get_id (top), c); }));
  /* Already first: nothing moves. */
  activate (f, "menu.move-category-up");
  activate (f, "menu.move-category-down");
  duka_test_spin ();
  WAIT_UNTIL (({ g_autoptr(DukaCategory) top = g_list_model_get_item (categories, 1);
                 g_str_equal (duka_category_get_id (top), c); }));

  first = g_list_model_get_item (categories, 0);
  second = g_list_model_get_item (categories, 1);
  third = g_list_model_get_item (categories, 2);
  g_assert_cmpstr (duka_category_get_id (first), ==, a);
  g_assert_cmpstr (duka_category_get_id (second), ==, c);
  g_assert_cmpstr (duka_category_get_id (third), ==, b);
  g_assert_cmpstr (duka_menu_view_get_selected_category (f->view), ==, c);
}

int
main (int   argc,
      char *argv[])
{
  const char *locale;

  duka_test_ui_init (&argc, &argv);

  /* Prices are typed in a known locale. */
  locale = setlocale (LC_ALL, "en_US.UTF-8");
  if (locale == NULL)
    g_error ("The en_US.UTF-8 locale is missing; run build-aux/setup-locales");

#define ADD(path, func) \
  g_test_add ("/menu-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("empty-state", test_empty_state);
  ADD ("create-category-and-item", test_create_category_and_item);
  ADD ("edit-price-and-revert", test_edit_price_and_revert);
  ADD ("bad-prices-refused", test_bad_prices_refused);
  ADD ("toggle-available", test_toggle_available);
  ADD ("duplicate-sku", test_duplicate_sku);
  ADD ("bad-barcode", test_bad_barcode);
  ADD ("duplicate-barcode", test_duplicate_barcode);
  ADD ("search-as-you-type", test_search_as_you_type);
  ADD ("modifier-group-min-max", test_modifier_group_min_max);
  ADD ("variants", test_variants);
  ADD ("variant-refused-saves-nothing", test_variant_refused_saves_nothing);
  ADD ("reorder-categories", test_reorder_categories);
  ADD ("combo-create", test_combo_create);
  ADD ("combo-refused", test_combo_refused);
  ADD ("combo-edit-and-revert", test_combo_edit_and_revert);
  ADD ("rename-and-delete-category", test_rename_and_delete_category);
  ADD ("currency-change", test_currency_change);
  ADD ("thumbnails-bounded", test_thumbnails_bounded);

#undef ADD

  return g_test_run ();
}
