/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parts of a combo ("slots" in core): each has a name, such as Main,
 * Side or Drink, and the products a customer may choose for it, each with
 * an optional extra price.  A part is its own boxed list: its name, its
 * choices, then a row to find more products by typing, with the matches
 * listed right under it.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "duka-combo-editor-private.h"
#include "duka-id.h"
#include "duka-menu-fields.h"
#include "duka-money.h"

/* A few matches are enough to pick from; typing more narrows them. */
#define SEARCH_LIMIT 8

static void
choice_row_free (ChoiceRow *choice)
{
  g_free (choice->product_id);
  g_free (choice->variant_id);
  g_free (choice);
}

void
duka_combo_editor_part_row_free (PartRow *part)
{
  g_free (part->id);
  g_clear_pointer (&part->choices, g_ptr_array_unref);
  g_free (part);
}

static GtkWidget *
new_remove_button (const char *tooltip,
                   const char *action,
                   gpointer    target)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  /* Rows are found again by address: only compared, never dereferenced. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "t", (guint64) GPOINTER_TO_SIZE (target));

  return button;
}

static PartRow *
get_part (DukaComboEditor *self,
          guint            index)
{
  g_return_val_if_fail (index < self->parts->len, NULL);

  return g_ptr_array_index (self->parts, index);
}

/* Choices --------------------------------------------------------------- */

static char *
describe_product (DukaComboEditor *self,
                  JsonObject      *product)
{
  g_autofree char *price = NULL;

  if (product == NULL)
    return g_strdup (_("This product is no longer on the menu"));
  if (self->currency == NULL)
    return NULL;

  price = duka_money_format (json_object_get_int_member_with_default (product, "price", 0),
                             self->currency);
  /* Translators: under a combo choice, the product's own price */
  return g_strdup_printf (_("On its own %s"), price);
}

static void
append_choice (DukaComboEditor *self,
               PartRow         *part,
               const char      *product_id,
               const char      *variant_id,
               const char      *extra_price)
{
  g_autoptr(JsonObject) product = duka_catalog_get (self->catalog, "product", product_id, NULL);
  g_autofree char *subtitle = describe_product (self, product);
  ChoiceRow *choice = g_new0 (ChoiceRow, 1);
  g_autofree char *label = NULL;
  const char *name;

  name = product ? json_object_get_string_member_with_default (product, "name", "") : product_id;
  choice->product_id = g_strdup (product_id);
  choice->variant_id = g_strdup (variant_id);
  choice->row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (choice->row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (choice->row), FALSE);
  adw_action_row_set_subtitle (choice->row, subtitle);

  choice->extra_entry = GTK_ENTRY (gtk_entry_new ());
  /* Translators: placeholder of the extra price of a combo choice */
  gtk_entry_set_placeholder_text (choice->extra_entry, _("+ Extra"));
  gtk_entry_set_input_purpose (choice->extra_entry, GTK_INPUT_PURPOSE_NUMBER);
  gtk_editable_set_width_chars (GTK_EDITABLE (choice->extra_entry), 6);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (choice->extra_entry), 8);
  gtk_editable_set_text (GTK_EDITABLE (choice->extra_entry), extra_price ? extra_price : "");
  gtk_widget_set_valign (GTK_WIDGET (choice->extra_entry), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (choice->extra_entry),
                               _("Added to the combo price when this is chosen; leave empty for none"));
  label = g_strdup_printf (_("Extra price for %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice->extra_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  adw_action_row_add_suffix (choice->row, GTK_WIDGET (choice->extra_entry));
  adw_action_row_add_suffix (choice->row, new_remove_button (_("Remove Choice"), "combo.remove-choice",
                                                             choice->row));
  g_signal_connect_object (choice->extra_entry, "changed",
                           G_CALLBACK (duka_combo_editor_update_state), self, G_CONNECT_SWAPPED);

  /* Choices go between the part's name and its search row. */
  gtk_list_box_insert (part->list, GTK_WIDGET (choice->row), 1 + part->choices->len);
  g_ptr_array_add (part->choices, choice);
}

static gboolean
part_has_product (PartRow    *part,
                  const char *product_id)
{
  for (guint i = 0; i < part->choices->len; i++)
    {
      ChoiceRow *choice = g_ptr_array_index (part->choices, i);

      if (g_strcmp0 (choice->product_id, product_id) == 0 && choice->variant_id == NULL)
        return TRUE;
    }

  return FALSE;
}

/**
 * duka_combo_editor_add_choice:
 * @extra_price: (nullable): as typed, or %NULL for none
 *
 * Offers the product in the part, once.
 */
void
duka_combo_editor_add_choice (DukaComboEditor *self,
                              guint            part_index,
                              const char      *product_id,
                              const char      *extra_price)
{
  PartRow *part;

  g_return_if_fail (DUKA_IS_COMBO_EDITOR (self));

  part = get_part (self, part_index);
  if (part == NULL || part_has_product (part, product_id))
    return;

  append_choice (self, part, product_id, NULL, extra_price);
  duka_combo_editor_update_state (self);
}

static void
remove_choice_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  DukaComboEditor *self = DUKA_COMBO_EDITOR (widget);
  gpointer row = GSIZE_TO_POINTER ((gsize) g_variant_get_uint64 (param));

  for (guint i = 0; i < self->parts->len; i++)
    {
      PartRow *part = g_ptr_array_index (self->parts, i);

      for (guint j = 0; j < part->choices->len; j++)
        {
          ChoiceRow *choice = g_ptr_array_index (part->choices, j);

          if ((gpointer) choice->row == row)
            {
              gtk_list_box_remove (part->list, GTK_WIDGET (choice->row));
              g_ptr_array_remove_index (part->choices, j);
              duka_combo_editor_update_state (self);
              return;
            }
        }
    }
}

