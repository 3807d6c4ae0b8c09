/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every synced kind, in one table.  Adding a field: give it the schema
 * version of the migration that adds its column; never change the meaning
 * of an existing field (add a new one instead).
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "duka-barcode.h"
#include "duka-id.h"
#include "duka-registry.h"

G_DEFINE_QUARK (duka-registry-error-quark, duka_registry_error)

/* Largest amount a field may hold: ten billion in major units of a
 * two-decimal currency, far below where sums of many lines could
 * overflow a gint64. */
#define MONEY_MAX G_GINT64_CONSTANT (1000000000000)
#define RATE_MAX  G_GINT64_CONSTANT (1000000)
/* JSON numbers above 2^53 lose precision in other languages' parsers. */
#define JSON_SAFE_MAX G_GINT64_CONSTANT (9007199254740991)

#define TEXT(n, fl, lo, hi, since)   { .name = n, .type = DUKA_FIELD_TEXT, .flags = fl, .min = lo, .max = hi, .since_schema = since }
#define ID(n, fl, ref, since)        { .name = n, .type = DUKA_FIELD_ID, .flags = fl, .references = ref, .since_schema = since }
#define INT(n, fl, lo, hi, since)    { .name = n, .type = DUKA_FIELD_INT, .flags = fl, .min = lo, .max = hi, .since_schema = since }
#define MONEY(n, fl, lo, since)      { .name = n, .type = DUKA_FIELD_MONEY, .flags = fl, .min = lo, .max = MONEY_MAX, .since_schema = since }
#define RATE(n, fl, since)           { .name = n, .type = DUKA_FIELD_RATE, .flags = fl, .min = 0, .max = RATE_MAX, .since_schema = since }
#define BOOL(n, fl, since)           { .name = n, .type = DUKA_FIELD_BOOL, .flags = fl, .since_schema = since }
#define ENUM(n, fl, vals, since)     { .name = n, .type = DUKA_FIELD_ENUM, .flags = fl, .values = vals, .since_schema = since }
#define CODE(n, fl, lo, hi, since)   { .name = n, .type = DUKA_FIELD_CODE, .flags = fl, .min = lo, .max = hi, .since_schema = since }
#define HASH(n, fl, since)           { .name = n, .type = DUKA_FIELD_HASH, .flags = fl, .since_schema = since }
#define COLOR(n, fl, since)          { .name = n, .type = DUKA_FIELD_COLOR, .flags = fl, .since_schema = since }
#define IDS(n, ref, since)           { .name = n, .type = DUKA_FIELD_ID_LIST, .references = ref, .max = 500, .since_schema = since }
#define GTINS(n, since)              { .name = n, .type = DUKA_FIELD_GTIN_LIST, .max = 50, .since_schema = since }
#define OBJECTS(n, it, hi, since)    { .name = n, .type = DUKA_FIELD_OBJECTS, .items = it, .n_items = G_N_ELEMENTS (it), .max = hi, .since_schema = since }
#define ROWS(n, it, hi, tbl, since)  { .name = n, .type = DUKA_FIELD_OBJECTS, .items = it, .n_items = G_N_ELEMENTS (it), .max = hi, .child_table = tbl, .since_schema = since }
#define QTY(n, fl, lo, hi, since)    { .name = n, .type = DUKA_FIELD_QUANTITY, .flags = fl, .min = lo, .max = hi, .since_schema = since }
#define TIME(n, fl, since)           { .name = n, .type = DUKA_FIELD_TIME, .flags = fl, .since_schema = since }
/* A business date, YYYY-MM-DD (the cash session's, not the wall clock's). */
#define DATE(n, fl, since)           TEXT (n, fl, 10, 10, since)

#define REQ DUKA_FIELD_REQUIRED
#define OPT DUKA_FIELD_NULLABLE

static const char * const tax_regimes[] = { "inclusive", "exclusive", "none", NULL };
static const char * const tax_roundings[] = { "per-line", "per-receipt", NULL };
static const char * const units[] = { "each", "weight", NULL };

static const DukaFieldSpec business_fields[] = {
  TEXT ("name", REQ, 1, 120, 1),
  TEXT ("address", 0, 0, 500, 1),
  TEXT ("tax_number", 0, 0, 64, 1),
};

static const DukaFieldSpec outlet_fields[] = {
  ID ("business_id", REQ, "business", 1),
  TEXT ("name", REQ, 1, 120, 1),
  TEXT ("time_zone", REQ, 1, 64, 1),
  CODE ("currency", REQ, 3, 3, 1),
  ENUM ("tax_regime", REQ, tax_regimes, 1),
  INT ("day_cutoff_hour", REQ, 0, 23, 1),
  ENUM ("tax_rounding", 0, tax_roundings, 3),
};

