/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The currency table and the one money formatter, checked against what a
 * shop owner in each country expects to read, in real glibc locales.
 */
#include <locale.h>
#include <string.h>

#include "duka-currency.h"
#include "duka-money.h"

/* Non-ASCII bytes spelled out, so no invisible space hides in a literal. */
#define NBSP   "\xc2\xa0"      /* U+00A0 NO-BREAK SPACE */
#define NNBSP  "\xe2\x80\xaf"  /* U+202F NARROW NO-BREAK SPACE (fr_FR groups) */
#define EURO   "\xe2\x82\xac"  /* U+20AC EURO SIGN */
#define YEN    "\xc2\xa5"      /* U+00A5 YEN SIGN */
#define FW_YEN "\xef\xbf\xa5"  /* U+FFE5 FULLWIDTH YEN SIGN (ja_JP's own) */
#define RUPEE  "\xe2\x82\xb9"  /* U+20B9 INDIAN RUPEE SIGN */

static const char * const test_locales[] = {
  "C",
  "POSIX",
  "en_US.UTF-8",
  "es_ES.UTF-8",
  "de_DE.UTF-8",
  "fr_FR.UTF-8",
  "en_IN.UTF-8",
  "sw_KE.UTF-8",
  "ja_JP.UTF-8",
};

typedef struct
{
  const char *locale;
  const char *code;
  gint64      amount_minor;
  const char *expected;
} FormatCase;

