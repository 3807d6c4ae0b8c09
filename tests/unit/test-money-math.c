/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Money arithmetic, allocation, cash rounding, and reading amounts and
 * rates as people type them, in real glibc locales.
 */
#include <locale.h>
#include <string.h>

#include "duka-currency.h"
#include "duka-money.h"
#include "duka-money-math.h"

#define NBSP  "\xc2\xa0"      /* U+00A0 NO-BREAK SPACE */
#define NNBSP "\xe2\x80\xaf"  /* U+202F NARROW NO-BREAK SPACE */
#define EURO  "\xe2\x82\xac"
#define RUPEE "\xe2\x82\xb9"
#define FW_YEN "\xef\xbf\xa5"

#define I64_MAX G_MAXINT64
#define I64_MIN G_MININT64
/* In the cash-rounding table: expect an overflow error.  No row there
 * expects G_MAXINT64, which is not a multiple of any step used. */
#define OVERFLOW G_MAXINT64

static const DukaRounding all_modes[] = {
  DUKA_ROUND_HALF_UP, DUKA_ROUND_HALF_EVEN, DUKA_ROUND_DOWN, DUKA_ROUND_UP,
};
static const char * const mode_names[] = { "half-up", "half-even", "down", "up" };

static locale_t
open_locale (const char *name)
{
  locale_t locale = newlocale (LC_ALL_MASK, name, (locale_t) 0);

  if (locale == (locale_t) 0)
    g_test_message ("Locale %s is not installed; run build-aux/setup-locales", name);
  g_assert_true (locale != (locale_t) 0);

  return locale;
}

static void
assert_error_message (GError *error,
                      GQuark  domain,
                      int     code)
{
  g_assert_error (error, domain, code);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 10);
}

/* ---- rounding ------------------------------------------------------- */

typedef struct
{
  gint64 numerator;
  gint64 denominator;
  gint64 expected[4]; /* half-up, half-even, down, up */
} DivideCase;

static const DivideCase divide_cases[] = {
  /* ±x.5, ±x.4999, ±x.5001 with an even and an odd x */
  { 25000, 10000, { 3, 2, 2, 3 } },
  { -25000, 10000, { -3, -2, -2, -3 } },
  { 35000, 10000, { 4, 4, 3, 4 } },
  { -35000, 10000, { -4, -4, -3, -4 } },
  { 24999, 10000, { 2, 2, 2, 3 } },
  { -24999, 10000, { -2, -2, -2, -3 } },
  { 25001, 10000, { 3, 3, 2, 3 } },
  { -25001, 10000, { -3, -3, -2, -3 } },
  { 34999, 10000, { 3, 3, 3, 4 } },
  { 35001, 10000, { 4, 4, 3, 4 } },
  { -35001, 10000, { -4, -4, -3, -4 } },
  { 5, 10, { 1, 0, 0, 1 } },
  { -5, 10, { -1, 0, 0, -1 } },
  { 15, 10, { 2, 2, 1, 2 } },
  { -15, 10, { -2, -2, -1, -2 } },
  { 30000, 10000, { 3, 3, 3, 3 } },
  { 0, 7, { 0, 0, 0, 0 } },
  /* a negative denominator flips the sign, not the rounding */
  { 25, -10, { -3, -2, -2, -3 } },
  { -25, -10, { 3, 2, 2, 3 } },
  { 1, 3, { 0, 0, 0, 1 } },
  { 2, 3, { 1, 1, 0, 1 } },
  { -2, 3, { -1, -1, 0, -1 } },
  /* the edges of gint64 */
  { I64_MAX, 2, { 4611686018427387904, 4611686018427387904, 4611686018427387903,
              4611686018427387904 } },
  { I64_MIN, 2, { -4611686018427387904, -4611686018427387904, -4611686018427387904,
              -4611686018427387904 } },
  { I64_MAX, 1, { I64_MAX, I64_MAX, I64_MAX, I64_MAX } },
  { I64_MAX, -1, { -I64_MAX, -I64_MAX, -I64_MAX, -I64_MAX } },
  { I64_MIN, 1, { I64_MIN, I64_MIN, I64_MIN, I64_MIN } },
  { I64_MIN, I64_MAX, { -1, -1, -1, -2 } },
  { I64_MAX, I64_MIN, { -1, -1, 0, -1 } },
};

static void
test_divide_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (divide_cases); i++)
    {
      const DivideCase *row = &divide_cases[i];

      for (guint m = 0; m < G_N_ELEMENTS (all_modes); m++)
        {
          g_autoptr (GError) error = NULL;
          gint64 out = 12345;

          g_assert_true (duka_money_divide (row->numerator, row->denominator,
                                            all_modes[m], &out, &error));
          g_assert_no_error (error);
          if (out != row->expected[m])
            g_test_message ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT " %s",
                            row->numerator, row->denominator, mode_names[m]);
          g_assert_cmpint (out, ==, row->expected[m]);
        }
    }
}

