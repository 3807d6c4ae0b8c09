/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading amounts and rates the way a person types them in their locale,
 * and writing rates back.  Integers only: the digits become minor units
 * directly, never passing through a binary fraction.
 */
#include <glib/gi18n-lib.h>

#include <langinfo.h>
#include <limits.h>
#include <string.h>

#include "duka-money.h"

#define NO_BREAK_SPACE        "\xc2\xa0"      /* U+00A0 */
#define NARROW_NO_BREAK_SPACE "\xe2\x80\xaf"  /* U+202F: fr_FR groups with it */
#define THIN_SPACE            "\xe2\x80\x89"  /* U+2009 */
#define MINUS_SIGN            "\xe2\x88\x92"  /* U+2212 */

#define MAX_SEPARATORS 8
#define MAX_SYMBOLS    3

/* What counts as a decimal mark, a digit-group separator and a currency
 * symbol for one currency in one locale. */
typedef struct
{
  const char *decimal;
  const char *grouping;
  const char *separators[MAX_SEPARATORS];
  guint       n_separators;
  const char *symbols[MAX_SYMBOLS];
  guint       n_symbols;
} ParseStyle;

typedef struct
{
  const char *start;
  gsize       length;
  gboolean    is_digits;
} Token;

static gboolean
has_prefix_len (const char *text,
                gsize       text_length,
                const char *prefix)
{
  gsize length = strlen (prefix);

  return length > 0 && length <= text_length && memcmp (text, prefix, length) == 0;
}

static gboolean
has_suffix_len (const char *text,
                gsize       text_length,
                const char *suffix)
{
  gsize length = strlen (suffix);

  return length > 0 && length <= text_length &&
         memcmp (text + text_length - length, suffix, length) == 0;
}

/* Length of the space character at @text, or 0. */
static gsize
space_length (const char *text,
              gsize       text_length)
{
  static const char * const spaces[] = {
    " ", "\t", NO_BREAK_SPACE, NARROW_NO_BREAK_SPACE, THIN_SPACE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (spaces); i++)
    {
      if (has_prefix_len (text, text_length, spaces[i]))
        return strlen (spaces[i]);
    }

  return 0;
}

static gsize
trailing_space_length (const char *text,
                       gsize       text_length)
{
  static const char * const spaces[] = {
    " ", "\t", NO_BREAK_SPACE, NARROW_NO_BREAK_SPACE, THIN_SPACE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (spaces); i++)
    {
      if (has_suffix_len (text, text_length, spaces[i]))
        return strlen (spaces[i]);
    }

  return 0;
}

static void
trim_spaces (const char **text,
             gsize       *length)
{
  gsize n;

  while ((n = space_length (*text, *length)) > 0)
    {
      *text += n;
      *length -= n;
    }
  while ((n = trailing_space_length (*text, *length)) > 0)
    *length -= n;
}

static void
add_separator (ParseStyle *style,
               const char *separator)
{
  if (separator == NULL || separator[0] == '\0' ||
      strcmp (separator, style->decimal) == 0)
    return;

  for (guint i = 0; i < style->n_separators; i++)
    {
      if (strcmp (style->separators[i], separator) == 0)
        return;
    }

  g_assert (style->n_separators < MAX_SEPARATORS);
  style->separators[style->n_separators++] = separator;
}

