/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form for one menu item: its own fields, picture and, through
 * duka-item-editor-lists.c, its barcodes, variants and modifier groups.
 * Fields are checked as they are typed, the reason shown beside each; what
 * core refuses on save (a SKU or barcode another item has) goes beside the
 * field it is about.  The item and its variants are saved as one change.
 * Nothing is written until Save, except "Available now", which a busy
 * kitchen needs to take effect at once.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "duka-barcode.h"
#include "duka-id.h"
#include "duka-item-editor-private.h"
#include "duka-menu-fields.h"

G_DEFINE_FINAL_TYPE (DukaItemEditor, duka_item_editor, ADW_TYPE_BIN)

enum {
  STATE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
variant_row_free (VariantRow *variant)
{
  g_free (variant->id);
  g_free (variant);
}

static void
group_row_free (GroupRow *group)
{
  g_free (group->id);
  g_free (group);
}

void
duka_item_editor_set_reason (DukaItemEditor *self,
                             const char     *field,
                             GtkWidget      *row,
                             GtkLabel       *label,
                             const char     *reason)
{
  duka_form_set_field_reason (self->errors, field, row, label, reason);
}

/* Core's reason for @field, as long as the field still says what core
 * refused. */
const char *
duka_item_editor_refused_reason (DukaItemEditor *self,
                const char     *field,
                const char     *text)
{
  if (g_strcmp0 (self->refused_field, field) == 0 &&
      g_strcmp0 (self->refused_text, text) == 0)
    return self->refused_reason;

  return NULL;
}

void
duka_item_editor_clear_refused (DukaItemEditor *self)
{
  g_clear_pointer (&self->refused_field, g_free);
  g_clear_pointer (&self->refused_text, g_free);
  g_clear_pointer (&self->refused_reason, g_free);
}

/* Choice lists --------------------------------------------------------- */
static void
reload_categories (DukaItemEditor *self)
{
  gboolean was_filling = self->filling;

  self->filling = TRUE;
  duka_menu_reload_category_row (self->category_row, self->category_ids,
                                 duka_catalog_get_categories (self->catalog));
  self->filling = was_filling;
}

static void
reload_tax_classes (DukaItemEditor *self)
{
  g_autoptr(GPtrArray) classes = duka_catalog_list (self->catalog, "tax_class", NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *keep = g_strdup (duka_menu_selected_id (self->tax_row, self->tax_ids));
  gboolean was_filling = self->filling;

  g_ptr_array_set_size (self->tax_ids, 0);
  gtk_string_list_append (names, _("The outlet’s usual tax"));
  g_ptr_array_add (self->tax_ids, NULL);

  for (guint i = 0; classes != NULL && i < classes->len; i++)
    {
      JsonObject *tax_class = g_ptr_array_index (classes, i);

      gtk_string_list_append (names, json_object_get_string_member (tax_class, "name"));
      g_ptr_array_add (self->tax_ids, g_strdup (json_object_get_string_member (tax_class, "id")));
    }

  self->filling = TRUE;
  duka_menu_set_choices (self->tax_row, G_LIST_MODEL (names), self->tax_ids, keep);
  self->filling = was_filling;
}

static void
store_changed_cb (DukaItemEditor *self,
                  const char     *table)
{
  if (g_strcmp0 (table, "modifier_group") == 0)
    duka_item_editor_reload_groups (self, TRUE);
  else if (g_strcmp0 (table, "tax_class") == 0)
    reload_tax_classes (self);
  duka_item_editor_update_state (self);
}

/* Picture -------------------------------------------------------------- */
static void
update_image_preview (DukaItemEditor *self)
{
  duka_menu_show_picture (GTK_WIDGET (self), self->thumbnails, self->image,
                          self->image_preview, self->image_row, "item.remove-image");
}

static void
thumbnail_loaded_cb (DukaItemEditor *self,
                     const char     *hash)
{
  if (g_strcmp0 (hash, self->image) == 0)
    update_image_preview (self);
}

static void
picture_chosen_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DukaItemEditor *self = DUKA_ITEM_EDITOR (object);

  if (!duka_menu_take_chosen_picture (GTK_WIDGET (self), result, &self->image))
    return;

  update_image_preview (self);
  duka_item_editor_update_state (self);
}

static void
choose_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  DukaItemEditor *self = DUKA_ITEM_EDITOR (widget);

