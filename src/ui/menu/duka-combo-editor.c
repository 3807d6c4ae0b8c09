/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form for one combo: a set meal sold at one price, where the
 * customer picks one product for each of its parts (a main, a side, a
 * drink).  Its own fields are here; the parts are in
 * duka-combo-editor-parts.c.  Fields are checked as they are typed; what
 * core refuses on save (no parts, a part with nothing to choose) is shown
 * where it can be fixed.
 */
#include <glib/gi18n.h>

#include "duka-combo-editor-private.h"
#include "duka-current-staff.h"
#include "duka-menu-fields.h"

G_DEFINE_FINAL_TYPE (DukaComboEditor, duka_combo_editor, ADW_TYPE_BIN)

enum {
  STATE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

void
duka_combo_editor_set_reason (DukaComboEditor *self,
                              const char      *field,
                              GtkWidget       *row,
                              GtkLabel        *label,
                              const char      *reason)
{
  duka_form_set_field_reason (self->errors, field, row, label, reason);
}

static JsonObject *read_form (DukaComboEditor *self);

/* Core's reason for @field, as long as the form reads as it did when core
 * refused it. */
const char *
duka_combo_editor_refused_reason (DukaComboEditor *self,
                                  const char      *field)
{
  g_autoptr(JsonObject) form = NULL;

  if (self->refused_form == NULL || g_strcmp0 (self->refused_field, field) != 0)
    return NULL;

  form = read_form (self);
  return json_object_equal (form, self->refused_form) ? self->refused_reason : NULL;
}

static void
clear_refused (DukaComboEditor *self)
{
  g_clear_pointer (&self->refused_form, json_object_unref);
  g_clear_pointer (&self->refused_field, g_free);
  g_clear_pointer (&self->refused_reason, g_free);
}

/* Categories ------------------------------------------------------------- */

static const char *
selected_category (DukaComboEditor *self)
{
  return duka_menu_selected_id (self->category_row, self->category_ids);
}

static void
reload_categories (DukaComboEditor *self)
{
  gboolean was_filling = self->filling;

  self->filling = TRUE;
  duka_menu_reload_category_row (self->category_row, self->category_ids,
                                 duka_catalog_get_categories (self->catalog));
  self->filling = was_filling;
}

/* Picture ---------------------------------------------------------------- */

static void
update_image_preview (DukaComboEditor *self)
{
  duka_menu_show_picture (GTK_WIDGET (self), self->thumbnails, self->image,
                          self->image_preview, self->image_row, "combo.remove-image");
}

static void
thumbnail_loaded_cb (DukaComboEditor *self,
                     const char      *hash)
{
  if (g_strcmp0 (hash, self->image) == 0)
    update_image_preview (self);
}

static void
picture_chosen_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DukaComboEditor *self = DUKA_COMBO_EDITOR (object);

  if (!duka_menu_take_chosen_picture (GTK_WIDGET (self), result, &self->image))
    return;

  update_image_preview (self);
  duka_combo_editor_update_state (self);
}

static void
choose_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  DukaComboEditor *self = DUKA_COMBO_EDITOR (widget);

  duka_menu_choose_picture_async (widget, self->catalog, self->cancellable,
                                  picture_chosen_cb, NULL);
}

static void
remove_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  DukaComboEditor *self = DUKA_COMBO_EDITOR (widget);

  g_clear_pointer (&self->image, g_free);
  update_image_preview (self);
  duka_combo_editor_update_state (self);
}

/* Reading and checking the form ------------------------------------------ */

/* The combo as the form has it, in the fields core stores. */
static JsonObject *
read_form (DukaComboEditor *self)
{
  JsonObject *record = json_object_new ();
  g_autofree char *name = g_strstrip (g_strdup (text_of (self->name_row)));
  gint64 price = 0;

  duka_menu_parse_price (text_of (self->price_row), self->currency, DUKA_PRICE_REQUIRED,
                         NULL, &price, NULL);
  json_object_set_string_member (record, "name", name);
  json_object_set_int_member (record, "price", price);
  duka_menu_set_optional_string (record, "category_id", selected_category (self));
  duka_menu_set_optional_string (record, "image", self->image);
  json_object_set_boolean_member (record, "active", gtk_switch_get_active (self->active_switch));
  json_object_set_array_member (record, "slots", duka_combo_editor_read_parts (self));

  return record;
}

