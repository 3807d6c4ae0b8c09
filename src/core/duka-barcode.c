/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTINs as a till reads them: typed, pasted from a spreadsheet, or sent by
 * a scanner.  Every spelling of a code becomes one 14-digit string, so a
 * product registered from an EAN-13 is found when a UPC-A scanner reads it.
 */
#include "duka-barcode.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (duka-barcode-error-quark, duka_barcode_error)

/* Longer strings are cut in messages: a pasted sentence is not a barcode,
 * and the message must still fit in a toast. */
#define MAX_SHOWN_DIGITS 20

/* GS1 General Specifications 7.9.3, the weighted products for the price
 * and weight check digit: 2- is 2×d minus its tens, 5+ is 5×d plus its
 * tens, 5- is 5×d minus its tens, all modulo 10. */
static const guint8 weight_2_minus[10] = { 0, 2, 4, 6, 8, 9, 1, 3, 5, 7 };
static const guint8 weight_3[10] = { 0, 3, 6, 9, 2, 5, 8, 1, 4, 7 };
static const guint8 weight_5_plus[10] = { 0, 5, 1, 6, 2, 7, 3, 8, 4, 9 };
static const guint8 weight_5_minus[10] = { 0, 5, 9, 4, 8, 3, 7, 2, 6, 1 };
/* inverse_5_minus[weight_5_minus[d]] == d */
static const guint8 inverse_5_minus[10] = { 0, 9, 7, 5, 3, 1, 8, 6, 4, 2 };

static gboolean
is_gtin14 (const char *gtin14)
{
  if (gtin14 == NULL)
    return FALSE;

  for (guint i = 0; i < DUKA_GTIN14_SIZE - 1; i++)
    if (!g_ascii_isdigit (gtin14[i]))
      return FALSE;

  return gtin14[DUKA_GTIN14_SIZE - 1] == '\0';
}

static char *
shown_digits (const GString *digits)
{
  if (digits->len > MAX_SHOWN_DIGITS)
    return g_strdup_printf ("%.*s…", MAX_SHOWN_DIGITS - 4, digits->str);

  return g_strdup (digits->str);
}

/* People and spreadsheets write "5 012345 678900" or "036000-291452", and
 * a scanner may end with a newline; none of that is part of the code. */
static gboolean
is_separator (char c)
{
  return c == ' ' || c == '-' || c == '\t' || c == '\r' || c == '\n';
}

static void
set_invalid_character_error (const char  *at,
                             GError     **error)
{
  gunichar c = g_utf8_get_char_validated (at, -1);
  char shown[8] = { 0 };

  if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isgraph (c))
    {
      g_set_error_literal (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_INVALID_CHARACTER,
                           _("The barcode has a character that is not a digit: a barcode has "
                             "only the digits 0 to 9"));
      return;
    }

  g_unichar_to_utf8 (c, shown);
  g_set_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_INVALID_CHARACTER,
               /* Translators: %s is the wrong character, such as “O” typed for “0” */
               _("“%s” is not a digit: a barcode has only the digits 0 to 9"), shown);
}

static GString *
collect_digits (const char  *input,
                GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  for (const char *p = input; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (!is_separator (*p))
        {
          set_invalid_character_error (p, error);
          return NULL;
        }
    }

  if (digits->len == 0)
    {
      g_set_error_literal (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_INVALID_LENGTH,
                           _("The barcode is empty"));
      return NULL;
    }

  return g_steal_pointer (&digits);
}

static gboolean
check_last_digit (const GString  *digits,
                  const char     *shown_code,
                  GError        **error)
{
  int expected = duka_barcode_check_digit (digits->str, digits->len - 1);

  if (digits->str[digits->len - 1] - '0' == expected)
    return TRUE;

  g_set_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_CHECK_DIGIT,
               /* Translators: %s is the barcode as typed, %d the digit it should end with */
               _("The last digit of %s should be %d: check the barcode"), shown_code, expected);
  return FALSE;
}

/**
 * duka_barcode_check_digit:
 * @digits: ASCII digits, without their check digit
 * @len: how many of @digits to use, at most 17 (an SSCC)
 *
 * The GS1 mod-10 check digit: weights 3, 1, 3, … from the right.  The same
 * rule serves GTIN-8, -12, -13 and -14, which is why padding with zeros
 * on the left never changes it.
 *
 * Returns: the check digit, 0 to 9
 */