static const DukaFieldSpec till_fields[] = {
  ID ("outlet_id", REQ, "outlet", 1),
  TEXT ("name", REQ, 1, 120, 1),
  CODE ("code", REQ, 1, 8, 1),
};

static const DukaFieldSpec tax_rate_items[] = {
  ID ("id", REQ, NULL, 3),
  TEXT ("name", REQ, 1, 60, 3),
  RATE ("rate", REQ, 3),
  CODE ("band", OPT, 1, 1, 3),
};

static const DukaFieldSpec tax_class_fields[] = {
  TEXT ("name", REQ, 1, 60, 3),
  OBJECTS ("rates", tax_rate_items, 8, 3),
};

static const DukaFieldSpec station_fields[] = {
  TEXT ("name", REQ, 1, 60, 3),
};

static const DukaFieldSpec category_fields[] = {
  TEXT ("name", REQ, 1, 80, 3),
  ID ("parent_id", OPT, "category", 3),
  INT ("position", 0, 0, G_MAXINT32, 3),
  COLOR ("color", OPT, 3),
  TEXT ("icon", OPT, 0, 64, 3),
  ID ("station_id", OPT, "station", 3),
  BOOL ("active", 0, 3),
};

static const DukaFieldSpec product_fields[] = {
  TEXT ("name", REQ, 1, 200, 3),
  ID ("category_id", OPT, "category", 3),
  TEXT ("sku", OPT, 1, 64, 3),
  GTINS ("barcodes", 3),
  MONEY ("price", REQ, 0, 3),
  MONEY ("cost", OPT, 0, 3),
  ID ("tax_class_id", OPT, "tax_class", 3),
  ENUM ("unit", 0, units, 3),
  HASH ("image", OPT, 3),
  BOOL ("active", 0, 3),
  BOOL ("available", 0, 3),
  INT ("available_days", OPT, 0, 127, 3),
  INT ("available_from", OPT, 0, 1439, 3),
  INT ("available_until", OPT, 1, 1440, 3),
  ID ("station_id", OPT, "station", 3),
  IDS ("modifier_group_ids", "modifier_group", 3),
  INT ("position", 0, 0, G_MAXINT32, 3),
};

static const DukaFieldSpec variant_fields[] = {
  ID ("product_id", REQ, "product", 3),
  TEXT ("name", REQ, 1, 80, 3),
  MONEY ("price", REQ, 0, 3),
  TEXT ("sku", OPT, 1, 64, 3),
  GTINS ("barcodes", 3),
  INT ("position", 0, 0, G_MAXINT32, 3),
  BOOL ("active", 0, 3),
};

static const DukaFieldSpec modifier_option_items[] = {
  ID ("id", REQ, NULL, 3),
  TEXT ("name", REQ, 1, 80, 3),
  MONEY ("price", 0, -MONEY_MAX, 3),
  BOOL ("default", 0, 3),
};

static const DukaFieldSpec modifier_group_fields[] = {
  TEXT ("name", REQ, 1, 80, 3),
  INT ("min_choices", REQ, 0, 50, 3),
  INT ("max_choices", REQ, 1, 50, 3),
  OBJECTS ("options", modifier_option_items, 100, 3),
};

static const DukaFieldSpec combo_choice_items[] = {
  ID ("product_id", REQ, "product", 3),
  ID ("variant_id", OPT, "variant", 3),
  MONEY ("extra_price", 0, 0, 3),
};

static const DukaFieldSpec combo_slot_items[] = {
  ID ("id", REQ, NULL, 3),
  TEXT ("name", REQ, 1, 80, 3),
  OBJECTS ("choices", combo_choice_items, 200, 3),
};

static const DukaFieldSpec combo_fields[] = {
  TEXT ("name", REQ, 1, 200, 3),
  MONEY ("price", REQ, 0, 3),
  ID ("category_id", OPT, "category", 3),
  ID ("tax_class_id", OPT, "tax_class", 3),
  HASH ("image", OPT, 3),
  BOOL ("active", 0, 3),
  OBJECTS ("slots", combo_slot_items, 10, 3),
};

static const DukaFieldSpec price_rule_fields[] = {
  TEXT ("name", REQ, 1, 80, 3),
  INT ("days", REQ, 1, 127, 3),
  INT ("start_minute", REQ, 0, 1439, 3),
  INT ("end_minute", REQ, 1, 1440, 3),
  IDS ("category_ids", "category", 3),
  IDS ("product_ids", "product", 3),
  RATE ("discount", OPT, 3),
  MONEY ("price", OPT, 0, 3),
  BOOL ("active", 0, 3),
};

