/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "duka-actor.h"
#include "duka-catalog.h"
#include "duka-store.h"

G_BEGIN_DECLS

/*
 * The register: open orders and their lines, completing a sale, refunds.
 *
 * An open order is an entity whose lines are entities of their own, so a
 * parked order, a crash or a restart brings it back, and two tills can add
 * lines to one tab without overwriting each other.  Completing an order
 * writes the sale fact (lines, payments, taxes frozen), its stock
 * movements, the next receipt number of the till's series and the hash
 * chain link in one short synchronous=FULL transaction; only then may the
 * receipt print.  A refund is a new fact reversing the sale's stored
 * amounts.  See SCHEMA.md, "Selling".
 */

#define DUKA_REGISTER_ERROR (duka_register_error_quark ())

typedef enum
{
  DUKA_REGISTER_ERROR_INVALID,          /* bad quantity, price, discount … */
  DUKA_REGISTER_ERROR_NOT_FOUND,
  DUKA_REGISTER_ERROR_NOT_OPEN,         /* the order was completed or voided */
  DUKA_REGISTER_ERROR_NO_CASH_SESSION,  /* no sale without an open cash session */
  DUKA_REGISTER_ERROR_UNAVAILABLE,      /* 86'd or outside its schedule */
  DUKA_REGISTER_ERROR_CHOICES,          /* modifier choices missing or too many */
  DUKA_REGISTER_ERROR_UNDERPAID,
  DUKA_REGISTER_ERROR_DISCOUNT_LIMIT,
  DUKA_REGISTER_ERROR_REFUND_TOO_LARGE,
  DUKA_REGISTER_ERROR_EMPTY,
} DukaRegisterError;

typedef enum
{
  DUKA_LINE_ITEM,
  DUKA_LINE_SERVICE,
  DUKA_LINE_TIP,
} DukaLineKind;

/* A line's default maximum quantity: 999 units (or 999 kg). */
#define DUKA_REGISTER_DEFAULT_MAX_QUANTITY 999000

/**
 * DukaLineRequest:
 * @product_id: the product
 * @variant_id: (nullable): its variant
 * @quantity: thousandths (1 piece = 1000; 0.250 kg = 250)
 * @option_ids: (nullable) (array zero-terminated=1): chosen modifier options
 * @note: (nullable): "no ice"
 * @seat: 0 for none
 * @course: 0 for none
 * @unit_price: used only when @override_price is set (needs the
 *   override-price permission)
 */
typedef struct
{
  const char         *product_id;
  const char         *variant_id;
  gint64              quantity;
  const char * const *option_ids;
  const char         *note;
  int                 seat;
  int                 course;
  gboolean            override_price;
  gint64              unit_price;
} DukaLineRequest;

/* One line of an order as the cart shows it, with its computed amounts. */
typedef struct
{
  char        *id;
  DukaLineKind kind;
  char        *product_id;
  char        *variant_id;
  char        *name;          /* "Latte (Large)" */
  char        *details;       /* modifiers, "Oat milk, Extra shot", or NULL */
  char        *note;
  gint64       quantity;
  gint64       unit_price;    /* modifiers included */
  gboolean     price_overridden;
  gint64       discount_rate;
  gint64       discount_amount;
  char        *discount_reason;
  gboolean     voided;
  int          seat;
  int          course;
  gint64       added_at;
  /* computed; 0 for voided lines */
  gint64       extended;
  gint64       line_discount;
  gint64       order_discount;
  gint64       tax;
  gint64       total;
} DukaOrderLine;

typedef struct
{
  char      *name;
  gint64     rate;
  gint64     taxable;
  gint64     tax;
} DukaOrderTax;

/* An open order with its lines (voided ones included, in the order they
 * were added) and totals computed with the outlet's tax rules. */
typedef struct
{
  char      *id;
  char      *name;
  char      *till_id;
  char      *staff_id;
  gboolean   parked;
  gint64     opened_at;
  gint64     discount_rate;
  gint64     discount_amount;
  char      *discount_reason;
  char      *currency;
  gboolean   tax_inclusive;
  GPtrArray *lines;            /* DukaOrderLine */
  GPtrArray *taxes;            /* DukaOrderTax */
  gint64     item_count;       /* thousandths, live item lines */
  gint64     subtotal;
  gint64     discounts;        /* line and order discounts */
  gint64     tax;
  gint64     charges;          /* service charges */
  gint64     tips;
  gint64     total;            /* before cash rounding */
} DukaOrder;

/**
 * DukaTender:
 * @tender_type_id: a tender type (duka_register_list_tender_types())
 * @amount: what was handed over or charged; only cash may exceed what is
 *   still due (the rest is change)
 * @card_last4: (nullable): four digits of a card on an external terminal,
 *   never more
 * @approval_code: (nullable): the terminal's approval code
 * @reference: (nullable): a mobile money or other reference
 */
typedef struct
{
  const char *tender_type_id;
  gint64      amount;
  const char *card_last4;
  const char *approval_code;
  const char *reference;
} DukaTender;

typedef struct
{
  const char *sale_line_id;
  gint64      quantity;       /* thousandths */
} DukaRefundLine;

/* Finding past sales: every set member narrows the search. */
typedef struct
{
  const char *receipt_no;      /* exact, "T1-1042", or just the number */
  const char *business_date;   /* YYYY-MM-DD */
  gint64      total;           /* exact total in minor units; -1 for any */
  const char *customer_id;
  const char *text;            /* free text: a receipt number or an amount */
  guint       limit;           /* 0 for 50 */
} DukaSaleQuery;

#define DUKA_TYPE_REGISTER (duka_register_get_type ())

G_DECLARE_FINAL_TYPE (DukaRegister, duka_register, DUKA, REGISTER, GObject)