/* Finding products to offer ---------------------------------------------- */

static void
clear_results (PartRow *part)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (part->results, 0)) != NULL)
    gtk_list_box_remove (part->results, GTK_WIDGET (row));
  gtk_widget_set_visible (GTK_WIDGET (part->results), FALSE);
}

static GtkWidget *
new_result_row (DukaComboEditor *self,
                PartRow         *part,
                DukaProduct     *product)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("list-add-symbolic");
  g_autofree char *price = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), duka_product_get_name (product));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (self->currency != NULL)
    price = duka_money_format (duka_product_get_price (product), self->currency);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), price);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Add as a choice"));
  gtk_widget_set_sensitive (row, !part_has_product (part, duka_product_get_id (product)));
  g_object_set_data_full (G_OBJECT (row), "product-id",
                          g_strdup (duka_product_get_id (product)), g_free);

  return row;
}

static guint
search_part (DukaComboEditor *self,
             PartRow         *part)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (part->search_row))));
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  clear_results (part);
  if (*text == '\0')
    return 0;

  found = duka_catalog_search (self->catalog, text, SEARCH_LIMIT, &error);
  if (found == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
      return 0;
    }

  for (guint i = 0; i < found->len; i++)
    gtk_list_box_append (part->results, new_result_row (self, part, g_ptr_array_index (found, i)));
  gtk_widget_set_visible (GTK_WIDGET (part->results), found->len > 0);

  return found->len;
}

static PartRow *
find_part_by_widget (DukaComboEditor *self,
                     gpointer         widget)
{
  for (guint i = 0; i < self->parts->len; i++)
    {
      PartRow *part = g_ptr_array_index (self->parts, i);

      if ((gpointer) part->search_row == widget || (gpointer) part->results == widget ||
          (gpointer) part->group == widget)
        return part;
    }

  return NULL;
}

static void
search_changed_cb (DukaComboEditor *self,
                   AdwEntryRow     *search_row)
{
  PartRow *part = find_part_by_widget (self, search_row);

  if (part != NULL && !self->filling)
    search_part (self, part);
}

