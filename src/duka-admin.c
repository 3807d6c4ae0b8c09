/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * duka-admin: back-office work on a Duka store from the command line.
 */
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "duka-audit.h"
#include "duka-business-settings.h"
#include "duka-cash-sessions.h"
#include "duka-catalog.h"
#include "duka-catalog-io.h"
#include "duka-currency.h"
#include "duka-demo.h"
#include "duka-demo-sales.h"
#include "duka-money.h"
#include "duka-sales-import.h"
#include "duka-selling-verify.h"
#include "duka-staff.h"
#include "duka-store.h"

/* Exit codes: 0 done, 1 failed, 2 the command line was wrong. */
#define EXIT_FAILED 1
#define EXIT_USAGE  2

/* @store is NULL for commands that must not open the store (restore). */
typedef int (*CommandFunc) (DukaStore *store,
                            int        argc,
                            char     **argv);

static gboolean opt_demo;
static char *opt_data_dir;
static char *opt_till;
static char *opt_date;

static int
command_init (DukaStore *store,
              int        argc,
              char     **argv)
{
  g_autoptr(DukaBusinessSettings) settings = duka_business_settings_new (store);
  g_autoptr(DukaStaff) staff = duka_staff_new (store);
  g_autoptr(GError) error = NULL;

  if (duka_business_settings_is_configured (settings))
    {
      g_printerr (_("%s already holds a business; nothing was changed.\n"),
                  duka_store_get_data_dir (store));
      return 1;
    }

  if (opt_demo && (!duka_demo_fill (store, &error) ||
                   !duka_staff_ensure_built_in_roles (staff, &error) ||
                   !duka_demo_fill_catalog (store, &error) ||
                   !duka_demo_fill_staff (store, &error) ||
                   !duka_demo_fill_sales (store, &error)))
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

static int
usage_error (const char *message)
{
  g_printerr ("%s\n", message);
  return EXIT_USAGE;
}

static int
command_import_products (DukaStore *store,
                         int        argc,
                         char     **argv)
{
  g_autoptr(DukaBusinessSettings) settings = duka_business_settings_new (store);
  g_autoptr(DukaActor) actor = duka_business_settings_dup_actor (settings);
  g_autoptr(DukaCatalog) catalog = duka_catalog_new (store);
  g_autoptr(DukaImportReport) report = NULL;
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    return usage_error (_("Usage: duka-admin import-products FILE.csv"));

  file = g_str_equal (argv[1], "-") ? g_file_new_for_path ("/dev/stdin")
                                    : g_file_new_for_commandline_arg (argv[1]);
  input = g_file_read (file, NULL, &error);
  if (input == NULL)
    {
      g_printerr (_("Could not read %s: %s\n"), argv[1], error->message);
      return EXIT_FAILED;
    }

  if (!duka_catalog_import_csv (catalog, actor, G_INPUT_STREAM (input), &report, &error))
    {
      for (guint i = 0; report != NULL && i < report->problems->len; i++)
        {
          g_autofree char *line = duka_import_problem_to_string (report->problems->pdata[i]);

          g_printerr ("%s\n", line);
        }
      g_printerr ("%s\n", error->message);
      return EXIT_FAILED;
    }

  /* Translators: counts of products: new, changed, already the same */
  g_print (_("Imported %u new, %u changed and %u unchanged products.\n"),
           report->created, report->updated, report->unchanged);
  return 0;
}

static int
command_import_sales (DukaStore *store,
                      int        argc,
                      char     **argv)
{
  g_autoptr(DukaBusinessSettings) settings = duka_business_settings_new (store);
  g_autoptr(DukaActor) actor = duka_business_settings_dup_actor (settings);
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  guint imported = 0;

  if (argc != 2)
    return usage_error (_("Usage: duka-admin import-sales FILE.jsonl"));

  file = g_str_equal (argv[1], "-") ? g_file_new_for_path ("/dev/stdin")
                                    : g_file_new_for_commandline_arg (argv[1]);
  input = g_file_read (file, NULL, &error);
  if (input == NULL)
    {
      g_printerr (_("Could not read %s: %s\n"), argv[1], error->message);
      return EXIT_FAILED;
    }

  if (!duka_sales_import (store, actor, G_INPUT_STREAM (input), &imported, &problems, &error))
    {
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        g_printerr ("%s\n", (const char *) g_ptr_array_index (problems, i));
      g_printerr ("%s\n", error->message);
      return EXIT_FAILED;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u sale.\n", "Imported %u sales.\n", imported), imported);
  return 0;
}

static gint64
member_int (JsonObject *object,
            const char *member)
{
  return object != NULL ? json_object_get_int_member_with_default (object, member, 0) : 0;
}

/* A label and a value, aligned by characters, not bytes. */
static void
print_row (const char *label,
           const char *value)
{
  glong pad = 28 - g_utf8_strlen (label, -1);
  glong value_pad = 16 - g_utf8_strlen (value, -1);

  g_print ("  %s%*s %*s%s\n", label, (int) MAX (pad, 0), "", (int) MAX (value_pad, 0), "", value);
}

static void
print_amount_row (const char         *label,
                  gint64              amount,
                  const DukaCurrency *currency)
{
  g_autofree char *text = duka_money_format (amount, currency);

  print_row (label, text);
}

static void
print_z_report (JsonObject *z)
{
  JsonObject *report = json_object_get_object_member (z, "report");
  const DukaCurrency *currency = duka_currency_lookup (json_object_get_string_member_with_default (report, "currency", "USD"));
  JsonObject *sales = json_object_get_object_member (report, "sales");
  JsonObject *refunds = json_object_get_object_member (report, "refunds");
  JsonObject *cash = json_object_get_object_member (report, "cash");
  JsonArray *tenders = json_object_get_array_member (report, "by_tender");
  JsonArray *taxes = json_object_get_array_member (report, "by_tax");
  g_autofree char *sales_count = g_strdup_printf ("%" G_GINT64_FORMAT, member_int (sales, "count"));
  g_autofree char *refunds_count = g_strdup_printf ("%" G_GINT64_FORMAT, member_int (refunds, "count"));
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, member_int (z, "number"));

  /* Translators: the Z report's number, then its business date */
  g_print (_("Z report %s — %s\n"), number, json_object_get_string_member (z, "business_date"));
  print_row (_("Sales"), sales_count);
  print_amount_row (_("Sales total"), member_int (sales, "total"), currency);
  print_amount_row (_("Net"), member_int (sales, "net"), currency);
  print_amount_row (_("Tax"), member_int (sales, "tax"), currency);
  print_amount_row (_("Discounts"), member_int (sales, "discounts"), currency);
  print_amount_row (_("Tips"), member_int (sales, "tips"), currency);
  print_row (_("Refunds"), refunds_count);
  print_amount_row (_("Refunds total"), member_int (refunds, "total"), currency);
  if (tenders != NULL && json_array_get_length (tenders) > 0)
    {
      g_print ("%s\n", _("By way of paying"));
      for (guint i = 0; i < json_array_get_length (tenders); i++)
        {
          JsonObject *row = json_array_get_object_element (tenders, i);

          print_amount_row (json_object_get_string_member_with_default (row, "name", ""),
                            member_int (row, "amount") - member_int (row, "refunded"), currency);
        }
    }
  if (taxes != NULL && json_array_get_length (taxes) > 0)
    {
      g_print ("%s\n", _("By tax rate"));
      for (guint i = 0; i < json_array_get_length (taxes); i++)
        {
          JsonObject *row = json_array_get_object_element (taxes, i);

          print_amount_row (json_object_get_string_member_with_default (row, "name", ""),
                            member_int (row, "tax"), currency);
        }
    }
  g_print ("%s\n", _("Cash drawer"));
  print_amount_row (_("Float"), member_int (cash, "float"), currency);
  print_amount_row (_("Expected"), member_int (z, "expected_cash"), currency);
  print_amount_row (_("Counted"), member_int (z, "counted_cash"), currency);
  print_amount_row (_("Over or short"), member_int (z, "variance"), currency);
}

static int
command_report (DukaStore *store,
                int        argc,
                char     **argv)
{
  g_autoptr(DukaCashSessions) sessions = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  const char *till = opt_till;
  const char *date = opt_date;
  const char *usage = _("Usage: duka-admin report z --till CODE --date YYYY-MM-DD");
  int year = 0, month = 0, day = 0;

  if (argc != 2 || !g_str_equal (argv[1], "z") || date == NULL)
    return usage_error (usage);
  if (strlen (date) != 10 || date[4] != '-' || date[7] != '-' ||
      sscanf (date, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    {
      g_printerr (_("“%s” is not a date; write it as YYYY-MM-DD\n"), date);
      return EXIT_USAGE;
    }

  sessions = duka_cash_sessions_new (store);
  reports = duka_cash_sessions_list_z (sessions, date, till, &error);
  if (reports == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message : _("Could not read the Z reports"));
      return EXIT_FAILED;
    }
  if (reports->len == 0)
    {
      if (till != NULL)
        g_print (_("No Z report for till %s on %s: no cash session was closed that day.\n"), till, date);
      else
        g_print (_("No Z report on %s: no cash session was closed that day.\n"), date);
      return EXIT_FAILED;
    }
  for (guint i = 0; i < reports->len; i++)
    {
      if (i > 0)
        g_print ("\n");
      print_z_report (g_ptr_array_index (reports, i));
    }
  return 0;
}

static int
command_export_products (DukaStore *store,
                         int        argc,
                         char     **argv)
{
  g_autoptr(DukaCatalog) catalog = duka_catalog_new (store);
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean to_stdout;

  if (argc != 2)
    return usage_error (_("Usage: duka-admin export-products FILE.csv (or - for the terminal)"));

  to_stdout = g_str_equal (argv[1], "-");
  if (to_stdout)
    {
      file = g_file_new_for_path ("/dev/stdout");
      output = G_OUTPUT_STREAM (g_file_append_to (file, G_FILE_CREATE_NONE, NULL, &error));
    }
  else
    {
      /* Written beside the target and renamed over it at the end, so a
       * failed export never leaves half a file. */
      file = g_file_new_for_commandline_arg (argv[1]);
      output = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error));
    }

  if (output == NULL ||
      !duka_catalog_export_csv (catalog, output, &error) ||
      !g_output_stream_close (output, NULL, &error))
    {
      g_printerr (_("Could not export the products: %s\n"), error->message);
      return EXIT_FAILED;
    }

  if (!to_stdout)
    g_print (_("Exported the products to %s\n"), argv[1]);
  return 0;
}

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static int
command_backup (DukaStore *store,
                int        argc,
                char     **argv)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (argc != 1)
    return usage_error (_("Usage: duka-admin backup"));

  duka_store_backup_async (store, NULL, backup_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  path = duka_store_backup_finish (store, result, &error);
  if (path == NULL)
    {
      g_printerr (_("Could not make a backup: %s\n"), error->message);
      return EXIT_FAILED;
    }

  g_print (_("Backed up to %s\n"), path);
  return 0;
}

