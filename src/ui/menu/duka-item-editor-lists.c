/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lists in the item form: barcodes, variants and the modifier groups
 * the item offers.  Rows are plain widgets kept beside a small struct, so
 * the form reads them back in order; variants are saved with the item in
 * one change (see duka_item_editor_save()).
 */
#include <glib/gi18n.h>

#include "duka-barcode.h"
#include "duka-id.h"
#include "duka-item-editor-private.h"
#include "duka-menu-fields.h"
#include "duka-modifier-group-editor.h"

/* Modifier groups ------------------------------------------------------ */

static char *
describe_group (JsonObject *group)
{
  gint64 min = json_object_get_int_member_with_default (group, "min_choices", 0);
  gint64 max = json_object_get_int_member_with_default (group, "max_choices", 1);
  JsonArray *options = json_object_get_array_member (group, "options");
  guint n = options ? json_array_get_length (options) : 0;
  g_autofree char *choose = NULL;
  g_autofree char *count = NULL;

  if (min == max)
    /* Translators: how many options a customer picks from a group */
    choose = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Pick %d", "Pick %d", (gulong) min), (int) min);
  else if (min == 0)
    choose = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Optional, up to %d", "Optional, up to %d", (gulong) max), (int) max);
  else
    /* Translators: e.g. "Pick 1 to 3" */
    choose = g_strdup_printf (_("Pick %d to %d"), (int) min, (int) max);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u option", "%u options", n), n);

  /* Translators: "Pick 1 · 3 options" */
  return g_strdup_printf (_("%s · %s"), choose, count);
}

static gboolean
group_is_chosen (JsonObject *record,
                 const char *id)
{
  JsonArray *ids = record ? json_object_get_array_member (record, "modifier_group_ids") : NULL;

  for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
    if (g_strcmp0 (json_array_get_string_element (ids, i), id) == 0)
      return TRUE;

  return FALSE;
}

void
duka_item_editor_reload_groups (DukaItemEditor *self,
               gboolean        keep_checks)
{
  g_autoptr(GPtrArray) records = duka_catalog_list (self->catalog, "modifier_group", NULL);
  g_autoptr(GHashTable) checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean was_filling = self->filling;
  GtkListBoxRow *row;

  for (guint i = 0; i < self->groups->len; i++)
    {
      GroupRow *group = g_ptr_array_index (self->groups, i);

      if (gtk_check_button_get_active (group->check))
        g_hash_table_add (checked, g_strdup (group->id));
    }

  while ((row = gtk_list_box_get_row_at_index (self->modifiers_list, 0)) != NULL)
    gtk_list_box_remove (self->modifiers_list, GTK_WIDGET (row));
  g_ptr_array_set_size (self->groups, 0);

  self->filling = TRUE;
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      JsonObject *record = g_ptr_array_index (records, i);
      const char *id = json_object_get_string_member (record, "id");
      GroupRow *group = g_new0 (GroupRow, 1);
      GtkWidget *group_row = adw_action_row_new ();
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
      g_autofree char *subtitle = describe_group (record);

      group->id = g_strdup (id);
      group->check = GTK_CHECK_BUTTON (gtk_check_button_new ());
      gtk_widget_set_valign (GTK_WIDGET (group->check), GTK_ALIGN_CENTER);
      gtk_check_button_set_active (group->check,
                                   keep_checks ? g_hash_table_contains (checked, id)
                                               : group_is_chosen (self->saved, id));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (group_row),
                                     json_object_get_string_member (record, "name"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (group_row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (group_row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (group_row), GTK_WIDGET (group->check));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (group_row), GTK_WIDGET (group->check));

      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_set_tooltip_text (edit, _("Edit Group"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "item.edit-modifier-group");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "s", id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (group_row), edit);

      g_signal_connect_object (group->check, "toggled", G_CALLBACK (duka_item_editor_update_state), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->modifiers_list, group_row);
      g_ptr_array_add (self->groups, group);
    }
  self->filling = was_filling;
}