static void
test_divide_refuses (void)
{
  g_autoptr (GError) zero = NULL;
  g_autoptr (GError) overflow = NULL;
  g_autoptr (GError) mode = NULL;
  gint64 out = 77;

  g_assert_false (duka_money_divide (1, 0, DUKA_ROUND_HALF_UP, &out, &zero));
  assert_error_message (zero, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_INVALID);
  g_assert_false (duka_money_divide (I64_MIN, -1, DUKA_ROUND_HALF_UP, &out, &overflow));
  assert_error_message (overflow, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_OVERFLOW);
  g_assert_false (duka_money_divide (1, 2, (DukaRounding) 99, &out, &mode));
  assert_error_message (mode, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_INVALID);
  g_assert_cmpint (out, ==, 77);
}

/* ---- add, sub, negate ---------------------------------------------- */

typedef enum { OP_ADD, OP_SUB, OP_NEGATE } Op;

typedef struct
{
  Op       op;
  gint64   a;
  gint64   b;
  gboolean overflows;
  gint64   expected;
} AddCase;

static const AddCase add_cases[] = {
  { OP_ADD, 1, 2, FALSE, 3 },
  { OP_ADD, I64_MAX, 0, FALSE, I64_MAX },
  { OP_ADD, I64_MAX, 1, TRUE, 0 },
  { OP_ADD, I64_MIN, -1, TRUE, 0 },
  { OP_ADD, I64_MAX, I64_MIN, FALSE, -1 },
  { OP_ADD, I64_MAX, I64_MAX, TRUE, 0 },
  { OP_ADD, I64_MIN, I64_MIN, TRUE, 0 },
  { OP_SUB, 5, 7, FALSE, -2 },
  { OP_SUB, I64_MIN, 1, TRUE, 0 },
  { OP_SUB, 0, I64_MIN, TRUE, 0 },
  { OP_SUB, -1, I64_MIN, FALSE, I64_MAX },
  { OP_SUB, I64_MAX, -1, TRUE, 0 },
  { OP_NEGATE, 5, 0, FALSE, -5 },
  { OP_NEGATE, I64_MAX, 0, FALSE, -I64_MAX },
  { OP_NEGATE, I64_MIN, 0, TRUE, 0 },
  { OP_NEGATE, 0, 0, FALSE, 0 },
};

static void
test_add_sub_negate (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (add_cases); i++)
    {
      const AddCase *row = &add_cases[i];
      g_autoptr (GError) error = NULL;
      gint64 out = 4242;
      gboolean ok;

      switch (row->op)
        {
        case OP_ADD:
          ok = duka_money_add (row->a, row->b, &out, &error);
          break;
        case OP_SUB:
          ok = duka_money_sub (row->a, row->b, &out, &error);
          break;
        case OP_NEGATE:
        default:
          ok = duka_money_negate (row->a, &out, &error);
          break;
        }

      g_test_message ("row %u", i);
      if (row->overflows)
        {
          g_assert_false (ok);
          assert_error_message (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_OVERFLOW);
          g_assert_cmpint (out, ==, 4242);
        }
      else
        {
          g_assert_true (ok);
          g_assert_no_error (error);
          g_assert_cmpint (out, ==, row->expected);
        }
    }
}

/* ---- quantity, rate ------------------------------------------------- */

typedef enum { SCALE_QUANTITY, SCALE_RATE } ScaleKind;

typedef struct
{
  ScaleKind kind;
  gint64    amount;
  gint64    factor;
  gint64    expected[4]; /* all zero when the row overflows */
  gboolean  overflows;
} ScaleCase;