static int
command_restore (DukaStore *store,
                 int        argc,
                 char     **argv)
{
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    return usage_error (_("Usage: duka-admin restore BACKUP-FILE"));

  if (!duka_store_restore (opt_data_dir, argv[1], &error))
    {
      g_printerr (_("Could not restore %s: %s\n"), argv[1], error->message);
      return EXIT_FAILED;
    }

  g_print (_("Restored %s into %s\n"), argv[1], opt_data_dir);
  return 0;
}

static void
print_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (problems, i));
}

static int
command_verify (DukaStore *store,
                int        argc,
                char     **argv)
{
  g_autoptr(DukaCatalog) catalog = NULL;
  g_autoptr(GPtrArray) damage = NULL;
  g_autoptr(GPtrArray) stale = NULL;
  g_autoptr(GPtrArray) tampered = NULL;
  g_autoptr(GPtrArray) broken = NULL;
  g_autoptr(GError) error = NULL;
  guint problems;

  if (argc != 1)
    return usage_error (_("Usage: duka-admin verify"));

  if (!duka_store_verify (store, &damage, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILED;
    }
  print_problems (damage);

  catalog = duka_catalog_new (store);
  if (!duka_catalog_verify (catalog, &stale, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILED;
    }
  print_problems (stale);

  if (!duka_audit_verify (store, &tampered, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILED;
    }
  print_problems (tampered);

  if (!duka_selling_verify (store, &broken, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILED;
    }
  print_problems (broken);

  problems = damage->len + stale->len + tampered->len + broken->len;
  if (problems > 0)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u problem found\n", "%u problems found\n", problems),
               problems);
      return EXIT_FAILED;
    }

  g_print ("ok\n");
  return 0;
}

static const struct {
  const char  *name;
  CommandFunc  func;
  gboolean     opens_store;
  const char  *help;
} commands[] = {
  { "init", command_init, TRUE, N_("Create a store (with --demo: a demo business)") },
  { "info", command_info, TRUE, N_("Show what the store holds") },
  { "import-products", command_import_products, TRUE,
    N_("Add and update products from a CSV file (all or nothing)") },
  { "import-sales", command_import_sales, TRUE,
    N_("Record past sales from a JSON lines file (all or nothing)") },
  { "report", command_report, TRUE,
    N_("Print reports: report z --till CODE --date YYYY-MM-DD") },
  { "export-products", command_export_products, TRUE,
    N_("Write every product to a CSV file, or to - for the terminal") },
  { "backup", command_backup, TRUE, N_("Make a backup of the store now") },
  { "restore", command_restore, FALSE,
    N_("Replace the store with a backup (close Duka first)") },
  { "verify", command_verify, TRUE, N_("Check the store for damage and stale indexes") },
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(DukaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &opt_data_dir,
      N_("Use the store in DIR instead of your own"), N_("DIR") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &opt_demo,
      N_("With init: fill the store with a demo business"), NULL },
    { "till", 0, 0, G_OPTION_ARG_STRING, &opt_till,
      N_("With report: only this till (its code)"), N_("CODE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &opt_date,
      N_("With report: the business date"), N_("YYYY-MM-DD") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE,
                  g_getenv ("DUKA_LOCALEDIR") ? g_getenv ("DUKA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_string_append (summary, _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (summary, "\n  %-16s %s", commands[i].name, _(commands[i].help));

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
      return EXIT_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (argv[1], commands[i].name) != 0)
        continue;

      if (opt_data_dir == NULL)
        opt_data_dir = duka_store_get_default_data_dir ();
      if (!commands[i].opens_store)
        return commands[i].func (NULL, argc - 1, argv + 1);

      store = duka_store_open (opt_data_dir, &error);
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