static const FormatCase format_cases[] = {
  /* No monetary data: ISO code, '.', no grouping. */
  { "C", "KES", 123456, "KES" NBSP "1234.56" },
  { "C", "KES", -123456, "-KES" NBSP "1234.56" },
  { "C", "KES", 0, "KES" NBSP "0.00" },
  { "C", "KES", 1, "KES" NBSP "0.01" },
  { "C", "USD", 123456, "USD" NBSP "1234.56" },
  { "C", "EUR", -1, "-EUR" NBSP "0.01" },
  { "C", "JPY", 1234, "JPY" NBSP "1234" },
  { "C", "JPY", 0, "JPY" NBSP "0" },
  { "C", "KWD", 1234567, "KWD" NBSP "1234.567" },
  { "C", "KWD", -1, "-KWD" NBSP "0.001" },
  { "C", "INR", 123456789, "INR" NBSP "1234567.89" },
  { "C", "CLF", 1, "CLF" NBSP "0.0001" },
  { "C", "EUR", G_MAXINT64, "EUR" NBSP "92233720368547758.07" },
  { "C", "EUR", G_MININT64, "-EUR" NBSP "92233720368547758.08" },
  { "POSIX", "KES", 123456, "KES" NBSP "1234.56" },
  { "POSIX", "JPY", -1234, "-JPY" NBSP "1234" },

  /* United States: its own "$", everyone else's unambiguous symbol. */
  { "en_US.UTF-8", "USD", 123456, "$1,234.56" },
  { "en_US.UTF-8", "USD", -123456, "-$1,234.56" },
  { "en_US.UTF-8", "USD", 0, "$0.00" },
  { "en_US.UTF-8", "USD", 1, "$0.01" },
  { "en_US.UTF-8", "USD", -1, "-$0.01" },
  { "en_US.UTF-8", "USD", 99, "$0.99" },
  { "en_US.UTF-8", "USD", 100000, "$1,000.00" },
  { "en_US.UTF-8", "USD", 99999, "$999.99" },
  { "en_US.UTF-8", "USD", G_MAXINT64, "$92,233,720,368,547,758.07" },
  { "en_US.UTF-8", "USD", G_MININT64, "-$92,233,720,368,547,758.08" },
  { "en_US.UTF-8", "KES", 123456, "Ksh" NBSP "1,234.56" },
  { "en_US.UTF-8", "KES", -123456, "-Ksh" NBSP "1,234.56" },
  { "en_US.UTF-8", "EUR", 123456, EURO "1,234.56" },
  { "en_US.UTF-8", "EUR", -123456, "-" EURO "1,234.56" },
  { "en_US.UTF-8", "JPY", 1234, YEN "1,234" },
  { "en_US.UTF-8", "JPY", -1234, "-" YEN "1,234" },
  { "en_US.UTF-8", "JPY", 1, YEN "1" },
  { "en_US.UTF-8", "JPY", G_MAXINT64, YEN "9,223,372,036,854,775,807" },
  { "en_US.UTF-8", "JPY", G_MININT64, "-" YEN "9,223,372,036,854,775,808" },
  { "en_US.UTF-8", "KWD", 1234567, "KWD" NBSP "1,234.567" },
  { "en_US.UTF-8", "KWD", 1, "KWD" NBSP "0.001" },
  { "en_US.UTF-8", "INR", 123456789, RUPEE "1,234,567.89" },
  { "en_US.UTF-8", "CLF", 12345678, "UF" NBSP "1,234.5678" },

  /* Spain: symbol after the amount; glibc's es_ES groups 4-digit amounts. */
  { "es_ES.UTF-8", "EUR", 123456, "1.234,56" NBSP EURO },
  { "es_ES.UTF-8", "EUR", -123456, "-1.234,56" NBSP EURO },
  { "es_ES.UTF-8", "EUR", 0, "0,00" NBSP EURO },
  { "es_ES.UTF-8", "EUR", 1, "0,01" NBSP EURO },
  { "es_ES.UTF-8", "EUR", -1, "-0,01" NBSP EURO },
  { "es_ES.UTF-8", "EUR", 123456789, "1.234.567,89" NBSP EURO },
  { "es_ES.UTF-8", "EUR", G_MAXINT64, "92.233.720.368.547.758,07" NBSP EURO },
  { "es_ES.UTF-8", "EUR", G_MININT64, "-92.233.720.368.547.758,08" NBSP EURO },
  { "es_ES.UTF-8", "USD", 123456, "1.234,56" NBSP "US$" },
  { "es_ES.UTF-8", "KES", 123456, "1.234,56" NBSP "Ksh" },
  { "es_ES.UTF-8", "JPY", 1234, "1.234" NBSP YEN },
  { "es_ES.UTF-8", "KWD", 1234567, "1.234,567" NBSP "KWD" },
  { "es_ES.UTF-8", "INR", -123456, "-1.234,56" NBSP RUPEE },

  /* Germany. */
  { "de_DE.UTF-8", "EUR", 123456, "1.234,56" NBSP EURO },
  { "de_DE.UTF-8", "EUR", -123456, "-1.234,56" NBSP EURO },
  { "de_DE.UTF-8", "EUR", 0, "0,00" NBSP EURO },
  { "de_DE.UTF-8", "EUR", 1, "0,01" NBSP EURO },
  { "de_DE.UTF-8", "EUR", 12345678901, "123.456.789,01" NBSP EURO },
  { "de_DE.UTF-8", "EUR", G_MAXINT64, "92.233.720.368.547.758,07" NBSP EURO },
  { "de_DE.UTF-8", "EUR", G_MININT64, "-92.233.720.368.547.758,08" NBSP EURO },
  { "de_DE.UTF-8", "USD", 123456, "1.234,56" NBSP "US$" },
  { "de_DE.UTF-8", "USD", -123456, "-1.234,56" NBSP "US$" },
  { "de_DE.UTF-8", "KES", 123456, "1.234,56" NBSP "Ksh" },
  { "de_DE.UTF-8", "JPY", 1234, "1.234" NBSP YEN },
  { "de_DE.UTF-8", "KWD", 1234567, "1.234,567" NBSP "KWD" },
  { "de_DE.UTF-8", "INR", 123456789, "1.234.567,89" NBSP RUPEE },

  /* France: narrow no-break space between groups. */
  { "fr_FR.UTF-8", "EUR", 123456, "1" NNBSP "234,56" NBSP EURO },
  { "fr_FR.UTF-8", "EUR", -123456, "-1" NNBSP "234,56" NBSP EURO },
  { "fr_FR.UTF-8", "EUR", 0, "0,00" NBSP EURO },
  { "fr_FR.UTF-8", "EUR", 1, "0,01" NBSP EURO },
  { "fr_FR.UTF-8", "EUR", 99999, "999,99" NBSP EURO },
  { "fr_FR.UTF-8", "EUR", 123456789, "1" NNBSP "234" NNBSP "567,89" NBSP EURO },
  { "fr_FR.UTF-8", "EUR", G_MAXINT64,
    "92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,07" NBSP EURO },
  { "fr_FR.UTF-8", "EUR", G_MININT64,
    "-92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,08" NBSP EURO },
  { "fr_FR.UTF-8", "USD", 123456, "1" NNBSP "234,56" NBSP "US$" },
  { "fr_FR.UTF-8", "KES", -123456, "-1" NNBSP "234,56" NBSP "Ksh" },
  { "fr_FR.UTF-8", "JPY", 1234, "1" NNBSP "234" NBSP YEN },
  { "fr_FR.UTF-8", "KWD", 1234567, "1" NNBSP "234,567" NBSP "KWD" },
  { "fr_FR.UTF-8", "INR", 123456, "1" NNBSP "234,56" NBSP RUPEE },

  /* India: lakh and crore grouping (3;2). */
  { "en_IN.UTF-8", "INR", 123456789, RUPEE "12,34,567.89" },
  { "en_IN.UTF-8", "INR", -123456789, "-" RUPEE "12,34,567.89" },
  { "en_IN.UTF-8", "INR", 123456, RUPEE "1,234.56" },
  { "en_IN.UTF-8", "INR", 10000000000, RUPEE "10,00,00,000.00" },
  { "en_IN.UTF-8", "INR", 0, RUPEE "0.00" },
  { "en_IN.UTF-8", "INR", 1, RUPEE "0.01" },
  { "en_IN.UTF-8", "INR", G_MAXINT64, RUPEE "92,23,37,20,36,85,47,758.07" },
  { "en_IN.UTF-8", "INR", G_MININT64, "-" RUPEE "92,23,37,20,36,85,47,758.08" },
  { "en_IN.UTF-8", "USD", 123456789, "US$12,34,567.89" },
  { "en_IN.UTF-8", "KES", 123456789, "Ksh" NBSP "12,34,567.89" },
  { "en_IN.UTF-8", "EUR", -123456, "-" EURO "1,234.56" },
  { "en_IN.UTF-8", "JPY", 1234567, YEN "12,34,567" },
  { "en_IN.UTF-8", "KWD", 1234567, "KWD" NBSP "1,234.567" },

  /* Kenya: "Ksh" is the locale's own symbol, still spaced from digits. */
  { "sw_KE.UTF-8", "KES", 123456, "Ksh" NBSP "1,234.56" },
  { "sw_KE.UTF-8", "KES", -123456, "-Ksh" NBSP "1,234.56" },
  { "sw_KE.UTF-8", "KES", 0, "Ksh" NBSP "0.00" },
  { "sw_KE.UTF-8", "KES", 1, "Ksh" NBSP "0.01" },
  { "sw_KE.UTF-8", "KES", 5000, "Ksh" NBSP "50.00" },
  { "sw_KE.UTF-8", "KES", G_MAXINT64, "Ksh" NBSP "92,233,720,368,547,758.07" },
  { "sw_KE.UTF-8", "KES", G_MININT64, "-Ksh" NBSP "92,233,720,368,547,758.08" },
  { "sw_KE.UTF-8", "USD", 123456, "US$1,234.56" },
  { "sw_KE.UTF-8", "USD", -123456, "-US$1,234.56" },
  { "sw_KE.UTF-8", "EUR", 123456, EURO "1,234.56" },
  { "sw_KE.UTF-8", "JPY", 1234, YEN "1,234" },
  { "sw_KE.UTF-8", "KWD", 1234567, "KWD" NBSP "1,234.567" },
  { "sw_KE.UTF-8", "INR", 123456, RUPEE "1,234.56" },
  { "sw_KE.UTF-8", "TZS", 123456, "TSh" NBSP "1,234.56" },
  { "sw_KE.UTF-8", "UGX", 1234, "USh" NBSP "1,234" },

  /* Japan: its own fullwidth yen; the sign follows the symbol (posn 4). */
  { "ja_JP.UTF-8", "JPY", 1234, FW_YEN "1,234" },
  { "ja_JP.UTF-8", "JPY", -1234, FW_YEN "-1,234" },
  { "ja_JP.UTF-8", "JPY", 0, FW_YEN "0" },
  { "ja_JP.UTF-8", "JPY", 1, FW_YEN "1" },
  { "ja_JP.UTF-8", "JPY", 1234567, FW_YEN "1,234,567" },
  { "ja_JP.UTF-8", "JPY", G_MAXINT64, FW_YEN "9,223,372,036,854,775,807" },
  { "ja_JP.UTF-8", "JPY", G_MININT64, FW_YEN "-9,223,372,036,854,775,808" },
  { "ja_JP.UTF-8", "USD", 123456, "US$1,234.56" },
  { "ja_JP.UTF-8", "USD", -123456, "US$-1,234.56" },
  { "ja_JP.UTF-8", "KES", 123456, "Ksh" NBSP "1,234.56" },
  { "ja_JP.UTF-8", "KES", -123456, "Ksh" NBSP "-1,234.56" },
  { "ja_JP.UTF-8", "EUR", 123456, EURO "1,234.56" },
  { "ja_JP.UTF-8", "KWD", 1234567, "KWD" NBSP "1,234.567" },
  { "ja_JP.UTF-8", "INR", 123456, RUPEE "1,234.56" },
};