static const ScaleCase scale_cases[] = {
  /* 1.999 × 1.5 kg = 2.9985 → 2.998 or 2.999 (in minor units ×1000) */
  { SCALE_QUANTITY, 1999, 1500, { 2999, 2998, 2998, 2999 } },
  { SCALE_QUANTITY, 1, 500, { 1, 0, 0, 1 } },
  { SCALE_QUANTITY, 3, 500, { 2, 2, 1, 2 } },
  { SCALE_QUANTITY, 10000, 1, { 10, 10, 10, 10 } },
  { SCALE_QUANTITY, 499, 1001, { 499, 499, 499, 500 } },
  { SCALE_QUANTITY, -1, 500, { -1, 0, 0, -1 } },
  { SCALE_QUANTITY, 1999, -1500, { -2999, -2998, -2998, -2999 } },
  { SCALE_QUANTITY, I64_MAX, 1000, { I64_MAX, I64_MAX, I64_MAX, I64_MAX } },
  { SCALE_QUANTITY, I64_MIN, 1000, { I64_MIN, I64_MIN, I64_MIN, I64_MIN } },
  { SCALE_QUANTITY, I64_MAX, 1001, { 0 }, TRUE },
  { SCALE_QUANTITY, I64_MAX, 999, { 9214148664817921031, 9214148664817921031,
                                9214148664817921031, 9214148664817921032 } },
  /* 8.875 % of 1.00 is 8.875 cents */
  { SCALE_RATE, 100, 88750, { 9, 9, 8, 9 } },
  { SCALE_RATE, 1000, 160000, { 160, 160, 160, 160 } },
  { SCALE_RATE, 5, 100000, { 1, 0, 0, 1 } },
  { SCALE_RATE, 15, 100000, { 2, 2, 1, 2 } },
  { SCALE_RATE, -15, 100000, { -2, -2, -1, -2 } },
  { SCALE_RATE, 1, 499999, { 0, 0, 0, 1 } },
  { SCALE_RATE, 1, 500001, { 1, 1, 0, 1 } },
  { SCALE_RATE, I64_MAX, 1000000, { I64_MAX, I64_MAX, I64_MAX, I64_MAX } },
  { SCALE_RATE, I64_MAX, 1000001, { 0 }, TRUE },
  { SCALE_RATE, I64_MIN, 1000000, { I64_MIN, I64_MIN, I64_MIN, I64_MIN } },
  { SCALE_RATE, I64_MIN, -1000000, { 0 }, TRUE },
};

static void
test_scale_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (scale_cases); i++)
    {
      const ScaleCase *row = &scale_cases[i];

      for (guint m = 0; m < G_N_ELEMENTS (all_modes); m++)
        {
          g_autoptr (GError) error = NULL;
          gint64 out = 0;
          gboolean ok;

          if (row->kind == SCALE_QUANTITY)
            ok = duka_money_multiply_quantity (row->amount, row->factor, all_modes[m],
                                               &out, &error);
          else
            ok = duka_money_apply_rate (row->amount, row->factor, all_modes[m], &out, &error);

          g_test_message ("row %u, %s", i, mode_names[m]);
          if (row->overflows)
            {
              g_assert_false (ok);
              assert_error_message (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_OVERFLOW);
            }
          else
            {
              g_assert_no_error (error);
              g_assert_true (ok);
              g_assert_cmpint (out, ==, row->expected[m]);
            }
        }
    }
}

/* ---- cash rounding -------------------------------------------------- */

typedef struct
{
  gint64 amount;
  gint64 step;
  gint64 expected[4];
} StepCase;

static const StepCase step_cases[] = {
  { 1232, 5, { 1230, 1230, 1230, 1235 } },
  { 1233, 5, { 1235, 1235, 1230, 1235 } },
  { 1235, 5, { 1235, 1235, 1235, 1235 } },
  { -1232, 5, { -1230, -1230, -1230, -1235 } },
  { -1233, 5, { -1235, -1235, -1230, -1235 } },
  { 1235, 10, { 1240, 1240, 1230, 1240 } },
  { 1245, 10, { 1250, 1240, 1240, 1250 } },
  { -1245, 10, { -1250, -1240, -1240, -1250 } },
  /* whole Kenyan shillings */
  { 12350, 100, { 12400, 12400, 12300, 12400 } },
  { 12450, 100, { 12500, 12400, 12400, 12500 } },
  { 12349, 100, { 12300, 12300, 12300, 12400 } },
  { 12351, 100, { 12400, 12400, 12300, 12400 } },
  { -12350, 100, { -12400, -12400, -12300, -12400 } },
  { 0, 100, { 0, 0, 0, 0 } },
  { 7, 1, { 7, 7, 7, 7 } },
  { I64_MAX, 100, { 9223372036854775800, 9223372036854775800, 9223372036854775800,
                OVERFLOW } },
  { I64_MIN, 100, { -9223372036854775800, -9223372036854775800, -9223372036854775800,
                OVERFLOW } },
};

static void
test_round_to_step (void)
{
  g_autoptr (GError) zero = NULL;
  g_autoptr (GError) negative = NULL;
  gint64 out;

  for (guint i = 0; i < G_N_ELEMENTS (step_cases); i++)
    {
      const StepCase *row = &step_cases[i];

      for (guint m = 0; m < G_N_ELEMENTS (all_modes); m++)
        {
          g_autoptr (GError) error = NULL;
          gboolean ok = duka_money_round_to_step (row->amount, row->step, all_modes[m],
                                                  &out, &error);

          g_test_message ("row %u, %s", i, mode_names[m]);
          if (row->expected[m] == OVERFLOW)
            {
              g_assert_false (ok);
              assert_error_message (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_OVERFLOW);
            }
          else
            {
              g_assert_no_error (error);
              g_assert_cmpint (out, ==, row->expected[m]);
            }
        }
    }

  g_assert_false (duka_money_round_to_step (100, 0, DUKA_ROUND_HALF_UP, &out, &zero));
  assert_error_message (zero, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_INVALID);
  g_assert_false (duka_money_round_to_step (100, -5, DUKA_ROUND_HALF_UP, &out, &negative));
  assert_error_message (negative, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_INVALID);
}

