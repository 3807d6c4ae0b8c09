/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "duka-demo.h"
#include "duka-test-ui.h"

void
duka_test_ui_init (int    *argc,
                   char ***argv)
{
  const char *localedir = g_getenv ("DUKA_LOCALEDIR");

  if (localedir != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_PATH "/icons");
}

DukaBusinessSettings *
duka_test_new_business_settings (gboolean with_demo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("duka-ui-XXXXXX", &error);
  g_autoptr(DukaStore) store = NULL;

  g_assert_no_error (error);
  store = duka_store_open (dir, &error);
  g_assert_no_error (error);
  if (with_demo)
    {
      g_assert_true (duka_demo_fill (store, &error));
      g_assert_no_error (error);
    }

  return duka_business_settings_new (store);
}

/* Spins the main loop until the widget is on screen and has drawn. */
void
duka_test_wait_mapped (GtkWidget *widget)
{
  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
  duka_test_spin ();
}

void
duka_test_spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
clear_weak (gpointer data,
            GObject *where)
{
  *(gboolean *) data = TRUE;
}

/* Destroys the window and fails if anything still holds it. */
void
duka_test_destroy_window (GtkWindow *window)
{
  gboolean finalized = FALSE;

  g_object_weak_ref (G_OBJECT (window), clear_weak, &finalized);
  gtk_window_destroy (window);
  for (guint i = 0; i < 1000 && !finalized; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (finalized);
}
