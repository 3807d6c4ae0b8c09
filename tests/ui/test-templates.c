/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The version macros cannot see .ui files, so every template and builder
 * file in the resources is instantiated once here, on Debian 12's GTK and
 * libadwaita.  A new .ui file is covered without touching this test.
 */
#include <string.h>

#include "duka-application.h"
#include "duka-combo-editor.h"
#include "duka-item-editor.h"
#include "duka-lock-screen.h"
#include "duka-menu-item-row.h"
#include "duka-menu-view.h"
#include "duka-modifier-group-editor.h"
#include "duka-override-dialog.h"
#include "duka-pin-pad.h"
#include "duka-receipt-settings-page.h"
#include "duka-sell-view.h"
#include "duka-settings-view.h"
#include "duka-staff-view.h"
#include "duka-test-ui.h"
#include "duka-window.h"

static void
collect_ui_files (const char *path,
                  GPtrArray  *out)
{
  g_auto(GStrv) children = g_resources_enumerate_children (path, 0, NULL);

  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      g_autofree char *child = g_strconcat (path, children[i], NULL);

      if (g_str_has_suffix (children[i], "/"))
        collect_ui_files (child, out);
      else if (g_str_has_suffix (children[i], ".ui"))
        g_ptr_array_add (out, g_steal_pointer (&child));
    }
}

static char *
template_class (const char *xml)
{
  const char *start = strstr (xml, "<template class=\"");

  if (start == NULL)
    return NULL;
  start += strlen ("<template class=\"");
  return g_strndup (start, strcspn (start, "\""));
}

static void
test_instantiate (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  g_autofree char *klass = template_class (g_bytes_get_data (bytes, NULL));

  if (klass != NULL)
    {
      g_autoptr(DukaBusinessSettings) settings = duka_test_new_business_settings (TRUE);
      GType type = g_type_from_name (klass);
      g_autoptr(GTypeClass) type_class = NULL;
      GObject *object;

      g_test_message ("template %s in %s", klass, path);
      g_assert_true (type != G_TYPE_INVALID);
      type_class = g_type_class_ref (type);

      if (g_object_class_find_property (G_OBJECT_CLASS (type_class), "business-settings"))
        object = g_object_new (type, "business-settings", settings, NULL);
      else
        object = g_object_new (type, NULL);

      if (GTK_IS_WINDOW (object))
        duka_test_destroy_window (GTK_WINDOW (object));
      else
        {
          g_object_ref_sink (object);
          g_assert_finalize_object (object);
        }
    }
  else
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new ();
      g_autoptr(GError) error = NULL;
      GSList *objects;

      gtk_builder_add_from_resource (builder, path, &error);
      g_assert_no_error (error);
      objects = gtk_builder_get_objects (builder);
      g_assert_nonnull (objects);
      for (GSList *l = objects; l != NULL; l = l->next)
        if (GTK_IS_WINDOW (l->data))
          gtk_window_destroy (l->data);
      g_slist_free (objects);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  duka_test_ui_init (&argc, &argv);

  /* Register every class that owns a template. */
  g_type_ensure (DUKA_TYPE_APPLICATION);
  g_type_ensure (DUKA_TYPE_WINDOW);
  g_type_ensure (DUKA_TYPE_SETTINGS_VIEW);
  g_type_ensure (DUKA_TYPE_MENU_VIEW);
  g_type_ensure (DUKA_TYPE_ITEM_EDITOR);
  g_type_ensure (DUKA_TYPE_COMBO_EDITOR);
  g_type_ensure (DUKA_TYPE_MENU_ITEM_ROW);
  g_type_ensure (DUKA_TYPE_MODIFIER_GROUP_EDITOR);
  g_type_ensure (DUKA_TYPE_LOCK_SCREEN);
  g_type_ensure (DUKA_TYPE_OVERRIDE_DIALOG);
  g_type_ensure (DUKA_TYPE_PIN_PAD);
  g_type_ensure (DUKA_TYPE_RECEIPT_SETTINGS_PAGE);
  g_type_ensure (DUKA_TYPE_SELL_VIEW);
  g_type_ensure (DUKA_TYPE_STAFF_VIEW);

  collect_ui_files (RESOURCE_PATH "/", files);
  g_assert_cmpuint (files->len, >=, 3);

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *name = g_strconcat ("/templates", (char *) files->pdata[i]
                                           + strlen (RESOURCE_PATH), NULL);

      g_test_add_data_func (name, files->pdata[i], test_instantiate);
    }

  return g_test_run ();
}
