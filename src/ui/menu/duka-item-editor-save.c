/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the item form back into a record, the way core stores it, and
 * saving the item with its variants as one change.
 */
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "duka-barcode.h"
#include "duka-current-staff.h"
#include "duka-id.h"
#include "duka-item-editor-private.h"
#include "duka-menu-fields.h"

/* Reading the form ----------------------------------------------------- */
static JsonArray *
normalized_barcodes (JsonArray *codes)
{
  JsonArray *normal = json_array_new ();

  for (guint i = 0; codes != NULL && i < json_array_get_length (codes); i++)
    {
      char gtin[DUKA_GTIN14_SIZE];

      if (duka_barcode_normalize (json_array_get_string_element (codes, i), gtin, NULL))
        json_array_add_string_element (normal, gtin);
    }

  return normal;
}

/* The item's own fields as the form has them, normalised the way they are
 * stored, so comparing with the saved record tells whether it changed. */
JsonObject *
duka_item_editor_read_form (DukaItemEditor *self)
{
  JsonObject *record = json_object_new ();
  g_autofree char *name = stripped_text (self->name_row);
  g_autofree char *sku = stripped_text (self->sku_row);
  gboolean cost_empty = TRUE;
  gint64 price = 0;
  gint64 cost = 0;

  duka_menu_parse_price (text_of (self->price_row), self->currency, DUKA_PRICE_REQUIRED,
                         NULL, &price, NULL);
  duka_menu_parse_price (text_of (self->cost_row), self->currency, DUKA_PRICE_OPTIONAL,
                         &cost_empty, &cost, NULL);

  json_object_set_string_member (record, "name", name);
  duka_menu_set_optional_string (record, "category_id", duka_menu_selected_id (self->category_row, self->category_ids));
  json_object_set_int_member (record, "price", price);
  if (cost_empty)
    json_object_set_null_member (record, "cost");
  else
    json_object_set_int_member (record, "cost", cost);
  duka_menu_set_optional_string (record, "sku", sku);
  duka_menu_set_optional_string (record, "tax_class_id", duka_menu_selected_id (self->tax_row, self->tax_ids));
  json_object_set_string_member (record, "unit",
                                 gtk_switch_get_active (self->weighed_switch) ? "weight" : "each");
  json_object_set_boolean_member (record, "active", gtk_switch_get_active (self->active_switch));
  duka_menu_set_optional_string (record, "image", self->image);

  duka_item_editor_read_lists (self, record);

  return record;
}

/* The saved record seen through the same fields as read_form(). */
JsonObject *
duka_item_editor_read_saved (DukaItemEditor *self)
{
  JsonObject *record = json_object_new ();
  JsonObject *s = self->saved;
  g_autoptr(JsonArray) groups = json_array_new ();
  JsonArray *saved_groups = json_object_get_array_member (s, "modifier_group_ids");
  JsonNode *cost = json_object_get_member (s, "cost");

  json_object_set_string_member (record, "name", json_object_get_string_member_with_default (s, "name", ""));
  duka_menu_set_optional_string (record, "category_id", json_object_get_string_member_with_default (s, "category_id", NULL));
  json_object_set_int_member (record, "price", json_object_get_int_member_with_default (s, "price", 0));
  if (cost == NULL || JSON_NODE_HOLDS_NULL (cost))
    json_object_set_null_member (record, "cost");
  else
    json_object_set_int_member (record, "cost", json_node_get_int (cost));
  duka_menu_set_optional_string (record, "sku", json_object_get_string_member_with_default (s, "sku", NULL));
  duka_menu_set_optional_string (record, "tax_class_id", json_object_get_string_member_with_default (s, "tax_class_id", NULL));
  json_object_set_string_member (record, "unit", json_object_get_string_member_with_default (s, "unit", "each"));
  json_object_set_boolean_member (record, "active", json_object_get_boolean_member_with_default (s, "active", TRUE));
  duka_menu_set_optional_string (record, "image", json_object_get_string_member_with_default (s, "image", NULL));
  json_object_set_array_member (record, "barcodes",
                                normalized_barcodes (json_object_get_array_member (s, "barcodes")));

  /* Only groups that still exist can be shown, so only they count; and
   * they are read in the form's order, which is not the stored one. */
  for (guint j = 0; j < self->groups->len; j++)
    {
      GroupRow *group = g_ptr_array_index (self->groups, j);

      for (guint i = 0; saved_groups != NULL && i < json_array_get_length (saved_groups); i++)
        if (g_strcmp0 (group->id, json_array_get_string_element (saved_groups, i)) == 0)
          {
            json_array_add_string_element (groups, group->id);
            break;
          }
    }
  json_object_set_array_member (record, "modifier_group_ids", g_steal_pointer (&groups));

  return record;
}

/* Saving --------------------------------------------------------------- */

static void
show_toast (DukaItemEditor *self,
            const char     *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message);
}

static void
refuse_field (DukaItemEditor *self,
              const char     *field,
              const char     *text,
              const char     *reason)
{
  duka_item_editor_clear_refused (self);
  self->refused_field = g_strdup (field);
  self->refused_text = g_strdup (text);
  self->refused_reason = g_strdup (reason);
}