/* The saved combo seen through the same fields as read_form(). */
static JsonObject *
read_saved (DukaComboEditor *self)
{
  JsonObject *s = self->saved;
  JsonObject *record = json_object_new ();
  JsonArray *slots = json_object_get_array_member (s, "slots");
  JsonArray *normal = json_array_new ();

  json_object_set_string_member (record, "name", json_object_get_string_member_with_default (s, "name", ""));
  json_object_set_int_member (record, "price", json_object_get_int_member_with_default (s, "price", 0));
  duka_menu_set_optional_string (record, "category_id", json_object_get_string_member_with_default (s, "category_id", NULL));
  duka_menu_set_optional_string (record, "image", json_object_get_string_member_with_default (s, "image", NULL));
  json_object_set_boolean_member (record, "active", json_object_get_boolean_member_with_default (s, "active", TRUE));

  for (guint i = 0; slots != NULL && i < json_array_get_length (slots); i++)
    {
      JsonObject *slot = json_array_get_object_element (slots, i);
      JsonArray *choices = json_object_get_array_member (slot, "choices");
      JsonObject *out = json_object_new ();
      JsonArray *out_choices = json_array_new ();

      for (guint j = 0; choices != NULL && j < json_array_get_length (choices); j++)
        {
          JsonObject *choice = json_array_get_object_element (choices, j);
          JsonObject *c = json_object_new ();
          const char *variant = json_object_get_string_member_with_default (choice, "variant_id", NULL);

          json_object_set_string_member (c, "product_id", json_object_get_string_member (choice, "product_id"));
          if (variant != NULL)
            json_object_set_string_member (c, "variant_id", variant);
          json_object_set_int_member (c, "extra_price", json_object_get_int_member_with_default (choice, "extra_price", 0));
          json_array_add_object_element (out_choices, c);
        }
      json_object_set_string_member (out, "id", json_object_get_string_member (slot, "id"));
      json_object_set_string_member (out, "name", json_object_get_string_member_with_default (slot, "name", ""));
      json_object_set_array_member (out, "choices", out_choices);
      json_array_add_object_element (normal, out);
    }
  json_object_set_array_member (record, "slots", normal);

  return record;
}

static gboolean
validate_fields (DukaComboEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (text_of (self->name_row)));
  g_autofree char *price_reason = NULL;
  gboolean valid = TRUE;
  const char *reason;
  gint64 price;

  reason = *name == '\0' ? _("Give the combo a name")
         : g_utf8_strlen (name, -1) > 200 ? _("The name is too long")
         : duka_combo_editor_refused_reason (self, "name");
  duka_combo_editor_set_reason (self, "name", GTK_WIDGET (self->name_row), self->name_label, reason);
  valid &= reason == NULL;

  duka_menu_parse_price (text_of (self->price_row), self->currency, DUKA_PRICE_REQUIRED,
                         NULL, &price, &price_reason);
  duka_combo_editor_set_reason (self, "price", GTK_WIDGET (self->price_row), self->price_label,
                                price_reason);
  valid &= price_reason == NULL;

  valid &= duka_combo_editor_validate_parts (self);

  return valid;
}

void
duka_combo_editor_update_state (DukaComboEditor *self)
{
  g_autoptr(JsonObject) form = NULL;
  g_autoptr(JsonObject) saved = NULL;

  if (self->filling || self->catalog == NULL)
    return;

  self->valid = validate_fields (self);
  if (self->saved != NULL)
    {
      form = read_form (self);
      saved = read_saved (self);
      self->dirty = !json_object_equal (form, saved);
    }
  else
    self->dirty = TRUE;

  gtk_action_bar_set_revealed (self->action_bar, self->dirty);
  if (!self->valid)
    gtk_label_set_text (self->status_label, _("Fix the marked fields to save"));
  else if (self->saved == NULL)
    gtk_label_set_text (self->status_label, _("New combo, not saved yet"));
  else
    gtk_label_set_text (self->status_label, _("Unsaved changes"));

  g_signal_emit (self, signals[STATE_CHANGED], 0);
}

/* Filling the form ------------------------------------------------------- */

static void
fill_form (DukaComboEditor *self)
{
  JsonObject *s = self->saved;
  g_autofree char *price = NULL;

  self->filling = TRUE;
  clear_refused (self);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         s ? json_object_get_string_member_with_default (s, "name", "") : "");
  if (s != NULL && self->currency != NULL)
    price = duka_menu_price_to_text (json_object_get_int_member_with_default (s, "price", 0),
                                     self->currency);
  gtk_editable_set_text (GTK_EDITABLE (self->price_row), price ? price : "");
  adw_combo_row_set_selected (self->category_row,
                              duka_menu_index_of_id (self->category_ids,
                                           s ? json_object_get_string_member_with_default (s, "category_id", NULL)
                                             : self->new_category_id));
  gtk_switch_set_active (self->active_switch,
                         s ? json_object_get_boolean_member_with_default (s, "active", TRUE) : TRUE);
  g_free (self->image);
  self->image = s ? g_strdup (json_object_get_string_member_with_default (s, "image", NULL)) : NULL;
  duka_combo_editor_fill_parts (self, s ? json_object_get_array_member (s, "slots") : NULL);
  self->filling = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), s != NULL);
  adw_preferences_group_set_title (self->combo_group, s ? _("Combo") : _("New Combo"));
  update_image_preview (self);
  duka_combo_editor_update_state (self);
}