GQuark        duka_register_error_quark       (void);
DukaRegister *duka_register_new               (DukaStore          *store,
                                               DukaCatalog        *catalog);
void          duka_order_free                 (DukaOrder          *order);
void          duka_order_line_free            (DukaOrderLine      *line);

/* The largest quantity one line may hold (thousandths). */
void          duka_register_set_max_quantity  (DukaRegister       *self,
                                               gint64              max_quantity);

/* Orders --------------------------------------------------------------- */

char         *duka_register_open_order        (DukaRegister       *self,
                                               const DukaActor    *actor,
                                               const char         *name,
                                               GError            **error);
DukaOrder    *duka_register_get_order         (DukaRegister       *self,
                                               const char         *order_id,
                                               GError            **error);
/* Open orders of this outlet, newest first: JsonObjects with id, name,
 * parked, staff_id, opened_at, total, line_count. */
GPtrArray    *duka_register_list_open_orders  (DukaRegister       *self,
                                               GError            **error);
gboolean      duka_register_add_line          (DukaRegister       *self,
                                               const DukaActor    *actor,
                                               const char         *order_id,
                                               const DukaLineRequest *request,
                                               char              **out_line_id,
                                               GError            **error);
gboolean      duka_register_set_quantity      (DukaRegister       *self,
                                               const DukaActor    *actor,
                                               const char         *line_id,
                                               gint64              quantity,
                                               GError            **error);
gboolean      duka_register_set_price         (DukaRegister       *self,
                                               const DukaActor    *actor,
                                               const char         *line_id,
                                               gint64              unit_price,
                                               GError            **error);
gboolean      duka_register_set_line_note     (DukaRegister       *self,
                                               const DukaActor    *actor,
                                               const char         *line_id,
                                               const char         *note,
                                               GError            **error);
gboolean      duka_register_void_line         (DukaRegister       *self,
                                               const DukaActor    *actor,
                                               const char         *line_id,
                                               const char         *reason,
                                               GError            **error);
/* A discount as a rate (ppm) or an amount, not both; 0 and 0 removes it. */
gboolean      duka_register_discount_line     (DukaRegister       *self,
                                               const DukaActor    *actor,
                                               const char         *line_id,
                                               gint64              rate,
                                               gint64              amount,
                                               const char         *reason,
                                               GError            **error);
gboolean      duka_register_discount_order    (DukaRegister       *self,
                                               const DukaActor    *actor,
                                               const char         *order_id,
                                               gint64              rate,
                                               gint64              amount,
                                               const char         *reason,
                                               GError            **error);
/* A service charge or tip line of @amount (0 removes it). */
gboolean      duka_register_set_charge        (DukaRegister       *self,
                                               const DukaActor    *actor,
                                               const char         *order_id,
                                               DukaLineKind        kind,
                                               gint64              amount,
                                               GError            **error);
gboolean      duka_register_set_parked        (DukaRegister       *self,
                                               const DukaActor    *actor,
                                               const char         *order_id,
                                               gboolean            parked,
                                               const char         *name,
                                               GError            **error);
gboolean      duka_register_void_order        (DukaRegister       *self,
                                               const DukaActor    *actor,
                                               const char         *order_id,
                                               const char         *reason,
                                               GError            **error);

/* Tenders -------------------------------------------------------------- */

/* Active tender types as registry records, in their order.  Cash, card and
 * mobile money exist from the start. */
GPtrArray    *duka_register_list_tender_types (DukaRegister       *self,
                                               GError            **error);
gboolean      duka_register_save_tender_type  (DukaRegister       *self,
                                               const DukaActor    *actor,
                                               JsonObject         *record,
                                               char              **out_id,
                                               GError            **error);
/* @total split into @n parts that sum exactly to it (largest remainder). */
gint64       *duka_register_split_evenly      (gint64              total,
                                               guint               n);
/* What the customer pays in cash for @due with the outlet's cash
 * rounding (the same rule completing the sale applies). */
gint64        duka_register_cash_due          (DukaRegister       *self,
                                               gint64              due);

/* Completing ----------------------------------------------------------- */

gboolean      duka_register_complete          (DukaRegister       *self,
                                               const DukaActor    *actor,
                                               const char         *order_id,
                                               const DukaTender   *tenders,
                                               guint               n_tenders,
                                               char              **out_sale_id,
                                               GError            **error);

/* Sales and refunds ---------------------------------------------------- */

/* A sale as the registry's "sale" fact (lines, payments, taxes), plus per
 * line "refunded" (quantity already refunded) and per sale "refunds"
 * (the ids of its refunds). */
JsonObject   *duka_register_load_sale         (DukaRegister       *self,
                                               const char         *sale_id,
                                               GError            **error);
JsonObject   *duka_register_load_refund       (DukaRegister       *self,
                                               const char         *refund_id,
                                               GError            **error);
/* Newest first: JsonObjects with id, receipt_no, at, business_date, total,
 * staff_id, refunded (total refunded so far). */
GPtrArray    *duka_register_find_sales        (DukaRegister       *self,
                                               const DukaSaleQuery *query,
                                               GError            **error);
/* @lines NULL refunds everything not yet refunded.  @tender_type_id NULL
 * refunds to the sale's own tenders (cash first when mixed). */
gboolean      duka_register_refund            (DukaRegister       *self,
                                               const DukaActor    *actor,
                                               const char         *sale_id,
                                               const DukaRefundLine *lines,
                                               guint               n_lines,
                                               const char         *tender_type_id,
                                               const char         *reason,
                                               gboolean            restock,
                                               char              **out_refund_id,
                                               GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DukaOrder, duka_order_free)

G_END_DECLS