static void
style_init (ParseStyle         *style,
            const DukaCurrency *currency,
            locale_t            locale)
{
  const char *mon_thousands = nl_langinfo_l (MON_THOUSANDS_SEP, locale);

  memset (style, 0, sizeof *style);

  style->decimal = nl_langinfo_l (MON_DECIMAL_POINT, locale);
  if (style->decimal[0] == '\0')
    style->decimal = nl_langinfo_l (RADIXCHAR, locale);
  if (style->decimal[0] == '\0')
    style->decimal = ".";

  style->grouping = nl_langinfo_l (MON_GROUPING, locale);
  if (style->grouping[0] == '\0' || style->grouping[0] == CHAR_MAX)
    style->grouping = "\3";

  add_separator (style, mon_thousands);
  add_separator (style, nl_langinfo_l (THOUSANDS_SEP, locale));
  /* People group with whatever space their keyboard makes. */
  add_separator (style, " ");
  add_separator (style, NO_BREAK_SPACE);
  add_separator (style, NARROW_NO_BREAK_SPACE);
  add_separator (style, THIN_SPACE);
  /* Locales without monetary data (C): "1,234.56" is what people type. */
  if (mon_thousands[0] == '\0' && strcmp (style->decimal, ".") == 0)
    add_separator (style, ",");

  style->symbols[style->n_symbols++] = currency->symbol;
  if (strncmp (nl_langinfo_l (INT_CURR_SYMBOL, locale), currency->code, 3) == 0 &&
      nl_langinfo_l (CURRENCY_SYMBOL, locale)[0] != '\0')
    style->symbols[style->n_symbols++] = nl_langinfo_l (CURRENCY_SYMBOL, locale);
  style->symbols[style->n_symbols++] = currency->code;
}

static gsize
symbol_prefix_length (const ParseStyle *style,
                      const char       *text,
                      gsize             length)
{
  gsize best = 0;

  /* Longest first, so "US$" is not taken for "$" and a stray "US". */
  for (guint i = 0; i < style->n_symbols; i++)
    {
      gsize n = strlen (style->symbols[i]);

      if (n > best && n <= length && g_ascii_strncasecmp (text, style->symbols[i], n) == 0)
        best = n;
    }

  return best;
}

static gsize
symbol_suffix_length (const ParseStyle *style,
                      const char       *text,
                      gsize             length)
{
  gsize best = 0;

  for (guint i = 0; i < style->n_symbols; i++)
    {
      gsize n = strlen (style->symbols[i]);

      if (n > best && n <= length &&
          g_ascii_strncasecmp (text + length - n, style->symbols[i], n) == 0)
        best = n;
    }

  return best;
}

static gsize
minus_length (const char *text,
              gsize       length)
{
  if (has_prefix_len (text, length, "-"))
    return 1;
  if (has_prefix_len (text, length, MINUS_SIGN))
    return strlen (MINUS_SIGN);
  return 0;
}

/* Takes a sign and a symbol off either end, in whichever order the person
 * typed them ("-$5", "$-5", "-5 €", "KES 5"). */
static void
strip_sign_and_symbol (const ParseStyle *style,
                       const char      **text,
                       gsize            *length,
                       gboolean         *negative)
{
  gboolean have_symbol = FALSE;
  gsize n;

  *negative = FALSE;
  trim_spaces (text, length);

  for (guint round = 0; round < 2; round++)
    {
      if (!*negative && (n = minus_length (*text, *length)) > 0)
        {
          *negative = TRUE;
          *text += n;
          *length -= n;
        }
      else if (!have_symbol && (n = symbol_prefix_length (style, *text, *length)) > 0)
        {
          have_symbol = TRUE;
          *text += n;
          *length -= n;
        }
      trim_spaces (text, length);
    }

  if (!have_symbol && (n = symbol_suffix_length (style, *text, *length)) > 0)
    {
      *length -= n;
      trim_spaces (text, length);
    }
}

static gboolean
set_parse_error (GError    **error,
                 const char *text)
{
  g_set_error (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_PARSE,
               _("“%s” is not an amount."), text);
  return FALSE;
}

/* Splits @text into digit runs and the separators between them.  Returns
 * the number of tokens, or -1 when something else is in there. */
