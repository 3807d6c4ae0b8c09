/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>
#include <locale.h>

#include "duka-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DukaApplication) app = NULL;
  const char *localedir = g_getenv ("DUKA_LOCALEDIR");

  /* DUKA_LOCALEDIR lets an uninstalled build (build-aux/run, the tests) use
   * the translations it just compiled. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = duka_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