  duka_menu_choose_picture_async (widget, self->catalog, self->cancellable,
                                  picture_chosen_cb, NULL);
}

static void
remove_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  DukaItemEditor *self = DUKA_ITEM_EDITOR (widget);

  g_clear_pointer (&self->image, g_free);
  update_image_preview (self);
  duka_item_editor_update_state (self);
}

/* Checking the form ---------------------------------------------------- */

static gboolean
validate_price_field (DukaItemEditor *self,
                      const char     *field,
                      AdwEntryRow    *row,
                      GtkLabel       *label,
                      DukaPriceFlags  flags)
{
  g_autofree char *reason = NULL;
  gint64 amount;

  duka_menu_parse_price (text_of (row), self->currency, flags, NULL, &amount, &reason);
  duka_item_editor_set_reason (self, field, GTK_WIDGET (row), label, reason);

  return reason == NULL;
}

static gboolean
validate_fields (DukaItemEditor *self)
{
  g_autofree char *name = stripped_text (self->name_row);
  g_autofree char *sku = stripped_text (self->sku_row);
  gboolean valid = TRUE;
  const char *reason;

  reason = *name == '\0' ? _("Give the item a name")
         : g_utf8_strlen (name, -1) > 200 ? _("The name is too long")
         : duka_item_editor_refused_reason (self, "name", text_of (self->name_row));
  duka_item_editor_set_reason (self, "name", GTK_WIDGET (self->name_row), self->name_label, reason);
  valid &= reason == NULL;

  valid &= validate_price_field (self, "price", self->price_row, self->price_label, DUKA_PRICE_REQUIRED);
  valid &= validate_price_field (self, "cost", self->cost_row, self->cost_label, DUKA_PRICE_OPTIONAL);

  reason = g_utf8_strlen (sku, -1) > 64 ? _("The SKU is too long")
         : duka_item_editor_refused_reason (self, "sku", text_of (self->sku_row));
  duka_item_editor_set_reason (self, "sku", GTK_WIDGET (self->sku_row), self->sku_label, reason);
  valid &= reason == NULL;

  valid &= duka_item_editor_validate_lists (self);

  return valid;
}

void
duka_item_editor_update_state (DukaItemEditor *self)
{
  g_autoptr(JsonObject) form = NULL;
  g_autoptr(JsonObject) saved = NULL;

  if (self->filling || self->catalog == NULL)
    return;

  self->valid = validate_fields (self);
  form = duka_item_editor_read_form (self);
  if (self->saved != NULL)
    {
      saved = duka_item_editor_read_saved (self);
      self->dirty = !json_object_equal (form, saved) || duka_item_editor_variants_changed (self);
    }
  else
    self->dirty = TRUE;

  gtk_action_bar_set_revealed (self->action_bar, self->dirty);
  if (self->saved == NULL)
    gtk_label_set_text (self->status_label, _("New item, not saved yet"));
  else if (!self->valid)
    gtk_label_set_text (self->status_label, _("Fix the marked fields to save"));
  else
    gtk_label_set_text (self->status_label, _("Unsaved changes"));

  g_signal_emit (self, signals[STATE_CHANGED], 0);
}

