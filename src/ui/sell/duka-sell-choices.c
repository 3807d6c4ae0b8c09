/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Items with sizes or modifier groups ask for the choices before they go
 * into the order; each group's minimum and maximum are kept here, and the
 * register checks them again.
 */
#include <glib/gi18n.h>

#include "duka-sell-dialog.h"
#include "duka-sell-view-private.h"

typedef struct
{
  DukaSellView *view;
  char         *product_id;
  GPtrArray    *groups;     /* JsonObject modifier groups */
  GPtrArray    *checks;     /* per group: GPtrArray of GtkCheckButton */
  GPtrArray    *variants;   /* JsonObject */
  GPtrArray    *variant_checks;
} ChoicesForm;

static void
choices_form_free (gpointer data)
{
  ChoicesForm *form = data;

  g_object_unref (form->view);
  g_free (form->product_id);
  g_ptr_array_unref (form->groups);
  g_ptr_array_unref (form->checks);
  g_clear_pointer (&form->variants, g_ptr_array_unref);
  g_ptr_array_unref (form->variant_checks);
  g_free (form);
}

static gboolean
apply_choices (DukaSellDialog  *dialog,
               gpointer         data,
               GError         **error)
{
  ChoicesForm *form = data;
  g_autoptr(GPtrArray) option_ids = g_ptr_array_new ();
  DukaLineRequest request = { .product_id = form->product_id, .quantity = 1000 };

  for (guint i = 0; i < form->variant_checks->len; i++)
    if (gtk_check_button_get_active (form->variant_checks->pdata[i]))
      request.variant_id = g_object_get_data (form->variant_checks->pdata[i], "id");
  if (form->variant_checks->len > 0 && request.variant_id == NULL)
    {
      g_set_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_CHOICES,
                   _("Choose a size or kind first."));
      return FALSE;
    }

  for (guint i = 0; i < form->groups->len; i++)
    {
      JsonObject *group = form->groups->pdata[i];
      GPtrArray *checks = form->checks->pdata[i];
      gint64 min = json_object_get_int_member_with_default (group, "min_choices", 0);
      gint64 max = json_object_get_int_member_with_default (group, "max_choices", 1);
      gint64 chosen = 0;

      for (guint j = 0; j < checks->len; j++)
        if (gtk_check_button_get_active (checks->pdata[j]))
          {
            chosen++;
            g_ptr_array_add (option_ids, g_object_get_data (checks->pdata[j], "id"));
          }
      if (chosen < min || chosen > max)
        {
          const char *name = json_object_get_string_member_with_default (group, "name", "");

          if (min == max)
            g_set_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_CHOICES,
                         g_dngettext (GETTEXT_PACKAGE, "Choose %d option for “%s”.",
                                      "Choose %d options for “%s”.", (gulong) min),
                         (int) min, name);
          else
            g_set_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_CHOICES,
                         _("Choose between %d and %d options for “%s”."),
                         (int) min, (int) max, name);
          return FALSE;
        }
    }
  g_ptr_array_add (option_ids, NULL);
  request.option_ids = (const char * const *) option_ids->pdata;

  duka_sell_view_add_line (form->view, &request);
  return TRUE;
}

static void
option_toggled_cb (GtkCheckButton *check,
                   GPtrArray      *checks)
{
  gint64 max = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "max"));
  gint64 chosen = 0;

  if (!gtk_check_button_get_active (check) || max <= 1)
    return;
  for (guint i = 0; i < checks->len; i++)
    chosen += gtk_check_button_get_active (checks->pdata[i]);
  /* Over the group's maximum: the newest choice wins over nothing; say so
   * by refusing the tick. */
  if (chosen > max)
    gtk_check_button_set_active (check, FALSE);
}

static GtkCheckButton *
add_choice_row (AdwPreferencesGroup *group,
                GtkCheckButton      *radio_group,
                const char          *id,
                const char          *title,
                const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  if (radio_group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), radio_group);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data_full (G_OBJECT (check), "id", g_strdup (id), g_free);
  adw_preferences_group_add (group, row);

  return GTK_CHECK_BUTTON (check);
}

