/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What a roll receipt says, row by row, before any printer or PDF decides
 * how it looks: the ESC/POS renderer and the roll PDF both draw these rows,
 * so a paper receipt and its PDF never say different things. */

#include <locale.h>

#include "duka-receipt.h"

G_BEGIN_DECLS

typedef enum
{
  DUKA_RECEIPT_ROW_LOGO,
  DUKA_RECEIPT_ROW_TEXT,    /* @left, aligned by @align */
  DUKA_RECEIPT_ROW_PAIR,    /* @left at the left, @right at the right */
  DUKA_RECEIPT_ROW_RULE,
  DUKA_RECEIPT_ROW_BLANK,
} DukaReceiptRowKind;

typedef enum
{
  DUKA_RECEIPT_STYLE_NORMAL,
  DUKA_RECEIPT_STYLE_BOLD,
  DUKA_RECEIPT_STYLE_TALL,   /* bold, double height */
  DUKA_RECEIPT_STYLE_TITLE,  /* bold, double width and height */
} DukaReceiptStyle;

typedef enum
{
  DUKA_RECEIPT_ALIGN_LEFT,
  DUKA_RECEIPT_ALIGN_CENTER,
} DukaReceiptAlign;

typedef struct
{
  DukaReceiptRowKind kind;
  DukaReceiptStyle   style;
  DukaReceiptAlign   align;
  guint              indent;  /* in characters */
  char              *left;
  char              *right;
} DukaReceiptRow;

GPtrArray *duka_receipt_layout_rows   (const DukaReceipt         *receipt,
                                       const DukaReceiptTemplate *template,
                                       locale_t                   locale);

/* Shared with the A4 invoice. */
char      *duka_receipt_format_amount   (const DukaReceipt *receipt,
                                         gint64             amount,
                                         locale_t           locale);
char      *duka_receipt_format_quantity (gint64             quantity_milli);
char      *duka_receipt_tax_label       (const DukaReceiptTax *tax,
                                         const DukaReceipt    *receipt,
                                         locale_t              locale);

G_END_DECLS
