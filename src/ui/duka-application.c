/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "duka-application.h"
#include "duka-bench-hooks.h"
#include "duka-business-settings.h"
#include "duka-staff.h"
#include "duka-window.h"

struct _DukaApplication
{
  AdwApplication        parent_instance;

  char                 *data_dir;
  DukaStore            *store;
  DukaBusinessSettings *business_settings;
  DukaStaff            *staff;
  GError               *open_error;
};

G_DEFINE_FINAL_TYPE (DukaApplication, duka_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Run on the store in DIR instead of your own (training, demos, "
       "several tills on one computer)"), N_("DIR") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and quit"), NULL },
  { NULL }
};

static int
duka_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  DukaApplication *self = DUKA_APPLICATION (app);
  g_autofree char *data_dir = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("duka %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* With its own data folder a Duka is a till of its own: it must not hand
   * its window over to another Duka already running on the session bus. */
  if (g_variant_dict_lookup (options, "data-dir", "^ay", &data_dir))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (data_dir);

      self->data_dir = g_file_get_path (file);
      g_application_set_flags (app, g_application_get_flags (app) |
                                    G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
show_open_error (DukaApplication *self)
{
  GtkWidget *dialog;

  g_printerr ("%s\n", self->open_error->message);

  dialog = adw_message_dialog_new (NULL, _("Duka Cannot Open Its Data"),
                                   self->open_error->message);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Duka Cannot Open Its Data"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_object (dialog, "response", G_CALLBACK (g_application_quit),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
duka_application_activate (GApplication *app)
{
  DukaApplication *self = DUKA_APPLICATION (app);
  GtkWindow *window;

  if (self->open_error != NULL)
    {
      show_open_error (self);
      return;
    }

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      window = GTK_WINDOW (duka_window_new (GTK_APPLICATION (app),
                                            self->business_settings));
      duka_bench_hooks_attach (DUKA_WINDOW (window));
    }

  gtk_window_present (window);
}

static void
duka_application_startup (GApplication *app)
{
  DukaApplication *self = DUKA_APPLICATION (app);

  const char *quit_accels[] = { "<Control>q", NULL };
  const char *help_accels[] = { "F1", NULL };

  G_APPLICATION_CLASS (duka_application_parent_class)->startup (app);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);

  if (self->data_dir == NULL)
    self->data_dir = duka_store_get_default_data_dir ();

  self->store = duka_store_open (self->data_dir, &self->open_error);
  if (self->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      self->business_settings = duka_business_settings_new (self->store);

      /* Permissions are decided by people's roles from here on; a store
       * that is set up always has the built-in roles. */
      self->staff = duka_staff_new (self->store);
      duka_staff_install_resolver (self->staff);
      if (duka_business_settings_is_configured (self->business_settings) &&
          !duka_staff_ensure_built_in_roles (self->staff, &error))
        g_warning ("Could not create the built-in roles: %s", error->message);
    }
}

static void
duka_application_dispose (GObject *object)
{
  DukaApplication *self = (DukaApplication *) object;

  g_clear_object (&self->business_settings);
  g_clear_object (&self->staff);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (duka_application_parent_class)->dispose (object);
}

static void
duka_application_finalize (GObject *object)
{
  DukaApplication *self = (DukaApplication *) object;

  g_clear_pointer (&self->data_dir, g_free);
  g_clear_error (&self->open_error);

  G_OBJECT_CLASS (duka_application_parent_class)->finalize (object);
}

static void
duka_application_class_init (DukaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = duka_application_dispose;
  object_class->finalize = duka_application_finalize;
  app_class->handle_local_options = duka_application_handle_local_options;
  app_class->startup = duka_application_startup;
  app_class->activate = duka_application_activate;
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { "The Duka developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Duka"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Duka developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/dukapos/duka",
                        "issue-url", "https://github.com/dukapos/duka/issues",
                        "copyright", "© 2026 The Duka developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
help_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);

  gtk_show_uri (gtk_application_get_active_window (app), "help:duka",
                GDK_CURRENT_TIME);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Closing windows first lets them save their size. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (GTK_WINDOW (windows->data));
      windows = next;
    }
  g_application_quit (G_APPLICATION (app));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "help", help_action },
  { "quit", quit_action },
};

static void
duka_application_init (DukaApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
}

DukaApplication *
duka_application_new (void)
{
  return g_object_new (DUKA_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_PATH,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

const char *
duka_application_get_data_dir (DukaApplication *self)
{
  g_return_val_if_fail (DUKA_IS_APPLICATION (self), NULL);

  return self->data_dir;
}
