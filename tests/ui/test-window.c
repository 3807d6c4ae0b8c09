/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "duka-menu-view.h"
#include "duka-sell-view.h"
#include "duka-settings-view.h"
#include "duka-staff-view.h"
#include "duka-test-ui.h"
#include "duka-window.h"

static void
test_window_views (void)
{
  g_autoptr(DukaBusinessSettings) settings = duka_test_new_business_settings (TRUE);
  DukaWindow *window = duka_window_new (NULL, settings);

  gtk_window_present (GTK_WINDOW (window));
  duka_test_wait_mapped (GTK_WIDGET (window));

  /* A store that is set up opens on the register. */
  g_assert_cmpstr (duka_window_get_visible_view (window), ==, "sell");
  g_assert_cmpuint (duka_window_get_n_views (), ==, 8);

  for (guint i = 0; i < duka_window_get_n_views (); i++)
    {
      const char *name = duka_window_get_view_name (i);
      GtkWidget *view;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", name));
      duka_test_spin ();
      g_assert_cmpstr (duka_window_get_visible_view (window), ==, name);

      view = duka_window_get_view (window, name);
      g_assert_true (gtk_widget_get_mapped (view));
      if (g_str_equal (name, "settings"))
        g_assert_true (DUKA_IS_SETTINGS_VIEW (view));
      else if (g_str_equal (name, "menu"))
        g_assert_true (DUKA_IS_MENU_VIEW (view));
      else if (g_str_equal (name, "staff"))
        g_assert_true (DUKA_IS_STAFF_VIEW (view));
      else if (g_str_equal (name, "sell"))
        g_assert_true (DUKA_IS_SELL_VIEW (view));
      else
        {
          /* Views still to come say so, in words. */
          g_assert_true (ADW_IS_STATUS_PAGE (view));
          g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (view)),
                                    "not part of this version"));
        }
    }

  duka_test_destroy_window (GTK_WINDOW (window));
}

static void
test_window_first_run_opens_settings (void)
{
  g_autoptr(DukaBusinessSettings) settings = duka_test_new_business_settings (FALSE);
  DukaWindow *window = duka_window_new (NULL, settings);

  gtk_window_present (GTK_WINDOW (window));
  duka_test_wait_mapped (GTK_WIDGET (window));

  g_assert_cmpstr (duka_window_get_visible_view (window), ==, "settings");

  duka_test_destroy_window (GTK_WINDOW (window));
}

static void
test_window_folds_narrow (void)
{
  g_autoptr(DukaBusinessSettings) settings = duka_test_new_business_settings (TRUE);
  DukaWindow *window = duka_window_new (NULL, settings);
  AdwLeaflet *leaflet;

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 700);
  gtk_window_present (GTK_WINDOW (window));
  duka_test_wait_mapped (GTK_WIDGET (window));

  leaflet = ADW_LEAFLET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                        DUKA_TYPE_WINDOW, "leaflet"));
  while (!adw_leaflet_get_folded (leaflet))
    g_main_context_iteration (NULL, TRUE);

  /* Folded, a view fills the window and the back action returns to the
   * list of views. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "reports"));
  duka_test_spin ();
  g_assert_true ((GObject *) adw_leaflet_get_visible_child (leaflet) ==
                 gtk_widget_get_template_child (GTK_WIDGET (window), DUKA_TYPE_WINDOW, "content_box"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  duka_test_spin ();
  g_assert_true ((GObject *) adw_leaflet_get_visible_child (leaflet) ==
                 gtk_widget_get_template_child (GTK_WIDGET (window), DUKA_TYPE_WINDOW, "sidebar_box"));

  duka_test_destroy_window (GTK_WINDOW (window));
}

static void
test_window_size_remembered (void)
{
  g_autoptr(DukaBusinessSettings) settings = duka_test_new_business_settings (TRUE);
  g_autoptr(GSettings) gsettings = g_settings_new ("io.github.dukapos.Duka");
  DukaWindow *window;
  int width, height;

  g_settings_set_int (gsettings, "window-width", 1024);
  g_settings_set_int (gsettings, "window-height", 700);

  window = duka_window_new (NULL, settings);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1024);
  g_assert_cmpint (height, ==, 700);

  gtk_window_present (GTK_WINDOW (window));
  duka_test_wait_mapped (GTK_WIDGET (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  duka_test_spin ();
  gtk_window_close (GTK_WINDOW (window));
  duka_test_spin ();

  g_assert_cmpint (g_settings_get_int (gsettings, "window-width"), ==, 1100);
  g_assert_cmpint (g_settings_get_int (gsettings, "window-height"), ==, 720);
}

static void
test_window_in_spanish (void)
{
  g_autoptr(DukaBusinessSettings) settings = duka_test_new_business_settings (TRUE);
  g_autofree char *previous = g_strdup (setlocale (LC_ALL, NULL));
  DukaWindow *window;
  AdwWindowTitle *title;

  if (setlocale (LC_ALL, "es_ES.UTF-8") == NULL)
    g_error ("The es_ES.UTF-8 locale is missing; run build-aux/setup-locales");

  window = duka_window_new (NULL, settings);
  gtk_window_present (GTK_WINDOW (window));
  duka_test_wait_mapped (GTK_WIDGET (window));

  title = ADW_WINDOW_TITLE (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                          DUKA_TYPE_WINDOW, "content_title"));
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Vender");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "settings");
  duka_test_spin ();
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Ajustes");

  duka_test_destroy_window (GTK_WINDOW (window));
  setlocale (LC_ALL, previous);
}

int
main (int   argc,
      char *argv[])
{
  duka_test_ui_init (&argc, &argv);

  g_test_add_func ("/window/views", test_window_views);
  g_test_add_func ("/window/first-run-opens-settings", test_window_first_run_opens_settings);
  g_test_add_func ("/window/folds-narrow", test_window_folds_narrow);
  g_test_add_func ("/window/size-remembered", test_window_size_remembered);
  g_test_add_func ("/window/in-spanish", test_window_in_spanish);

  return g_test_run ();
}