int
duka_barcode_check_digit (const char *digits,
                          gsize       len)
{
  guint sum = 0;

  g_return_val_if_fail (digits != NULL, -1);
  g_return_val_if_fail (len <= 17, -1);

  for (gsize i = 0; i < len; i++)
    {
      char c = digits[len - 1 - i];

      g_return_val_if_fail (g_ascii_isdigit (c), -1);
      sum += (guint) (c - '0') * (i % 2 == 0 ? 3 : 1);
    }

  return (int) ((10 - sum % 10) % 10);
}

static void
pad_to_gtin14 (const char *digits,
               gsize       len,
               char        out_gtin14[DUKA_GTIN14_SIZE])
{
  gsize pad = DUKA_GTIN14_SIZE - 1 - len;

  memset (out_gtin14, '0', pad);
  memcpy (out_gtin14 + pad, digits, len);
  out_gtin14[DUKA_GTIN14_SIZE - 1] = '\0';
}

/**
 * duka_barcode_normalize:
 * @input: a code as typed or scanned
 * @out_gtin14: (out): 14 digits and a NUL, written only on success
 * @error: return location for a #DUKA_BARCODE_ERROR
 *
 * Accepts EAN-8, UPC-A, EAN-13 and GTIN-14, with spaces and hyphens
 * anywhere, checks the check digit and pads to GTIN-14.
 *
 * Eight digits are always read as EAN-8.  A UPC-E code is also eight
 * digits, and the same eight digits can pass both check digits, so the
 * digits alone cannot tell them apart; only the symbol can.  A caller that
 * knows it holds a UPC-E (a scanner's AIM identifier "]E0" with eight
 * digits, where EAN-8 is "]E4") uses duka_barcode_normalize_upce().
 *
 * Returns: %TRUE if @input is a valid GTIN
 */
gboolean
duka_barcode_normalize (const char  *input,
                        char         out_gtin14[DUKA_GTIN14_SIZE],
                        GError     **error)
{
  g_autoptr(GString) digits = NULL;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (out_gtin14 != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  digits = collect_digits (input, error);
  if (digits == NULL)
    return FALSE;

  shown = shown_digits (digits);
  if (digits->len != 8 && digits->len != 12 && digits->len != 13 && digits->len != 14)
    {
      g_set_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_INVALID_LENGTH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s has %u digit, but a barcode has 8, 12, 13 or 14 digits",
                                "%s has %u digits, but a barcode has 8, 12, 13 or 14 digits",
                                digits->len),
                   shown, (guint) digits->len);
      return FALSE;
    }

  if (!check_last_digit (digits, shown, error))
    return FALSE;

  pad_to_gtin14 (digits->str, digits->len, out_gtin14);
  return TRUE;
}

/* The UPC-E zero-suppression rule, undone: the last of the six digits says
 * where the manufacturer number ends and how many zeros were dropped.
 * @upce is number system, six digits, check digit; @upca gets 11 digits
 * (no check digit) and a NUL. */
static void
upce_expand (const char *upce,
             char        upca[12])
{
  const char ns = upce[0];
  const char *d = upce + 1;

  switch (d[5])
    {
    case '0':
    case '1':
    case '2':
      g_snprintf (upca, 12, "%c%c%c%c0000%c%c%c", ns, d[0], d[1], d[5], d[2], d[3], d[4]);
      break;

    case '3':
      g_snprintf (upca, 12, "%c%c%c%c00000%c%c", ns, d[0], d[1], d[2], d[3], d[4]);
      break;

    case '4':
      g_snprintf (upca, 12, "%c%c%c%c%c00000%c", ns, d[0], d[1], d[2], d[3], d[4]);
      break;

    default:
      g_snprintf (upca, 12, "%c%c%c%c%c%c0000%c", ns, d[0], d[1], d[2], d[3], d[4], d[5]);
      break;
    }
}

