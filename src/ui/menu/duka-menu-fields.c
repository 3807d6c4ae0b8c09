/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every form of the menu builder shares: reading a price as typed,
 * writing one back for editing, and showing why a field is refused right
 * beside it, the way the settings form does; and choosing a picture.
 */
#include <glib/gi18n.h>

#include <langinfo.h>
#include <string.h>

#include "duka-menu-fields.h"
#include "duka-money.h"

/**
 * duka_menu_parse_price:
 * @out_reason: (out) (optional): why @text is refused, in plain words
 *
 * Reads a price as typed in the person's locale, in the currency's minor
 * units; refuses garbage, too many decimals, a negative price (unless
 * allowed) and anything larger than a catalog field may hold.
 */
gboolean
duka_menu_parse_price (const char          *text,
                       const DukaCurrency  *currency,
                       DukaPriceFlags       flags,
                       gboolean            *out_empty,
                       gint64              *out_minor,
                       char               **out_reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  gint64 amount = 0;

  if (out_empty != NULL)
    *out_empty = *stripped == '\0';

  if (*stripped == '\0')
    {
      *out_minor = 0;
      if (flags & DUKA_PRICE_OPTIONAL)
        return TRUE;
      if (out_reason != NULL)
        *out_reason = g_strdup (_("Enter a price"));
      return FALSE;
    }

  if (currency == NULL ||
      !duka_money_parse (stripped, currency, LC_GLOBAL_LOCALE, &amount, &error))
    {
      if (out_reason != NULL)
        *out_reason = g_strdup (error ? error->message : _("That is not an amount."));
      return FALSE;
    }

  if (amount < 0 && !(flags & DUKA_PRICE_ALLOW_NEGATIVE))
    {
      if (out_reason != NULL)
        *out_reason = g_strdup (_("A price cannot be negative"));
      return FALSE;
    }

  if (amount > DUKA_MENU_PRICE_MAX || amount < -DUKA_MENU_PRICE_MAX)
    {
      if (out_reason != NULL)
        *out_reason = g_strdup (_("That price is too large"));
      return FALSE;
    }

  *out_minor = amount;
  return TRUE;
}

/* An amount as a person would type it: no symbol, no grouping, the
 * locale's decimal mark; integer arithmetic only. */
char *
duka_menu_price_to_text (gint64              amount_minor,
                         const DukaCurrency *currency)
{
  const char *mark;
  guint64 magnitude;
  guint64 scale = 1;
  guint exponent;

  g_return_val_if_fail (currency != NULL, NULL);

  exponent = currency->exponent;
  for (guint i = 0; i < exponent; i++)
    scale *= 10;

  magnitude = amount_minor < 0 ? (guint64) (-(amount_minor + 1)) + 1 : (guint64) amount_minor;
  if (exponent == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, amount_minor < 0 ? "-" : "", magnitude);

  mark = nl_langinfo (MON_DECIMAL_POINT);
  if (mark == NULL || *mark == '\0')
    mark = nl_langinfo (RADIXCHAR);
  if (mark == NULL || *mark == '\0')
    mark = ".";

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT "%s%0*" G_GUINT64_FORMAT,
                          amount_minor < 0 ? "-" : "",
                          magnitude / scale, mark, (int) exponent, magnitude % scale);
}

/* A caption beside a row's field that says what is wrong with it. */
GtkLabel *
duka_menu_add_reason_label (GtkWidget *row)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);

  if (ADW_IS_ENTRY_ROW (row))
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), label);
  else if (ADW_IS_ACTION_ROW (row))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return GTK_LABEL (label);
}

void
duka_menu_show_reason (GtkWidget  *row,
                       GtkLabel   *label,
                       const char *reason)
{
  if (reason != NULL)
    {
      gtk_label_set_text (label, reason);
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
      gtk_label_set_text (label, "");
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }

  gtk_widget_set_visible (GTK_WIDGET (label), reason != NULL);
}

/* Barcodes are kept as GTIN-14; people know them by the digits printed
 * under the bars, EAN-13 or EAN-8. */
char *
duka_menu_barcode_for_display (const char *gtin14)
{
  gsize len = strlen (gtin14);

  if (len == 14 && strncmp (gtin14, "000000", 6) == 0)
    return g_strdup (gtin14 + 6);
  if (len == 14 && gtin14[0] == '0')
    return g_strdup (gtin14 + 1);

  return g_strdup (gtin14);
}

/* Choosing a picture --------------------------------------------------- */

typedef struct
{
  DukaCatalog          *catalog;
  GtkFileChooserNative *chooser;
} ChoosePicture;

static void
choose_picture_free (ChoosePicture *data)
{
  if (data->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (data->chooser));
  g_clear_object (&data->chooser);
  g_clear_object (&data->catalog);
  g_free (data);
}

static void
picture_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ChoosePicture *data = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  char *hash = NULL;

  bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  if (bytes != NULL)
    hash = duka_catalog_add_image (data->catalog, bytes, &error);

  if (hash == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hash, g_free);
}

static void
picture_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_signal_handlers_disconnect_by_data (chooser, task);

  if (file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("No picture was chosen"));
      return;
    }

  g_file_load_bytes_async (file, g_task_get_cancellable (task), picture_loaded_cb,
                           g_steal_pointer (&task));
}

/**
 * duka_menu_choose_picture_async:
 *
 * Asks for a picture file and adds it to the catalog's pictures; finish
 * gives its hash.  Dismissing the chooser ends with %G_IO_ERROR_CANCELLED;
 * @cancellable stops reading the file once it is chosen.
 */
void
duka_menu_choose_picture_async (GtkWidget           *widget,
                                DukaCatalog         *catalog,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GTask) task = NULL;
  ChoosePicture *data = g_new0 (ChoosePicture, 1);

  task = g_task_new (widget, cancellable, callback, user_data);
  g_task_set_source_tag (task, duka_menu_choose_picture_async);
  g_task_set_task_data (task, data, (GDestroyNotify) choose_picture_free);
  data->catalog = g_object_ref (catalog);

  gtk_file_filter_set_name (filter, _("Pictures"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");

  data->chooser = gtk_file_chooser_native_new (_("Choose a Picture"),
                                               GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (data->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (data->chooser), filter);
  g_signal_connect (data->chooser, "response", G_CALLBACK (picture_chosen_cb),
                    g_object_ref (task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (data->chooser));
}

/**
 * duka_menu_choose_picture_finish:
 *
 * Returns: (transfer full): the hash of the picture added
 */
char *
duka_menu_choose_picture_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