static void
result_activated_cb (DukaComboEditor *self,
                     GtkListBoxRow   *row,
                     GtkListBox      *results)
{
  PartRow *part = find_part_by_widget (self, results);
  const char *product_id = g_object_get_data (G_OBJECT (row), "product-id");

  if (part == NULL || product_id == NULL || part_has_product (part, product_id))
    return;

  append_choice (self, part, product_id, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (part->search_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (part->search_row));
  duka_combo_editor_update_state (self);
}

/* The first match is taken with Enter, as in a search field. */
static void
search_activated_cb (DukaComboEditor *self,
                     AdwEntryRow     *search_row)
{
  PartRow *part = find_part_by_widget (self, search_row);
  GtkListBoxRow *first;

  if (part == NULL)
    return;
  first = gtk_list_box_get_row_at_index (part->results, 0);
  if (first != NULL && gtk_widget_get_sensitive (GTK_WIDGET (first)))
    result_activated_cb (self, first, part->results);
}

/**
 * duka_combo_editor_search_choices:
 *
 * Types @text into the part's search row.
 *
 * Returns: how many products it lists to choose from
 */
guint
duka_combo_editor_search_choices (DukaComboEditor *self,
                                  guint            part_index,
                                  const char      *text)
{
  PartRow *part;

  g_return_val_if_fail (DUKA_IS_COMBO_EDITOR (self), 0);

  part = get_part (self, part_index);
  if (part == NULL)
    return 0;

  gtk_editable_set_text (GTK_EDITABLE (part->search_row), text);
  return search_part (self, part);
}

/* Parts ------------------------------------------------------------------ */

static void
part_name_changed_cb (DukaComboEditor *self,
                      AdwEntryRow     *name_row)
{
  for (guint i = 0; i < self->parts->len; i++)
    {
      PartRow *part = g_ptr_array_index (self->parts, i);
      g_autofree char *name = NULL;

      if (part->name_row != name_row)
        continue;
      name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (name_row))));
      adw_preferences_group_set_title (part->group, *name ? name : _("Unnamed Part"));
    }
  duka_combo_editor_update_state (self);
}

