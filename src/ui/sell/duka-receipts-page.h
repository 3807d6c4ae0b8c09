/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct _DukaSellView DukaSellView;

#define DUKA_TYPE_RECEIPTS_PAGE (duka_receipts_page_get_type ())

G_DECLARE_FINAL_TYPE (DukaReceiptsPage, duka_receipts_page, DUKA, RECEIPTS_PAGE, AdwBin)

void        duka_receipts_page_set_view    (DukaReceiptsPage *self,
                                            DukaSellView     *view);
void        duka_receipts_page_refresh     (DukaReceiptsPage *self);
void        duka_receipts_page_search      (DukaReceiptsPage *self,
                                            const char       *text);
guint       duka_receipts_page_get_n_found (DukaReceiptsPage *self);
gboolean    duka_receipts_page_show_sale   (DukaReceiptsPage *self,
                                            const char       *sale_id);
const char *duka_receipts_page_get_sale_id (DukaReceiptsPage *self);
/* Sets how much of a sale line to refund (thousandths). */
void        duka_receipts_page_set_refund_quantity (DukaReceiptsPage *self,
                                                    const char       *sale_line_id,
                                                    gint64            quantity);
void        duka_receipts_page_set_refund_reason   (DukaReceiptsPage *self,
                                                    const char       *reason);
const char *duka_receipts_page_get_error   (DukaReceiptsPage *self);

G_END_DECLS