/* ---- allocation ----------------------------------------------------- */

typedef struct
{
  gint64 total;
  guint  n;
  gint64 weights[8];
  gint64 expected[8];
} AllocateCase;

static const AllocateCase allocate_cases[] = {
  { 100, 3, { 1, 1, 1 }, { 34, 33, 33 } },
  { -100, 3, { 1, 1, 1 }, { -34, -33, -33 } },
  { 100, 3, { 0, 0, 0 }, { 34, 33, 33 } },
  { -100, 3, { 0, 0, 0 }, { -34, -33, -33 } },
  { 10, 3, { 0, 1, 0 }, { 0, 10, 0 } },
  { 0, 2, { 1, 2 }, { 0, 0 } },
  { 100, 2, { 1, 2 }, { 33, 67 } },
  { 100, 2, { 2, 1 }, { 67, 33 } },
  { 5, 8, { 1, 1, 1, 1, 1, 1, 1, 1 }, { 1, 1, 1, 1, 1, 0, 0, 0 } },
  { -5, 8, { 1, 1, 1, 1, 1, 1, 1, 1 }, { -1, -1, -1, -1, -1, 0, 0, 0 } },
  { 1000, 3, { 333, 333, 334 }, { 333, 333, 334 } },
  /* ties go to the lower index, whatever the weights' order */
  { 2, 3, { 5, 5, 5 }, { 1, 1, 0 } },
  { 1, 4, { 0, 3, 0, 3 }, { 0, 1, 0, 0 } },
  /* remainders, not weights, decide: 10 × {1, 4, 5} / 10 is exact */
  { 10, 3, { 1, 4, 5 }, { 1, 4, 5 } },
  { 7, 3, { 1, 4, 5 }, { 1, 3, 3 } },
  { 1, 1, { 0 }, { 1 } },
  { I64_MAX, 2, { 1, 1 }, { 4611686018427387904, 4611686018427387903 } },
  { I64_MIN, 1, { 7 }, { I64_MIN } },
  { I64_MIN, 2, { 1, 1 }, { -4611686018427387904, -4611686018427387904 } },
  { I64_MAX, 3, { I64_MAX, I64_MAX, 1 }, { 4611686018427387903, 4611686018427387903, 1 } },
  { 3, 2, { I64_MAX, I64_MAX }, { 2, 1 } },
};

static void
test_allocate_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (allocate_cases); i++)
    {
      const AllocateCase *row = &allocate_cases[i];
      g_autoptr (GError) error = NULL;
      gint64 shares[8] = { 0 };

      g_test_message ("row %u", i);
      g_assert_true (duka_money_allocate (row->total, row->weights, row->n, shares, &error));
      g_assert_no_error (error);
      for (guint k = 0; k < row->n; k++)
        g_assert_cmpint (shares[k], ==, row->expected[k]);
    }
}

static void
test_allocate_refuses (void)
{
  static const gint64 negative_weight[] = { 1, -1, 3 };
  g_autoptr (GError) negative = NULL;
  g_autoptr (GError) nothing = NULL;
  g_autoptr (GError) none = NULL;
  gint64 shares[3] = { 0 };

  g_assert_false (duka_money_allocate (10, negative_weight, 3, shares, &negative));
  assert_error_message (negative, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_INVALID);
  g_assert_false (duka_money_allocate (10, NULL, 0, NULL, &nothing));
  assert_error_message (nothing, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_INVALID);
  g_assert_true (duka_money_allocate (0, NULL, 0, NULL, &none));
  g_assert_no_error (none);
}

/* Shares sum to the total and each is within one unit of its exact part;
 * rounding each share on its own instead fails this within a few cases. */