/* Items with variants or modifier groups ask for the choices first. */
gboolean
duka_sell_view_ask_choices (DukaSellView *self,
                            DukaProduct  *product)
{
  g_autoptr(JsonObject) record = duka_catalog_get (self->catalog, "product",
                                                   duka_product_get_id (product), NULL);
  JsonArray *group_ids = record && json_object_has_member (record, "modifier_group_ids")
                         ? json_object_get_array_member (record, "modifier_group_ids") : NULL;
  g_autoptr(GPtrArray) variants = duka_catalog_list_variants (self->catalog, duka_product_get_id (product), NULL);
  ChoicesForm *form;
  DukaSellDialog *dialog;

  if ((group_ids == NULL || json_array_get_length (group_ids) == 0) &&
      (variants == NULL || variants->len == 0))
    return FALSE;

  form = g_new0 (ChoicesForm, 1);
  form->view = g_object_ref (self);
  form->product_id = g_strdup (duka_product_get_id (product));
  form->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  form->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  form->variants = g_steal_pointer (&variants);
  form->variant_checks = g_ptr_array_new ();

  dialog = duka_sell_dialog_new (GTK_WIDGET (self), duka_product_get_name (product),
                                 _("_Add to Order"), apply_choices, form, choices_form_free);

  if (form->variants != NULL && form->variants->len > 0)
    {
      AdwPreferencesGroup *group = duka_sell_dialog_add_group (dialog, _("Size"), NULL);
      GtkCheckButton *first = NULL;

      for (guint i = 0; i < form->variants->len; i++)
        {
          JsonObject *variant = form->variants->pdata[i];
          g_autofree char *price = duka_sell_view_format_money (self,
            json_object_get_int_member_with_default (variant, "price", 0));
          GtkCheckButton *check = add_choice_row (group, first,
                                                  json_object_get_string_member (variant, "id"),
                                                  json_object_get_string_member_with_default (variant, "name", ""),
                                                  price);

          if (first == NULL)
            first = check;
          g_ptr_array_add (form->variant_checks, check);
        }
    }

  for (guint i = 0; group_ids != NULL && i < json_array_get_length (group_ids); i++)
    {
      g_autoptr(JsonObject) group = duka_catalog_get (self->catalog, "modifier_group",
                                                      json_array_get_string_element (group_ids, i), NULL);
      JsonArray *options;
      gint64 min, max;
      g_autofree char *rule = NULL;
      AdwPreferencesGroup *widget;
      GPtrArray *checks;
      GtkCheckButton *radio = NULL;

      if (group == NULL)
        continue;
      min = json_object_get_int_member_with_default (group, "min_choices", 0);
      max = json_object_get_int_member_with_default (group, "max_choices", 1);
      options = json_object_get_array_member (group, "options");
      if (min == max)
        rule = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Choose %d", "Choose %d", (gulong) min), (int) min);
      else if (min == 0)
        rule = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Up to %d", "Up to %d", (gulong) max), (int) max);
      else
        rule = g_strdup_printf (_("Choose %d to %d"), (int) min, (int) max);
      widget = duka_sell_dialog_add_group (dialog, json_object_get_string_member_with_default (group, "name", ""), rule);
      checks = g_ptr_array_new ();

      for (guint j = 0; options != NULL && j < json_array_get_length (options); j++)
        {
          JsonObject *option = json_array_get_object_element (options, j);
          gint64 price = json_object_get_int_member_with_default (option, "price", 0);
          g_autofree char *price_text = price ? duka_sell_view_format_money (self, price) : NULL;
          GtkCheckButton *check = add_choice_row (widget, max == 1 && min == 1 ? radio : NULL,
                                                  json_object_get_string_member (option, "id"),
                                                  json_object_get_string_member_with_default (option, "name", ""),
                                                  price_text);

          if (radio == NULL)
            radio = check;
          if (json_object_get_boolean_member_with_default (option, "default", FALSE))
            gtk_check_button_set_active (check, TRUE);
          g_object_set_data (G_OBJECT (check), "max", GINT_TO_POINTER ((int) max));
          g_signal_connect (check, "toggled", G_CALLBACK (option_toggled_cb), checks);
          g_ptr_array_add (checks, check);
        }
      g_ptr_array_add (form->groups, json_object_ref (group));
      g_ptr_array_add (form->checks, checks);
    }

  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