static const DukaFieldSpec menu_fields[] = {
  TEXT ("name", REQ, 1, 80, 3),
  ID ("outlet_id", REQ, "outlet", 3),
  IDS ("category_ids", "category", 3),
  BOOL ("active", 0, 3),
};

static const char * const built_in_roles[] = { "owner", "manager", "cashier", "waiter", "kitchen", NULL };

/* A permission is named by its duka_permission_get_name(); names this Duka
 * does not know (from a newer till) are kept and grant nothing here. */
static const DukaFieldSpec role_permission_items[] = {
  TEXT ("name", REQ, 1, 64, 4),
};

static const DukaFieldSpec role_fields[] = {
  TEXT ("name", REQ, 1, 60, 4),
  ENUM ("built_in", OPT, built_in_roles, 4),
  OBJECTS ("permissions", role_permission_items, 200, 4),
  RATE ("discount_limit", OPT, 4),
};

static const DukaFieldSpec staff_fields[] = {
  TEXT ("name", REQ, 1, 120, 4),
  TEXT ("display_name", OPT, 0, 40, 4),
  TEXT ("contact", OPT, 0, 200, 4),
  MONEY ("hourly_rate", OPT, 0, 4),
  IDS ("outlet_ids", "outlet", 4),
  BOOL ("active", 0, 4),
  IDS ("role_ids", "role", 4),
};

static const char * const time_events[] = { "clock_in", "clock_out", "break_start", "break_end", NULL };

/* A fact: one clock-in, clock-out, break start or break end of a work
 * shift.  A manager's edit is a new entry with corrects_id and a reason. */
static const DukaFieldSpec time_entry_fields[] = {
  ID ("staff_id", REQ, "staff", 5),
  ID ("outlet_id", REQ, "outlet", 5),
  ID ("till_id", REQ, "till", 5),
  ENUM ("event", REQ, time_events, 5),
  TIME ("at", REQ, 5),
  BOOL ("paid", 0, 5),
  BOOL ("auto_closed", 0, 5),
  ID ("corrects_id", OPT, "time_entry", 5),
  BOOL ("voided", 0, 5),
  TEXT ("reason", OPT, 1, 500, 5),
};

/* One per outlet, its id the outlet's; thresholds of 0 turn that kind of
 * overtime off, a null auto_close_hour means the outlet's day cut-off. */
static const DukaFieldSpec time_clock_settings_fields[] = {
  INT ("daily_overtime_minutes", REQ, 0, 1440, 5),
  INT ("weekly_overtime_minutes", REQ, 0, 10080, 5),
  INT ("auto_close_hour", OPT, 0, 23, 5),
};

/* Selling (schema 6).  See SCHEMA.md, "Selling", and PROTOCOL.md for
 * which invariants the server checks. */

static const char * const tender_kinds[] = { "cash", "card", "mobile", "other", NULL };
static const char * const line_kinds[] = { "item", "service", "tip", NULL };
static const char * const order_states[] = { "open", "completed", "voided", NULL };
static const char * const origins[] = { "live", "imported", "demo", NULL };
static const char * const tax_modes[] = { "inclusive", "exclusive", NULL };
static const char * const cash_movement_kinds[] = { "in", "out", "no_sale", NULL };
static const char * const stock_reasons[] = { "sale", "refund", "adjust", "receive", "count", "transfer", NULL };

/* Quantities are thousandths; a line holds at most a million units. */
#define QTY_MAX G_GINT64_CONSTANT (1000000000)

static const DukaFieldSpec tender_type_fields[] = {
  TEXT ("name", REQ, 1, 60, 6),
  ENUM ("kind", REQ, tender_kinds, 6),
  BOOL ("opens_drawer", 0, 6),
  INT ("position", 0, 0, G_MAXINT32, 6),
  BOOL ("active", 0, 6),
};

static const DukaFieldSpec order_modifier_items[] = {
  ID ("group_id", REQ, "modifier_group", 6),
  ID ("option_id", REQ, NULL, 6),
  TEXT ("name", REQ, 1, 80, 6),
  MONEY ("price", 0, -MONEY_MAX, 6),
};

static const DukaFieldSpec open_order_fields[] = {
  ID ("outlet_id", REQ, "outlet", 6),
  ID ("till_id", REQ, "till", 6),
  TEXT ("name", OPT, 0, 80, 6),
  ID ("staff_id", OPT, "staff", 6),
  ID ("customer_id", OPT, NULL, 6),
  INT ("guests", OPT, 0, 1000, 6),
  RATE ("discount_rate", OPT, 6),
  MONEY ("discount_amount", OPT, 0, 6),
  TEXT ("discount_reason", OPT, 0, 200, 6),
  BOOL ("parked", 0, 6),
  ENUM ("state", REQ, order_states, 6),
  ID ("sale_id", OPT, "sale", 6),
  TIME ("opened_at", REQ, 6),
  TEXT ("void_reason", OPT, 0, 200, 6),
};

