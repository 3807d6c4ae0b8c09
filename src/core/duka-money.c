/* SPDX-License-Identifier: GPL-3.0-or-later */

/* nl_langinfo_l rather than localeconv: localeconv fills one static buffer
 * from the process-wide locale, so it races with other threads and cannot
 * format for any locale but the current one; nl_langinfo_l takes a locale_t. */

/* glibc declares the LC_MONETARY nl_items (MON_GROUPING, ...) only for GNU. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "duka-money.h"

#include <langinfo.h>
#include <limits.h>
#include <string.h>

/* Between symbol and digits, so an amount never wraps across two lines. */
#define NO_BREAK_SPACE "\xc2\xa0"

/* How one amount is laid out: the locale's LC_MONETARY, already resolved
 * for the amount's sign, or the fallback for locales without monetary data. */
typedef struct
{
  const char *decimal_point;
  const char *thousands_sep;
  const char *grouping;
  const char *symbol;
  const char *sign;
  gboolean    cs_precedes;
  int         sep_by_space;
  int         sign_posn;
} MoneyStyle;

typedef enum
{
  PART_SIGN,
  PART_SYMBOL,
  PART_VALUE,
  PART_OPEN,
  PART_CLOSE,
} MoneyPart;

#define MAX_PARTS 5

static int
langinfo_int (nl_item  item,
              locale_t locale)
{
  return *nl_langinfo_l (item, locale);
}

/* The locale's own symbol ("$" in en_US, "Ksh" in sw_KE) only for the
 * locale's own currency; any other currency gets its unambiguous one. */
static const char *
choose_symbol (const DukaCurrency *currency,
               locale_t            locale)
{
  const char *int_curr_symbol = nl_langinfo_l (INT_CURR_SYMBOL, locale);
  const char *currency_symbol = nl_langinfo_l (CURRENCY_SYMBOL, locale);

  if (strncmp (int_curr_symbol, currency->code, 3) == 0 &&
      currency_symbol[0] != '\0')
    return currency_symbol;

  return currency->symbol;
}

static void
style_init_fallback (MoneyStyle         *style,
                     const DukaCurrency *currency,
                     gboolean            negative)
{
  style->decimal_point = ".";
  style->thousands_sep = "";
  style->grouping = "";
  style->symbol = currency->code;
  style->sign = negative ? "-" : "";
  style->cs_precedes = TRUE;
  style->sep_by_space = 1;
  style->sign_posn = 1;
}

/* Returns FALSE when @locale has no monetary data (C, POSIX). */
static gboolean
style_init_from_locale (MoneyStyle         *style,
                        const DukaCurrency *currency,
                        gboolean            negative,
                        locale_t            locale)
{
  int cs_precedes;
  int sep_by_space;
  int sign_posn;

  style->decimal_point = nl_langinfo_l (MON_DECIMAL_POINT, locale);
  if (style->decimal_point[0] == '\0')
    return FALSE;

  style->thousands_sep = nl_langinfo_l (MON_THOUSANDS_SEP, locale);
  style->grouping = nl_langinfo_l (MON_GROUPING, locale);
  style->symbol = choose_symbol (currency, locale);

  if (negative)
    {
      style->sign = nl_langinfo_l (NEGATIVE_SIGN, locale);
      if (style->sign[0] == '\0')
        style->sign = "-";
      cs_precedes = langinfo_int (N_CS_PRECEDES, locale);
      sep_by_space = langinfo_int (N_SEP_BY_SPACE, locale);
      sign_posn = langinfo_int (N_SIGN_POSN, locale);
    }
  else
    {
      /* A positive amount shows no sign, whatever POSITIVE_SIGN says. */
      style->sign = "";
      cs_precedes = langinfo_int (P_CS_PRECEDES, locale);
      sep_by_space = langinfo_int (P_SEP_BY_SPACE, locale);
      sign_posn = 1;
    }

  /* CHAR_MAX means "unspecified": symbol first, no space, sign first. */
  style->cs_precedes = cs_precedes != 0;
  style->sep_by_space = (sep_by_space >= 0 && sep_by_space <= 2) ? sep_by_space : 0;
  style->sign_posn = (sign_posn >= 0 && sign_posn <= 4) ? sign_posn : 1;

  return TRUE;
}

/* MON_GROUPING gives group sizes from the right; the last size repeats,
 * and CHAR_MAX (or a negative size) ends grouping. */