static void
test_allocate_random (void)
{
  guint32 seed = 20240611;
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);

  g_test_message ("allocation property seed %u", seed);

  for (guint round = 0; round < 20000; round++)
    {
      guint n = (guint) g_rand_int_range (rand, 1, 12);
      gint64 weights[12];
      gint64 shares[12];
      gint64 total = g_rand_int_range (rand, -1000000, 1000000);
      __int128 weight_sum = 0;
      __int128 share_sum = 0;
      g_autoptr (GError) error = NULL;

      if (g_rand_int_range (rand, 0, 10) == 0)
        total = g_rand_boolean (rand) ? I64_MAX - g_rand_int_range (rand, 0, 1000)
                                      : I64_MIN + g_rand_int_range (rand, 0, 1000);
      for (guint k = 0; k < n; k++)
        {
          weights[k] = g_rand_int_range (rand, 0, 4) == 0 ? 0 : g_rand_int_range (rand, 1, 100000);
          weight_sum += weights[k];
        }

      g_assert_true (duka_money_allocate (total, weights, n, shares, &error));
      g_assert_no_error (error);

      for (guint k = 0; k < n; k++)
        {
          __int128 weight = weight_sum == 0 ? 1 : weights[k];
          __int128 divisor = weight_sum == 0 ? n : weight_sum;
          __int128 deviation = (__int128) shares[k] * divisor - (__int128) total * weight;

          share_sum += shares[k];
          if (deviation < 0)
            deviation = -deviation;
          g_assert_true (deviation < divisor);
          g_assert_true (total >= 0 ? shares[k] >= 0 : shares[k] <= 0);
        }
      g_assert_true (share_sum == total);
    }
}

/* ---- parsing -------------------------------------------------------- */

typedef struct
{
  const char *locale;
  const char *code;
  const char *text;
  gboolean    ok;
  gint64      expected;  /* when ok */
  int         error_code; /* when not */
  const char *message_part; /* when not: a phrase the message must hold */
} ParseCase;

#define PARSE_OK(loc, code, text, value) { loc, code, text, TRUE, value, 0, NULL }
#define PARSE_BAD(loc, code, text, part) \
  { loc, code, text, FALSE, 0, DUKA_MONEY_ERROR_PARSE, part }
#define PARSE_BIG(loc, code, text) \
  { loc, code, text, FALSE, 0, DUKA_MONEY_ERROR_OVERFLOW, "too large" }