/**
 * duka_barcode_normalize_upce:
 * @input: an eight-digit UPC-E code (number system, six digits, check digit)
 * @out_gtin14: (out): the expanded UPC-A as GTIN-14, written only on success
 * @error: return location for a #DUKA_BARCODE_ERROR
 *
 * For callers that know the code came from a UPC-E symbol; see
 * duka_barcode_normalize() for why eight digits alone do not say so.
 * The check digit of a UPC-E is the one of its UPC-A expansion.
 *
 * Returns: %TRUE if @input is a valid UPC-E
 */
gboolean
duka_barcode_normalize_upce (const char  *input,
                             char         out_gtin14[DUKA_GTIN14_SIZE],
                             GError     **error)
{
  g_autoptr(GString) digits = NULL;
  g_autoptr(GString) expanded = NULL;
  g_autofree char *shown = NULL;
  char upca[12];

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (out_gtin14 != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  digits = collect_digits (input, error);
  if (digits == NULL)
    return FALSE;

  shown = shown_digits (digits);
  if (digits->len != 8)
    {
      g_set_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_INVALID_LENGTH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s has %u digit, but a UPC-E code has 8",
                                "%s has %u digits, but a UPC-E code has 8",
                                digits->len),
                   shown, (guint) digits->len);
      return FALSE;
    }

  if (digits->str[0] != '0' && digits->str[0] != '1')
    {
      g_set_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_UPCE_NUMBER_SYSTEM,
                   _("%s is not a UPC-E code: a UPC-E code starts with 0 or 1"), shown);
      return FALSE;
    }

  upce_expand (digits->str, upca);
  expanded = g_string_new (upca);
  g_string_append_c (expanded, digits->str[7]);
  if (!check_last_digit (expanded, shown, error))
    return FALSE;

  pad_to_gtin14 (expanded->str, expanded->len, out_gtin14);
  return TRUE;
}

/**
 * duka_barcode_is_restricted:
 * @gtin14: a normalised GTIN-14
 *
 * Whether @gtin14 is a GS1 Restricted Circulation Number: a code a shop or
 * a region gives out itself (in-store items, price and weight labels),
 * which means nothing outside it and may mean something else next door.
 * In EAN-13 form those start with 02, 04 or 20 to 29 (200–299); an EAN-8
 * starting with 0 or 2 is an RCN-8.  A UPC-A starting with 2 or 4 is the
 * EAN-13 02… or 04…, so it is covered too.
 *
 * Returns: %TRUE for a restricted circulation number
 */
gboolean
duka_barcode_is_restricted (const char *gtin14)
{
  const char *ean13 = gtin14 + 1;

  g_return_val_if_fail (is_gtin14 (gtin14), FALSE);

  /* A non-zero indicator digit marks a case or pallet of a trade item. */
  if (gtin14[0] != '0')
    return FALSE;

  /* GTIN-8 in 14-digit form; a UPC-A never starts with 0000. */
  if (strncmp (gtin14, "000000", 6) == 0)
    return gtin14[6] == '0' || gtin14[6] == '2';

  return ean13[0] == '2' ||
         strncmp (ean13, "02", 2) == 0 ||
         strncmp (ean13, "04", 2) == 0;
}

/**
 * duka_barcode_value_check_digit:
 * @digits: four or five ASCII digits of a price or weight
 * @len: 4 or 5
 *
 * The GS1 price/weight check digit (General Specifications 7.9.3) that
 * some scales print before a 4- or 5-digit value, so a misread value is
 * caught even when the EAN-13 check digit happens to pass.
 *
 * Returns: the check digit, 0 to 9
 */
int
duka_barcode_value_check_digit (const char *digits,
                                gsize       len)
{
  guint d[5];
  guint sum;

  g_return_val_if_fail (digits != NULL, -1);
  g_return_val_if_fail (len == 4 || len == 5, -1);

  for (gsize i = 0; i < len; i++)
    {
      g_return_val_if_fail (g_ascii_isdigit (digits[i]), -1);
      d[i] = (guint) (digits[i] - '0');
    }

  if (len == 4)
    {
      sum = weight_2_minus[d[0]] + weight_2_minus[d[1]] + weight_3[d[2]] + weight_5_minus[d[3]];
      return (int) (sum * 3 % 10);
    }

  sum = weight_5_plus[d[0]] + weight_2_minus[d[1]] + weight_5_minus[d[2]] +
        weight_5_plus[d[3]] + weight_2_minus[d[4]];
  return inverse_5_minus[(10 - sum % 10) % 10];
}

