/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "duka-business-settings.h"
#include "duka-print-job.h"

G_BEGIN_DECLS

#define DUKA_TYPE_RECEIPT_SETTINGS_PAGE (duka_receipt_settings_page_get_type ())

G_DECLARE_FINAL_TYPE (DukaReceiptSettingsPage, duka_receipt_settings_page, DUKA, RECEIPT_SETTINGS_PAGE, AdwBin)

GtkWidget    *duka_receipt_settings_page_new                   (DukaBusinessSettings    *business_settings);
void          duka_receipt_settings_page_set_business_settings (DukaReceiptSettingsPage *self,
                                                                DukaBusinessSettings    *business_settings);
gboolean      duka_receipt_settings_page_get_dirty             (DukaReceiptSettingsPage *self);
gboolean      duka_receipt_settings_page_get_valid             (DukaReceiptSettingsPage *self);
const char   *duka_receipt_settings_page_get_address_error     (DukaReceiptSettingsPage *self);
void          duka_receipt_settings_page_set_logo_file         (DukaReceiptSettingsPage *self,
                                                                GFile                   *file);
DukaPrintJob *duka_receipt_settings_page_get_test_job          (DukaReceiptSettingsPage *self);

G_END_DECLS