static const ParseCase parse_cases[] = {
  PARSE_OK ("en_US.UTF-8", "USD", "1,234.56", 123456),
  PARSE_OK ("en_US.UTF-8", "USD", "$1,234.56", 123456),
  PARSE_OK ("en_US.UTF-8", "USD", "-$1,234.56", -123456),
  PARSE_OK ("en_US.UTF-8", "USD", "$-5", -500),
  PARSE_OK ("en_US.UTF-8", "USD", "  12  ", 1200),
  PARSE_OK ("en_US.UTF-8", "USD", "1234.5", 123450),
  PARSE_OK ("en_US.UTF-8", "USD", "0.01", 1),
  PARSE_OK ("en_US.UTF-8", "USD", ".5", 50),
  PARSE_OK ("en_US.UTF-8", "USD", "12.", 1200),
  PARSE_OK ("en_US.UTF-8", "USD", "USD 12.00", 1200),
  PARSE_OK ("en_US.UTF-8", "USD", "usd12", 1200),
  PARSE_OK ("en_US.UTF-8", "USD", "US$5", 500),
  PARSE_OK ("en_US.UTF-8", "USD", "12 USD", 1200),
  PARSE_OK ("en_US.UTF-8", "USD", "\xe2\x88\x92" "3", -300),
  PARSE_OK ("en_US.UTF-8", "USD", "1 234 567.89", 123456789),
  PARSE_OK ("en_US.UTF-8", "USD", "92233720368547758.07", I64_MAX),
  PARSE_OK ("en_US.UTF-8", "USD", "-92,233,720,368,547,758.08", I64_MIN),
  PARSE_OK ("en_US.UTF-8", "KWD", "1.234", 1234),
  PARSE_BIG ("en_US.UTF-8", "USD", "92233720368547758.08"),
  PARSE_BIG ("en_US.UTF-8", "USD", "-92233720368547758.09"),
  PARSE_BIG ("en_US.UTF-8", "USD", "99999999999999999999999999999999"),
  PARSE_BAD ("en_US.UTF-8", "USD", "12,50", "decimal mark here is “.”"),
  PARSE_BAD ("en_US.UTF-8", "USD", "1,23,456.00", "digit groups"),
  PARSE_BAD ("en_US.UTF-8", "USD", "12.345", "at most 2 decimals"),
  PARSE_BAD ("en_US.UTF-8", "USD", "abc", "not an amount"),
  PARSE_BAD ("en_US.UTF-8", "USD", "", "Enter an amount"),
  PARSE_BAD ("en_US.UTF-8", "USD", "   ", "Enter an amount"),
  PARSE_BAD ("en_US.UTF-8", "USD", "-", "not an amount"),
  PARSE_BAD ("en_US.UTF-8", "USD", "$", "not an amount"),
  PARSE_BAD ("en_US.UTF-8", "USD", ".", "not an amount"),
  PARSE_BAD ("en_US.UTF-8", "USD", "1..2", "not an amount"),
  PARSE_BAD ("en_US.UTF-8", "USD", "1.2.3", "not an amount"),
  PARSE_BAD ("en_US.UTF-8", "USD", "--5", "not an amount"),
  PARSE_BAD ("en_US.UTF-8", "USD", "5-", "not an amount"),
  PARSE_BAD ("en_US.UTF-8", "USD", "1e3", "not an amount"),
  PARSE_BAD ("en_US.UTF-8", "USD", "12€", "not an amount"),
  PARSE_BAD ("en_US.UTF-8", "USD", ",123", "not an amount"),
  PARSE_BAD ("en_US.UTF-8", "USD", "123,", "not an amount"),
  PARSE_BAD ("en_US.UTF-8", "USD", "1,,234", "not an amount"),
  PARSE_BAD ("en_US.UTF-8", "USD", "0x10", "not an amount"),

  PARSE_OK ("de_DE.UTF-8", "EUR", "1.234,56", 123456),
  PARSE_OK ("de_DE.UTF-8", "EUR", "1234,56", 123456),
  PARSE_OK ("de_DE.UTF-8", "EUR", "1.234.567,89", 123456789),
  PARSE_OK ("de_DE.UTF-8", "EUR", "12.50", 1250),
  PARSE_OK ("de_DE.UTF-8", "EUR", "1.250", 125000),
  PARSE_OK ("de_DE.UTF-8", "EUR", "1234.5", 123450),
  PARSE_OK ("de_DE.UTF-8", "EUR", "1 234,56", 123456),
  PARSE_OK ("de_DE.UTF-8", "EUR", "1" NBSP "234,56", 123456),
  PARSE_OK ("de_DE.UTF-8", "EUR", "-12,5 " EURO, -1250),
  PARSE_OK ("de_DE.UTF-8", "EUR", EURO " 12", 1200),
  PARSE_OK ("de_DE.UTF-8", "EUR", "12 EUR", 1200),
  PARSE_BAD ("de_DE.UTF-8", "EUR", "12,345", "at most 2 decimals"),
  PARSE_BAD ("de_DE.UTF-8", "EUR", "1,234.56", "not an amount"),
  PARSE_BAD ("de_DE.UTF-8", "EUR", "1.234.56", "digit groups"),
  PARSE_BAD ("de_DE.UTF-8", "EUR", "12,5,0", "not an amount"),

  PARSE_OK ("fr_FR.UTF-8", "EUR", "1" NNBSP "234,56", 123456),
  PARSE_OK ("fr_FR.UTF-8", "EUR", "1 234,56", 123456),
  PARSE_OK ("fr_FR.UTF-8", "EUR", "1" NBSP "234,56" NBSP EURO, 123456),
  PARSE_OK ("fr_FR.UTF-8", "EUR", "12.5", 1250),
  PARSE_OK ("fr_FR.UTF-8", "EUR", "-0,01", -1),
  PARSE_BAD ("fr_FR.UTF-8", "EUR", "1.234", "at most 2 decimals"),
  PARSE_BAD ("fr_FR.UTF-8", "EUR", "1 23,5", "digit groups"),

  PARSE_OK ("es_ES.UTF-8", "EUR", "1.234,56", 123456),
  PARSE_OK ("es_ES.UTF-8", "EUR", "12,3", 1230),
  PARSE_OK ("es_ES.UTF-8", "EUR", "12.30", 1230),
  PARSE_OK ("es_ES.UTF-8", "EUR", "1.000.000", 100000000),
  PARSE_BAD ("es_ES.UTF-8", "EUR", "12,3.4", "not an amount"),

  PARSE_OK ("en_IN.UTF-8", "INR", "12,34,567.89", 123456789),
  PARSE_OK ("en_IN.UTF-8", "INR", "1,234,567.89", 123456789),
  PARSE_OK ("en_IN.UTF-8", "INR", RUPEE "1,00,000", 10000000),
  PARSE_OK ("en_IN.UTF-8", "INR", "INR 5", 500),
  PARSE_BAD ("en_IN.UTF-8", "INR", "1,00,00", "digit groups"),

  PARSE_OK ("ja_JP.UTF-8", "JPY", "1,234", 1234),
  PARSE_OK ("ja_JP.UTF-8", "JPY", FW_YEN "1,234", 1234),
  PARSE_OK ("ja_JP.UTF-8", "JPY", "\xc2\xa5" "500", 500),
  PARSE_OK ("ja_JP.UTF-8", "JPY", "JPY 0", 0),
  PARSE_OK ("ja_JP.UTF-8", "JPY", "9223372036854775807", I64_MAX),
  PARSE_BAD ("ja_JP.UTF-8", "JPY", "12.5", "no decimals"),
  PARSE_BIG ("ja_JP.UTF-8", "JPY", "9223372036854775808"),

  PARSE_OK ("C", "KES", "1234.56", 123456),
  PARSE_OK ("C", "KES", "1,234.56", 123456),
  PARSE_OK ("C", "KES", "KES 12", 1200),
  PARSE_OK ("C", "KES", "Ksh 12.5", 1250),
  PARSE_OK ("C", "KES", "-KES" NBSP "0.05", -5),
  PARSE_BAD ("C", "KES", "12,5", "digit groups"),
  PARSE_BAD ("C", "KES", "\xff", "not an amount"),
};