static int
tokenize (const ParseStyle *style,
          const char       *text,
          gsize             length,
          Token           **tokens_out)
{
  g_autofree Token *tokens = g_new0 (Token, length + 1);
  int n_tokens = 0;
  gsize i = 0;

  while (i < length)
    {
      Token *token = &tokens[n_tokens++];
      gsize n = 0;

      token->start = text + i;
      if (g_ascii_isdigit (text[i]))
        {
          while (i + n < length && g_ascii_isdigit (text[i + n]))
            n++;
          token->is_digits = TRUE;
        }
      else if (has_prefix_len (text + i, length - i, style->decimal))
        n = strlen (style->decimal);
      else if (text[i] == '.')
        n = 1;
      else
        {
          for (guint s = 0; s < style->n_separators && n == 0; s++)
            {
              if (has_prefix_len (text + i, length - i, style->separators[s]))
                n = strlen (style->separators[s]);
            }
          if (n == 0)
            return -1;
        }

      token->length = n;
      i += n;
    }

  *tokens_out = g_steal_pointer (&tokens);
  return n_tokens;
}

static gboolean
token_is (const Token *token,
          const char  *text)
{
  return !token->is_digits && token->length == strlen (text) &&
         memcmp (token->start, text, token->length) == 0;
}

static gboolean
is_group_separator (const ParseStyle *style,
                    const Token      *token)
{
  for (guint s = 0; s < style->n_separators; s++)
    {
      if (token_is (token, style->separators[s]))
        return TRUE;
    }

  return FALSE;
}

/* Do the integer digit runs (left to right) group as @grouping says?
 * Sizes are read from the right, the last one repeating; CHAR_MAX stops
 * grouping. */
static gboolean
groups_match (const Token *runs[],
              guint        n_runs,
              const char  *grouping)
{
  const char *size = grouping;

  for (guint j = n_runs - 1; j > 0; j--)
    {
      if (*size <= 0 || *size == CHAR_MAX || runs[j]->length != (gsize) *size)
        return FALSE;
      if (size[1] != '\0')
        size++;
    }

  if (*size <= 0 || *size == CHAR_MAX)
    return runs[0]->length >= 1;

  return runs[0]->length >= 1 && runs[0]->length <= (gsize) *size;
}

/* Index of the token that is the decimal mark, -1 for none, or -2 when
 * the marks contradict each other.  '.' stands in for a locale's own mark
 * only when it cannot be a digit-group separator there: "12.50" is 12,50
 * in de_DE, but "1.250" is 1250 as any German reads it. */
static int
find_decimal_mark (const ParseStyle *style,
                   const Token      *tokens,
                   int               n_tokens)
{
  int last_separator = -1;
  int n_decimal = 0;
  int n_dots = 0;
  int last_dot = -1;

  for (int i = 0; i < n_tokens; i++)
    {
      if (tokens[i].is_digits)
        continue;
      last_separator = i;
      if (token_is (&tokens[i], style->decimal))
        n_decimal++;
      else if (token_is (&tokens[i], "."))
        {
          n_dots++;
          last_dot = i;
        }
    }

  if (n_decimal > 1)
    return -2;
  if (n_decimal == 1)
    return token_is (&tokens[last_separator], style->decimal) ? last_separator : -2;
  if (n_dots != 1 || last_dot != last_separator)
    return -1;

  if (is_group_separator (style, &tokens[last_dot]) &&
      last_dot > 0 && last_dot + 1 < n_tokens &&
      tokens[last_dot + 1].length == 3)
    return -1;

  return last_dot;
}

/* Collects the integer part's digit runs into @runs: they must alternate
 * with group separators, and start and end with digits. */
static gboolean
collect_integer_runs (const ParseStyle  *style,
                      const Token       *tokens,
                      int                integer_end,
                      const Token      **runs,
                      guint             *n_runs)
{
  for (int i = 0; i < integer_end; i++)
    {
      gboolean want_digits = (i % 2) == 0;

      if (tokens[i].is_digits != want_digits)
        return FALSE;
      if (want_digits)
        runs[(*n_runs)++] = &tokens[i];
      else if (!is_group_separator (style, &tokens[i]))
        return FALSE;
    }

  return integer_end == 0 || tokens[integer_end - 1].is_digits;
}

