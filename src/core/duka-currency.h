/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * DukaCurrency:
 * @code: ISO 4217 alphabetic code, e.g. "KES"
 * @numeric: ISO 4217 numeric code, e.g. 404
 * @exponent: number of minor-unit digits (0 for JPY, 2 for KES, 3 for KWD)
 * @symbol: unambiguous international display symbol, e.g. "US$", "Ksh"
 * @name: English name, marked with N_(); show it with
 *   duka_currency_get_display_name()
 *
 * One row of the built-in ISO 4217 table. Rows are static: never free them.
 */
typedef struct
{
  const char *code;
  guint16     numeric;
  guint8      exponent;
  const char *symbol;
  const char *name;
} DukaCurrency;

const DukaCurrency *duka_currency_lookup           (const char         *code);
const DukaCurrency *duka_currency_get_all          (guint              *n_currencies);
const char         *duka_currency_get_display_name (const DukaCurrency *currency);

G_END_DECLS