static void
test_parse_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      const ParseCase *row = &parse_cases[i];
      locale_t locale = open_locale (row->locale);
      const DukaCurrency *currency = duka_currency_lookup (row->code);
      g_autoptr (GError) error = NULL;
      g_autofree char *printable = NULL;
      gint64 out = 31337;
      gboolean ok;

      g_assert_nonnull (currency);
      /* TAP output must stay UTF-8 even for the row that is not. */
      printable = g_utf8_validate (row->text, -1, NULL) ? g_strdup (row->text)
                                                        : g_strescape (row->text, NULL);
      ok = duka_money_parse (row->text, currency, locale, &out, &error);
      g_test_message ("%s %s \"%s\" → %s", row->locale, row->code, printable,
                      ok ? "ok" : error->message);

      if (row->ok)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (out, ==, row->expected);
        }
      else
        {
          g_assert_false (ok);
          assert_error_message (error, DUKA_MONEY_ERROR, row->error_code);
          g_assert_nonnull (strstr (error->message, row->message_part));
          g_assert_cmpint (out, ==, 31337);
        }

      freelocale (locale);
    }
}

static const char * const round_trip_locales[] = {
  "en_US.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8", "es_ES.UTF-8", "en_IN.UTF-8",
  "ja_JP.UTF-8", "sw_KE.UTF-8", "C",
};

/* Whatever the one formatter prints, the parser reads back. */
static void
test_parse_round_trip (void)
{
  static const char * const codes[] = { "USD", "EUR", "JPY", "KWD", "INR", "KES", "CLF" };
  static const gint64 amounts[] = {
    0, 1, -1, 5, 99, 100, -100, 123456, -123456789, 100000000, 1000000000000,
    I64_MAX, I64_MIN,
  };

  for (guint l = 0; l < G_N_ELEMENTS (round_trip_locales); l++)
    {
      locale_t locale = open_locale (round_trip_locales[l]);

      for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
        {
          const DukaCurrency *currency = duka_currency_lookup (codes[c]);

          for (guint a = 0; a < G_N_ELEMENTS (amounts); a++)
            {
              g_autofree char *text = duka_money_format_in_locale (amounts[a], currency, locale);
              g_autoptr (GError) error = NULL;
              gint64 back = 0;

              if (!duka_money_parse (text, currency, locale, &back, &error))
                g_test_message ("%s: \"%s\": %s", round_trip_locales[l], text, error->message);
              g_assert_no_error (error);
              g_assert_cmpint (back, ==, amounts[a]);
            }
        }

      freelocale (locale);
    }
}

static void
test_parse_global_locale (void)
{
  locale_t previous = uselocale (LC_GLOBAL_LOCALE);
  g_autoptr (GError) error = NULL;
  gint64 out = 0;

  g_assert_nonnull (setlocale (LC_ALL, "de_DE.UTF-8"));
  g_assert_true (duka_money_parse ("1.234,5", duka_currency_lookup ("EUR"),
                                   LC_GLOBAL_LOCALE, &out, &error));
  g_assert_no_error (error);
  g_assert_cmpint (out, ==, 123450);
  g_assert_nonnull (setlocale (LC_ALL, "C"));

  uselocale (previous);
}

/* ---- rates ---------------------------------------------------------- */

typedef struct
{
  const char *text;
  gboolean    allow_over_100;
  gint64      expected;     /* -1: refused */
  const char *message_part; /* when refused */
} RateParseCase;

static const RateParseCase rate_parse_cases[] = {
  { "8.875", FALSE, 88750, NULL },
  { "8,875", FALSE, 88750, NULL },
  { "16", FALSE, 160000, NULL },
  { "16 %", FALSE, 160000, NULL },
  { " 16%", FALSE, 160000, NULL },
  { "16" NBSP "%", FALSE, 160000, NULL },
  { "0", FALSE, 0, NULL },
  { "0.0001", FALSE, 1, NULL },
  { ".5", FALSE, 5000, NULL },
  { "5.", FALSE, 50000, NULL },
  { "100", FALSE, 1000000, NULL },
  { "100.0000", FALSE, 1000000, NULL },
  { "150", TRUE, 1500000, NULL },
  { "100.0001", FALSE, -1, "more than 100" },
  { "150", FALSE, -1, "more than 100" },
  { "8.87501", FALSE, -1, "four decimals" },
  { "-5", FALSE, -1, "negative" },
  { "", FALSE, -1, "Enter a rate" },
  { "%", FALSE, -1, "Enter a rate" },
  { "abc", FALSE, -1, "not a percentage" },
  { "1e3", FALSE, -1, "not a percentage" },
  { "1.2.3", FALSE, -1, "not a percentage" },
  { ".", FALSE, -1, "not a percentage" },
  { "1 000", TRUE, -1, "not a percentage" },
  { "9999999999999", TRUE, -1, "not a percentage" },
};