static gboolean
check_groups (const ParseStyle  *style,
              const Token      **runs,
              guint              n_runs,
              const char        *original,
              GError           **error)
{
  if (n_runs > 1 && !groups_match (runs, n_runs, style->grouping) &&
      !groups_match (runs, n_runs, "\3"))
    {
      g_set_error (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_PARSE,
                   _("“%s” is not an amount: its digit groups look wrong. "
                     "The decimal mark here is “%s”."),
                   original, style->decimal);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_fraction (const DukaCurrency  *currency,
                const Token         *fraction,
                const char          *original,
                GError             **error)
{
  if (fraction == NULL || fraction->length <= currency->exponent)
    return TRUE;

  if (currency->exponent == 0)
    g_set_error (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_PARSE,
                 _("Amounts in %s have no decimals, but “%s” has some."),
                 currency->code, original);
  else
    g_set_error (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_PARSE,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Amounts in %s have at most %u decimal, but “%s” has more.",
                              "Amounts in %s have at most %u decimals, but “%s” has more.",
                              currency->exponent),
                 currency->code, (guint) currency->exponent, original);
  return FALSE;
}

/* The amount in minor units, from the integer runs and the fraction padded
 * to @exponent digits; %FALSE when it does not fit in a gint64. */
static gboolean
digits_to_minor (const Token **runs,
                 guint         n_runs,
                 const Token  *fraction,
                 guint         exponent,
                 gboolean      negative,
                 gint64       *out_minor)
{
  guint64 limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  unsigned __int128 value = 0;

  /* value never passes 10 × 2^63 + 9 before the limit check stops it. */
  for (guint r = 0; r < n_runs; r++)
    {
      for (gsize d = 0; d < runs[r]->length; d++)
        {
          value = value * 10 + (guint) (runs[r]->start[d] - '0');
          if (value > limit)
            return FALSE;
        }
    }
  for (guint d = 0; d < exponent; d++)
    {
      guint digit = (fraction != NULL && d < fraction->length)
                      ? (guint) (fraction->start[d] - '0') : 0;

      value = value * 10 + digit;
      if (value > limit)
        return FALSE;
    }

  *out_minor = negative ? (gint64) -(__int128) value : (gint64) value;
  return TRUE;
}

static gboolean
parse_core (const ParseStyle   *style,
            const DukaCurrency *currency,
            const char         *original,
            const char         *text,
            gsize               length,
            gboolean            negative,
            gint64             *out_minor,
            GError            **error)
{
  g_autofree Token *tokens = NULL;
  g_autofree const Token **runs = NULL;
  const Token *fraction = NULL;
  int n_tokens;
  int decimal_index;
  int integer_end;
  guint n_runs = 0;

  n_tokens = tokenize (style, text, length, &tokens);
  if (n_tokens <= 0)
    return set_parse_error (error, original);

  decimal_index = find_decimal_mark (style, tokens, n_tokens);
  if (decimal_index == -2)
    return set_parse_error (error, original);

  integer_end = decimal_index >= 0 ? decimal_index : n_tokens;
  if (decimal_index >= 0 && decimal_index + 1 < n_tokens)
    {
      if (decimal_index + 2 != n_tokens)
        return set_parse_error (error, original);
      fraction = &tokens[decimal_index + 1];
    }

  runs = g_new0 (const Token *, n_tokens + 1);
  if (!collect_integer_runs (style, tokens, integer_end, runs, &n_runs) ||
      (n_runs == 0 && fraction == NULL))
    return set_parse_error (error, original);

  if (!check_groups (style, runs, n_runs, original, error) ||
      !check_fraction (currency, fraction, original, error))
    return FALSE;

  if (!digits_to_minor (runs, n_runs, fraction, currency->exponent, negative, out_minor))
    {
      g_set_error (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_OVERFLOW,
                   _("“%s” is too large an amount."), original);
      return FALSE;
    }

  return TRUE;
}

/**
 * duka_money_parse:
 * @text: what a person typed
 * @currency: the amount's currency; its ISO 4217 exponent is the most
 *   decimals @text may have
 * @locale: the locale the person types in; may be %LC_GLOBAL_LOCALE
 * @out_minor: (out): where to store the amount in minor units
 * @error: #DUKA_MONEY_ERROR_PARSE with a message to show the person, or
 *   #DUKA_MONEY_ERROR_OVERFLOW
 *
 * Reads an amount as a person types it in @locale: digits; the locale's
 * monetary decimal mark, or '.' where it cannot be read as a digit group
 * ("12.50" in de_DE is 12,50, "1.250" is 1250); digit groups separated by
 * the locale's separator or any space (plain, U+00A0, U+202F, U+2009) in
 * the locale's grouping or in threes; @currency's symbol, the locale's own
 * symbol for it, or its ISO code, before or after; a leading '-' (or
 * U+2212). Surrounding spaces are ignored.
 *
 * Refused: more decimals than @currency has, digit groups that look like a
 * decimal mark from another locale ("12,50" in en_US), anything else in the
 * text, and amounts that do not fit a gint64.
 *
 * Returns: %TRUE and the amount, or %FALSE with @out_minor untouched
 */
gboolean
duka_money_parse (const char         *text,
                  const DukaCurrency *currency,
                  locale_t            locale,
                  gint64             *out_minor,
                  GError            **error)
{
  locale_t global_copy = (locale_t) 0;
  ParseStyle style;
  const char *start = text;
  gsize length;
  gboolean negative;
  gboolean ok;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (locale != (locale_t) 0, FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_PARSE,
                           _("That is not an amount."));
      return FALSE;
    }

  length = strlen (text);
  trim_spaces (&start, &length);
  if (length == 0)
    {
      g_set_error_literal (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_PARSE,
                           _("Enter an amount."));
      return FALSE;
    }

  /* nl_langinfo_l cannot take LC_GLOBAL_LOCALE; a copy of it can. */
  if (locale == LC_GLOBAL_LOCALE)
    locale = global_copy = duplocale (LC_GLOBAL_LOCALE);
  g_return_val_if_fail (locale != (locale_t) 0, FALSE);

  style_init (&style, currency, locale);
  strip_sign_and_symbol (&style, &start, &length, &negative);
  ok = parse_core (&style, currency, text, start, length, negative, out_minor, error);

  if (global_copy != (locale_t) 0)
    freelocale (global_copy);

  return ok;
}

