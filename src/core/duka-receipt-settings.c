/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Receipt template (per outlet, synced) and this till's printer (local).
 */
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "duka-audit-private.h"
#include "duka-entities.h"
#include "duka-permissions.h"
#include "duka-receipt-settings.h"
#include "duka-registry.h"
#include "duka-selling-private.h"
#include "duka-store-private.h"

struct _DukaReceiptSettings
{
  GObject    parent_instance;

  DukaStore *store;
};

G_DEFINE_FINAL_TYPE (DukaReceiptSettings, duka_receipt_settings, G_TYPE_OBJECT)
G_DEFINE_QUARK (duka-receipt-settings-error-quark, duka_receipt_settings_error)

static const char * const papers[] = { "58mm", "80mm", "a4" };
static const char * const kinds[] = { "none", "network", "device" };

static void
duka_receipt_settings_dispose (GObject *object)
{
  DukaReceiptSettings *self = (DukaReceiptSettings *) object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (duka_receipt_settings_parent_class)->dispose (object);
}

static void
duka_receipt_settings_class_init (DukaReceiptSettingsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = duka_receipt_settings_dispose;
}

static void
duka_receipt_settings_init (DukaReceiptSettings *self)
{
}

DukaReceiptSettings *
duka_receipt_settings_new (DukaStore *store)
{
  DukaReceiptSettings *self;

  g_return_val_if_fail (DUKA_IS_STORE (store), NULL);

  self = g_object_new (DUKA_TYPE_RECEIPT_SETTINGS, NULL);
  self->store = g_object_ref (store);
  return self;
}

void
duka_till_printer_free (DukaTillPrinter *printer)
{
  g_free (printer->address);
  g_free (printer);
}

gboolean
duka_till_printer_parse_network (const char  *address,
                                 char       **host,
                                 guint16     *port,
                                 GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (address != NULL ? address : ""));
  const char *colon = strrchr (text, ':');
  gint64 number = 9100;

  if (*text == '\0')
    goto bad;
  if (colon != NULL)
    {
      char *end = NULL;

      number = g_ascii_strtoll (colon + 1, &end, 10);
      if (end == colon + 1 || *end != '\0' || number < 1 || number > 65535)
        goto bad;
      text[colon - text] = '\0';
    }
  if (*text == '\0' || strlen (text) > 253)
    goto bad;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
      goto bad;

  if (host != NULL)
    *host = g_strdup (text);
  if (port != NULL)
    *port = (guint16) number;
  return TRUE;

bad:
  g_set_error_literal (error, DUKA_RECEIPT_SETTINGS_ERROR, DUKA_RECEIPT_SETTINGS_ERROR_INVALID_ADDRESS,
                       _("Enter the printer’s address like 192.168.1.50 or printer.local:9100"));
  return FALSE;
}

gboolean
duka_till_printer_validate (const DukaTillPrinter  *printer,
                            GError                **error)
{
  switch (printer->kind)
    {
    case DUKA_PRINTER_NONE:
      break;
    case DUKA_PRINTER_NETWORK:
      if (!duka_till_printer_parse_network (printer->address, NULL, NULL, error))
        return FALSE;
      break;
    case DUKA_PRINTER_DEVICE:
      if (printer->address == NULL || !g_path_is_absolute (printer->address) ||
          strlen (printer->address) > 4096)
        {
          g_set_error_literal (error, DUKA_RECEIPT_SETTINGS_ERROR, DUKA_RECEIPT_SETTINGS_ERROR_INVALID_ADDRESS,
                               _("Enter the printer’s device file, like /dev/usb/lp0"));
          return FALSE;
        }
      break;
    default:
      g_set_error_literal (error, DUKA_RECEIPT_SETTINGS_ERROR, DUKA_RECEIPT_SETTINGS_ERROR_INVALID,
                           _("Choose how the printer is connected"));
      return FALSE;
    }
  if ((guint) printer->paper >= G_N_ELEMENTS (papers))
    {
      g_set_error_literal (error, DUKA_RECEIPT_SETTINGS_ERROR, DUKA_RECEIPT_SETTINGS_ERROR_INVALID,
                           _("Choose a paper width"));
      return FALSE;
    }
  return TRUE;
}

static int
index_of (const char * const *names,
          guint               n,
          const char         *name,
          int                 fallback)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (names[i], name) == 0)
      return i;
  return fallback;
}

DukaTillPrinter *
duka_receipt_settings_load_printer (DukaReceiptSettings  *self,
                                    GError              **error)
{
  DukaTillPrinter *printer = g_new0 (DukaTillPrinter, 1);
  sqlite3_stmt *stmt;
  sqlite3 *db;

  g_return_val_if_fail (DUKA_IS_RECEIPT_SETTINGS (self), NULL);

  printer->kind = DUKA_PRINTER_NONE;
  printer->paper = DUKA_RECEIPT_PAPER_80MM;
  printer->open_drawer = TRUE;

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    {
      duka_till_printer_free (printer);
      return NULL;
    }
  stmt = duka_store_prepare_cached (db, "SELECT kind, address, paper, open_drawer FROM till_printer", error);
  if (stmt != NULL)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          printer->kind = index_of (kinds, G_N_ELEMENTS (kinds), (const char *) sqlite3_column_text (stmt, 0),
                                    DUKA_PRINTER_NONE);
          printer->address = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          printer->paper = index_of (papers, G_N_ELEMENTS (papers), (const char *) sqlite3_column_text (stmt, 2),
                                     DUKA_RECEIPT_PAPER_80MM);
          printer->open_drawer = sqlite3_column_int (stmt, 3);
        }
      duka_store_stmt_done (stmt);
    }
  duka_store_release_reader (self->store, db);

  if (stmt == NULL)
    g_clear_pointer (&printer, duka_till_printer_free);
  return printer;
}

