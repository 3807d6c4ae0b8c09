/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every form of the menu builder shares: reading a price as typed,
 * writing one back for editing, offering categories and other choices by
 * id, and choosing and showing a picture.  Why a field is refused is shown
 * beside it by duka-form.c, the way the settings form does.
 */
#include <glib/gi18n.h>

#include <langinfo.h>
#include <string.h>

#include "duka-category.h"
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

/* Choice rows ---------------------------------------------------------- */

/* Where @id stands in @ids, or 0 (the "none" choice) when it is not there. */
guint
duka_menu_index_of_id (GPtrArray  *ids,
                       const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return i;

  return 0;
}

/* The id of what @row has chosen, where @ids holds one for each choice. */
const char *
duka_menu_selected_id (AdwComboRow *row,
                       GPtrArray   *ids)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= ids->len)
    return NULL;

  return g_ptr_array_index (ids, selected);
}

/* Offers @names in @row, keeping @keep chosen while it is still there. */
void
duka_menu_set_choices (AdwComboRow *row,
                       GListModel  *names,
                       GPtrArray   *ids,
                       const char  *keep)
{
  adw_combo_row_set_model (row, names);
  adw_combo_row_set_selected (row, duka_menu_index_of_id (ids, keep));
}

/* Offers "No category" and every category in @row, with their ids in
 * @ids, keeping the one chosen. */
void
duka_menu_reload_category_row (AdwComboRow *row,
                               GPtrArray   *ids,
                               GListModel  *categories)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *keep = g_strdup (duka_menu_selected_id (row, ids));

  g_ptr_array_set_size (ids, 0);
  gtk_string_list_append (names, _("No category"));
  g_ptr_array_add (ids, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(DukaCategory) category = g_list_model_get_item (categories, i);
      g_autoptr(GString) name = g_string_new (NULL);

      /* Sub-categories are shown under their parent, indented. */
      for (guint d = 0; d < duka_category_get_depth (category); d++)
        g_string_append (name, "    ");
      g_string_append (name, duka_category_get_name (category));
      gtk_string_list_append (names, name->str);
      g_ptr_array_add (ids, g_strdup (duka_category_get_id (category)));
    }

  duka_menu_set_choices (row, G_LIST_MODEL (names), ids, keep);
}

/* A text field core stores as null when it is empty. */
void
duka_menu_set_optional_string (JsonObject *record,
                               const char *name,
                               const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (record, name, value);
  else
    json_object_set_null_member (record, name);
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

/**
 * duka_menu_take_chosen_picture:
 * @editor: the form that asked for the picture
 * @image: (inout): the form's picture hash, replaced by the one chosen
 *
 * Finishes duka_menu_choose_picture_async() for @editor; why it failed,
 * unless the chooser was dismissed, is told in a toast.
 *
 * Returns: whether a picture was chosen
 */
gboolean
duka_menu_take_chosen_picture (GtkWidget     *editor,
                               GAsyncResult  *result,
                               char         **image)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = duka_menu_choose_picture_finish (result, &error);

  if (hash == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_widget_activate_action (editor, "win.show-toast", "s", error->message);
      return FALSE;
    }

  g_free (*image);
  *image = g_steal_pointer (&hash);
  return TRUE;
}

/**
 * duka_menu_show_picture:
 * @image: (nullable): the picture's hash, or %NULL for none
 * @remove_action: @editor's action that removes the picture
 *
 * Shows @image's thumbnail, once loaded, in @preview and says in @row
 * whether there is one.
 */
void
duka_menu_show_picture (GtkWidget          *editor,
                        DukaThumbnailCache *thumbnails,
                        const char         *image,
                        GtkImage           *preview,
                        AdwActionRow       *row,
                        const char         *remove_action)
{
  GdkTexture *texture = NULL;

  if (image != NULL && thumbnails != NULL)
    texture = duka_thumbnail_cache_lookup (thumbnails, image);

  if (texture != NULL)
    gtk_image_set_from_paintable (preview, GDK_PAINTABLE (texture));
  else
    gtk_image_set_from_icon_name (preview, "duka-menu-symbolic");

  adw_action_row_set_subtitle (row, image ? _("Shown on the till’s buttons")
                                          : _("No picture"));
  gtk_widget_action_set_enabled (editor, remove_action, image != NULL);
}