static void
edit_group_saved_cb (DukaItemEditor *self,
                     const char     *id)
{
  /* A group made from this item is meant for it; the store announces it
   * only later, so the list is read now. */
  duka_item_editor_reload_groups (self, TRUE);
  for (guint i = 0; i < self->groups->len; i++)
    {
      GroupRow *group = g_ptr_array_index (self->groups, i);

      if (g_str_equal (group->id, id))
        {
          gtk_check_button_set_active (group->check, TRUE);
          return;
        }
    }
}

static void
open_group_editor (DukaItemEditor *self,
                   JsonObject     *record)
{
  GtkWidget *editor;

  editor = duka_modifier_group_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                           self->catalog, self->business_settings,
                                           self->currency, record);
  g_signal_connect_object (editor, "saved", G_CALLBACK (edit_group_saved_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_group_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  open_group_editor (DUKA_ITEM_EDITOR (widget), NULL);
}

static void
edit_group_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  DukaItemEditor *self = DUKA_ITEM_EDITOR (widget);
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GError) error = NULL;

  record = duka_catalog_get (self->catalog, "modifier_group",
                             g_variant_get_string (param, NULL), &error);
  if (record == NULL)
    {
      gtk_widget_activate_action (widget, "win.show-toast", "s", error->message);
      return;
    }
  open_group_editor (self, record);
}

/* Barcodes ------------------------------------------------------------- */

static GtkWidget *
new_remove_button (const char *tooltip,
                   const char *action,
                   GtkWidget  *row)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  /* The row is found again by its address: only ever compared, never
   * dereferenced, so a stale one is harmless. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "t", (guint64) GPOINTER_TO_SIZE (row));

  return button;
}

void
duka_item_editor_add_barcode (DukaItemEditor *self,
                              const char     *code)
{
  BarcodeRow *barcode = g_new0 (BarcodeRow, 1);

  g_return_if_fail (DUKA_IS_ITEM_EDITOR (self));

  barcode->row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (barcode->row), _("Barcode"));
  adw_entry_row_set_input_purpose (barcode->row, GTK_INPUT_PURPOSE_DIGITS);
  adw_entry_row_set_input_hints (barcode->row, GTK_INPUT_HINT_NO_SPELLCHECK);
  gtk_editable_set_text (GTK_EDITABLE (barcode->row), code ? code : "");
  barcode->reason = duka_form_add_reason_label (GTK_WIDGET (barcode->row));
  adw_entry_row_add_suffix (barcode->row,
                            new_remove_button (_("Remove Barcode"), "item.remove-barcode",
                                               GTK_WIDGET (barcode->row)));
  g_signal_connect_object (barcode->row, "changed", G_CALLBACK (duka_item_editor_update_state), self, G_CONNECT_SWAPPED);

  gtk_list_box_append (self->barcodes_list, GTK_WIDGET (barcode->row));
  g_ptr_array_add (self->barcodes, barcode);
  duka_item_editor_update_state (self);
}

static void
add_barcode_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  DukaItemEditor *self = DUKA_ITEM_EDITOR (widget);
  BarcodeRow *barcode;

  duka_item_editor_add_barcode (self, NULL);
  barcode = g_ptr_array_index (self->barcodes, self->barcodes->len - 1);
  gtk_widget_grab_focus (GTK_WIDGET (barcode->row));
}

/* Variants ------------------------------------------------------------- */