static const DukaFieldSpec order_line_fields[] = {
  ID ("order_id", REQ, "open_order", 6),
  ENUM ("kind", REQ, line_kinds, 6),
  ID ("product_id", OPT, "product", 6),
  ID ("variant_id", OPT, "variant", 6),
  ID ("category_id", OPT, "category", 6),
  ID ("tax_class_id", OPT, "tax_class", 6),
  TEXT ("name", REQ, 1, 200, 6),
  TEXT ("sku", OPT, 1, 64, 6),
  QTY ("quantity", REQ, 0, QTY_MAX, 6),
  MONEY ("unit_price", REQ, 0, 6),
  BOOL ("price_overridden", 0, 6),
  OBJECTS ("modifiers", order_modifier_items, 100, 6),
  TEXT ("note", OPT, 0, 200, 6),
  INT ("seat", OPT, 0, 1000, 6),
  INT ("course", OPT, 0, 20, 6),
  RATE ("discount_rate", OPT, 6),
  MONEY ("discount_amount", OPT, 0, 6),
  TEXT ("discount_reason", OPT, 0, 200, 6),
  BOOL ("voided", 0, 6),
  TEXT ("void_reason", OPT, 0, 200, 6),
  TIME ("added_at", REQ, 6),
  ID ("added_by", OPT, "staff", 6),
};

static const DukaFieldSpec cash_session_fields[] = {
  ID ("outlet_id", REQ, "outlet", 6),
  ID ("till_id", REQ, "till", 6),
  DATE ("business_date", REQ, 6),
  TIME ("opened_at", REQ, 6),
  ID ("staff_id", OPT, "staff", 6),
  MONEY ("float", REQ, 0, 6),
  CODE ("currency", REQ, 3, 3, 6),
};

/* What every fact in a till's hash chain carries (PROTOCOL.md, "Receipt
 * series"): its series, its place in it, and the links. */
#define CHAIN_FIELDS(since) \
  ID ("series_id", REQ, NULL, since), \
  INT ("seq", REQ, 1, JSON_SAFE_MAX, since), \
  HASH ("prev_hash", REQ, since), \
  HASH ("hash", REQ, since)

static const DukaFieldSpec sale_tax_items[] = {
  TEXT ("rate_id", REQ, 1, 64, 6),
  TEXT ("name", REQ, 1, 60, 6),
  RATE ("rate", REQ, 6),
  CODE ("band", OPT, 1, 1, 6),
  MONEY ("taxable", REQ, -MONEY_MAX, 6),
  MONEY ("tax", REQ, -MONEY_MAX, 6),
};

static const DukaFieldSpec line_tax_items[] = {
  TEXT ("rate_id", REQ, 1, 64, 6),
  MONEY ("tax", REQ, -MONEY_MAX, 6),
};

static const DukaFieldSpec sale_line_items[] = {
  ID ("id", REQ, NULL, 6),
  ENUM ("kind", REQ, line_kinds, 6),
  ID ("product_id", OPT, "product", 6),
  ID ("variant_id", OPT, "variant", 6),
  ID ("category_id", OPT, "category", 6),
  ID ("tax_class_id", OPT, "tax_class", 6),
  TEXT ("name", REQ, 1, 200, 6),
  TEXT ("sku", OPT, 1, 64, 6),
  QTY ("quantity", REQ, 0, QTY_MAX, 6),
  MONEY ("unit_price", REQ, 0, 6),
  BOOL ("price_overridden", 0, 6),
  OBJECTS ("modifiers", order_modifier_items, 100, 6),
  TEXT ("note", OPT, 0, 200, 6),
  INT ("seat", OPT, 0, 1000, 6),
  INT ("course", OPT, 0, 20, 6),
  MONEY ("extended", REQ, 0, 6),
  MONEY ("line_discount", REQ, 0, 6),
  TEXT ("discount_reason", OPT, 0, 200, 6),
  MONEY ("order_discount", REQ, 0, 6),
  MONEY ("net", REQ, -MONEY_MAX, 6),
  MONEY ("tax", REQ, -MONEY_MAX, 6),
  MONEY ("total", REQ, -MONEY_MAX, 6),
  OBJECTS ("taxes", line_tax_items, 8, 6),
};

static const DukaFieldSpec sale_payment_items[] = {
  ID ("id", REQ, NULL, 6),
  ID ("tender_type_id", REQ, "tender_type", 6),
  ENUM ("kind", REQ, tender_kinds, 6),
  TEXT ("name", REQ, 1, 60, 6),
  MONEY ("amount", REQ, 0, 6),
  MONEY ("tendered", REQ, 0, 6),
  MONEY ("change", REQ, 0, 6),
  CODE ("card_last4", OPT, 4, 4, 6),
  TEXT ("approval_code", OPT, 1, 32, 6),
  TEXT ("reference", OPT, 1, 64, 6),
};

