/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <locale.h>

#include "duka-currency.h"
#include "duka-money-math.h"

G_BEGIN_DECLS

char *duka_money_format           (gint64              amount_minor,
                                   const DukaCurrency *currency);
char *duka_money_format_in_locale (gint64              amount_minor,
                                   const DukaCurrency *currency,
                                   locale_t            locale);

/* Reading what a person typed (duka-money-parse.c). */
gboolean duka_money_parse         (const char         *text,
                                   const DukaCurrency *currency,
                                   locale_t            locale,
                                   gint64             *out_minor,
                                   GError            **error);
gboolean duka_rate_parse_percent  (const char         *text,
                                   gboolean            allow_over_100,
                                   gint64             *out_ppm,
                                   GError            **error);
char    *duka_rate_format_percent (gint64              rate_ppm,
                                   locale_t            locale);

G_END_DECLS
