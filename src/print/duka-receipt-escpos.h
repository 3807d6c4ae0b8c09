/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <locale.h>

#include "duka-escpos.h"
#include "duka-receipt.h"

G_BEGIN_DECLS

typedef enum
{
  DUKA_RECEIPT_ESCPOS_NONE        = 0,
  DUKA_RECEIPT_ESCPOS_KICK_DRAWER = 1 << 0,
  DUKA_RECEIPT_ESCPOS_NO_CUT      = 1 << 1,
} DukaReceiptEscposFlags;

GBytes *duka_receipt_render_escpos (const DukaReceipt         *receipt,
                                    const DukaReceiptTemplate *template,
                                    DukaCodePage               code_page,
                                    DukaReceiptEscposFlags     flags,
                                    locale_t                   locale);

GPtrArray *duka_text_wrap          (const char *text,
                                    guint       width);

G_END_DECLS