static const DukaFieldSpec sale_fields[] = {
  ID ("order_id", OPT, "open_order", 6),
  ID ("outlet_id", REQ, "outlet", 6),
  ID ("till_id", REQ, "till", 6),
  ID ("cash_session_id", OPT, "cash_session", 6),
  ID ("staff_id", OPT, "staff", 6),
  ID ("customer_id", OPT, NULL, 6),
  INT ("number", REQ, 1, JSON_SAFE_MAX, 6),
  TEXT ("receipt_no", REQ, 1, 40, 6),
  ENUM ("origin", REQ, origins, 6),
  DATE ("business_date", REQ, 6),
  TIME ("at", REQ, 6),
  CODE ("currency", REQ, 3, 3, 6),
  ENUM ("tax_mode", REQ, tax_modes, 6),
  MONEY ("subtotal", REQ, 0, 6),
  MONEY ("line_discounts", REQ, 0, 6),
  MONEY ("order_discount", REQ, 0, 6),
  TEXT ("order_discount_reason", OPT, 0, 200, 6),
  MONEY ("net", REQ, -MONEY_MAX, 6),
  MONEY ("tax", REQ, -MONEY_MAX, 6),
  MONEY ("charges", REQ, 0, 6),
  MONEY ("tips", REQ, 0, 6),
  MONEY ("cash_rounding", REQ, -MONEY_MAX, 6),
  MONEY ("total", REQ, -MONEY_MAX, 6),
  MONEY ("paid", REQ, 0, 6),
  MONEY ("change", REQ, 0, 6),
  CHAIN_FIELDS (6),
  ROWS ("lines", sale_line_items, 1000, "sale_line", 6),
  ROWS ("payments", sale_payment_items, 50, "sale_payment", 6),
  ROWS ("taxes", sale_tax_items, 50, "sale_tax", 6),
};

static const DukaFieldSpec refund_line_items[] = {
  ID ("id", REQ, NULL, 6),
  ID ("sale_line_id", REQ, NULL, 6),
  QTY ("quantity", REQ, 1, QTY_MAX, 6),
  MONEY ("net", REQ, -MONEY_MAX, 6),
  MONEY ("tax", REQ, -MONEY_MAX, 6),
  MONEY ("total", REQ, -MONEY_MAX, 6),
};

static const DukaFieldSpec refund_payment_items[] = {
  ID ("id", REQ, NULL, 6),
  ID ("tender_type_id", REQ, "tender_type", 6),
  ENUM ("kind", REQ, tender_kinds, 6),
  TEXT ("name", REQ, 1, 60, 6),
  MONEY ("amount", REQ, 0, 6),
  TEXT ("reference", OPT, 1, 64, 6),
};

static const DukaFieldSpec refund_fields[] = {
  ID ("sale_id", REQ, "sale", 6),
  ID ("outlet_id", REQ, "outlet", 6),
  ID ("till_id", REQ, "till", 6),
  ID ("cash_session_id", OPT, "cash_session", 6),
  ID ("staff_id", OPT, "staff", 6),
  INT ("number", REQ, 1, JSON_SAFE_MAX, 6),
  TEXT ("receipt_no", REQ, 1, 40, 6),
  ENUM ("origin", REQ, origins, 6),
  DATE ("business_date", REQ, 6),
  TIME ("at", REQ, 6),
  CODE ("currency", REQ, 3, 3, 6),
  TEXT ("reason", REQ, 1, 200, 6),
  BOOL ("restock", 0, 6),
  MONEY ("net", REQ, -MONEY_MAX, 6),
  MONEY ("tax", REQ, -MONEY_MAX, 6),
  MONEY ("total", REQ, 0, 6),
  CHAIN_FIELDS (6),
  ROWS ("lines", refund_line_items, 1000, "refund_line", 6),
  ROWS ("payments", refund_payment_items, 50, "refund_payment", 6),
};

static const DukaFieldSpec cash_movement_fields[] = {
  ID ("cash_session_id", REQ, "cash_session", 6),
  ID ("outlet_id", REQ, "outlet", 6),
  ID ("till_id", REQ, "till", 6),
  ID ("staff_id", OPT, "staff", 6),
  DATE ("business_date", REQ, 6),
  TIME ("at", REQ, 6),
  ENUM ("kind", REQ, cash_movement_kinds, 6),
  MONEY ("amount", REQ, 0, 6),
  TEXT ("reason", REQ, 1, 200, 6),
  CHAIN_FIELDS (6),
};

