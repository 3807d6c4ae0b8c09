/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DUKA_BARCODE_ERROR (duka_barcode_error_quark ())

typedef enum
{
  DUKA_BARCODE_ERROR_INVALID_LENGTH,
  DUKA_BARCODE_ERROR_INVALID_CHARACTER,
  DUKA_BARCODE_ERROR_CHECK_DIGIT,
  DUKA_BARCODE_ERROR_UPCE_NUMBER_SYSTEM,
  DUKA_BARCODE_ERROR_NOT_EMBEDDED,
  DUKA_BARCODE_ERROR_VALUE_CHECK_DIGIT,
  DUKA_BARCODE_ERROR_INVALID_LAYOUT,
} DukaBarcodeError;

/* 14 digits and a NUL: every GTIN, left-padded with zeros, so the UPC-A,
 * EAN-13 and EAN-8 spellings of one product are the same string. */
#define DUKA_GTIN14_SIZE 15

typedef enum
{
  DUKA_EMBEDDED_PRICE,
  DUKA_EMBEDDED_WEIGHT,
} DukaEmbeddedKind;

/*
 * How a shop's scale or label printer lays out an EAN-13 with a price or a
 * weight in it, read left to right after the two prefix digits:
 *
 *   PP IIIII VVVVV C          item_digits 5, value_digits 5
 *   PP IIIII K VVVV C         item_digits 5, value_digits 4, has_value_check_digit
 *
 * The prefix, item, value check and value digits plus the final check digit
 * must make 13.  A UPC-A "2 IIIII VVVVV C" is the EAN-13 "02 IIIII VVVVV C",
 * so a layout for prefix 02 decodes North American random-weight codes.
 */
typedef struct
{
  guint8           prefix_first;           /* e.g. 20 */
  guint8           prefix_last;            /* e.g. 29; inclusive */
  guint8           item_digits;            /* e.g. 5 */
  guint8           value_digits;           /* 4 or 5 with a value check digit */
  gboolean         has_value_check_digit;  /* GS1 price/weight check digit before the value */
  DukaEmbeddedKind kind;
  /* Decimals printed in the value: a price 01234 with 2 is 12.34; a weight
   * 01500 with 3 is 1.500 kg.  At most currency_exponent for a price and
   * at most 3 for a weight, so the result is always exact. */
  guint8           value_decimals;
  /* ISO 4217 exponent of the outlet's currency; prices only. */
  guint8           currency_exponent;
} DukaEmbeddedLayout;

typedef struct
{
  /* The code with the value (and its check digit) zeroed and a fresh check
   * digit: what the product is registered under. */
  char             lookup_gtin14[DUKA_GTIN14_SIZE];
  DukaEmbeddedKind kind;
  /* Price in the currency's minor units, or weight in grams (thousandths
   * of a kilogram, as every Duka quantity). */
  gint64           value;
  /* The layout that matched, an index into the caller's table. */
  guint            layout_index;
} DukaEmbeddedCode;

GQuark   duka_barcode_error_quark       (void);

int      duka_barcode_check_digit       (const char                *digits,
                                         gsize                      len);
gboolean duka_barcode_normalize         (const char                *input,
                                         char                       out_gtin14[DUKA_GTIN14_SIZE],
                                         GError                   **error);
gboolean duka_barcode_normalize_upce    (const char                *input,
                                         char                       out_gtin14[DUKA_GTIN14_SIZE],
                                         GError                   **error);
gboolean duka_barcode_is_restricted     (const char                *gtin14);

int      duka_barcode_value_check_digit (const char                *digits,
                                         gsize                      len);
gboolean duka_barcode_layout_validate   (const DukaEmbeddedLayout  *layout,
                                         GError                   **error);
gboolean duka_barcode_decode_embedded   (const char                *gtin14,
                                         const DukaEmbeddedLayout  *layouts,
                                         guint                      n_layouts,
                                         DukaEmbeddedCode          *out,
                                         GError                   **error);

G_END_DECLS
