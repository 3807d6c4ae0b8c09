/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * duka-admin: back-office work on a Duka store from the command line.
 */
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "duka-business-settings.h"
#include "duka-demo.h"
#include "duka-store.h"

typedef int (*CommandFunc) (DukaStore *store,
                            int        argc,
                            char     **argv);

static gboolean opt_demo;

static int
command_init (DukaStore *store,
              int        argc,
              char     **argv)
{
  g_autoptr(DukaBusinessSettings) settings = duka_business_settings_new (store);
  g_autoptr(GError) error = NULL;

  if (duka_business_settings_is_configured (settings))
    {
      g_printerr (_("%s already holds a business; nothing was changed.\n"),
                  duka_store_get_data_dir (store));
      return 1;
    }

  if (opt_demo && !duka_demo_fill (store, &error))
    {
      g_printerr (_("Could not create the demo business: %s\n"), error->message);
      return 1;
    }

  g_print (opt_demo ? _("Created the demo business in %s\n")
                    : _("Created an empty store in %s\n"),
           duka_store_get_data_dir (store));
  return 0;
}

static int
command_info (DukaStore *store,
              int        argc,
              char     **argv)
{
  g_autoptr(DukaBusinessSettings) settings = duka_business_settings_new (store);
  g_autoptr(DukaProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  g_print (_("Data folder: %s\n"), duka_store_get_data_dir (store));
  g_print (_("Data version: %d\n"), duka_store_get_schema_version (store));

  if (!duka_business_settings_is_configured (settings))
    {
      g_print (_("Business: not set up yet\n"));
      return 0;
    }

  profile = duka_business_settings_load (settings, &error);
  if (profile == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print (_("Business: %s\n"), profile->business_name);
  g_print (_("Outlet: %s (%s, %s)\n"), profile->outlet_name,
           profile->time_zone, profile->currency);
  g_print (_("Till: %s (%s)\n"), profile->till_name, profile->till_code);
  return 0;
}

static const struct {
  const char  *name;
  CommandFunc  func;
  const char  *help;
} commands[] = {
  { "init", command_init, N_("Create a store (with --demo: a demo business)") },
  { "info", command_info, N_("Show what the store holds") },
};

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(DukaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Use the store in DIR instead of your own"), N_("DIR") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &opt_demo,
      N_("With init: fill the store with a demo business"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE,
                  g_getenv ("DUKA_LOCALEDIR") ? g_getenv ("DUKA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_string_append (summary, _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (summary, "\n  %-8s %s", commands[i].name, _(commands[i].help));

  context = g_option_context_new (_("COMMAND — back-office work on a Duka store"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary->str);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return 2;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (argv[1], commands[i].name) != 0)
        continue;

      if (data_dir == NULL)
        data_dir = duka_store_get_default_data_dir ();

      store = duka_store_open (data_dir, &error);
      if (store == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      return commands[i].func (store, argc - 1, argv + 1);
    }

  g_printerr (_("Unknown command “%s”. Run duka-admin --help for the list.\n"), argv[1]);
  return 2;
}