/**
 * duka_barcode_layout_validate:
 * @layout: a layout from the shop's settings
 * @error: return location for %DUKA_BARCODE_ERROR_INVALID_LAYOUT
 *
 * A layout comes from the shop's settings, so a wrong one is a message to
 * the manager, not a crash.  The settings page calls this before saving,
 * because a layout whose prefixes are backwards would never match and
 * would otherwise be ignored without a word; decoding checks again.
 *
 * Returns: %TRUE if @layout can decode codes
 */
gboolean
duka_barcode_layout_validate (const DukaEmbeddedLayout  *layout,
                              GError                   **error)
{
  guint total;
  guint first;
  guint last;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  total = 2 + layout->item_digits + (layout->has_value_check_digit ? 1 : 0) +
          layout->value_digits + 1;
  first = layout->prefix_first;
  last = layout->prefix_last;

  if (first > last || last > 99)
    {
      g_set_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_INVALID_LAYOUT,
                   _("The barcode layout for prefixes %02u to %02u has its prefixes the "
                     "wrong way round: check the barcode settings"),
                   first, last);
      return FALSE;
    }

  if (total != 13 || layout->item_digits == 0 || layout->value_digits == 0)
    {
      g_set_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_INVALID_LAYOUT,
                   _("The barcode layout for prefixes %02u to %02u has %u digits, not 13: "
                     "check the barcode settings"),
                   first, last, total);
      return FALSE;
    }

  if (layout->has_value_check_digit && layout->value_digits != 4 && layout->value_digits != 5)
    {
      g_set_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_INVALID_LAYOUT,
                   _("The barcode layout for prefixes %02u to %02u has a check digit for "
                     "its value, which needs a value of 4 or 5 digits: check the barcode "
                     "settings"),
                   first, last);
      return FALSE;
    }

  if (layout->kind == DUKA_EMBEDDED_PRICE &&
      (layout->value_decimals > layout->currency_exponent || layout->currency_exponent > 9))
    {
      g_set_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_INVALID_LAYOUT,
                   _("The barcode layout for prefixes %02u to %02u has prices with %u "
                     "decimals, more than the currency has: check the barcode settings"),
                   first, last, (guint) layout->value_decimals);
      return FALSE;
    }

  if (layout->kind == DUKA_EMBEDDED_WEIGHT && layout->value_decimals > 3)
    {
      g_set_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_INVALID_LAYOUT,
                   _("The barcode layout for prefixes %02u to %02u has weights finer than "
                     "a gram: check the barcode settings"),
                   first, last);
      return FALSE;
    }

  return TRUE;
}

/* People read the digits printed under the bars: 8 for an EAN-8, 13 for
 * an EAN-13 or UPC-A, all 14 only for a case. */
static const char *
shown_gtin14 (const char *gtin14)
{
  if (strncmp (gtin14, "000000", 6) == 0)
    return gtin14 + 6;
  if (gtin14[0] == '0')
    return gtin14 + 1;
  return gtin14;
}

static const DukaEmbeddedLayout *
find_layout (const char               *gtin14,
             const DukaEmbeddedLayout *layouts,
             guint                     n_layouts,
             guint                    *out_index)
{
  guint prefix;

  /* Only an EAN-13 (or UPC-A) carries a value; GTIN-8 and GTIN-14 never do. */
  if (gtin14[0] != '0' || strncmp (gtin14, "000000", 6) == 0)
    return NULL;

  prefix = (guint) (gtin14[1] - '0') * 10 + (guint) (gtin14[2] - '0');
  for (guint i = 0; i < n_layouts; i++)
    {
      if (prefix >= layouts[i].prefix_first && prefix <= layouts[i].prefix_last)
        {
          *out_index = i;
          return &layouts[i];
        }
    }

  return NULL;
}