static gboolean
set_rate_error (GError    **error,
                const char *text)
{
  g_set_error (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_PARSE,
               _("“%s” is not a percentage."), text);
  return FALSE;
}

/* Reads "12" or "12.5" (either decimal mark) as a percentage in parts
 * per million. */
static gboolean
read_rate_digits (const char  *p,
                  gsize        length,
                  const char  *text,
                  gint64      *out_ppm,
                  GError     **error)
{
  gint64 whole = 0;
  gint64 fraction = 0;
  guint n_whole = 0;
  guint n_fraction = 0;
  gsize i = 0;

  for (; i < length && g_ascii_isdigit (p[i]); i++, n_whole++)
    {
      /* 10^12 % is far past any rate and still fits once in ppm. */
      if (n_whole >= 12)
        return set_rate_error (error, text);
      whole = whole * 10 + (p[i] - '0');
    }
  if (i < length && (p[i] == '.' || p[i] == ','))
    {
      for (i++; i < length && g_ascii_isdigit (p[i]); i++, n_fraction++)
        {
          if (n_fraction == 4)
            {
              g_set_error_literal (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_PARSE,
                                   _("A rate can have at most four decimals."));
              return FALSE;
            }
          fraction = fraction * 10 + (p[i] - '0');
        }
    }
  if (i != length || n_whole + n_fraction == 0)
    return set_rate_error (error, text);

  for (; n_fraction < 4; n_fraction++)
    fraction *= 10;

  /* One percent is 10000 ppm; four decimals of a percent are whole ppm. */
  *out_ppm = whole * 10000 + fraction;
  return TRUE;
}