static void
set_price_text (DukaItemEditor *self,
                AdwEntryRow    *row,
                JsonNode       *amount)
{
  g_autofree char *text = NULL;

  if (amount != NULL && !JSON_NODE_HOLDS_NULL (amount) && self->currency != NULL)
    text = duka_menu_price_to_text (json_node_get_int (amount), self->currency);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
fill_form (DukaItemEditor *self)
{
  JsonObject *s = self->saved;
  JsonArray *barcodes = s ? json_object_get_array_member (s, "barcodes") : NULL;

  self->filling = TRUE;
  duka_item_editor_clear_refused (self);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         s ? json_object_get_string_member_with_default (s, "name", "") : "");
  set_price_text (self, self->price_row, s ? json_object_get_member (s, "price") : NULL);
  set_price_text (self, self->cost_row, s ? json_object_get_member (s, "cost") : NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->sku_row),
                         s ? json_object_get_string_member_with_default (s, "sku", "") : "");
  if (s != NULL && json_object_get_string_member_with_default (s, "sku", NULL) == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->sku_row), "");
  adw_combo_row_set_selected (self->category_row,
                              duka_menu_index_of_id (self->category_ids,
                                           s ? json_object_get_string_member_with_default (s, "category_id", NULL)
                                             : self->new_category_id));
  adw_combo_row_set_selected (self->tax_row,
                              duka_menu_index_of_id (self->tax_ids,
                                           s ? json_object_get_string_member_with_default (s, "tax_class_id", NULL)
                                             : NULL));
  gtk_switch_set_active (self->weighed_switch,
                         s && g_strcmp0 (json_object_get_string_member_with_default (s, "unit", "each"), "weight") == 0);
  gtk_switch_set_active (self->active_switch,
                         s ? json_object_get_boolean_member_with_default (s, "active", TRUE) : TRUE);
  gtk_switch_set_active (self->available_switch,
                         s ? json_object_get_boolean_member_with_default (s, "available", TRUE) : TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->available_switch), s != NULL);

  g_free (self->image);
  self->image = s ? g_strdup (json_object_get_string_member_with_default (s, "image", NULL)) : NULL;

  duka_item_editor_clear_list (self->barcodes_list, self->barcodes);
  self->filling = FALSE;
  for (guint i = 0; barcodes != NULL && i < json_array_get_length (barcodes); i++)
    {
      g_autofree char *shown = duka_menu_barcode_for_display (json_array_get_string_element (barcodes, i));

      duka_item_editor_add_barcode (self, shown);
    }
  self->filling = TRUE;

  duka_item_editor_fill_variants (self);
  duka_item_editor_reload_groups (self, FALSE);
  self->filling = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), s != NULL);
  adw_preferences_group_set_title (self->item_group, s ? _("Item") : _("New Item"));
  update_image_preview (self);
  duka_item_editor_update_state (self);
}

static GPtrArray *
load_variants (DukaItemEditor *self,
               const char     *product_id)
{
  GPtrArray *variants = NULL;
  g_autoptr(GError) error = NULL;

  if (product_id != NULL)
    variants = duka_catalog_list_variants (self->catalog, product_id, &error);
  if (error != NULL)
    g_warning ("Could not read the variants of %s: %s", product_id, error->message);

  return variants ? variants
                  : g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
}

/**
 * duka_item_editor_load:
 * @product_id: (nullable): the item to edit, or %NULL to start a new one
 * @category_id: (nullable): where a new item goes
 */
gboolean
duka_item_editor_load (DukaItemEditor  *self,
                       const char      *product_id,
                       const char      *category_id,
                       GError         **error)
{
  JsonObject *record = NULL;

  g_return_val_if_fail (DUKA_IS_ITEM_EDITOR (self), FALSE);
  g_return_val_if_fail (self->catalog != NULL, FALSE);

  if (product_id != NULL)
    {
      record = duka_catalog_get (self->catalog, "product", product_id, error);
      if (record == NULL)
        return FALSE;
    }

  g_clear_pointer (&self->saved, json_object_unref);
  self->saved = record;
  g_clear_pointer (&self->saved_variants, g_ptr_array_unref);
  self->saved_variants = load_variants (self, product_id);
  g_free (self->new_category_id);
  self->new_category_id = g_strdup (category_id);

  fill_form (self);
  gtk_widget_activate_action (GTK_WIDGET (self->page), "scroll-to-top", NULL);

  return TRUE;
}

/* Reloads what is stored without touching what the person typed, after a
 * change made elsewhere (the availability switch, a variant saved). */
void
duka_item_editor_refresh_saved (DukaItemEditor *self)
{
  const char *id;
  JsonObject *record;

  g_return_if_fail (DUKA_IS_ITEM_EDITOR (self));

  id = duka_item_editor_get_item_id (self);
  if (id == NULL)
    return;

  record = duka_catalog_get (self->catalog, "product", id, NULL);
  if (record == NULL)
    return;

  g_clear_pointer (&self->saved, json_object_unref);
  self->saved = record;
  g_clear_pointer (&self->saved_variants, g_ptr_array_unref);
  self->saved_variants = load_variants (self, id);

  self->filling = TRUE;
  gtk_switch_set_active (self->available_switch,
                         json_object_get_boolean_member_with_default (record, "available", TRUE));
  self->filling = FALSE;
  duka_item_editor_update_state (self);
}

