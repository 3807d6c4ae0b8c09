/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <locale.h>

#include "duka-currency.h"

G_BEGIN_DECLS

char *duka_money_format           (gint64              amount_minor,
                                   const DukaCurrency *currency);
char *duka_money_format_in_locale (gint64              amount_minor,
                                   const DukaCurrency *currency,
                                   locale_t            locale);

G_END_DECLS
