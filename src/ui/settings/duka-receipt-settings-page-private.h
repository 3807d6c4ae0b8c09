/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "duka-catalog.h"
#include "duka-print-queue.h"
#include "duka-receipt-settings-page.h"
#include "duka-receipt-settings.h"
#include "duka-receipt.h"

G_BEGIN_DECLS

struct _DukaReceiptSettingsPage
{
  AdwBin                parent_instance;

  DukaBusinessSettings *business_settings;
  DukaReceiptSettings  *receipt_settings;
  DukaCatalog          *catalog;           /* where the logo is stored */
  GCancellable         *cancellable;
  GtkNativeDialog      *logo_chooser;      /* while open */

  DukaProfile          *profile;           /* for the sample receipt */
  DukaTillPrinter      *saved_printer;
  JsonObject           *saved_template;    /* NULL until the outlet exists */
  char                 *logo;              /* the form's logo hash */
  GBytes               *logo_png;          /* and its bytes */
  gboolean              filling;
  gboolean              dirty;
  gboolean              valid;
  char                 *address_error;
  char                 *header_error;
  char                 *footer_error;
  char                 *header_hint_text;
  char                 *footer_hint_text;

  DukaPrintQueue       *queue;             /* for the saved printer */
  char                 *queue_key;         /* which printer the queue is for */
  DukaPrintJob         *test_job;

  cairo_surface_t      *preview;
  double                preview_scale;

  AdwPreferencesGroup  *printer_group;
  AdwComboRow          *printer_kind_row;
  AdwEntryRow          *printer_address_row;
  GtkLabel             *address_label;
  AdwComboRow          *paper_row;
  AdwActionRow         *drawer_row;
  GtkSwitch            *drawer_switch;
  AdwActionRow         *test_row;
  GtkButton            *test_button;
  GtkImage             *test_failed_icon;
  AdwPreferencesGroup  *template_group;
  GtkTextView          *header_view;
  GtkLabel             *header_hint;
  GtkTextView          *footer_view;
  GtkLabel             *footer_hint;
  AdwActionRow         *logo_row;
  GtkPicture           *logo_picture;
  GtkSwitch            *tax_lines_switch;
  GtkDrawingArea       *preview_area;
  GtkActionBar         *action_bar;
  GtkLabel             *status_label;
};

DukaTillPrinter     *duka_receipt_settings_page_read_printer       (DukaReceiptSettingsPage *self);
JsonObject          *duka_receipt_settings_page_read_template      (DukaReceiptSettingsPage *self);
DukaReceiptTemplate *duka_receipt_settings_page_build_template     (DukaReceiptSettingsPage *self,
                                                                    DukaReceiptPaper         paper);
DukaReceipt         *duka_receipt_settings_page_build_sample       (DukaReceiptSettingsPage *self);
void                 duka_receipt_settings_page_update_state       (DukaReceiptSettingsPage *self);
void                 duka_receipt_settings_page_update_preview     (DukaReceiptSettingsPage *self);
void                 duka_receipt_settings_page_show_logo          (DukaReceiptSettingsPage *self,
                                                                    GBytes                  *png);
void                 duka_receipt_settings_page_show_toast         (DukaReceiptSettingsPage *self,
                                                                    const char              *message);

/* duka-receipt-settings-page-actions.c */
void                 duka_receipt_settings_page_choose_logo_action (GtkWidget  *widget,
                                                                    const char *action_name,
                                                                    GVariant   *param);
void                 duka_receipt_settings_page_print_test_action  (GtkWidget  *widget,
                                                                    const char *action_name,
                                                                    GVariant   *param);
void                 duka_receipt_settings_page_close_logo_chooser (DukaReceiptSettingsPage *self);

G_END_DECLS