static gboolean
check_value_digit (const char                *gtin14,
                   const DukaEmbeddedLayout  *layout,
                   guint                      value_start,
                   const char                *shown,
                   GError                   **error)
{
  int expected = duka_barcode_value_check_digit (gtin14 + value_start, layout->value_digits);

  if (gtin14[value_start - 1] - '0' == expected)
    return TRUE;

  if (layout->kind == DUKA_EMBEDDED_PRICE)
    g_set_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_VALUE_CHECK_DIGIT,
                 /* Translators: the code, then the digit expected before the price */
                 _("The price in %s does not match its check digit, which should be %d: "
                   "check the barcode"),
                 shown, expected);
  else
    g_set_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_VALUE_CHECK_DIGIT,
                 /* Translators: the code, then the digit expected before the weight */
                 _("The weight in %s does not match its check digit, which should be %d: "
                   "check the barcode"),
                 shown, expected);
  return FALSE;
}

/* Scaled from the label's decimals to minor units or grams; the layout
 * check guarantees that only ever multiplies. */
static gint64
read_value (const char               *digits,
            const DukaEmbeddedLayout *layout)
{
  guint target_decimals = layout->kind == DUKA_EMBEDDED_PRICE ? layout->currency_exponent : 3;
  gint64 value = 0;

  for (guint i = 0; i < layout->value_digits; i++)
    value = value * 10 + (digits[i] - '0');

  for (guint i = layout->value_decimals; i < target_decimals; i++)
    value *= 10;

  return value;
}

/**
 * duka_barcode_decode_embedded:
 * @gtin14: a normalised GTIN-14
 * @layouts: (array length=n_layouts): the shop's layouts; the first whose
 *   prefix range holds the code's two-digit EAN-13 prefix is used
 * @n_layouts: length of @layouts
 * @out: (out caller-allocates): the decoded code, written only on success
 * @error: return location for a #DUKA_BARCODE_ERROR
 *
 * Reads the price or weight out of a scale label.  %DUKA_BARCODE_ERROR_NOT_EMBEDDED
 * means no layout matches: look the code up as an ordinary product.
 *
 * Returns: %TRUE if @gtin14 carries a value under one of @layouts
 */
gboolean
duka_barcode_decode_embedded (const char                *gtin14,
                              const DukaEmbeddedLayout  *layouts,
                              guint                      n_layouts,
                              DukaEmbeddedCode          *out,
                              GError                   **error)
{
  const DukaEmbeddedLayout *layout;
  const char *shown;
  guint layout_index = 0;
  guint value_start;
  char lookup[DUKA_GTIN14_SIZE];

  g_return_val_if_fail (is_gtin14 (gtin14), FALSE);
  g_return_val_if_fail (layouts != NULL || n_layouts == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  shown = shown_gtin14 (gtin14);

  if (duka_barcode_check_digit (gtin14, 13) != gtin14[13] - '0')
    {
      g_set_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_CHECK_DIGIT,
                   _("The last digit of %s should be %d: check the barcode"),
                   shown, duka_barcode_check_digit (gtin14, 13));
      return FALSE;
    }

  layout = find_layout (gtin14, layouts, n_layouts, &layout_index);
  if (layout == NULL)
    {
      g_set_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_NOT_EMBEDDED,
                   _("%s is not a price or weight barcode"), shown);
      return FALSE;
    }

  if (!duka_barcode_layout_validate (layout, error))
    return FALSE;

  /* Positions in the GTIN-14: the indicator 0, then the EAN-13. */
  value_start = 1 + 2 + layout->item_digits + (layout->has_value_check_digit ? 1 : 0);
  if (layout->has_value_check_digit &&
      !check_value_digit (gtin14, layout, value_start, shown, error))
    return FALSE;

  /* The product is registered with a zero value, so the lookup key is
   * the code with the value and its check digit zeroed. */
  memcpy (lookup, gtin14, DUKA_GTIN14_SIZE);
  memset (lookup + 1 + 2 + layout->item_digits, '0',
          layout->value_digits + (layout->has_value_check_digit ? 1 : 0));
  lookup[13] = (char) ('0' + duka_barcode_check_digit (lookup, 13));

  memcpy (out->lookup_gtin14, lookup, DUKA_GTIN14_SIZE);
  out->kind = layout->kind;
  out->value = read_value (gtin14 + value_start, layout);
  out->layout_index = layout_index;
  return TRUE;
}
