/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "duka-business-settings.h"
#include "duka-print-queue.h"
#include "duka-receipt-escpos.h"
#include "duka-receipt-pdf.h"
#include "duka-receipt-sale.h"
#include "duka-receipt-service.h"
#include "duka-receipt-settings.h"

struct _DukaReceiptService
{
  GObject               parent_instance;

  DukaStore            *store;
  DukaCatalog          *catalog;
  DukaRegister         *reg;
  DukaStaff            *staff;
  DukaReceiptSettings  *settings;
  DukaBusinessSettings *business;

  /* The queue of the printer last used, and the address it was made for. */
  DukaPrintQueue       *queue;
  char                 *queue_key;
  GListStore           *jobs;
};

G_DEFINE_FINAL_TYPE (DukaReceiptService, duka_receipt_service, G_TYPE_OBJECT)

static void
duka_receipt_service_dispose (GObject *object)
{
  DukaReceiptService *self = (DukaReceiptService *) object;

  g_clear_object (&self->queue);
  g_clear_object (&self->jobs);
  g_clear_object (&self->settings);
  g_clear_object (&self->business);
  g_clear_object (&self->staff);
  g_clear_object (&self->reg);
  g_clear_object (&self->catalog);
  g_clear_object (&self->store);
  g_clear_pointer (&self->queue_key, g_free);

  G_OBJECT_CLASS (duka_receipt_service_parent_class)->dispose (object);
}

static void
duka_receipt_service_class_init (DukaReceiptServiceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = duka_receipt_service_dispose;
}

static void
duka_receipt_service_init (DukaReceiptService *self)
{
  self->jobs = g_list_store_new (DUKA_TYPE_PRINT_JOB);
}