/**
 * duka_rate_parse_percent:
 * @text: a percentage as typed: "16", "8.875", "8,875 %"
 * @allow_over_100: whether rates above 100 % are accepted (some excise
 *   duties are)
 * @out_ppm: (out): where to store the rate in parts per million
 * @error: #DUKA_MONEY_ERROR_PARSE with a message to show the person
 *
 * Reads a percentage with up to four decimals (the resolution of parts per
 * million) and an optional '%'. Both '.' and ',' are read as the decimal
 * mark: a percentage is never grouped, so neither can be anything else.
 * Negative rates are refused.
 *
 * Returns: %TRUE and the rate ("8.875" is 88750), or %FALSE with @out_ppm
 *   untouched
 */
gboolean
duka_rate_parse_percent (const char *text,
                         gboolean    allow_over_100,
                         gint64     *out_ppm,
                         GError    **error)
{
  const char *p = text;
  gsize length;
  gint64 ppm;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_ppm != NULL, FALSE);

  length = strlen (text);
  trim_spaces (&p, &length);
  if (length > 0 && p[length - 1] == '%')
    {
      length--;
      trim_spaces (&p, &length);
    }
  if (length == 0)
    {
      g_set_error_literal (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_PARSE,
                           _("Enter a rate."));
      return FALSE;
    }
  if (minus_length (p, length) > 0)
    {
      g_set_error_literal (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_PARSE,
                           _("A rate cannot be negative."));
      return FALSE;
    }

  if (!read_rate_digits (p, length, text, &ppm, error))
    return FALSE;
  if (ppm > DUKA_RATE_ONE && !allow_over_100)
    {
      g_set_error_literal (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_PARSE,
                           _("A rate cannot be more than 100 %."));
      return FALSE;
    }

  *out_ppm = ppm;
  return TRUE;
}

/**
 * duka_rate_format_percent:
 * @rate_ppm: a rate in parts per million
 * @locale: the locale whose decimal mark (LC_NUMERIC) to use; may be
 *   %LC_GLOBAL_LOCALE
 *
 * Formats a rate with as many decimals as it needs and no trailing zeros,
 * and a no-break space (U+00A0) before the '%' so it never wraps:
 * 88750 is "8.875 %" in en_US and "8,875 %" in de_DE; 160000 is "16 %".
 *
 * Returns: (transfer full): the formatted rate
 */
char *
duka_rate_format_percent (gint64   rate_ppm,
                          locale_t locale)
{
  locale_t global_copy = (locale_t) 0;
  guint64 magnitude = rate_ppm < 0 ? (guint64) (-(rate_ppm + 1)) + 1 : (guint64) rate_ppm;
  GString *out = g_string_new (rate_ppm < 0 ? "-" : "");
  guint fraction = (guint) (magnitude % 10000);
  const char *decimal;

  g_return_val_if_fail (locale != (locale_t) 0, NULL);

  if (locale == LC_GLOBAL_LOCALE)
    locale = global_copy = duplocale (LC_GLOBAL_LOCALE);

  decimal = locale != (locale_t) 0 ? nl_langinfo_l (RADIXCHAR, locale) : ".";
  if (decimal[0] == '\0')
    decimal = ".";

  g_string_append_printf (out, "%" G_GUINT64_FORMAT, magnitude / 10000);
  if (fraction != 0)
    {
      char digits[8];
      int n = g_snprintf (digits, sizeof digits, "%04u", fraction);

      while (n > 0 && digits[n - 1] == '0')
        digits[--n] = '\0';
      g_string_append (out, decimal);
      g_string_append (out, digits);
    }
  g_string_append (out, NO_BREAK_SPACE "%");

  if (global_copy != (locale_t) 0)
    freelocale (global_copy);

  return g_string_free (out, FALSE);
}