static void
test_rate_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rate_parse_cases); i++)
    {
      const RateParseCase *row = &rate_parse_cases[i];
      g_autoptr (GError) error = NULL;
      gint64 out = 4711;
      gboolean ok = duka_rate_parse_percent (row->text, row->allow_over_100, &out, &error);

      g_test_message ("\"%s\" → %s", row->text, ok ? "ok" : error->message);
      if (row->expected >= 0)
        {
          g_assert_no_error (error);
          g_assert_cmpint (out, ==, row->expected);
        }
      else
        {
          g_assert_false (ok);
          assert_error_message (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_PARSE);
          g_assert_nonnull (strstr (error->message, row->message_part));
          g_assert_cmpint (out, ==, 4711);
        }
    }
}

typedef struct
{
  const char *locale;
  gint64      ppm;
  const char *expected;
} RateFormatCase;

static const RateFormatCase rate_format_cases[] = {
  { "en_US.UTF-8", 88750, "8.875" NBSP "%" },
  { "de_DE.UTF-8", 88750, "8,875" NBSP "%" },
  { "fr_FR.UTF-8", 88750, "8,875" NBSP "%" },
  { "es_ES.UTF-8", 88750, "8,875" NBSP "%" },
  { "en_IN.UTF-8", 88750, "8.875" NBSP "%" },
  { "ja_JP.UTF-8", 88750, "8.875" NBSP "%" },
  { "C", 88750, "8.875" NBSP "%" },
  { "en_US.UTF-8", 160000, "16" NBSP "%" },
  { "de_DE.UTF-8", 160000, "16" NBSP "%" },
  { "en_US.UTF-8", 0, "0" NBSP "%" },
  { "en_US.UTF-8", 1, "0.0001" NBSP "%" },
  { "de_DE.UTF-8", 25000, "2,5" NBSP "%" },
  { "en_US.UTF-8", 1000000, "100" NBSP "%" },
  { "en_US.UTF-8", 1500000, "150" NBSP "%" },
  { "en_US.UTF-8", -50000, "-5" NBSP "%" },
};

static void
test_rate_format (void)
{
  static const gint64 round_trip[] = { 0, 1, 10, 88750, 160000, 999999, 1000000, 80000 };

  for (guint i = 0; i < G_N_ELEMENTS (rate_format_cases); i++)
    {
      locale_t locale = open_locale (rate_format_cases[i].locale);
      g_autofree char *text = duka_rate_format_percent (rate_format_cases[i].ppm, locale);

      g_assert_cmpstr (text, ==, rate_format_cases[i].expected);
      freelocale (locale);
    }

  for (guint l = 0; l < G_N_ELEMENTS (round_trip_locales); l++)
    {
      locale_t locale = open_locale (round_trip_locales[l]);

      for (guint r = 0; r < G_N_ELEMENTS (round_trip); r++)
        {
          g_autofree char *text = duka_rate_format_percent (round_trip[r], locale);
          g_autoptr (GError) error = NULL;
          gint64 back = -1;

          g_assert_true (duka_rate_parse_percent (text, FALSE, &back, &error));
          g_assert_no_error (error);
          g_assert_cmpint (back, ==, round_trip[r]);
        }

      freelocale (locale);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money-math/divide/table", test_divide_table);
  g_test_add_func ("/money-math/divide/refuses", test_divide_refuses);
  g_test_add_func ("/money-math/add-sub-negate", test_add_sub_negate);
  g_test_add_func ("/money-math/scale/table", test_scale_table);
  g_test_add_func ("/money-math/round-to-step", test_round_to_step);
  g_test_add_func ("/money-math/allocate/table", test_allocate_table);
  g_test_add_func ("/money-math/allocate/refuses", test_allocate_refuses);
  g_test_add_func ("/money-math/allocate/random", test_allocate_random);
  g_test_add_func ("/money-math/parse/table", test_parse_table);
  g_test_add_func ("/money-math/parse/round-trip", test_parse_round_trip);
  g_test_add_func ("/money-math/parse/global-locale", test_parse_global_locale);
  g_test_add_func ("/money-math/rate/parse", test_rate_parse);
  g_test_add_func ("/money-math/rate/format", test_rate_format);

  return g_test_run ();
}
