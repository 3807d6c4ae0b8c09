/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every form shares, the settings and the menu builder alike: the
 * reason a field is refused, shown right beside it in the error colour
 * and told to assistive technologies; or, for a field that is fine, an
 * optional quiet hint in its place.
 */
#include "duka-form.h"

/* A caption beside a row's field, hidden until there is something to say. */
GtkLabel *
duka_form_add_reason_label (GtkWidget *row)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_visible (label, FALSE);

  if (ADW_IS_ENTRY_ROW (row))
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), label);
  else if (ADW_IS_ACTION_ROW (row))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return GTK_LABEL (label);
}

/**
 * duka_form_show_reason:
 * @reason: (nullable): why the field is refused, or %NULL when it is fine
 * @hint: (nullable): what to show instead when it is fine
 *
 * Marks @row as refused with @reason beside it, or clears the mark and
 * shows @hint dimmed; the label is hidden when there is neither.
 */
void
duka_form_show_reason (GtkWidget  *row,
                       GtkLabel   *label,
                       const char *reason,
                       const char *hint)
{
  if (reason != NULL)
    {
      gtk_label_set_text (label, reason);
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason,
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_label_set_text (label, hint ? hint : "");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }

  gtk_widget_set_visible (GTK_WIDGET (label), reason != NULL || hint != NULL);
}

/**
 * duka_form_set_field_reason:
 * @errors: field name → reason, for the form's getters and its Save
 * @row: (nullable): the row to mark, or %NULL when nothing is shown
 * @label: (nullable): its reason label
 * @reason: (nullable): why @field is refused, or %NULL when it is fine
 *
 * Records @reason for @field and shows it beside the row.
 */
void
duka_form_set_field_reason (GHashTable *errors,
                            const char *field,
                            GtkWidget  *row,
                            GtkLabel   *label,
                            const char *reason)
{
  if (reason != NULL)
    g_hash_table_replace (errors, g_strdup (field), g_strdup (reason));
  else
    g_hash_table_remove (errors, field);

  if (row != NULL && label != NULL)
    duka_form_show_reason (row, label, reason, NULL);
}
