/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "duka-catalog.h"
#include "duka-currency.h"
#include "duka-form.h"
#include "duka-thumbnail-cache.h"

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
guint       duka_menu_index_of_id        (GPtrArray           *ids,
                                          const char          *id);
const char *duka_menu_selected_id        (AdwComboRow         *row,
                                          GPtrArray           *ids);
void        duka_menu_set_choices        (AdwComboRow         *row,
                                          GListModel          *names,
                                          GPtrArray           *ids,
                                          const char          *keep);
void        duka_menu_reload_category_row (AdwComboRow        *row,
                                           GPtrArray          *ids,
                                           GListModel         *categories);
void        duka_menu_set_optional_string (JsonObject         *record,
                                           const char         *name,
                                           const char         *value);
char     *duka_menu_barcode_for_display (const char         *gtin14);
void      duka_menu_choose_picture_async  (GtkWidget           *widget,
                                           DukaCatalog         *catalog,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char     *duka_menu_choose_picture_finish (GAsyncResult        *result,
                                           GError             **error);
gboolean  duka_menu_take_chosen_picture   (GtkWidget           *editor,
                                           GAsyncResult        *result,
                                           char               **image);
void      duka_menu_show_picture          (GtkWidget           *editor,
                                           DukaThumbnailCache  *thumbnails,
                                           const char          *image,
                                           GtkImage            *preview,
                                           AdwActionRow        *row,
                                           const char          *remove_action);

G_END_DECLS
