/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "duka-catalog.h"
#include "duka-currency.h"

G_BEGIN_DECLS

/* The largest amount a catalog price may hold (the registry's limit). */
#define DUKA_MENU_PRICE_MAX G_GINT64_CONSTANT (1000000000000)

typedef enum
{
  DUKA_PRICE_REQUIRED       = 0,
  DUKA_PRICE_OPTIONAL       = 1 << 0,
  DUKA_PRICE_ALLOW_NEGATIVE = 1 << 1,
} DukaPriceFlags;

gboolean  duka_menu_parse_price        (const char          *text,
                                        const DukaCurrency  *currency,
                                        DukaPriceFlags       flags,
                                        gboolean            *out_empty,
                                        gint64              *out_minor,
                                        char               **out_reason);
char     *duka_menu_price_to_text      (gint64               amount_minor,
                                        const DukaCurrency  *currency);
GtkLabel *duka_menu_add_reason_label   (GtkWidget           *row);
void      duka_menu_show_reason        (GtkWidget           *row,
                                        GtkLabel            *label,
                                        const char          *reason);
char     *duka_menu_barcode_for_display (const char         *gtin14);
void      duka_menu_choose_picture_async  (GtkWidget           *widget,
                                           DukaCatalog         *catalog,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char     *duka_menu_choose_picture_finish (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