typedef struct
{
  const DukaActor       *actor;
  const DukaTillPrinter *printer;
  JsonObject            *record;
  gint64                 now;
} SaveJob;

static gboolean
save_printer_in_writer (DukaStore  *store,
                        sqlite3    *db,
                        gpointer    user_data,
                        GError    **error)
{
  SaveJob *job = user_data;
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "INSERT INTO till_printer (singleton, kind, address, paper, open_drawer, updated_at)"
    " VALUES (1, ?1, ?2, ?3, ?4, ?5) ON CONFLICT (singleton) DO UPDATE SET kind = excluded.kind,"
    " address = excluded.address, paper = excluded.paper, open_drawer = excluded.open_drawer,"
    " updated_at = excluded.updated_at", error);
  g_autoptr(JsonObject) after = json_object_new ();
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kinds[job->printer->kind], -1, SQLITE_STATIC);
  if (job->printer->kind != DUKA_PRINTER_NONE)
    sqlite3_bind_text (stmt, 2, job->printer->address, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, papers[job->printer->paper], -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, job->printer->open_drawer);
  sqlite3_bind_int64 (stmt, 5, job->now);
  ok = sqlite3_step (stmt) == SQLITE_DONE || duka_store_sql_error (db, error);
  duka_store_stmt_done (stmt);
  if (!ok)
    return FALSE;
  duka_store_record_change (db, "till_printer", "1");

  json_object_set_string_member (after, "kind", kinds[job->printer->kind]);
  json_object_set_string_member (after, "address", job->printer->address);
  json_object_set_string_member (after, "paper", papers[job->printer->paper]);
  return duka_audit_append (db, job->actor, NULL, job->now, "till_printer.update", "till_printer",
                            NULL, after, error);
}

gboolean
duka_receipt_settings_save_printer (DukaReceiptSettings    *self,
                                    const DukaActor        *actor,
                                    const DukaTillPrinter  *printer,
                                    GError                **error)
{
  SaveJob job = { actor, printer, NULL, 0 };

  g_return_val_if_fail (DUKA_IS_RECEIPT_SETTINGS (self), FALSE);
  g_return_val_if_fail (printer != NULL, FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  if (!duka_till_printer_validate (printer, error))
    return FALSE;

  job.now = duka_clock_now (duka_store_get_clock (self->store));
  return duka_store_write (self->store, save_printer_in_writer, &job, error);
}

JsonObject *
duka_receipt_settings_load_template (DukaReceiptSettings  *self,
                                     GError              **error)
{
  DukaSellingContext ctx;
  g_autoptr(GError) local_error = NULL;
  JsonObject *record = NULL;
  sqlite3 *db;

  g_return_val_if_fail (DUKA_IS_RECEIPT_SETTINGS (self), NULL);

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;
  if (duka_selling_context_load (db, &ctx, error))
    {
      record = duka_entities_load (db, duka_registry_lookup ("receipt_template"), ctx.outlet_id, &local_error);
      if (record == NULL && local_error == NULL)
        {
          record = json_object_new ();
          json_object_set_string_member (record, "id", ctx.outlet_id);
          json_object_set_null_member (record, "header");
          json_object_set_null_member (record, "footer");
          json_object_set_null_member (record, "logo");
          json_object_set_boolean_member (record, "show_tax_lines", TRUE);
        }
      duka_selling_context_clear (&ctx);
    }
  duka_store_release_reader (self->store, db);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return record;
}

static gboolean
save_template_in_writer (DukaStore  *store,
                         sqlite3    *db,
                         gpointer    user_data,
                         GError    **error)
{
  SaveJob *job = user_data;
  DukaSellingContext ctx;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonObject) written = NULL;
  g_autoptr(GError) local_error = NULL;
  static const char * const members[] = { "header", "footer", "logo", "show_tax_lines" };
  gboolean ok;

  if (!duka_selling_context_load (db, &ctx, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (json_object_has_member (job->record, members[i]))
      json_object_set_member (changes, members[i],
                              json_node_copy (json_object_get_member (job->record, members[i])));
  written = duka_selling_upsert (db, "receipt_template", ctx.outlet_id, changes, job->actor,
                                 ctx.till_id, job->now, &local_error);
  if (written == NULL && local_error != NULL && local_error->domain == DUKA_REGISTRY_ERROR)
    g_set_error_literal (error, DUKA_RECEIPT_SETTINGS_ERROR, DUKA_RECEIPT_SETTINGS_ERROR_INVALID,
                         local_error->message);
  else if (written == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  ok = written != NULL &&
       duka_audit_append (db, job->actor, ctx.till_id, job->now, "receipt_template.update",
                          ctx.outlet_id, NULL, written, error);
  duka_selling_context_clear (&ctx);
  return ok;
}

gboolean
duka_receipt_settings_save_template (DukaReceiptSettings  *self,
                                     const DukaActor      *actor,
                                     JsonObject           *record,
                                     GError              **error)
{
  SaveJob job = { actor, NULL, record, 0 };

  g_return_val_if_fail (DUKA_IS_RECEIPT_SETTINGS (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;

  job.now = duka_clock_now (duka_store_get_clock (self->store));
  return duka_store_write (self->store, save_template_in_writer, &job, error);
}
