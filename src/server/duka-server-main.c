/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * duka-server [--config FILE]: settings from the file, then DUKA_SERVER_*
 * variables; migrates when migrations-url is set, then serves until
 * SIGINT or SIGTERM.
 */
#include <glib-unix.h>
#include <locale.h>
#include <sodium.h>

#include "duka-server.h"

static gboolean
quit (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config_path = NULL;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
      "Read settings from FILE (a key file with a [server] group)", "FILE" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the Duka tenant server");
  g_autoptr(DukaServerConfig) config = duka_server_config_new_default ();
  g_autoptr(DukaServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Every setting can also come from the environment, which wins over the file:\n"
    "  DUKA_SERVER_LISTEN, DUKA_SERVER_DATABASE_URL, DUKA_SERVER_MIGRATIONS_URL,\n"
    "  DUKA_SERVER_SIGNING_KEY, DUKA_SERVER_ISSUER, DUKA_SERVER_ACCESS_TOKEN_LIFETIME,\n"
    "  DUKA_SERVER_REFRESH_TOKEN_LIFETIME, DUKA_SERVER_REFRESH_GRACE,\n"
    "  DUKA_SERVER_PAIRING_CODE_LIFETIME, DUKA_SERVER_WORKERS, DUKA_SERVER_MAX_BODY_SIZE\n"
    "See src/server/API.md.");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("duka-server: %s\n", error->message);
      return 2;
    }

  if (version)
    {
      g_print ("duka-server %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (sodium_init () < 0)
    {
      g_printerr ("duka-server: libsodium failed to start\n");
      return 1;
    }

  if ((config_path != NULL && !duka_server_config_load_file (config, config_path, &error)) ||
      !duka_server_config_load_env (config, &error) ||
      !(server = duka_server_new (config, &error)) ||
      !duka_server_listen (server, &error))
    {
      g_printerr ("duka-server: %s\n", error->message);
      return 1;
    }

  g_printerr ("event=listening url=http://%s:%u/\n", config->listen_host, duka_server_get_port (server));

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit, loop);
  g_unix_signal_add (SIGTERM, quit, loop);
  g_main_loop_run (loop);

  g_printerr ("event=stopping\n");
  return 0;
}
