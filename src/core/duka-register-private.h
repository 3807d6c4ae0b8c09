/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "duka-audit-private.h"
#include "duka-register.h"
#include "duka-selling-private.h"

G_BEGIN_DECLS

struct _DukaRegister
{
  GObject      parent_instance;

  DukaStore   *store;
  DukaCatalog *catalog;
  gint64       max_quantity;
};

gboolean    duka_register_refuse            (GError             **error,
                                             int                  code,
                                             const char          *message);
const char *duka_register_line_kind_name    (DukaLineKind         kind);
void        duka_register_tax_settings      (DukaSellingContext  *ctx,
                                             DukaTaxSettings     *settings);
DukaOrder  *duka_register_compute           (sqlite3             *db,
                                             DukaSellingContext  *ctx,
                                             const char          *order_id,
                                             DukaTaxResult      **out_result,
                                             GError             **error);
gint64      duka_register_discount_limit    (sqlite3             *db,
                                             const DukaActor     *actor);
gboolean    duka_register_ensure_tender_types (sqlite3           *db,
                                               const DukaActor   *actor,
                                               const char        *device,
                                               gint64             now,
                                               GError           **error);

/* duka-register-complete.c: writes a sale fact (its rows, stock
 * movements, chain link and outbox ops) from @sale, a record in the
 * registry's "sale" shape without series_id/seq/hashes/number/receipt_no,
 * which it fills in from @series. */
gboolean    duka_register_write_sale        (sqlite3             *db,
                                             DukaSeries          *series,
                                             JsonObject          *sale,
                                             const DukaActor     *actor,
                                             const char          *device,
                                             GError             **error);

gboolean    duka_register_write_history_refund (sqlite3          *db,
                                                DukaSeries       *series,
                                                const char       *origin,
                                                const char       *sale_id,
                                                const char       *business_date,
                                                gint64            at,
                                                const char       *reason,
                                                gboolean          restock,
                                                const DukaActor  *actor,
                                                GError          **error);

gboolean    duka_register_stock_movement    (sqlite3             *db,
                                             const char          *product_id,
                                             const char          *variant_id,
                                             const char          *outlet_id,
                                             gint64               quantity,
                                             const char          *reason,
                                             const char          *document_id,
                                             const char          *business_date,
                                             gint64               at,
                                             const DukaActor     *actor,
                                             const char          *device,
                                             GError             **error);
/* duka-register-sales.c: a stored sale or refund row as JSON, over any
 * connection. */
JsonObject *duka_register_read_sale         (sqlite3             *db,
                                             const char          *sale_id,
                                             GError             **error);

G_END_DECLS