static void
build_part_rows (DukaComboEditor *self,
                 PartRow         *part)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("system-search-symbolic");

  part->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (part->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (part->list), "boxed-list");

  part->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (part->name_row), _("Part Name"));
  part->name_reason = duka_form_add_reason_label (GTK_WIDGET (part->name_row));
  gtk_list_box_append (part->list, GTK_WIDGET (part->name_row));

  part->search_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (part->search_row),
                                 _("Find a Product to Add"));
  adw_entry_row_add_prefix (part->search_row, icon);
  adw_entry_row_set_input_hints (part->search_row, GTK_INPUT_HINT_NO_SPELLCHECK);
  part->search_reason = duka_form_add_reason_label (GTK_WIDGET (part->search_row));
  gtk_list_box_append (part->list, GTK_WIDGET (part->search_row));

  part->results = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (part->results, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (part->results), "boxed-list");
  gtk_widget_add_css_class (GTK_WIDGET (part->results), "duka-combo-results");
  gtk_widget_set_visible (GTK_WIDGET (part->results), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (part->results),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Products found"), -1);

  g_signal_connect_object (part->name_row, "changed", G_CALLBACK (part_name_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (part->search_row, "changed", G_CALLBACK (search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (part->search_row, "entry-activated", G_CALLBACK (search_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (part->results, "row-activated", G_CALLBACK (result_activated_cb),
                           self, G_CONNECT_SWAPPED);
}

static PartRow *
append_part (DukaComboEditor *self,
             const char      *id,
             const char      *name)
{
  PartRow *part = g_new0 (PartRow, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  part->id = id ? g_strdup (id) : duka_id_new ();
  part->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_row_free);
  part->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  build_part_rows (self, part);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (part->list));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (part->results));
  adw_preferences_group_add (part->group, box);
  adw_preferences_group_set_header_suffix (part->group,
                                           new_remove_button (_("Remove Part"), "combo.remove-part",
                                                              part->group));

  g_ptr_array_add (self->parts, part);
  gtk_box_append (self->parts_box, GTK_WIDGET (part->group));
  gtk_editable_set_text (GTK_EDITABLE (part->name_row), name ? name : "");
  part_name_changed_cb (self, part->name_row);

  return part;
}

/**
 * duka_combo_editor_add_part:
 *
 * Returns: the new part's index
 */
guint
duka_combo_editor_add_part (DukaComboEditor *self,
                            const char      *name)
{
  g_return_val_if_fail (DUKA_IS_COMBO_EDITOR (self), 0);

  append_part (self, NULL, name);
  duka_combo_editor_update_state (self);

  return self->parts->len - 1;
}

void
duka_combo_editor_rename_part (DukaComboEditor *self,
                               guint            part_index,
                               const char      *name)
{
  PartRow *part;

  g_return_if_fail (DUKA_IS_COMBO_EDITOR (self));

  part = get_part (self, part_index);
  if (part != NULL)
    gtk_editable_set_text (GTK_EDITABLE (part->name_row), name);
}

static void
add_part_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  DukaComboEditor *self = DUKA_COMBO_EDITOR (widget);
  PartRow *part = append_part (self, NULL, NULL);

  duka_combo_editor_update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (part->name_row));
}

static void
remove_part_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  DukaComboEditor *self = DUKA_COMBO_EDITOR (widget);
  PartRow *part = find_part_by_widget (self, GSIZE_TO_POINTER ((gsize) g_variant_get_uint64 (param)));

  if (part == NULL)
    return;

  gtk_box_remove (self->parts_box, GTK_WIDGET (part->group));
  g_ptr_array_remove (self->parts, part);
  duka_combo_editor_update_state (self);
}

void
duka_combo_editor_clear_parts (DukaComboEditor *self)
{
  for (guint i = 0; i < self->parts->len; i++)
    {
      PartRow *part = g_ptr_array_index (self->parts, i);

      gtk_box_remove (self->parts_box, GTK_WIDGET (part->group));
    }
  g_ptr_array_set_size (self->parts, 0);
}

void
duka_combo_editor_fill_parts (DukaComboEditor *self,
                              JsonArray       *slots)
{
  duka_combo_editor_clear_parts (self);

  for (guint i = 0; slots != NULL && i < json_array_get_length (slots); i++)
    {
      JsonObject *slot = json_array_get_object_element (slots, i);
      JsonArray *choices = json_object_get_array_member (slot, "choices");
      PartRow *part = append_part (self, json_object_get_string_member (slot, "id"),
                                   json_object_get_string_member_with_default (slot, "name", ""));

      for (guint j = 0; choices != NULL && j < json_array_get_length (choices); j++)
        {
          JsonObject *choice = json_array_get_object_element (choices, j);
          gint64 extra = json_object_get_int_member_with_default (choice, "extra_price", 0);
          g_autofree char *text = NULL;

          if (extra != 0 && self->currency != NULL)
            text = duka_menu_price_to_text (extra, self->currency);
          append_choice (self, part,
                         json_object_get_string_member (choice, "product_id"),
                         json_object_get_string_member_with_default (choice, "variant_id", NULL),
                         text);
        }
    }
}

/* Reading and checking --------------------------------------------------- */

static JsonObject *
read_choice (DukaComboEditor *self,
             ChoiceRow       *choice)
{
  JsonObject *record = json_object_new ();
  gint64 extra = 0;

  duka_menu_parse_price (gtk_editable_get_text (GTK_EDITABLE (choice->extra_entry)),
                         self->currency, DUKA_PRICE_OPTIONAL, NULL, &extra, NULL);
  json_object_set_string_member (record, "product_id", choice->product_id);
  if (choice->variant_id != NULL)
    json_object_set_string_member (record, "variant_id", choice->variant_id);
  json_object_set_int_member (record, "extra_price", extra);

  return record;
}

/* The parts as core stores them ("slots"). */
JsonArray *
duka_combo_editor_read_parts (DukaComboEditor *self)
{
  JsonArray *slots = json_array_new ();

  for (guint i = 0; i < self->parts->len; i++)
    {
      PartRow *part = g_ptr_array_index (self->parts, i);
      JsonObject *slot = json_object_new ();
      JsonArray *choices = json_array_new ();
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (part->name_row))));

      for (guint j = 0; j < part->choices->len; j++)
        json_array_add_object_element (choices, read_choice (self, g_ptr_array_index (part->choices, j)));

      json_object_set_string_member (slot, "id", part->id);
      json_object_set_string_member (slot, "name", name);
      json_object_set_array_member (slot, "choices", choices);
      json_array_add_object_element (slots, slot);
    }

  return slots;
}