static const DukaFieldSpec z_count_items[] = {
  MONEY ("denomination", REQ, 1, 6),
  INT ("count", REQ, 0, 1000000, 6),
};

static const DukaFieldSpec z_report_fields[] = {
  ID ("cash_session_id", REQ, "cash_session", 6),
  ID ("outlet_id", REQ, "outlet", 6),
  ID ("till_id", REQ, "till", 6),
  ID ("staff_id", OPT, "staff", 6),
  DATE ("business_date", REQ, 6),
  TIME ("at", REQ, 6),
  INT ("number", REQ, 1, JSON_SAFE_MAX, 6),
  MONEY ("expected_cash", REQ, -MONEY_MAX, 6),
  MONEY ("counted_cash", REQ, 0, 6),
  MONEY ("variance", REQ, -MONEY_MAX, 6),
  OBJECTS ("counts", z_count_items, 50, 6),
  TEXT ("report", REQ, 2, 1000000, 6),   /* the report's figures as JSON (SCHEMA.md) */
  CHAIN_FIELDS (6),
};

static const DukaFieldSpec stock_movement_fields[] = {
  ID ("product_id", REQ, "product", 6),
  ID ("variant_id", OPT, "variant", 6),
  ID ("outlet_id", REQ, "outlet", 6),
  QTY ("quantity", REQ, -QTY_MAX, QTY_MAX, 6),
  ENUM ("reason", REQ, stock_reasons, 6),
  ID ("document_id", OPT, NULL, 6),
  DATE ("business_date", REQ, 6),
  TIME ("at", REQ, 6),
};

/* Receipts (schema 7): one template per outlet, its id the outlet's. */
static const DukaFieldSpec receipt_template_fields[] = {
  TEXT ("header", OPT, 0, 1000, 7),
  TEXT ("footer", OPT, 0, 1000, 7),
  HASH ("logo", OPT, 7),
  BOOL ("show_tax_lines", 0, 7),
};

#define KIND(n, k, t, since, f) \
  static const DukaKindSpec kind_##t = { n, k, #t, since, f, G_N_ELEMENTS (f) }

KIND ("business", DUKA_KIND_ENTITY, business, 1, business_fields);
KIND ("outlet", DUKA_KIND_ENTITY, outlet, 1, outlet_fields);
KIND ("till", DUKA_KIND_ENTITY, till, 1, till_fields);
KIND ("tax_class", DUKA_KIND_ENTITY, tax_class, 3, tax_class_fields);
KIND ("station", DUKA_KIND_ENTITY, station, 3, station_fields);
KIND ("category", DUKA_KIND_ENTITY, category, 3, category_fields);
KIND ("product", DUKA_KIND_ENTITY, product, 3, product_fields);
KIND ("variant", DUKA_KIND_ENTITY, variant, 3, variant_fields);
KIND ("modifier_group", DUKA_KIND_ENTITY, modifier_group, 3, modifier_group_fields);
KIND ("combo", DUKA_KIND_ENTITY, combo, 3, combo_fields);
KIND ("price_rule", DUKA_KIND_ENTITY, price_rule, 3, price_rule_fields);
KIND ("menu", DUKA_KIND_ENTITY, menu, 3, menu_fields);
KIND ("role", DUKA_KIND_ENTITY, role, 4, role_fields);
KIND ("staff", DUKA_KIND_ENTITY, staff, 4, staff_fields);
KIND ("time_entry", DUKA_KIND_FACT, time_entry, 5, time_entry_fields);
KIND ("time_clock_settings", DUKA_KIND_ENTITY, time_clock_settings, 5, time_clock_settings_fields);
KIND ("tender_type", DUKA_KIND_ENTITY, tender_type, 6, tender_type_fields);
KIND ("open_order", DUKA_KIND_ENTITY, open_order, 6, open_order_fields);
KIND ("order_line", DUKA_KIND_ENTITY, order_line, 6, order_line_fields);
KIND ("cash_session", DUKA_KIND_FACT, cash_session, 6, cash_session_fields);
KIND ("sale", DUKA_KIND_FACT, sale, 6, sale_fields);
KIND ("refund", DUKA_KIND_FACT, refund, 6, refund_fields);
KIND ("cash_movement", DUKA_KIND_FACT, cash_movement, 6, cash_movement_fields);
KIND ("z_report", DUKA_KIND_FACT, z_report, 6, z_report_fields);
KIND ("stock_movement", DUKA_KIND_FACT, stock_movement, 6, stock_movement_fields);
KIND ("receipt_template", DUKA_KIND_ENTITY, receipt_template, 7, receipt_template_fields);

