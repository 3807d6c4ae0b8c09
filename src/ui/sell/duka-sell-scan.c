/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ringing up by barcode: a product's own barcode, or a scale's label with
 * the price or the weight in it.
 */
#include <glib/gi18n.h>

#include "duka-barcode.h"
#include "duka-sell-view-private.h"

/* Scales print EAN-13s starting 20 … 29 with the price or the weight in
 * them; until a business can describe its scales, the common layout
 * “PP IIIII VVVVV C” is read, a price for 20 … 24 and a weight for 25 … 29. */
static gboolean
add_embedded_barcode (DukaSellView *self,
                      const char   *code)
{
  DukaEmbeddedLayout layouts[] = {
    { 20, 24, 5, 5, FALSE, DUKA_EMBEDDED_PRICE, 2, 2 },
    { 25, 29, 5, 5, FALSE, DUKA_EMBEDDED_WEIGHT, 3, 0 },
  };
  char gtin[DUKA_GTIN14_SIZE];
  DukaEmbeddedCode embedded;
  g_autoptr(DukaProduct) product = NULL;
  g_autoptr(DukaActor) actor = NULL;
  g_autoptr(GError) error = NULL;
  DukaLineRequest request = { 0 };

  layouts[0].value_decimals = layouts[0].currency_exponent = (guint8) MIN (self->currency->exponent, 2);
  if (!duka_barcode_normalize (code, gtin, NULL) ||
      !duka_barcode_decode_embedded (gtin, layouts, G_N_ELEMENTS (layouts), &embedded, NULL))
    return FALSE;

  product = duka_catalog_find_barcode (self->catalog, embedded.lookup_gtin14, NULL);
  if (product == NULL || !duka_sell_view_ensure_order (self, &error))
    {
      if (error != NULL)
        duka_sell_view_toast (self, error->message);
      return product != NULL;
    }

  request.product_id = duka_product_get_id (product);
  if (embedded.kind == DUKA_EMBEDDED_WEIGHT)
    request.quantity = embedded.value;
  else
    {
      request.quantity = 1000;
      request.override_price = TRUE;
      request.unit_price = embedded.value;
    }

  actor = duka_sell_view_dup_actor (self);
  if (!duka_register_add_line (self->cash_register, actor, self->order_id, &request, NULL, &error))
    duka_sell_view_toast (self, error->message);
  duka_sell_view_reload_order (self);
  return TRUE;
}

/**
 * duka_sell_view_add_barcode:
 *
 * Rings up the product with barcode @code, or says in a toast why not.
 *
 * Returns: whether a product has that barcode
 */
gboolean
duka_sell_view_add_barcode (DukaSellView *self,
                            const char   *code)
{
  g_autoptr(DukaProduct) product = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (DUKA_IS_SELL_VIEW (self), FALSE);

  product = duka_catalog_find_barcode (self->catalog, code, &error);
  if (product != NULL)
    {
      duka_sell_view_add_product (self, product);
      return TRUE;
    }

  if (add_embedded_barcode (self, code))
    return TRUE;

  duka_sell_view_toast (self, error->message);
  return FALSE;
}

