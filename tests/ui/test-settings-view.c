/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "duka-settings-view.h"
#include "duka-test-ui.h"
#include "duka-window.h"

typedef struct
{
  DukaBusinessSettings *settings;
  DukaWindow           *window;
  DukaSettingsView     *view;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->settings = duka_test_new_business_settings (GPOINTER_TO_INT (data));
  f->window = duka_window_new (NULL, f->settings);
  gtk_window_present (GTK_WINDOW (f->window));
  duka_test_wait_mapped (GTK_WIDGET (f->window));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "settings");
  duka_test_spin ();
  f->view = DUKA_SETTINGS_VIEW (duka_window_get_view (f->window, "settings"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  duka_test_destroy_window (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->settings);
}

static GtkEditable *
field (Fixture    *f,
       const char *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (f->view),
                                                  DUKA_TYPE_SETTINGS_VIEW, id);

  g_assert_nonnull (child);
  return GTK_EDITABLE (child);
}

static void
type_into (Fixture    *f,
           const char *id,
           const char *text)
{
  gtk_editable_set_text (field (f, id), text);
  duka_test_spin ();
}

static const char *
preview (Fixture    *f,
         const char *id)
{
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (f->view),
                                                                       DUKA_TYPE_SETTINGS_VIEW,
                                                                       id)));
}

static void
save (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->view), "settings.save", NULL);
  duka_test_spin ();
}

static void
test_first_run_setup (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DukaProfile) saved = NULL;

  /* A new store: the form waits for a business name, and refuses to save
   * without one. */
  g_assert_false (duka_business_settings_is_configured (f->settings));
  g_assert_true (duka_settings_view_get_dirty (f->view));
  g_assert_false (duka_settings_view_get_valid (f->view));
  g_assert_nonnull (duka_settings_view_get_field_error (f->view, DUKA_PROFILE_FIELD_BUSINESS_NAME));
  save (f);
  g_assert_false (duka_business_settings_is_configured (f->settings));

  type_into (f, "business_name_row", "Kibanda Bar & Grill");
  type_into (f, "time_zone_row", "Europe/Madrid");
  type_into (f, "currency_row", "eur");
  type_into (f, "till_code_row", "bar1");
  g_assert_true (duka_settings_view_get_valid (f->view));
  g_assert_null (duka_settings_view_get_field_error (f->view, DUKA_PROFILE_FIELD_BUSINESS_NAME));
  g_assert_cmpstr (preview (f, "preview_receipt_label"), ==, "BAR1-1042");

  save (f);
  g_assert_true (duka_business_settings_is_configured (f->settings));
  g_assert_false (duka_settings_view_get_dirty (f->view));

  saved = duka_business_settings_load (f->settings, NULL);
  g_assert_cmpstr (saved->business_name, ==, "Kibanda Bar & Grill");
  g_assert_cmpstr (saved->time_zone, ==, "Europe/Madrid");
  g_assert_cmpstr (saved->currency, ==, "EUR");
  g_assert_cmpstr (saved->till_code, ==, "BAR1");
}

static void
test_invalid_fields_block_save (Fixture       *f,
                                gconstpointer  data)
{
  const struct {
    const char *id;
    DukaProfileField field;
    const char *bad;
  } cases[] = {
    { "business_name_row", DUKA_PROFILE_FIELD_BUSINESS_NAME, "" },
    { "time_zone_row", DUKA_PROFILE_FIELD_TIME_ZONE, "Nairobi" },
    { "currency_row", DUKA_PROFILE_FIELD_CURRENCY, "KSH" },
    { "till_code_row", DUKA_PROFILE_FIELD_TILL_CODE, "T-1" },
    { "till_code_row", DUKA_PROFILE_FIELD_TILL_CODE, "TOOLONGCODE" },
    { "till_name_row", DUKA_PROFILE_FIELD_TILL_NAME, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DukaProfile) before = duka_business_settings_load (f->settings, NULL);
      g_autoptr(DukaProfile) after = NULL;
      g_autofree char *good = g_strdup (gtk_editable_get_text (field (f, cases[i].id)));

      type_into (f, cases[i].id, cases[i].bad);
      g_assert_true (duka_settings_view_get_dirty (f->view));
      g_assert_false (duka_settings_view_get_valid (f->view));
      g_assert_nonnull (duka_settings_view_get_field_error (f->view, cases[i].field));
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (field (f, cases[i].id)), "error"));

      save (f);
      after = duka_business_settings_load (f->settings, NULL);
      g_assert_true (duka_profile_equal (before, after));

      type_into (f, cases[i].id, good);
      g_assert_null (duka_settings_view_get_field_error (f->view, cases[i].field));
      g_assert_false (duka_settings_view_get_dirty (f->view));
    }
}

static void
test_revert (Fixture       *f,
             gconstpointer  data)
{
  type_into (f, "business_name_row", "Something Else");
  g_assert_true (duka_settings_view_get_dirty (f->view));
  gtk_widget_activate_action (GTK_WIDGET (f->view), "settings.revert", NULL);
  duka_test_spin ();
  g_assert_false (duka_settings_view_get_dirty (f->view));
  g_assert_cmpstr (gtk_editable_get_text (field (f, "business_name_row")), ==, "Duka Café & Shop");
}

static void
test_preview_follows_currency (Fixture       *f,
                               gconstpointer  data)
{
  /* The demo is in KES; the sample sale is 12,345.67 in the currency's
   * own minor units. */
  g_assert_nonnull (strstr (preview (f, "preview_sale_label"), "12,345.67"));
  type_into (f, "currency_row", "JPY");
  g_assert_nonnull (strstr (preview (f, "preview_sale_label"), "12,345"));
  g_assert_null (strstr (preview (f, "preview_sale_label"), "."));
  type_into (f, "currency_row", "KWD");
  g_assert_nonnull (strstr (preview (f, "preview_sale_label"), "12,345.670"));
  g_assert_nonnull (strstr (preview (f, "preview_refund_label"), "45.500"));
}

static void
test_edit_updates_window (Fixture       *f,
                          gconstpointer  data)
{
  AdwWindowTitle *title = ADW_WINDOW_TITLE (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                                           DUKA_TYPE_WINDOW,
                                                                           "sidebar_title"));

  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Duka Café & Shop");
  type_into (f, "business_name_row", "Duka Deli");
  save (f);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Duka Deli");
}

int
main (int   argc,
      char *argv[])
{
  const char *locale;

  duka_test_ui_init (&argc, &argv);

  /* The preview is checked in a known locale, not whatever the machine
   * has: it must exist (build-aux/setup-locales). */
  locale = setlocale (LC_ALL, "en_US.UTF-8");
  if (locale == NULL)
    g_error ("The en_US.UTF-8 locale is missing; run build-aux/setup-locales");

  g_test_add ("/settings-view/first-run-setup", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_first_run_setup, fixture_tear_down);
  g_test_add ("/settings-view/invalid-fields-block-save", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_invalid_fields_block_save, fixture_tear_down);
  g_test_add ("/settings-view/revert", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_revert, fixture_tear_down);
  g_test_add ("/settings-view/preview-follows-currency", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_preview_follows_currency, fixture_tear_down);
  g_test_add ("/settings-view/edit-updates-window", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_edit_updates_window, fixture_tear_down);

  return g_test_run ();
}