static const DukaKindSpec * const kinds[] = {
  &kind_business,
  &kind_outlet,
  &kind_till,
  &kind_tax_class,
  &kind_station,
  &kind_category,
  &kind_product,
  &kind_variant,
  &kind_modifier_group,
  &kind_combo,
  &kind_price_rule,
  &kind_menu,
  &kind_role,
  &kind_staff,
  &kind_time_entry,
  &kind_time_clock_settings,
  &kind_tender_type,
  &kind_open_order,
  &kind_order_line,
  &kind_cash_session,
  &kind_sale,
  &kind_refund,
  &kind_cash_movement,
  &kind_z_report,
  &kind_stock_movement,
  &kind_receipt_template,
};

const DukaKindSpec * const *
duka_registry_get_kinds (guint *n_kinds)
{
  *n_kinds = G_N_ELEMENTS (kinds);
  return kinds;
}

const DukaKindSpec *
duka_registry_lookup (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i]->name, kind) == 0)
      return kinds[i];

  return NULL;
}

static const DukaFieldSpec *
find_in (const DukaFieldSpec *fields,
         guint                n_fields,
         const char          *name)
{
  for (guint i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].name, name))
      return &fields[i];

  return NULL;
}

const DukaFieldSpec *
duka_kind_find_field (const DukaKindSpec *kind,
                      const char         *field)
{
  return find_in (kind->fields, kind->n_fields, field);
}

static gboolean
invalid (GError     **error,
         const char  *field,
         const char  *reason)
{
  g_set_error (error, DUKA_REGISTRY_ERROR, DUKA_REGISTRY_ERROR_INVALID_FIELD,
               /* Translators: a field name, then why its value is wrong */
               _("Field “%s”: %s"), field, reason);
  return FALSE;
}

static gboolean
get_integer (JsonNode *value,
             gint64   *out)
{
  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
    return FALSE;

  *out = json_node_get_int (value);
  return *out >= -JSON_SAFE_MAX && *out <= JSON_SAFE_MAX;
}

static const char *
get_string (JsonNode *value)
{
  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (value);
}

static gboolean
is_gtin (const char *text)
{
  char normal[15];

  return text != NULL && strlen (text) == 14 &&
         duka_barcode_normalize (text, normal, NULL) &&
         g_str_equal (normal, text);
}

static gboolean
validate_objects (const DukaFieldSpec *field,
                  JsonNode            *value,
                  GError             **error);

static gboolean
validate_scalar (const DukaFieldSpec *field,
                 JsonNode            *value,
                 GError             **error)
{
  const char *text = NULL;
  gint64 number;

  switch (field->type)
    {
    case DUKA_FIELD_ID:
      if (!duka_id_is_valid (get_string (value)))
        return invalid (error, field->name, _("not a valid id"));
      return TRUE;

    case DUKA_FIELD_TEXT:
      text = get_string (value);
      if (text == NULL || !g_utf8_validate (text, -1, NULL))
        return invalid (error, field->name, _("not text"));
      number = g_utf8_strlen (text, -1);
      if (number < field->min)
        return invalid (error, field->name, _("must not be empty"));
      if (number > field->max)
        return invalid (error, field->name, _("too long"));
      return TRUE;

    case DUKA_FIELD_INT:
    case DUKA_FIELD_MONEY:
    case DUKA_FIELD_QUANTITY:
    case DUKA_FIELD_RATE:
    case DUKA_FIELD_TIME:
      if (!get_integer (value, &number))
        return invalid (error, field->name, _("not a whole number"));
      if (field->type != DUKA_FIELD_TIME && (number < field->min || number > field->max))
        return invalid (error, field->name, _("out of range"));
      return TRUE;

    case DUKA_FIELD_BOOL:
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
        return invalid (error, field->name, _("not true or false"));
      return TRUE;

    case DUKA_FIELD_ENUM:
      text = get_string (value);
      if (text == NULL || !g_strv_contains (field->values, text))
        return invalid (error, field->name, _("not one of the allowed values"));
      return TRUE;

    case DUKA_FIELD_CODE:
      text = get_string (value);
      if (text == NULL)
        return invalid (error, field->name, _("not text"));
      number = strlen (text);
      if (number < field->min || number > field->max)
        return invalid (error, field->name, _("wrong length"));
      for (const char *p = text; *p; p++)
        if (!g_ascii_isalnum (*p))
          return invalid (error, field->name, _("only letters and digits are allowed"));
      return TRUE;

    case DUKA_FIELD_GTIN:
      if (!is_gtin (get_string (value)))
        return invalid (error, field->name, _("not a valid GTIN-14 barcode"));
      return TRUE;

    case DUKA_FIELD_HASH:
      text = get_string (value);
      if (text == NULL || strlen (text) != 64)
        return invalid (error, field->name, _("not a content hash"));
      for (const char *p = text; *p; p++)
        if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
          return invalid (error, field->name, _("not a content hash"));
      return TRUE;

    case DUKA_FIELD_COLOR:
      text = get_string (value);
      if (text == NULL || strlen (text) != 7 || text[0] != '#')
        return invalid (error, field->name, _("not a colour like #33d17a"));
      for (const char *p = text + 1; *p; p++)
        if (!g_ascii_isxdigit (*p))
          return invalid (error, field->name, _("not a colour like #33d17a"));
      return TRUE;

    case DUKA_FIELD_ID_LIST:
    case DUKA_FIELD_GTIN_LIST:
    case DUKA_FIELD_OBJECTS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

static gboolean
validate_list (const DukaFieldSpec *field,
               JsonNode            *value,
               GError             **error)
{
  JsonArray *array;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (!JSON_NODE_HOLDS_ARRAY (value))
    return invalid (error, field->name, _("not a list"));

  array = json_node_get_array (value);
  if (json_array_get_length (array) > (guint) field->max)
    return invalid (error, field->name, _("too many entries"));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *text = get_string (json_array_get_element (array, i));
      gboolean ok = field->type == DUKA_FIELD_ID_LIST ? duka_id_is_valid (text) : is_gtin (text);

      if (!ok)
        return invalid (error, field->name,
                        field->type == DUKA_FIELD_ID_LIST ? _("holds something that is not an id")
                                                          : _("holds something that is not a GTIN-14 barcode"));
      if (!g_hash_table_add (seen, (gpointer) text))
        return invalid (error, field->name, _("holds the same entry twice"));
    }

  return TRUE;
}

gboolean
duka_registry_validate_field (const DukaFieldSpec  *field,
                              JsonNode             *value,
                              GError              **error)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    {
      if (field->flags & DUKA_FIELD_REQUIRED)
        {
          g_set_error (error, DUKA_REGISTRY_ERROR, DUKA_REGISTRY_ERROR_MISSING_FIELD,
                       _("Field “%s” is required"), field->name);
          return FALSE;
        }
      if (value != NULL && !(field->flags & DUKA_FIELD_NULLABLE))
        return invalid (error, field->name, _("must not be empty"));
      return TRUE;
    }

  switch (field->type)
    {
    case DUKA_FIELD_ID_LIST:
    case DUKA_FIELD_GTIN_LIST:
      return validate_list (field, value, error);
    case DUKA_FIELD_OBJECTS:
      return validate_objects (field, value, error);
    default:
      return validate_scalar (field, value, error);
    }
}