static locale_t
open_locale (const char *name)
{
  locale_t locale = newlocale (LC_ALL_MASK, name, (locale_t) 0);

  if (locale == (locale_t) 0)
    g_test_message ("Locale %s is not installed; generate it (locale-gen or "
                    "localedef) so money is tested in it and not in C", name);
  g_assert_nonnull (locale);

  return locale;
}

static void
assert_formats (const FormatCase *row,
                locale_t          locale)
{
  const DukaCurrency *currency = duka_currency_lookup (row->code);
  g_autofree char *formatted = NULL;

  g_assert_nonnull (currency);
  formatted = duka_money_format_in_locale (row->amount_minor, currency, locale);

  if (g_strcmp0 (formatted, row->expected) != 0)
    g_test_message ("%s, %s, %" G_GINT64_FORMAT " minor units",
                    row->locale, row->code, row->amount_minor);
  g_assert_cmpstr (formatted, ==, row->expected);
}

/* Returns why @currency is not a valid row, or %NULL. */
static char *
check_currency_row (const DukaCurrency *currency,
                    const DukaCurrency *previous,
                    GHashTable         *numerics,
                    GHashTable         *symbols)
{
  const char *code = currency->code;

  if (code == NULL || strlen (code) != 3 ||
      !g_ascii_isupper (code[0]) || !g_ascii_isupper (code[1]) ||
      !g_ascii_isupper (code[2]))
    return g_strdup_printf ("code \"%s\" is not 3 uppercase letters", code);
  if (previous != NULL && strcmp (previous->code, code) >= 0)
    return g_strdup_printf ("%s follows %s: not sorted or not unique",
                            code, previous->code);
  if (currency->exponent > 4)
    return g_strdup_printf ("%s: exponent %u", code, currency->exponent);
  if (currency->numeric < 1 || currency->numeric > 999)
    return g_strdup_printf ("%s: numeric %u", code, currency->numeric);
  if (!g_hash_table_add (numerics, GUINT_TO_POINTER (currency->numeric)))
    return g_strdup_printf ("%s: numeric %u used twice", code, currency->numeric);
  if (currency->symbol == NULL || currency->symbol[0] == '\0' ||
      !g_utf8_validate (currency->symbol, -1, NULL))
    return g_strdup_printf ("%s: no valid symbol", code);
  if (strpbrk (currency->symbol, "0123456789-") != NULL)
    return g_strdup_printf ("%s: symbol has a digit or minus", code);
  if (!g_hash_table_add (symbols, (gpointer) currency->symbol))
    return g_strdup_printf ("%s: symbol %s is ambiguous", code, currency->symbol);
  if (currency->name == NULL || currency->name[0] == '\0' ||
      !g_utf8_validate (currency->name, -1, NULL))
    return g_strdup_printf ("%s: no valid name", code);
  /* No shop prices in metals, bond units, SDR or test codes. */
  if (strstr ("XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XTS XUA XXX", code) != NULL)
    return g_strdup_printf ("%s: not a currency a shop can price in", code);
  if (duka_currency_lookup (code) != currency)
    return g_strdup_printf ("%s: lookup does not find it", code);

  return NULL;
}