/**
 * duka_combo_editor_load:
 * @combo_id: (nullable): the combo to edit, or %NULL to start a new one
 * @category_id: (nullable): where a new combo goes
 */
gboolean
duka_combo_editor_load (DukaComboEditor  *self,
                        const char       *combo_id,
                        const char       *category_id,
                        GError          **error)
{
  JsonObject *record = NULL;

  g_return_val_if_fail (DUKA_IS_COMBO_EDITOR (self), FALSE);
  g_return_val_if_fail (self->catalog != NULL, FALSE);

  if (combo_id != NULL)
    {
      record = duka_catalog_get (self->catalog, "combo", combo_id, error);
      if (record == NULL)
        return FALSE;
    }

  g_clear_pointer (&self->saved, json_object_unref);
  self->saved = record;
  g_free (self->new_category_id);
  self->new_category_id = g_strdup (category_id);

  fill_form (self);
  gtk_widget_activate_action (GTK_WIDGET (self->page), "scroll-to-top", NULL);

  return TRUE;
}

void
duka_combo_editor_revert (DukaComboEditor *self)
{
  g_return_if_fail (DUKA_IS_COMBO_EDITOR (self));

  fill_form (self);
}

/* Saving ----------------------------------------------------------------- */

static void
place_error (DukaComboEditor *self,
             const GError    *error)
{
  clear_refused (self);
  self->refused_form = read_form (self);
  self->refused_reason = g_strdup (error->message);
  if (g_error_matches (error, DUKA_CATALOG_ERROR, DUKA_CATALOG_ERROR_INVALID))
    duka_combo_editor_place_parts_error (self, error);
}

/**
 * duka_combo_editor_save:
 *
 * Saves the combo.  What core refuses is shown where it can be fixed and
 * in a toast, and the form keeps what was typed.
 *
 * Returns: whether it was saved
 */
gboolean
duka_combo_editor_save (DukaComboEditor *self)
{
  g_autoptr(DukaActor) actor = NULL;

  g_return_val_if_fail (DUKA_IS_COMBO_EDITOR (self), FALSE);

  actor = duka_current_staff_dup_actor_for_widget (GTK_WIDGET (self), self->business_settings);
  return duka_combo_editor_save_as (self, actor);
}

/**
 * duka_combo_editor_save_as:
 * @actor: who saves it, such as someone a manager approved
 *
 * Returns: whether it was saved
 */
gboolean
duka_combo_editor_save_as (DukaComboEditor *self,
                           const DukaActor *actor)
{
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (DUKA_IS_COMBO_EDITOR (self), FALSE);

  clear_refused (self);
  duka_combo_editor_update_state (self);
  if (!self->valid || !self->dirty)
    return FALSE;

  record = read_form (self);
  if (self->saved != NULL)
    {
      const char *tax_class = json_object_get_string_member_with_default (self->saved, "tax_class_id", NULL);

      json_object_set_string_member (record, "id", json_object_get_string_member (self->saved, "id"));
      json_object_set_int_member (record, "version", json_object_get_int_member (self->saved, "version"));
      /* Not on the form, and kept as it is. */
      duka_menu_set_optional_string (record, "tax_class_id", tax_class);
    }

  if (!duka_catalog_save (self->catalog, actor, "combo", record, &id, &error))
    {
      place_error (self, error);
      duka_combo_editor_update_state (self);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
      return FALSE;
    }

  duka_combo_editor_load (self, id, NULL, NULL);
  /* Translators: a toast after saving a combo */
  message = g_strdup_printf (_("“%s” saved"), text_of (self->name_row));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message);

  return TRUE;
}

/* Life cycle ------------------------------------------------------------- */