void
duka_item_editor_revert (DukaItemEditor *self)
{
  g_return_if_fail (DUKA_IS_ITEM_EDITOR (self));

  fill_form (self);
}

/* The availability switch acts at once, through the view's action. */
static void
available_toggled_cb (DukaItemEditor *self)
{
  if (self->filling || self->saved == NULL)
    return;

  if (gtk_switch_get_active (self->available_switch) !=
      json_object_get_boolean_member_with_default (self->saved, "available", TRUE))
    gtk_widget_activate_action (GTK_WIDGET (self), "menu.toggle-available", NULL);
}

/* Life cycle ----------------------------------------------------------- */
void
duka_item_editor_setup (DukaItemEditor       *self,
                        DukaCatalog          *catalog,
                        DukaBusinessSettings *business_settings,
                        const DukaCurrency   *currency,
                        DukaThumbnailCache   *thumbnails)
{
  g_return_if_fail (DUKA_IS_ITEM_EDITOR (self));
  g_return_if_fail (self->catalog == NULL);

  self->catalog = g_object_ref (catalog);
  self->business_settings = g_object_ref (business_settings);
  self->currency = currency;
  self->thumbnails = g_object_ref (thumbnails);

  g_signal_connect_object (thumbnails, "loaded", G_CALLBACK (thumbnail_loaded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (duka_catalog_get_categories (catalog), "items-changed",
                           G_CALLBACK (reload_categories), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (duka_catalog_get_store (catalog), "changed::modifier_group",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (duka_catalog_get_store (catalog), "changed::tax_class",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  reload_categories (self);
  reload_tax_classes (self);
}

/* Amounts typed so far stay as typed; a clean form shows the new
 * currency's way of writing them. */
void
duka_item_editor_set_currency (DukaItemEditor     *self,
                               const DukaCurrency *currency)
{
  g_return_if_fail (DUKA_IS_ITEM_EDITOR (self));

  self->currency = currency;
  if (self->catalog != NULL && self->saved != NULL && !self->dirty)
    fill_form (self);
}

static void
duka_item_editor_dispose (GObject *object)
{
  DukaItemEditor *self = (DukaItemEditor *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DUKA_TYPE_ITEM_EDITOR);
  g_clear_object (&self->catalog);
  g_clear_object (&self->business_settings);
  g_clear_object (&self->thumbnails);

  G_OBJECT_CLASS (duka_item_editor_parent_class)->dispose (object);
}

static void
duka_item_editor_finalize (GObject *object)
{
  DukaItemEditor *self = (DukaItemEditor *) object;

  g_clear_pointer (&self->saved, json_object_unref);
  g_clear_pointer (&self->saved_variants, g_ptr_array_unref);
  g_clear_pointer (&self->category_ids, g_ptr_array_unref);
  g_clear_pointer (&self->tax_ids, g_ptr_array_unref);
  g_clear_pointer (&self->barcodes, g_ptr_array_unref);
  g_clear_pointer (&self->variants, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->errors, g_hash_table_unref);
  g_free (self->new_category_id);
  g_free (self->image);
  duka_item_editor_clear_refused (self);

  G_OBJECT_CLASS (duka_item_editor_parent_class)->finalize (object);
}

static void
duka_item_editor_class_init (DukaItemEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = duka_item_editor_dispose;
  object_class->finalize = duka_item_editor_finalize;

  /**
   * DukaItemEditor::state-changed:
   *
   * The form became dirty, clean, valid or invalid.
   */
  signals[STATE_CHANGED] = g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/duka-item-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DukaItemEditor, page);
  gtk_widget_class_bind_template_child (widget_class, DukaItemEditor, item_group);
  gtk_widget_class_bind_template_child (widget_class, DukaItemEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, DukaItemEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, DukaItemEditor, price_row);
  gtk_widget_class_bind_template_child (widget_class, DukaItemEditor, cost_row);
  gtk_widget_class_bind_template_child (widget_class, DukaItemEditor, sku_row);
  gtk_widget_class_bind_template_child (widget_class, DukaItemEditor, tax_row);
  gtk_widget_class_bind_template_child (widget_class, DukaItemEditor, available_switch);
  gtk_widget_class_bind_template_child (widget_class, DukaItemEditor, weighed_switch);
  gtk_widget_class_bind_template_child (widget_class, DukaItemEditor, active_switch);
  gtk_widget_class_bind_template_child (widget_class, DukaItemEditor, image_row);
  gtk_widget_class_bind_template_child (widget_class, DukaItemEditor, image_preview);
  gtk_widget_class_bind_template_child (widget_class, DukaItemEditor, barcodes_list);
  gtk_widget_class_bind_template_child (widget_class, DukaItemEditor, variants_list);
  gtk_widget_class_bind_template_child (widget_class, DukaItemEditor, modifiers_list);
  gtk_widget_class_bind_template_child (widget_class, DukaItemEditor, delete_group);
  gtk_widget_class_bind_template_child (widget_class, DukaItemEditor, action_bar);
  gtk_widget_class_bind_template_child (widget_class, DukaItemEditor, status_label);

  duka_item_editor_class_install_list_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "item.choose-image", NULL, choose_image_action);
  gtk_widget_class_install_action (widget_class, "item.remove-image", NULL, remove_image_action);
}

static void
duka_item_editor_init (DukaItemEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->saved_variants = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->category_ids = g_ptr_array_new_with_free_func (g_free);
  self->tax_ids = g_ptr_array_new_with_free_func (g_free);
  self->barcodes = g_ptr_array_new_with_free_func (g_free);
  self->variants = g_ptr_array_new_with_free_func ((GDestroyNotify) variant_row_free);
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_row_free);
  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  self->name_label = duka_form_add_reason_label (GTK_WIDGET (self->name_row));
  self->price_label = duka_form_add_reason_label (GTK_WIDGET (self->price_row));
  self->cost_label = duka_form_add_reason_label (GTK_WIDGET (self->cost_row));
  self->sku_label = duka_form_add_reason_label (GTK_WIDGET (self->sku_row));
  adw_entry_row_set_input_hints (self->sku_row, GTK_INPUT_HINT_NO_SPELLCHECK);

  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (duka_item_editor_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->price_row, "changed", G_CALLBACK (duka_item_editor_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cost_row, "changed", G_CALLBACK (duka_item_editor_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sku_row, "changed", G_CALLBACK (duka_item_editor_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->category_row, "notify::selected", G_CALLBACK (duka_item_editor_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tax_row, "notify::selected", G_CALLBACK (duka_item_editor_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->weighed_switch, "notify::active", G_CALLBACK (duka_item_editor_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->active_switch, "notify::active", G_CALLBACK (duka_item_editor_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->available_switch, "notify::active", G_CALLBACK (available_toggled_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.remove-image", FALSE);
}

const char *
duka_item_editor_get_item_id (DukaItemEditor *self)
{
  g_return_val_if_fail (DUKA_IS_ITEM_EDITOR (self), NULL);

  return self->saved ? json_object_get_string_member (self->saved, "id") : NULL;
}

gboolean
duka_item_editor_get_available (DukaItemEditor *self)
{
  g_return_val_if_fail (DUKA_IS_ITEM_EDITOR (self), FALSE);

  return self->saved ? json_object_get_boolean_member_with_default (self->saved, "available", TRUE)
                     : TRUE;
}

gboolean
duka_item_editor_get_dirty (DukaItemEditor *self)
{
  g_return_val_if_fail (DUKA_IS_ITEM_EDITOR (self), FALSE);

  return self->dirty;
}

gboolean
duka_item_editor_get_valid (DukaItemEditor *self)
{
  g_return_val_if_fail (DUKA_IS_ITEM_EDITOR (self), FALSE);

  return self->valid;
}

/**
 * duka_item_editor_get_field_error:
 * @field: "name", "price", "cost", "sku", "barcode:N" or "variant:N"
 *
 * Returns: (nullable): the reason shown beside that field
 */
const char *
duka_item_editor_get_field_error (DukaItemEditor *self,
                                  const char     *field)
{
  g_return_val_if_fail (DUKA_IS_ITEM_EDITOR (self), NULL);

  return g_hash_table_lookup (self->errors, field);
}

void
duka_item_editor_focus_name (DukaItemEditor *self)
{
  g_return_if_fail (DUKA_IS_ITEM_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