DukaReceiptService *
duka_receipt_service_new (DukaStore    *store,
                          DukaCatalog  *catalog,
                          DukaRegister *reg,
                          DukaStaff    *staff)
{
  DukaReceiptService *self;

  g_return_val_if_fail (DUKA_IS_STORE (store), NULL);
  g_return_val_if_fail (DUKA_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (DUKA_IS_REGISTER (reg), NULL);

  self = g_object_new (DUKA_TYPE_RECEIPT_SERVICE, NULL);
  self->store = g_object_ref (store);
  self->catalog = g_object_ref (catalog);
  self->reg = g_object_ref (reg);
  self->staff = staff != NULL ? g_object_ref (staff) : NULL;
  self->settings = duka_receipt_settings_new (store);
  self->business = duka_business_settings_new (store);
  return self;
}

GListModel *
duka_receipt_service_get_jobs (DukaReceiptService *self)
{
  g_return_val_if_fail (DUKA_IS_RECEIPT_SERVICE (self), NULL);

  return G_LIST_MODEL (self->jobs);
}

static char *
dup_person_name (DukaReceiptService *self,
                 const char         *staff_id)
{
  g_autoptr(JsonObject) person = NULL;
  const char *name;

  if (self->staff == NULL || staff_id == NULL)
    return NULL;
  person = duka_staff_get (self->staff, "staff", staff_id, NULL);
  if (person == NULL)
    return NULL;
  name = json_object_get_string_member_with_default (person, "display_name", NULL);
  if (name == NULL || *name == '\0')
    name = json_object_get_string_member_with_default (person, "name", NULL);
  return g_strdup (name);
}

static GStrv
split_lines (JsonObject *template,
             const char *member)
{
  const char *text = json_object_get_string_member_with_default (template, member, NULL);

  return text != NULL && *text != '\0' ? g_strsplit (text, "\n", -1) : NULL;
}

/* The receipt and its template, as this till prints them. */
static gboolean
prepare (DukaReceiptService   *self,
         const char           *kind,
         const char           *id,
         gboolean              copy,
         DukaReceipt         **out_receipt,
         DukaReceiptTemplate **out_template,
         DukaTillPrinter     **out_printer,
         gboolean             *out_cash,
         GError              **error)
{
  g_autoptr(DukaProfile) profile = NULL;
  g_autoptr(JsonObject) sale = NULL;
  g_autoptr(JsonObject) refund = NULL;
  g_autoptr(JsonObject) template = NULL;
  g_autoptr(DukaTillPrinter) printer = NULL;
  g_autoptr(DukaReceiptTemplate) receipt_template = NULL;
  g_autofree char *cashier = NULL;
  JsonArray *payments;
  const char *logo;
  static const DukaPaper papers[] = { DUKA_PAPER_58MM, DUKA_PAPER_80MM, DUKA_PAPER_A4 };

  profile = duka_business_settings_load (self->business, error);
  template = profile != NULL ? duka_receipt_settings_load_template (self->settings, error) : NULL;
  printer = template != NULL ? duka_receipt_settings_load_printer (self->settings, error) : NULL;
  if (printer == NULL)
    return FALSE;

  if (g_strcmp0 (kind, "refund") == 0)
    {
      refund = duka_register_load_refund (self->reg, id, error);
      if (refund == NULL)
        return FALSE;
      sale = duka_register_load_sale (self->reg, json_object_get_string_member (refund, "sale_id"), error);
      if (sale == NULL)
        return FALSE;
      cashier = dup_person_name (self, json_object_get_string_member_with_default (refund, "staff_id", NULL));
      *out_receipt = duka_receipt_new_for_refund (refund, sale, profile, cashier, NULL, copy);
      payments = json_object_get_array_member (refund, "payments");
    }
  else
    {
      sale = duka_register_load_sale (self->reg, id, error);
      if (sale == NULL)
        return FALSE;
      cashier = dup_person_name (self, json_object_get_string_member_with_default (sale, "staff_id", NULL));
      *out_receipt = duka_receipt_new_for_sale (sale, profile, cashier, NULL, copy);
      payments = json_object_get_array_member (sale, "payments");
    }

  *out_cash = FALSE;
  for (guint i = 0; payments != NULL && i < json_array_get_length (payments); i++)
    *out_cash |= g_strcmp0 (json_object_get_string_member (json_array_get_object_element (payments, i), "kind"),
                            "cash") == 0;

  receipt_template = duka_receipt_template_new (papers[printer->paper]);
  receipt_template->header_lines = split_lines (template, "header");
  receipt_template->footer_lines = split_lines (template, "footer");
  receipt_template->show_tax_lines = json_object_get_boolean_member_with_default (template, "show_tax_lines", TRUE);
  logo = json_object_get_string_member_with_default (template, "logo", NULL);
  if (logo != NULL)
    {
      g_autoptr(GFile) file = duka_catalog_get_image_file (self->catalog, logo);
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      /* A missing logo never stops a receipt. */
      if (path != NULL)
        duka_receipt_template_load_logo (receipt_template, path, NULL);
    }

  *out_template = g_steal_pointer (&receipt_template);
  *out_printer = g_steal_pointer (&printer);
  return TRUE;
}

static DukaPrintQueue *
ensure_queue (DukaReceiptService     *self,
              const DukaTillPrinter  *printer,
              GError                **error)
{
  g_autofree char *key = g_strdup_printf ("%d:%s", printer->kind, printer->address);
  g_autoptr(DukaPrinter) device = NULL;

  if (self->queue != NULL && g_strcmp0 (self->queue_key, key) == 0)
    return self->queue;

  if (printer->kind == DUKA_PRINTER_NETWORK)
    {
      g_autofree char *host = NULL;
      guint16 port;

      if (!duka_till_printer_parse_network (printer->address, &host, &port, error))
        return NULL;
      device = duka_printer_new_network (host, port);
    }
  else
    device = duka_printer_new_device (printer->address);

  g_clear_object (&self->queue);
  self->queue = duka_print_queue_new (device);
  g_free (self->queue_key);
  self->queue_key = g_steal_pointer (&key);
  return self->queue;
}

DukaPrintJob *
duka_receipt_service_print (DukaReceiptService  *self,
                            const char          *kind,
                            const char          *id,
                            gboolean             copy,
                            GError             **error)
{
  g_autoptr(DukaReceipt) receipt = NULL;
  g_autoptr(DukaReceiptTemplate) template = NULL;
  g_autoptr(DukaTillPrinter) printer = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *title = NULL;
  DukaPrintQueue *queue;
  DukaPrintJob *job;
  gboolean cash = FALSE;

  g_return_val_if_fail (DUKA_IS_RECEIPT_SERVICE (self), NULL);

  if (!prepare (self, kind, id, copy, &receipt, &template, &printer, &cash, error))
    return NULL;
  if (printer->kind == DUKA_PRINTER_NONE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("No receipt printer is set up on this till"));
      return NULL;
    }
  if (printer->paper == DUKA_RECEIPT_PAPER_A4)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("A4 receipts print through the print dialog; save this one as PDF"));
      return NULL;
    }

  queue = ensure_queue (self, printer, error);
  if (queue == NULL)
    return NULL;
  bytes = duka_receipt_render_escpos (receipt, template, DUKA_CODE_PAGE_CP858,
                                      cash && printer->open_drawer && !copy
                                        ? DUKA_RECEIPT_ESCPOS_KICK_DRAWER : DUKA_RECEIPT_ESCPOS_NONE,
                                      LC_GLOBAL_LOCALE);
  /* Translators: a print job's title: the receipt number */
  title = g_strdup_printf (_("Receipt %s"), receipt->receipt_number);
  job = duka_print_queue_submit (queue, title, bytes);
  g_list_store_append (self->jobs, job);
  return job;
}

gboolean
duka_receipt_service_retry (DukaReceiptService  *self,
                            DukaPrintJob        *job,
                            GError             **error)
{
  g_return_val_if_fail (DUKA_IS_RECEIPT_SERVICE (self), FALSE);

  if (self->queue == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Print the receipt again instead"));
      return FALSE;
    }
  return duka_print_queue_retry (self->queue, job, error);
}

gboolean
duka_receipt_service_save_pdf (DukaReceiptService  *self,
                               const char          *kind,
                               const char          *id,
                               gboolean             copy,
                               const char          *path,
                               GError             **error)
{
  g_autoptr(DukaReceipt) receipt = NULL;
  g_autoptr(DukaReceiptTemplate) template = NULL;
  g_autoptr(DukaTillPrinter) printer = NULL;
  gboolean cash;

  g_return_val_if_fail (DUKA_IS_RECEIPT_SERVICE (self), FALSE);

  if (!prepare (self, kind, id, copy, &receipt, &template, &printer, &cash, error))
    return FALSE;
  return duka_receipt_save_pdf (receipt, template, path, LC_GLOBAL_LOCALE, error);
}