static gboolean
validate_object (const DukaFieldSpec *fields,
                 guint                n_fields,
                 JsonObject          *object,
                 GError             **error)
{
  for (guint i = 0; i < n_fields; i++)
    if (!duka_registry_validate_field (&fields[i],
                                       json_object_get_member (object, fields[i].name),
                                       error))
      return FALSE;

  return TRUE;
}

static gboolean
validate_objects (const DukaFieldSpec *field,
                  JsonNode            *value,
                  GError             **error)
{
  JsonArray *array;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  if (!JSON_NODE_HOLDS_ARRAY (value))
    return invalid (error, field->name, _("not a list"));

  array = json_node_get_array (value);
  if (json_array_get_length (array) > (guint) field->max)
    return invalid (error, field->name, _("too many entries"));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GError) local_error = NULL;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return invalid (error, field->name, _("holds something that is not a record"));

      if (!validate_object (field->items, field->n_items,
                            json_node_get_object (element), &local_error))
        {
          g_set_error (error, DUKA_REGISTRY_ERROR, DUKA_REGISTRY_ERROR_INVALID_FIELD,
                       /* Translators: list field, position (from 1), reason */
                       _("Field “%s”, entry %u: %s"), field->name, i + 1,
                       local_error->message);
          return FALSE;
        }

      id = json_object_get_string_member_with_default (json_node_get_object (element), "id", NULL);
      if (id != NULL && !g_hash_table_add (ids, (gpointer) id))
        return invalid (error, field->name, _("holds the same entry twice"));
    }

  return TRUE;
}

/**
 * duka_registry_validate:
 *
 * Checks a record's fields against the registry.  Fields the registry does
 * not know are allowed and left alone: a newer till's data must survive an
 * older one.  Every entity may also carry `deleted`.
 */
gboolean
duka_registry_validate (const DukaKindSpec  *kind,
                        JsonObject          *data,
                        GError             **error)
{
  JsonNode *deleted;

  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  deleted = json_object_get_member (data, "deleted");
  if (deleted != NULL &&
      (!JSON_NODE_HOLDS_VALUE (deleted) || json_node_get_value_type (deleted) != G_TYPE_BOOLEAN))
    return invalid (error, "deleted", _("not true or false"));

  return validate_object (kind->fields, kind->n_fields, data, error);
}