static VariantRow *
append_variant (DukaItemEditor *self,
                const char     *id,
                gint64          version,
                const char     *name,
                const char     *price,
                const char     *sku)
{
  VariantRow *variant = g_new0 (VariantRow, 1);

  variant->id = g_strdup (id);
  variant->version = version;
  variant->row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (variant->row), _("Variant"));
  gtk_editable_set_text (GTK_EDITABLE (variant->row), name ? name : "");
  variant->reason = duka_form_add_reason_label (GTK_WIDGET (variant->row));

  variant->price_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (variant->price_entry, _("Price"));
  gtk_entry_set_input_purpose (variant->price_entry, GTK_INPUT_PURPOSE_NUMBER);
  gtk_editable_set_width_chars (GTK_EDITABLE (variant->price_entry), 9);
  gtk_editable_set_text (GTK_EDITABLE (variant->price_entry), price ? price : "");
  gtk_widget_set_valign (GTK_WIDGET (variant->price_entry), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (variant->price_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Variant price"), -1);
  adw_entry_row_add_suffix (variant->row, GTK_WIDGET (variant->price_entry));

  variant->sku_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (variant->sku_entry, _("SKU"));
  gtk_editable_set_width_chars (GTK_EDITABLE (variant->sku_entry), 8);
  gtk_editable_set_text (GTK_EDITABLE (variant->sku_entry), sku ? sku : "");
  gtk_widget_set_valign (GTK_WIDGET (variant->sku_entry), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (variant->sku_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Variant SKU"), -1);
  adw_entry_row_add_suffix (variant->row, GTK_WIDGET (variant->sku_entry));

  adw_entry_row_add_suffix (variant->row,
                            new_remove_button (_("Remove Variant"), "item.remove-variant",
                                               GTK_WIDGET (variant->row)));

  g_signal_connect_object (variant->row, "changed", G_CALLBACK (duka_item_editor_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (variant->price_entry, "changed", G_CALLBACK (duka_item_editor_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (variant->sku_entry, "changed", G_CALLBACK (duka_item_editor_update_state), self, G_CONNECT_SWAPPED);

  gtk_list_box_append (self->variants_list, GTK_WIDGET (variant->row));
  g_ptr_array_add (self->variants, variant);

  return variant;
}

void
duka_item_editor_add_variant (DukaItemEditor *self,
                              const char     *name,
                              const char     *price,
                              const char     *sku)
{
  g_return_if_fail (DUKA_IS_ITEM_EDITOR (self));

  append_variant (self, NULL, 0, name, price, sku);
  duka_item_editor_update_state (self);
}

static void
add_variant_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  DukaItemEditor *self = DUKA_ITEM_EDITOR (widget);
  VariantRow *variant = append_variant (self, NULL, 0, NULL, NULL, NULL);

  duka_item_editor_update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (variant->row));
}

static void
remove_row_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  DukaItemEditor *self = DUKA_ITEM_EDITOR (widget);
  gpointer row = GSIZE_TO_POINTER ((gsize) g_variant_get_uint64 (param));
  gboolean is_barcode = g_str_equal (action_name, "item.remove-barcode");
  GPtrArray *rows = is_barcode ? self->barcodes : self->variants;

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *widget_row = is_barcode
        ? GTK_WIDGET (((BarcodeRow *) g_ptr_array_index (rows, i))->row)
        : GTK_WIDGET (((VariantRow *) g_ptr_array_index (rows, i))->row);

      if (widget_row == row)
        {
          gtk_list_box_remove (is_barcode ? self->barcodes_list : self->variants_list, widget_row);
          g_ptr_array_remove_index (rows, i);
          break;
        }
    }

  duka_item_editor_update_state (self);
}

static JsonObject *
find_saved_variant (DukaItemEditor *self,
                    const char     *id)
{
  for (guint i = 0; id != NULL && i < self->saved_variants->len; i++)
    {
      JsonObject *v = g_ptr_array_index (self->saved_variants, i);

      if (g_strcmp0 (json_object_get_string_member (v, "id"), id) == 0)
        return v;
    }

  return NULL;
}

static JsonObject *
read_variant (DukaItemEditor *self,
              VariantRow     *variant)
{
  JsonObject *record = json_object_new ();
  g_autofree char *name = stripped_text (variant->row);
  g_autofree char *sku = stripped_text (variant->sku_entry);
  gint64 price = 0;

  duka_menu_parse_price (text_of (variant->price_entry), self->currency, DUKA_PRICE_REQUIRED,
                         NULL, &price, NULL);
  json_object_set_string_member (record, "name", name);
  json_object_set_int_member (record, "price", price);
  duka_menu_set_optional_string (record, "sku", sku);

  return record;
}

static gboolean
variant_changed (DukaItemEditor *self,
                 VariantRow     *variant)
{
  JsonObject *saved = find_saved_variant (self, variant->id);
  g_autoptr(JsonObject) form = NULL;

  if (saved == NULL)
    return TRUE;

  form = read_variant (self, variant);
  return g_strcmp0 (json_object_get_string_member (form, "name"),
                    json_object_get_string_member_with_default (saved, "name", NULL)) != 0 ||
         json_object_get_int_member (form, "price") != json_object_get_int_member_with_default (saved, "price", 0) ||
         g_strcmp0 (json_object_get_string_member_with_default (form, "sku", NULL),
                    json_object_get_string_member_with_default (saved, "sku", NULL)) != 0;
}

gboolean
duka_item_editor_variants_changed (DukaItemEditor *self)
{
  guint kept = 0;

  for (guint i = 0; i < self->variants->len; i++)
    {
      VariantRow *variant = g_ptr_array_index (self->variants, i);

      if (variant_changed (self, variant))
        return TRUE;
      kept++;
    }

  return kept != self->saved_variants->len;
}

/* Filling, reading and checking ---------------------------------------- */

void
duka_item_editor_clear_list (GtkListBox *list,
            GPtrArray  *rows)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
  g_ptr_array_set_size (rows, 0);
}

void
duka_item_editor_fill_variants (DukaItemEditor *self)
{
  duka_item_editor_clear_list (self->variants_list, self->variants);

  for (guint i = 0; i < self->saved_variants->len; i++)
    {
      JsonObject *v = g_ptr_array_index (self->saved_variants, i);
      g_autofree char *price = NULL;

      if (self->currency != NULL)
        price = duka_menu_price_to_text (json_object_get_int_member_with_default (v, "price", 0),
                                         self->currency);
      append_variant (self,
                      json_object_get_string_member (v, "id"),
                      json_object_get_int_member_with_default (v, "version", 0),
                      json_object_get_string_member_with_default (v, "name", ""),
                      price,
                      json_object_get_string_member_with_default (v, "sku", NULL));
    }
}

void
duka_item_editor_read_lists (DukaItemEditor *self,
                             JsonObject     *record)
{
  g_autoptr(JsonArray) barcodes = json_array_new ();
  g_autoptr(JsonArray) groups = json_array_new ();

  for (guint i = 0; i < self->barcodes->len; i++)
    {
      BarcodeRow *barcode = g_ptr_array_index (self->barcodes, i);
      char gtin[DUKA_GTIN14_SIZE];

      if (duka_barcode_normalize (text_of (barcode->row), gtin, NULL))
        json_array_add_string_element (barcodes, gtin);
    }
  json_object_set_array_member (record, "barcodes", g_steal_pointer (&barcodes));

  for (guint i = 0; i < self->groups->len; i++)
    {
      GroupRow *group = g_ptr_array_index (self->groups, i);

      if (gtk_check_button_get_active (group->check))
        json_array_add_string_element (groups, group->id);
    }
  json_object_set_array_member (record, "modifier_group_ids", g_steal_pointer (&groups));
}

static gboolean
validate_barcodes (DukaItemEditor *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean valid = TRUE;

  for (guint i = 0; i < self->barcodes->len; i++)
    {
      BarcodeRow *barcode = g_ptr_array_index (self->barcodes, i);
      g_autofree char *field = g_strdup_printf ("barcode:%u", i);
      g_autofree char *code = stripped_text (barcode->row);
      g_autoptr(GError) error = NULL;
      const char *reason = NULL;
      char gtin[DUKA_GTIN14_SIZE];

      if (*code == '\0')
        reason = NULL;  /* an empty row is left out */
      else if (!duka_barcode_normalize (code, gtin, &error))
        reason = error->message;
      else if (!g_hash_table_add (seen, g_strdup (gtin)))
        reason = _("This barcode is already in the list");
      else
        reason = duka_item_editor_refused_reason (self, field, text_of (barcode->row));

      duka_item_editor_set_reason (self, field, GTK_WIDGET (barcode->row), barcode->reason, reason);
      valid &= reason == NULL;
    }

  return valid;
}

/* What core's refusal of a variant is about: while the row still says
 * this, the reason stays beside it. */
char *
duka_item_editor_variant_signature (DukaItemEditor *self,
                                    guint           index)
{
  VariantRow *variant = g_ptr_array_index (self->variants, index);

  return g_strjoin ("\x1f", text_of (variant->row), text_of (variant->price_entry),
                    text_of (variant->sku_entry), NULL);
}

static gboolean
validate_variants (DukaItemEditor *self)
{
  gboolean valid = TRUE;

  for (guint i = 0; i < self->variants->len; i++)
    {
      VariantRow *variant = g_ptr_array_index (self->variants, i);
      g_autofree char *field = g_strdup_printf ("variant:%u", i);
      g_autofree char *variant_name = stripped_text (variant->row);
      g_autofree char *signature = duka_item_editor_variant_signature (self, i);
      g_autofree char *price_reason = NULL;
      const char *reason;
      gint64 price;

      duka_menu_parse_price (text_of (variant->price_entry), self->currency, DUKA_PRICE_REQUIRED,
                             NULL, &price, &price_reason);
      reason = *variant_name == '\0' ? _("Give the variant a name")
             : price_reason != NULL ? price_reason
             : duka_item_editor_refused_reason (self, field, signature);
      duka_item_editor_set_reason (self, field, GTK_WIDGET (variant->row), variant->reason, reason);
      if (price_reason != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (variant->price_entry), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (variant->price_entry), "error");
      valid &= reason == NULL;
    }

  return valid;
}

gboolean
duka_item_editor_validate_lists (DukaItemEditor *self)
{
  gboolean barcodes_valid = validate_barcodes (self);
  gboolean variants_valid = validate_variants (self);

  return barcodes_valid && variants_valid;
}

static void
add_edit (GArray     *edits,
          GPtrArray  *fields,
          JsonObject *record,
          gboolean    delete,
          char       *field)
{
  DukaCatalogEdit edit = { "variant", record, delete };

  g_array_append_val (edits, edit);
  g_ptr_array_add (fields, field);
}

/**
 * duka_item_editor_add_variant_edits:
 * @edits: (element-type DukaCatalogEdit): where the edits go; each takes
 *   a reference to its record
 * @fields: the field each edit's refusal is shown beside, or %NULL
 *
 * Adds the variants changed or added in the form, and the removal of
 * those taken out of it.  New variants get their id now, so the item and
 * its variants are saved as one change.
 */
void
duka_item_editor_add_variant_edits (DukaItemEditor *self,
                                    const char     *product_id,
                                    GArray         *edits,
                                    GPtrArray      *fields)
{
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->variants->len; i++)
    {
      VariantRow *variant = g_ptr_array_index (self->variants, i);
      JsonObject *record;

      if (variant->id != NULL)
        g_hash_table_add (kept, variant->id);
      if (!variant_changed (self, variant))
        continue;

      record = read_variant (self, variant);
      json_object_set_string_member (record, "product_id", product_id);
      if (variant->id != NULL)
        {
          json_object_set_string_member (record, "id", variant->id);
          json_object_set_int_member (record, "version", variant->version);
        }
      else
        {
          g_autofree char *id = duka_id_new ();

          json_object_set_string_member (record, "id", id);
        }
      add_edit (edits, fields, record, FALSE, g_strdup_printf ("variant:%u", i));
    }

  for (guint i = 0; i < self->saved_variants->len; i++)
    {
      JsonObject *saved = g_ptr_array_index (self->saved_variants, i);
      const char *id = json_object_get_string_member (saved, "id");
      JsonObject *record;

      if (g_hash_table_contains (kept, id))
        continue;
      record = json_object_new ();
      json_object_set_string_member (record, "id", id);
      add_edit (edits, fields, record, TRUE, NULL);
    }
}

void
duka_item_editor_class_install_list_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "item.add-barcode", NULL, add_barcode_action);
  gtk_widget_class_install_action (widget_class, "item.remove-barcode", "t", remove_row_action);
  gtk_widget_class_install_action (widget_class, "item.add-variant", NULL, add_variant_action);
  gtk_widget_class_install_action (widget_class, "item.remove-variant", "t", remove_row_action);
  gtk_widget_class_install_action (widget_class, "item.new-modifier-group", NULL, new_group_action);
  gtk_widget_class_install_action (widget_class, "item.edit-modifier-group", "s", edit_group_action);
}