static void
append_grouped_digits (GString    *out,
                       const char *digits,
                       gsize       n_digits,
                       const char *grouping,
                       const char *separator)
{
  gboolean separator_before[24] = { FALSE };
  const char *size = grouping;
  gsize right = 0;

  g_assert (n_digits < G_N_ELEMENTS (separator_before));

  if (separator[0] != '\0')
    {
      while (*size > 0 && *size != CHAR_MAX)
        {
          right += (guchar) *size;
          if (right >= n_digits)
            break;
          separator_before[right] = TRUE;
          if (size[1] != '\0')
            size++;
        }
    }

  for (gsize i = 0; i < n_digits; i++)
    {
      if (i > 0 && separator_before[n_digits - i])
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
}

static char *
format_value (guint64           magnitude,
              guint             exponent,
              const MoneyStyle *style)
{
  GString *out = g_string_new (NULL);
  char digits[32];
  gsize n_digits;
  gsize n_integer;

  /* At least one integer digit: 5 minor units of KES are "0.05". */
  n_digits = (gsize) g_snprintf (digits, sizeof digits,
                                 "%0*" G_GUINT64_FORMAT,
                                 (int) exponent + 1, magnitude);
  n_integer = n_digits - exponent;

  append_grouped_digits (out, digits, n_integer,
                         style->grouping, style->thousands_sep);
  if (exponent > 0)
    {
      g_string_append (out, style->decimal_point);
      g_string_append_len (out, digits + n_integer, exponent);
    }

  return g_string_free (out, FALSE);
}

/* The order POSIX gives for each sign position (0 parentheses, 1 sign
 * first, 2 sign last, 3 sign just before the symbol, 4 just after it). */
static guint
arrange_parts (MoneyPart         parts[MAX_PARTS],
               const MoneyStyle *style)
{
  gboolean has_sign = style->sign[0] != '\0';
  MoneyPart first = style->cs_precedes ? PART_SYMBOL : PART_VALUE;
  MoneyPart last = style->cs_precedes ? PART_VALUE : PART_SYMBOL;
  guint n = 0;

  if (!has_sign)
    {
      parts[n++] = first;
      parts[n++] = last;
      return n;
    }

  switch (style->sign_posn)
    {
    case 0:
      parts[n++] = PART_OPEN;
      parts[n++] = first;
      parts[n++] = last;
      parts[n++] = PART_CLOSE;
      break;

    case 2:
      parts[n++] = first;
      parts[n++] = last;
      parts[n++] = PART_SIGN;
      break;

    case 3:
      if (style->cs_precedes)
        {
          parts[n++] = PART_SIGN;
          parts[n++] = PART_SYMBOL;
          parts[n++] = PART_VALUE;
        }
      else
        {
          parts[n++] = PART_VALUE;
          parts[n++] = PART_SIGN;
          parts[n++] = PART_SYMBOL;
        }
      break;

    case 4:
      if (style->cs_precedes)
        {
          parts[n++] = PART_SYMBOL;
          parts[n++] = PART_SIGN;
          parts[n++] = PART_VALUE;
        }
      else
        {
          parts[n++] = PART_VALUE;
          parts[n++] = PART_SYMBOL;
          parts[n++] = PART_SIGN;
        }
      break;

    case 1:
    default:
      parts[n++] = PART_SIGN;
      parts[n++] = first;
      parts[n++] = last;
      break;
    }

  return n;
}

static int
find_part (const MoneyPart *parts,
           guint            n_parts,
           MoneyPart        part)
{
  for (guint i = 0; i < n_parts; i++)
    {
      if (parts[i] == part)
        return (int) i;
    }

  return -1;
}

/* A letter or an abbreviation's dot touching the digits reads as one word
 * ("Ksh1,234.56", "Bs.1.234,56"): such a symbol always gets a space. */
static gboolean
symbol_edge_is_wordlike (const char *symbol,
                         gboolean    edge_is_end)
{
  gunichar c;

  if (symbol[0] == '\0')
    return FALSE;

  if (edge_is_end)
    c = g_utf8_get_char (g_utf8_prev_char (symbol + strlen (symbol)));
  else
    c = g_utf8_get_char (symbol);

  return c == '.' || g_unichar_isalpha (c);
}

/* gaps[i] is TRUE when a space goes between parts[i] and parts[i + 1]. */
static void
place_spaces (const MoneyPart  *parts,
              guint             n_parts,
              const MoneyStyle *style,
              gboolean          gaps[MAX_PARTS])
{
  int value = find_part (parts, n_parts, PART_VALUE);
  int symbol = find_part (parts, n_parts, PART_SYMBOL);
  int sign = find_part (parts, n_parts, PART_SIGN);
  int low = MIN (value, symbol);
  int high = MAX (value, symbol);
  gboolean separated = FALSE;

  for (guint i = 0; i < MAX_PARTS; i++)
    gaps[i] = FALSE;

  if (style->sep_by_space == 1)
    {
      /* The space goes between the value and whatever stands on the
       * symbol's side of it: the symbol, or a sign stuck to the symbol. */
      int neighbour = style->cs_precedes ? value - 1 : value + 1;

      if (neighbour >= 0 && neighbour < (int) n_parts &&
          (parts[neighbour] == PART_SYMBOL || parts[neighbour] == PART_SIGN))
        gaps[MIN (value, neighbour)] = TRUE;
    }
  else if (style->sep_by_space == 2 && sign >= 0)
    {
      if (ABS (sign - symbol) == 1)
        gaps[MIN (sign, symbol)] = TRUE;
      else if (ABS (sign - value) == 1)
        gaps[MIN (sign, value)] = TRUE;
    }

  for (int i = low; i < high; i++)
    separated |= gaps[i];

  if (!separated && symbol_edge_is_wordlike (style->symbol, style->cs_precedes))
    gaps[style->cs_precedes ? symbol : symbol - 1] = TRUE;
}

static char *
format_with_style (guint64           magnitude,
                   guint             exponent,
                   const MoneyStyle *style)
{
  g_autofree char *value = format_value (magnitude, exponent, style);
  MoneyPart parts[MAX_PARTS];
  gboolean gaps[MAX_PARTS];
  GString *out = g_string_new (NULL);
  guint n_parts;

  n_parts = arrange_parts (parts, style);
  place_spaces (parts, n_parts, style, gaps);

  for (guint i = 0; i < n_parts; i++)
    {
      switch (parts[i])
        {
        case PART_SIGN:
          g_string_append (out, style->sign);
          break;
        case PART_SYMBOL:
          g_string_append (out, style->symbol);
          break;
        case PART_VALUE:
          g_string_append (out, value);
          break;
        case PART_OPEN:
          g_string_append_c (out, '(');
          break;
        case PART_CLOSE:
          g_string_append_c (out, ')');
          break;
        default:
          g_assert_not_reached ();
        }

      if (gaps[i])
        g_string_append (out, NO_BREAK_SPACE);
    }

  return g_string_free (out, FALSE);
}

/**
 * duka_money_format_in_locale:
 * @amount_minor: the amount in minor units of @currency (cents, for USD)
 * @currency: the amount's currency
 * @locale: the locale whose LC_MONETARY lays the amount out; may be
 *   %LC_GLOBAL_LOCALE
 *
 * Formats an amount for a person to read, with integer arithmetic only.
 *
 * Digits: always @currency's ISO 4217 exponent of decimals (glibc's
 * frac_digits disagree with ISO for some locales), the locale's monetary
 * decimal mark, thousands separator and grouping (3;2 in en_IN).
 *
 * Symbol: the locale's own CURRENCY_SYMBOL when @currency is the locale's
 * currency (INT_CURR_SYMBOL), otherwise @currency's international symbol;
 * placed and spaced by the locale's cs_precedes and sep_by_space. Every
 * space is U+00A0 NO-BREAK SPACE, and a symbol whose edge facing the digits
 * is a letter or a dot is always spaced ("Ksh 1,234.56").
 *
 * Sign: a negative amount gets the locale's NEGATIVE_SIGN (ASCII '-' in
 * every glibc locale, and the fallback) where n_sign_posn puts it; a
 * positive amount gets no sign.
 *
 * A locale without monetary data (C, POSIX) gives "KES 1234.56": ISO code,
 * no-break space, '.' decimal mark, no grouping.
 *
 * Returns: (transfer full): the formatted amount
 */
char *
duka_money_format_in_locale (gint64              amount_minor,
                             const DukaCurrency *currency,
                             locale_t            locale)
{
  gboolean negative = amount_minor < 0;
  /* -(G_MININT64) overflows, -(G_MININT64 + 1) does not. */
  guint64 magnitude = negative ? (guint64) (-(amount_minor + 1)) + 1
                               : (guint64) amount_minor;
  locale_t global_copy = (locale_t) 0;
  MoneyStyle style;
  char *result;

  g_return_val_if_fail (currency != NULL, NULL);
  g_return_val_if_fail (currency->exponent <= 18, NULL);
  g_return_val_if_fail (locale != (locale_t) 0, NULL);

  /* nl_langinfo_l cannot take LC_GLOBAL_LOCALE; a copy of it can. */
  if (locale == LC_GLOBAL_LOCALE)
    locale = global_copy = duplocale (LC_GLOBAL_LOCALE);

  if (locale == (locale_t) 0 ||
      !style_init_from_locale (&style, currency, negative, locale))
    style_init_fallback (&style, currency, negative);

  result = format_with_style (magnitude, currency->exponent, &style);

  if (global_copy != (locale_t) 0)
    freelocale (global_copy);

  return result;
}

/**
 * duka_money_format:
 * @amount_minor: the amount in minor units of @currency
 * @currency: the amount's currency
 *
 * Formats an amount in the calling thread's LC_MONETARY, as
 * duka_money_format_in_locale() does.
 *
 * Returns: (transfer full): the formatted amount
 */
char *
duka_money_format (gint64              amount_minor,
                   const DukaCurrency *currency)
{
  return duka_money_format_in_locale (amount_minor, currency,
                                      uselocale ((locale_t) 0));
}