/* Puts core's reason about the item itself beside the field it is about. */
static void
place_product_error (DukaItemEditor *self,
                     const GError   *error)
{
  if (g_error_matches (error, DUKA_CATALOG_ERROR, DUKA_CATALOG_ERROR_DUPLICATE_SKU))
    {
      refuse_field (self, "sku", text_of (self->sku_row), error->message);
      return;
    }

  for (guint i = 0; i < self->barcodes->len; i++)
    {
      BarcodeRow *barcode = g_ptr_array_index (self->barcodes, i);
      g_autofree char *code = stripped_text (barcode->row);
      char gtin[DUKA_GTIN14_SIZE];

      if (*code != '\0' && duka_barcode_normalize (code, gtin, NULL) &&
          (strstr (error->message, gtin) != NULL || strstr (error->message, code) != NULL))
        {
          g_autofree char *field = g_strdup_printf ("barcode:%u", i);

          refuse_field (self, field, text_of (barcode->row), error->message);
          return;
        }
    }

  /* Anything else core finds wrong with the item goes by its name. */
  if (g_error_matches (error, DUKA_CATALOG_ERROR, DUKA_CATALOG_ERROR_INVALID))
    refuse_field (self, "name", text_of (self->name_row), error->message);
}

/* @field says which part of the form the refused edit came from. */
static void
place_edit_error (DukaItemEditor *self,
                  const char     *field,
                  const GError   *error)
{
  guint index;

  if (g_strcmp0 (field, "product") == 0)
    place_product_error (self, error);
  else if (field != NULL && sscanf (field, "variant:%u", &index) == 1 &&
           index < self->variants->len)
    {
      g_autofree char *signature = duka_item_editor_variant_signature (self, index);

      refuse_field (self, field, signature, error->message);
    }
}

static void
clear_edit (DukaCatalogEdit *edit)
{
  g_clear_pointer (&edit->record, json_object_unref);
}

/* The item's record for saving, or %NULL when only its variants changed. */
static JsonObject *
product_edit_record (DukaItemEditor *self,
                     const char     *id)
{
  JsonObject *record = duka_item_editor_read_form (self);
  g_autoptr(JsonObject) saved = NULL;

  json_object_set_string_member (record, "id", id);
  if (self->saved == NULL)
    return record;

  saved = duka_item_editor_read_saved (self);
  json_object_remove_member (record, "id");
  if (json_object_equal (record, saved))
    {
      json_object_unref (record);
      return NULL;
    }

  json_object_set_string_member (record, "id", id);
  json_object_set_int_member (record, "version", json_object_get_int_member (self->saved, "version"));
  return record;
}

/**
 * duka_item_editor_save:
 *
 * Saves the item with its variants, and the removal of variants taken
 * out, as one change: all of it or none.  What core refuses is shown
 * beside the field or row it is about and in a toast, and the form keeps
 * what was typed.
 *
 * Returns: whether everything was saved
 */
gboolean
duka_item_editor_save (DukaItemEditor *self)
{
  g_autoptr(DukaActor) actor = NULL;

  g_return_val_if_fail (DUKA_IS_ITEM_EDITOR (self), FALSE);

  actor = duka_current_staff_dup_actor_for_widget (GTK_WIDGET (self), self->business_settings);
  return duka_item_editor_save_as (self, actor);
}

/**
 * duka_item_editor_save_as:
 * @actor: who saves it, such as someone a manager approved
 *
 * Returns: whether everything was saved
 */
gboolean
duka_item_editor_save_as (DukaItemEditor  *self,
                          const DukaActor *actor)
{
  g_autoptr(GArray) edits = g_array_new (FALSE, TRUE, sizeof (DukaCatalogEdit));
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *message = NULL;
  JsonObject *record;
  guint failed = 0;

  g_return_val_if_fail (DUKA_IS_ITEM_EDITOR (self), FALSE);

  duka_item_editor_clear_refused (self);
  duka_item_editor_update_state (self);
  if (!self->valid || !self->dirty)
    return FALSE;

  /* A new item's id is chosen here, so its variants can point at it. */
  id = self->saved ? g_strdup (json_object_get_string_member (self->saved, "id")) : duka_id_new ();
  g_array_set_clear_func (edits, (GDestroyNotify) clear_edit);
  record = product_edit_record (self, id);
  if (record != NULL)
    {
      DukaCatalogEdit edit = { "product", record, FALSE };

      g_array_append_val (edits, edit);
      g_ptr_array_add (fields, g_strdup ("product"));
    }
  duka_item_editor_add_variant_edits (self, id, edits, fields);

  if (!duka_catalog_save_edits (self->catalog, actor, (DukaCatalogEdit *) edits->data,
                                edits->len, &failed, &error))
    {
      place_edit_error (self, failed < fields->len ? g_ptr_array_index (fields, failed) : NULL,
                        error);
      duka_item_editor_update_state (self);
      show_toast (self, error->message);
      return FALSE;
    }

  duka_item_editor_load (self, id, NULL, NULL);
  /* Translators: a toast after saving a menu item */
  message = g_strdup_printf (_("“%s” saved"), text_of (self->name_row));
  show_toast (self, message);

  return TRUE;
}