static void
test_currency_table (void)
{
  guint n_currencies = 0;
  const DukaCurrency *currencies = duka_currency_get_all (&n_currencies);
  g_autoptr (GHashTable) symbols = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) numerics = g_hash_table_new (NULL, NULL);

  g_assert_nonnull (currencies);
  g_assert_cmpuint (n_currencies, >=, 155);
  g_assert_cmpuint (n_currencies, <=, 180);
  g_assert_true (duka_currency_get_all (NULL) == currencies);

  for (guint i = 0; i < n_currencies; i++)
    {
      g_autofree char *problem =
        check_currency_row (&currencies[i], i > 0 ? &currencies[i - 1] : NULL,
                            numerics, symbols);

      g_assert_cmpstr (problem, ==, NULL);
    }
}

typedef struct
{
  const char *code;
  guint16     numeric;
  guint8      exponent;
  const char *symbol;
} LookupCase;

static void
test_currency_lookup (void)
{
  static const LookupCase cases[] = {
    { "KES", 404, 2, "Ksh" },
    { "JPY", 392, 0, YEN },
    { "KWD", 414, 3, "KWD" },
    { "CLF", 990, 4, "UF" },
    { "UYW", 927, 4, "UYW" },
    { "USD", 840, 2, "US$" },
    { "EUR", 978, 2, EURO },
    { "KRW", 410, 0, "\xe2\x82\xa9" },
    { "BHD",  48, 3, "BHD" },
    { "OMR", 512, 3, "OMR" },
    { "TND", 788, 3, "TND" },
    { "JOD", 400, 3, "JOD" },
    { "IQD", 368, 3, "IQD" },
    { "LYD", 434, 3, "LYD" },
    { "AED", 784, 2, "AED" },
    { "ALL",   8, 2, "Lek" },
    { "ZWL", 932, 2, "ZWL" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const DukaCurrency *currency = duka_currency_lookup (cases[i].code);

      if (currency == NULL)
        g_test_message ("%s not found", cases[i].code);
      g_assert_nonnull (currency);
      g_assert_cmpstr (currency->code, ==, cases[i].code);
      g_assert_cmpuint (currency->numeric, ==, cases[i].numeric);
      g_assert_cmpuint (currency->exponent, ==, cases[i].exponent);
      g_assert_cmpstr (currency->symbol, ==, cases[i].symbol);
    }
}

static void
test_currency_lookup_refuses (void)
{
  static const char * const refused[] = {
    "kes", "Kes", "KE", "K", "", "KESS", "KES ", " KES", "ZZZ", "AAA",
    "XAU", "XAG", "XPT", "XPD", "XDR", "XXX", "XTS", "XBA", "XSU", "XUA",
  };

  g_assert_null (duka_currency_lookup (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      const DukaCurrency *currency = duka_currency_lookup (refused[i]);

      if (currency != NULL)
        g_test_message ("\"%s\" was taken for %s", refused[i], currency->code);
      g_assert_null (currency);
    }
}

static void
test_currency_display_name (void)
{
  /* The process runs in C, where the translation is the English name. */
  g_assert_cmpstr (duka_currency_get_display_name (duka_currency_lookup ("KES")),
                   ==, "Kenyan Shilling");
  g_assert_cmpstr (duka_currency_get_display_name (duka_currency_lookup ("JPY")),
                   ==, "Japanese Yen");
  g_assert_cmpstr (duka_currency_get_display_name (duka_currency_lookup ("EUR")),
                   ==, "Euro");
}

static void
test_format_in_locale (gconstpointer data)
{
  const char *name = data;
  locale_t locale = open_locale (name);
  guint n_checked = 0;

  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      if (strcmp (format_cases[i].locale, name) != 0)
        continue;
      assert_formats (&format_cases[i], locale);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 0);

  freelocale (locale);
}

static guint
count_ascii_digits (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += g_ascii_isdigit (*p) ? 1 : 0;

  return n;
}

/* Every currency in every locale: valid UTF-8, a minus exactly when the
 * amount is negative, and every digit of the amount (symbols hold none),
 * with at least one before the currency's decimals. */
static void
test_format_every_currency (void)
{
  guint n_currencies;
  const DukaCurrency *currencies = duka_currency_get_all (&n_currencies);
  static const gint64 amounts[] = { 0, 1, -1, 123456789, G_MAXINT64, G_MININT64 };

  for (guint l = 0; l < G_N_ELEMENTS (test_locales); l++)
    {
      locale_t locale = open_locale (test_locales[l]);

      for (guint c = 0; c < n_currencies; c++)
        {
          for (guint a = 0; a < G_N_ELEMENTS (amounts); a++)
            {
              g_autofree char *formatted =
                duka_money_format_in_locale (amounts[a], &currencies[c], locale);

              guint64 magnitude = amounts[a] < 0 ? (guint64) (-(amounts[a] + 1)) + 1
                                                 : (guint64) amounts[a];
              g_autofree char *digits =
                g_strdup_printf ("%0*" G_GUINT64_FORMAT,
                                 (int) currencies[c].exponent + 1, magnitude);

              g_assert_nonnull (formatted);
              g_assert_true (g_utf8_validate (formatted, -1, NULL));
              g_assert_cmpuint (count_ascii_digits (formatted), ==, strlen (digits));
              g_assert_true ((amounts[a] < 0) == (strchr (formatted, '-') != NULL));
            }
        }

      freelocale (locale);
    }
}

static void
test_format_thread_locale (void)
{
  locale_t french = open_locale ("fr_FR.UTF-8");
  locale_t previous = uselocale (french);
  g_autofree char *in_french = NULL;
  g_autofree char *after = NULL;

  in_french = duka_money_format (-123456, duka_currency_lookup ("EUR"));
  g_assert_cmpstr (in_french, ==, "-1" NNBSP "234,56" NBSP EURO);

  uselocale (previous);
  freelocale (french);

  /* Back in the process-wide C locale. */
  after = duka_money_format (-123456, duka_currency_lookup ("EUR"));
  g_assert_cmpstr (after, ==, "-EUR" NBSP "1234.56");
}

static void
test_format_global_locale (void)
{
  locale_t previous = uselocale (LC_GLOBAL_LOCALE);
  g_autofree char *in_german = NULL;
  g_autofree char *in_indian = NULL;
  g_autofree char *in_c = NULL;
  g_autofree char *explicit_global = NULL;

  if (setlocale (LC_MONETARY, "de_DE.UTF-8") == NULL)
    g_test_message ("Locale de_DE.UTF-8 is not installed");
  g_assert_nonnull (setlocale (LC_MONETARY, NULL));
  g_assert_cmpstr (setlocale (LC_MONETARY, NULL), ==, "de_DE.UTF-8");
  in_german = duka_money_format (123456, duka_currency_lookup ("EUR"));
  g_assert_cmpstr (in_german, ==, "1.234,56" NBSP EURO);

  /* Only LC_MONETARY counts. */
  g_assert_nonnull (setlocale (LC_ALL, "C"));
  g_assert_nonnull (setlocale (LC_MONETARY, "en_IN.UTF-8"));
  explicit_global = duka_money_format_in_locale (123456789,
                                                 duka_currency_lookup ("INR"),
                                                 LC_GLOBAL_LOCALE);
  g_assert_cmpstr (explicit_global, ==, RUPEE "12,34,567.89");
  in_indian = duka_money_format (123456789, duka_currency_lookup ("INR"));
  g_assert_cmpstr (in_indian, ==, RUPEE "12,34,567.89");

  g_assert_nonnull (setlocale (LC_ALL, "C"));
  in_c = duka_money_format (123456, duka_currency_lookup ("KES"));
  g_assert_cmpstr (in_c, ==, "KES" NBSP "1234.56");

  uselocale (previous);
}

typedef struct
{
  const char *locale;
  const char *expected;
} ThreadCase;

static gpointer
format_in_thread (gpointer data)
{
  const ThreadCase *thread_case = data;
  locale_t locale = newlocale (LC_ALL_MASK, thread_case->locale, (locale_t) 0);
  const DukaCurrency *eur = duka_currency_lookup ("EUR");
  gboolean all_equal = locale != (locale_t) 0;

  for (guint i = 0; all_equal && i < 2000; i++)
    {
      g_autofree char *formatted = duka_money_format_in_locale (-123456, eur, locale);

      all_equal = g_strcmp0 (formatted, thread_case->expected) == 0;
    }

  if (locale != (locale_t) 0)
    freelocale (locale);

  return GINT_TO_POINTER (all_equal);
}

/* Explicit locales never leak into each other across threads. */
static void
test_format_threads (void)
{
  static const ThreadCase cases[] = {
    { "en_US.UTF-8", "-" EURO "1,234.56" },
    { "de_DE.UTF-8", "-1.234,56" NBSP EURO },
    { "fr_FR.UTF-8", "-1" NNBSP "234,56" NBSP EURO },
    { "ja_JP.UTF-8", EURO "-1,234.56" },
    { "C", "-EUR" NBSP "1234.56" },
  };
  GThread *threads[G_N_ELEMENTS (cases)];

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      locale_t check = open_locale (cases[i].locale);

      freelocale (check);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    threads[i] = g_thread_new ("money", format_in_thread, (gpointer) &cases[i]);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean all_equal = GPOINTER_TO_INT (g_thread_join (threads[i]));

      if (!all_equal)
        g_test_message ("%s formatted differently in a thread", cases[i].locale);
      g_assert_true (all_equal);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Expectations are written for the C process locale; each test picks
   * its locale explicitly. */
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/currency/table", test_currency_table);
  g_test_add_func ("/currency/lookup", test_currency_lookup);
  g_test_add_func ("/currency/lookup-refuses", test_currency_lookup_refuses);
  g_test_add_func ("/currency/display-name", test_currency_display_name);

  for (guint i = 0; i < G_N_ELEMENTS (test_locales); i++)
    {
      g_autofree char *path = g_strdup_printf ("/money/format/%s", test_locales[i]);

      g_test_add_data_func (path, test_locales[i], test_format_in_locale);
    }

  g_test_add_func ("/money/format/every-currency", test_format_every_currency);
  g_test_add_func ("/money/format/thread-locale", test_format_thread_locale);
  g_test_add_func ("/money/format/global-locale", test_format_global_locale);
  g_test_add_func ("/money/format/threads", test_format_threads);

  return g_test_run ();
}