static gboolean
validate_choices (DukaComboEditor *self,
                  guint            part_index)
{
  PartRow *part = g_ptr_array_index (self->parts, part_index);
  gboolean valid = TRUE;

  for (guint j = 0; j < part->choices->len; j++)
    {
      ChoiceRow *choice = g_ptr_array_index (part->choices, j);
      g_autofree char *field = g_strdup_printf ("choice:%u:%u", part_index, j);
      g_autofree char *reason = NULL;
      gint64 extra;

      duka_menu_parse_price (gtk_editable_get_text (GTK_EDITABLE (choice->extra_entry)),
                             self->currency, DUKA_PRICE_OPTIONAL, NULL, &extra, &reason);
      duka_combo_editor_set_reason (self, field, NULL, NULL, reason);
      if (reason != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (choice->extra_entry), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (choice->extra_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (choice->extra_entry),
                                   reason ? reason
                                          : _("Added to the combo price when this is chosen; leave empty for none"));
      valid &= reason == NULL;
    }

  return valid;
}

gboolean
duka_combo_editor_validate_parts (DukaComboEditor *self)
{
  gboolean valid = TRUE;
  const char *reason;

  reason = duka_combo_editor_refused_reason (self, "parts");
  duka_combo_editor_set_reason (self, "parts", NULL, NULL, reason);
  gtk_label_set_text (self->parts_reason, reason ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->parts_reason), reason != NULL);
  valid &= reason == NULL;

  for (guint i = 0; i < self->parts->len; i++)
    {
      PartRow *part = g_ptr_array_index (self->parts, i);
      g_autofree char *field = g_strdup_printf ("part:%u", i);
      g_autofree char *choices_field = g_strdup_printf ("part:%u:choices", i);
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (part->name_row))));

      reason = *name == '\0' ? _("Give the part a name, such as Main or Drink")
             : g_utf8_strlen (name, -1) > 80 ? _("The name is too long")
             : NULL;
      duka_combo_editor_set_reason (self, field, GTK_WIDGET (part->name_row), part->name_reason, reason);
      valid &= reason == NULL;

      reason = duka_combo_editor_refused_reason (self, choices_field);
      duka_combo_editor_set_reason (self, choices_field, GTK_WIDGET (part->search_row),
                                    part->search_reason, reason);
      valid &= reason == NULL;

      valid &= validate_choices (self, i);
    }

  return valid;
}

/* Core names the part it refuses; the first part with nothing to choose
 * is the one when names repeat. */
void
duka_combo_editor_place_parts_error (DukaComboEditor *self,
                                     const GError    *error)
{
  if (self->parts->len == 0)
    {
      self->refused_field = g_strdup ("parts");
      return;
    }

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->parts->len; i++)
      {
        PartRow *part = g_ptr_array_index (self->parts, i);
        g_autofree char *quoted = g_strdup_printf ("“%s”", gtk_editable_get_text (GTK_EDITABLE (part->name_row)));

        if (part->choices->len == 0 && (pass == 1 || strstr (error->message, quoted) != NULL))
          {
            self->refused_field = g_strdup_printf ("part:%u:choices", i);
            return;
          }
      }

  self->refused_field = g_strdup ("name");
}

void
duka_combo_editor_class_install_part_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "combo.add-part", NULL, add_part_action);
  gtk_widget_class_install_action (widget_class, "combo.remove-part", "t", remove_part_action);
  gtk_widget_class_install_action (widget_class, "combo.remove-choice", "t", remove_choice_action);
}