void
duka_combo_editor_setup (DukaComboEditor      *self,
                         DukaCatalog          *catalog,
                         DukaBusinessSettings *business_settings,
                         const DukaCurrency   *currency,
                         DukaThumbnailCache   *thumbnails)
{
  g_return_if_fail (DUKA_IS_COMBO_EDITOR (self));
  g_return_if_fail (self->catalog == NULL);

  self->catalog = g_object_ref (catalog);
  self->business_settings = g_object_ref (business_settings);
  self->currency = currency;
  self->thumbnails = g_object_ref (thumbnails);

  g_signal_connect_object (thumbnails, "loaded", G_CALLBACK (thumbnail_loaded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (duka_catalog_get_categories (catalog), "items-changed",
                           G_CALLBACK (reload_categories), self, G_CONNECT_SWAPPED);
  reload_categories (self);
}

/* Amounts typed so far stay as typed; a clean form shows the new
 * currency's way of writing them. */
void
duka_combo_editor_set_currency (DukaComboEditor    *self,
                                const DukaCurrency *currency)
{
  g_return_if_fail (DUKA_IS_COMBO_EDITOR (self));

  self->currency = currency;
  if (self->catalog != NULL && !self->dirty)
    fill_form (self);
}

static void
duka_combo_editor_dispose (GObject *object)
{
  DukaComboEditor *self = (DukaComboEditor *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DUKA_TYPE_COMBO_EDITOR);
  g_clear_object (&self->catalog);
  g_clear_object (&self->business_settings);
  g_clear_object (&self->thumbnails);

  G_OBJECT_CLASS (duka_combo_editor_parent_class)->dispose (object);
}

static void
duka_combo_editor_finalize (GObject *object)
{
  DukaComboEditor *self = (DukaComboEditor *) object;

  g_clear_pointer (&self->saved, json_object_unref);
  g_clear_pointer (&self->category_ids, g_ptr_array_unref);
  g_clear_pointer (&self->parts, g_ptr_array_unref);
  g_clear_pointer (&self->errors, g_hash_table_unref);
  g_free (self->new_category_id);
  g_free (self->image);
  clear_refused (self);

  G_OBJECT_CLASS (duka_combo_editor_parent_class)->finalize (object);
}

static void
duka_combo_editor_class_init (DukaComboEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = duka_combo_editor_dispose;
  object_class->finalize = duka_combo_editor_finalize;

  /**
   * DukaComboEditor::state-changed:
   *
   * The form became dirty, clean, valid or invalid.
   */
  signals[STATE_CHANGED] = g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/duka-combo-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DukaComboEditor, page);
  gtk_widget_class_bind_template_child (widget_class, DukaComboEditor, combo_group);
  gtk_widget_class_bind_template_child (widget_class, DukaComboEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, DukaComboEditor, price_row);
  gtk_widget_class_bind_template_child (widget_class, DukaComboEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, DukaComboEditor, active_switch);
  gtk_widget_class_bind_template_child (widget_class, DukaComboEditor, image_row);
  gtk_widget_class_bind_template_child (widget_class, DukaComboEditor, image_preview);
  gtk_widget_class_bind_template_child (widget_class, DukaComboEditor, parts_reason);
  gtk_widget_class_bind_template_child (widget_class, DukaComboEditor, parts_box);
  gtk_widget_class_bind_template_child (widget_class, DukaComboEditor, delete_group);
  gtk_widget_class_bind_template_child (widget_class, DukaComboEditor, action_bar);
  gtk_widget_class_bind_template_child (widget_class, DukaComboEditor, status_label);
  gtk_widget_class_bind_template_callback_full (widget_class, "update_state",
                                                G_CALLBACK (duka_combo_editor_update_state));

  duka_combo_editor_class_install_part_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "combo.choose-image", NULL, choose_image_action);
  gtk_widget_class_install_action (widget_class, "combo.remove-image", NULL, remove_image_action);
}

static void
duka_combo_editor_init (DukaComboEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->category_ids = g_ptr_array_new_with_free_func (g_free);
  self->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) duka_combo_editor_part_row_free);
  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  self->name_label = duka_form_add_reason_label (GTK_WIDGET (self->name_row));
  self->price_label = duka_form_add_reason_label (GTK_WIDGET (self->price_row));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "combo.remove-image", FALSE);
}

const char *
duka_combo_editor_get_combo_id (DukaComboEditor *self)
{
  g_return_val_if_fail (DUKA_IS_COMBO_EDITOR (self), NULL);

  return self->saved ? json_object_get_string_member (self->saved, "id") : NULL;
}

gboolean
duka_combo_editor_get_dirty (DukaComboEditor *self)
{
  g_return_val_if_fail (DUKA_IS_COMBO_EDITOR (self), FALSE);

  return self->dirty;
}

gboolean
duka_combo_editor_get_valid (DukaComboEditor *self)
{
  g_return_val_if_fail (DUKA_IS_COMBO_EDITOR (self), FALSE);

  return self->valid;
}

/**
 * duka_combo_editor_get_field_error:
 * @field: "name", "price", "parts", "part:N" (its name),
 *   "part:N:choices" or "choice:N:M" (an extra price)
 *
 * Returns: (nullable): the reason shown for that field
 */
const char *
duka_combo_editor_get_field_error (DukaComboEditor *self,
                                   const char      *field)
{
  g_return_val_if_fail (DUKA_IS_COMBO_EDITOR (self), NULL);

  return g_hash_table_lookup (self->errors, field);
}

void
duka_combo_editor_focus_name (DukaComboEditor *self)
{
  g_return_if_fail (DUKA_IS_COMBO_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}
