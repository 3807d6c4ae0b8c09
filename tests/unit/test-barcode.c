/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Barcodes as they come off real packs and scale labels: every spelling of
 * one code normalises to the same GTIN-14, wrong codes are refused with a
 * message a manager can act on, and prices and weights come out of scale
 * labels as exact integers.
 */
#include <string.h>

#include "duka-barcode.h"

/* Appends the GS1 check digit, so a test names only the meaningful part. */
static char *
with_check_digit (const char *payload)
{
  int check = duka_barcode_check_digit (payload, strlen (payload));

  g_assert_cmpint (check, >=, 0);
  return g_strdup_printf ("%s%d", payload, check);
}

static void
test_check_digit (void)
{
  /* Published codes: a Faber-Castell pencil, a UPC-A, the Wikipedia EAN-8. */
  g_assert_cmpint (duka_barcode_check_digit ("400638133393", 12), ==, 1);
  g_assert_cmpint (duka_barcode_check_digit ("03600029145", 11), ==, 2);
  g_assert_cmpint (duka_barcode_check_digit ("9638507", 7), ==, 4);
  g_assert_cmpint (duka_barcode_check_digit ("501234567890", 12), ==, 0);
  g_assert_cmpint (duka_barcode_check_digit ("1003600029145", 13), ==, 9);
  /* Zeros on the left never change it: that is what lets us pad. */
  g_assert_cmpint (duka_barcode_check_digit ("0003600029145", 13), ==, 2);
  g_assert_cmpint (duka_barcode_check_digit ("", 0), ==, 0);
}

typedef struct
{
  const char *input;
  const char *gtin14;
} NormalizeCase;

static const NormalizeCase normalize_cases[] = {
  { "4006381333931", "04006381333931" },           /* EAN-13 */
  { "036000291452", "00036000291452" },            /* UPC-A */
  { "0036000291452", "00036000291452" },           /* the same as EAN-13 */
  { "00036000291452", "00036000291452" },          /* and as GTIN-14 */
  { "10036000291459", "10036000291459" },          /* a case of them */
  { "96385074", "00000096385074" },                /* EAN-8 */
  { "5 012345 678900", "05012345678900" },         /* as printed under the bars */
  { "036000-291452", "00036000291452" },           /* as some catalogues write */
  { "  4006381333931\r\n", "04006381333931" },     /* a scanner's trailing Enter */
  { "01234565", "00000001234565" },                /* 8 digits are EAN-8 */
};

static void
test_normalize (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (normalize_cases); i++)
    {
      const NormalizeCase *c = &normalize_cases[i];
      g_autoptr(GError) error = NULL;
      char gtin14[DUKA_GTIN14_SIZE] = "untouched";

      g_test_message ("normalize “%s”", c->input);
      g_assert_true (duka_barcode_normalize (c->input, gtin14, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (gtin14, ==, c->gtin14);
    }
}

typedef struct
{
  const char      *input;
  DukaBarcodeError code;
  const char      *message;
} ErrorCase;

static const ErrorCase normalize_errors[] = {
  { "5012345678901", DUKA_BARCODE_ERROR_CHECK_DIGIT,
    "The last digit of 5012345678901 should be 0: check the barcode" },
  { "4006381333932", DUKA_BARCODE_ERROR_CHECK_DIGIT,
    "The last digit of 4006381333932 should be 1: check the barcode" },
  { "036000291453", DUKA_BARCODE_ERROR_CHECK_DIGIT,
    "The last digit of 036000291453 should be 2: check the barcode" },
  { "96385075", DUKA_BARCODE_ERROR_CHECK_DIGIT,
    "The last digit of 96385075 should be 4: check the barcode" },
  /* A UPC-E read as EAN-8: its check digit is the UPC-A's, not EAN-8's. */
  { "04252614", DUKA_BARCODE_ERROR_CHECK_DIGIT,
    "The last digit of 04252614 should be 0: check the barcode" },
  { "40063813339O1", DUKA_BARCODE_ERROR_INVALID_CHARACTER,
    "“O” is not a digit: a barcode has only the digits 0 to 9" },
  { "ABC", DUKA_BARCODE_ERROR_INVALID_CHARACTER,
    "“A” is not a digit: a barcode has only the digits 0 to 9" },
  { "4006381333931é", DUKA_BARCODE_ERROR_INVALID_CHARACTER,
    "“é” is not a digit: a barcode has only the digits 0 to 9" },
  { "400638\xff" "1333931", DUKA_BARCODE_ERROR_INVALID_CHARACTER,
    "The barcode has a character that is not a digit: a barcode has only the digits 0 to 9" },
  { "4006381\x01" "333931", DUKA_BARCODE_ERROR_INVALID_CHARACTER,
    "The barcode has a character that is not a digit: a barcode has only the digits 0 to 9" },
  { "", DUKA_BARCODE_ERROR_INVALID_LENGTH, "The barcode is empty" },
  { " - ", DUKA_BARCODE_ERROR_INVALID_LENGTH, "The barcode is empty" },
  { "7", DUKA_BARCODE_ERROR_INVALID_LENGTH,
    "7 has 1 digit, but a barcode has 8, 12, 13 or 14 digits" },
  { "5012345", DUKA_BARCODE_ERROR_INVALID_LENGTH,
    "5012345 has 7 digits, but a barcode has 8, 12, 13 or 14 digits" },
  { "12345678901", DUKA_BARCODE_ERROR_INVALID_LENGTH,
    "12345678901 has 11 digits, but a barcode has 8, 12, 13 or 14 digits" },
  { "123456789012345", DUKA_BARCODE_ERROR_INVALID_LENGTH,
    "123456789012345 has 15 digits, but a barcode has 8, 12, 13 or 14 digits" },
  { "123456789012345678901234567890", DUKA_BARCODE_ERROR_INVALID_LENGTH,
    "1234567890123456… has 30 digits, but a barcode has 8, 12, 13 or 14 digits" },
};

static void
test_normalize_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (normalize_errors); i++)
    {
      const ErrorCase *c = &normalize_errors[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *shown = g_strescape (c->input, NULL);
      char gtin14[DUKA_GTIN14_SIZE] = "untouched";

      g_test_message ("refuse “%s”", shown);
      g_assert_false (duka_barcode_normalize (c->input, gtin14, &error));
      g_assert_error (error, DUKA_BARCODE_ERROR, (int) c->code);
      g_assert_cmpstr (error->message, ==, c->message);
      g_assert_cmpstr (gtin14, ==, "untouched");
    }
}

/* Every rule of the UPC-E expansion, both number systems. */
static const NormalizeCase upce_cases[] = {
  { "04252614", "00042100005264" },   /* last digit 0-2: manufacturer ends in it */
  { "14252611", "00142100005261" },
  { "01234531", "00012300000451" },   /* 3: three-digit manufacturer */
  { "11234538", "00112300000458" },
  { "01234543", "00012340000053" },   /* 4: four-digit manufacturer */
  { "01234572", "00012345000072" },   /* 5-9: five-digit manufacturer */
  { "06543217", "00065100004327" },
  { "0 654321 7", "00065100004327" },
};

static const ErrorCase upce_errors[] = {
  { "04252615", DUKA_BARCODE_ERROR_CHECK_DIGIT,
    "The last digit of 04252615 should be 4: check the barcode" },
  { "24252614", DUKA_BARCODE_ERROR_UPCE_NUMBER_SYSTEM,
    "24252614 is not a UPC-E code: a UPC-E code starts with 0 or 1" },
  { "042100005264", DUKA_BARCODE_ERROR_INVALID_LENGTH,
    "042100005264 has 12 digits, but a UPC-E code has 8" },
  { "0425261x", DUKA_BARCODE_ERROR_INVALID_CHARACTER,
    "“x” is not a digit: a barcode has only the digits 0 to 9" },
};

static void
test_upce (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (upce_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      char gtin14[DUKA_GTIN14_SIZE];

      g_test_message ("expand “%s”", upce_cases[i].input);
      g_assert_true (duka_barcode_normalize_upce (upce_cases[i].input, gtin14, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (gtin14, ==, upce_cases[i].gtin14);
    }

  for (guint i = 0; i < G_N_ELEMENTS (upce_errors); i++)
    {
      const ErrorCase *c = &upce_errors[i];
      g_autoptr(GError) error = NULL;
      char gtin14[DUKA_GTIN14_SIZE];

      g_assert_false (duka_barcode_normalize_upce (c->input, gtin14, &error));
      g_assert_error (error, DUKA_BARCODE_ERROR, (int) c->code);
      g_assert_cmpstr (error->message, ==, c->message);
    }
}

/* 01234565 passes both check digits, so the digits alone cannot say what
 * it is: normalize() calls it EAN-8, normalize_upce() a UPC-E, and the two
 * products are different. */
static void
test_upce_ean8_ambiguity (void)
{
  char as_ean8[DUKA_GTIN14_SIZE];
  char as_upce[DUKA_GTIN14_SIZE];

  g_assert_true (duka_barcode_normalize ("01234565", as_ean8, NULL));
  g_assert_true (duka_barcode_normalize_upce ("01234565", as_upce, NULL));
  g_assert_cmpstr (as_ean8, ==, "00000001234565");
  g_assert_cmpstr (as_upce, ==, "00012345000065");

  /* The expanded UPC-A, scanned as such, meets its UPC-E. */
  g_assert_true (duka_barcode_normalize ("012345000065", as_ean8, NULL));
  g_assert_cmpstr (as_ean8, ==, as_upce);
}

typedef struct
{
  const char *payload;  /* without check digit */
  gboolean    restricted;
} RestrictedCase;

static const RestrictedCase restricted_cases[] = {
  { "400638133393", FALSE },       /* a German trade item */
  { "03600029145", FALSE },        /* UPC-A, number system 0 */
  { "501234567890", FALSE },
  { "021234567890", TRUE },        /* EAN-13 02: RCN, geographic */
  { "041234567890", TRUE },        /* 04: RCN within a company */
  { "051234567890", FALSE },       /* 05: coupons, not RCN */
  { "201234500000", TRUE },        /* 20-29: in-store, price and weight */
  { "251234500000", TRUE },
  { "291234500000", TRUE },
  { "301234500000", FALSE },
  { "21234567890", TRUE },         /* UPC-A number system 2: random weight */
  { "41234567890", TRUE },         /* UPC-A number system 4: in-store */
  { "9638507", FALSE },            /* EAN-8 */
  { "2012345", TRUE },             /* RCN-8 */
  { "0123456", TRUE },             /* RCN-8 "velocity code" */
  { "1003600029145", FALSE },      /* GTIN-14 of a case */
  { "9201234500000", FALSE },      /* a variable-measure case is a trade item */
};

static void
test_restricted (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (restricted_cases); i++)
    {
      g_autofree char *code = with_check_digit (restricted_cases[i].payload);
      g_autoptr(GError) error = NULL;
      char gtin14[DUKA_GTIN14_SIZE];

      g_test_message ("restricted? %s", code);
      g_assert_true (duka_barcode_normalize (code, gtin14, &error));
      g_assert_no_error (error);
      g_assert_cmpint (duka_barcode_is_restricted (gtin14), ==, restricted_cases[i].restricted);
    }
}

static void
test_value_check_digit (void)
{
  /* The worked examples of GS1 General Specifications 7.9.3. */
  g_assert_cmpint (duka_barcode_value_check_digit ("2875", 4), ==, 9);
  g_assert_cmpint (duka_barcode_value_check_digit ("14685", 5), ==, 6);
  g_assert_cmpint (duka_barcode_value_check_digit ("0000", 4), ==, 0);
  g_assert_cmpint (duka_barcode_value_check_digit ("00000", 5), ==, 0);
  g_assert_cmpint (duka_barcode_value_check_digit ("1234", 4), ==, 9);
}

/* One shop's table: scales print weights under 20 and 23, prices under
 * 21, 22 and 24, and a UPC-A random-weight price under 02. */
static const DukaEmbeddedLayout shop_layouts[] = {
  { 20, 20, 5, 5, FALSE, DUKA_EMBEDDED_WEIGHT, 3, 0 },
  { 21, 21, 5, 5, FALSE, DUKA_EMBEDDED_PRICE, 2, 2 },
  { 22, 22, 5, 4, TRUE, DUKA_EMBEDDED_PRICE, 2, 2 },
  { 23, 23, 4, 5, TRUE, DUKA_EMBEDDED_WEIGHT, 3, 0 },
  { 24, 24, 5, 5, FALSE, DUKA_EMBEDDED_PRICE, 0, 2 },
  { 25, 25, 5, 5, FALSE, DUKA_EMBEDDED_PRICE, 2, 3 },
  { 26, 26, 5, 5, FALSE, DUKA_EMBEDDED_WEIGHT, 2, 0 },
  { 2, 2, 5, 5, FALSE, DUKA_EMBEDDED_PRICE, 2, 2 },
  /* Never reached for 20-26: the first layout that matches wins. */
  { 20, 29, 5, 5, FALSE, DUKA_EMBEDDED_PRICE, 2, 2 },
};

typedef struct
{
  const char      *payload;        /* scanned code, without check digit */
  DukaEmbeddedKind kind;
  gint64           value;
  const char      *lookup_payload; /* the product's own code, without check digit */
  guint            layout_index;
} EmbeddedCase;

static const EmbeddedCase embedded_cases[] = {
  { "201234501500", DUKA_EMBEDDED_WEIGHT, 1500, "201234500000", 0 },    /* 1.500 kg */
  { "201234500005", DUKA_EMBEDDED_WEIGHT, 5, "201234500000", 0 },       /* 5 g */
  { "211234501234", DUKA_EMBEDDED_PRICE, 1234, "211234500000", 1 },     /* 12.34 */
  { "211234599999", DUKA_EMBEDDED_PRICE, 99999, "211234500000", 1 },
  { "221234592875", DUKA_EMBEDDED_PRICE, 2875, "221234500000", 2 },     /* 28.75, check 9 */
  { "221234500000", DUKA_EMBEDDED_PRICE, 0, "221234500000", 2 },
  { "231234614685", DUKA_EMBEDDED_WEIGHT, 14685, "231234000000", 3 },   /* 14.685 kg, check 6 */
  { "241234500012", DUKA_EMBEDDED_PRICE, 1200, "241234500000", 4 },     /* 12 whole units */
  { "251234501234", DUKA_EMBEDDED_PRICE, 12340, "251234500000", 5 },    /* 12.34 of a 3-decimal currency */
  { "261234500150", DUKA_EMBEDDED_WEIGHT, 1500, "261234500000", 6 },    /* 1.50 kg */
  { "21234501234", DUKA_EMBEDDED_PRICE, 1234, "21234500000", 7 },       /* UPC-A 2 12345 01234 */
  { "281234501234", DUKA_EMBEDDED_PRICE, 1234, "281234500000", 8 },
};

static void
test_decode_embedded (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (embedded_cases); i++)
    {
      const EmbeddedCase *c = &embedded_cases[i];
      g_autofree char *code = with_check_digit (c->payload);
      g_autofree char *registered = with_check_digit (c->lookup_payload);
      g_autoptr(GError) error = NULL;
      char gtin14[DUKA_GTIN14_SIZE];
      char registered14[DUKA_GTIN14_SIZE];
      DukaEmbeddedCode decoded;

      g_test_message ("decode %s", code);
      g_assert_true (duka_barcode_normalize (code, gtin14, &error));
      g_assert_no_error (error);
      g_assert_true (duka_barcode_is_restricted (gtin14));
      g_assert_true (duka_barcode_decode_embedded (gtin14, shop_layouts,
                                                   G_N_ELEMENTS (shop_layouts),
                                                   &decoded, &error));
      g_assert_no_error (error);
      g_assert_cmpint (decoded.kind, ==, c->kind);
      g_assert_cmpint (decoded.value, ==, c->value);
      g_assert_cmpuint (decoded.layout_index, ==, c->layout_index);

      /* The key is what the product was registered under, in any spelling. */
      g_assert_true (duka_barcode_normalize (registered, registered14, NULL));
      g_assert_cmpstr (decoded.lookup_gtin14, ==, registered14);
    }
}

static void
test_decode_embedded_errors (void)
{
  static const DukaEmbeddedLayout bad_layouts[] = {
    { 20, 20, 5, 4, FALSE, DUKA_EMBEDDED_PRICE, 2, 2 },    /* 12 digits */
    { 21, 21, 5, 5, FALSE, DUKA_EMBEDDED_PRICE, 3, 2 },    /* finer than a cent */
    { 22, 22, 5, 5, FALSE, DUKA_EMBEDDED_WEIGHT, 4, 0 },   /* finer than a gram */
    { 23, 23, 6, 3, TRUE, DUKA_EMBEDDED_PRICE, 2, 2 },     /* no check digit for 3 digits */
    { 29, 24, 5, 5, FALSE, DUKA_EMBEDDED_PRICE, 2, 2 },    /* backwards: never matches */
  };
  static const struct
  {
    const char      *payload;
    DukaBarcodeError code;
    const char      *message;
  } cases[] = {
    { "201234501234", DUKA_BARCODE_ERROR_INVALID_LAYOUT,
      "The barcode layout for prefixes 20 to 20 has 12 digits, not 13: "
      "check the barcode settings" },
    { "211234501234", DUKA_BARCODE_ERROR_INVALID_LAYOUT,
      "The barcode layout for prefixes 21 to 21 has prices with 3 decimals, "
      "more than the currency has: check the barcode settings" },
    { "221234501234", DUKA_BARCODE_ERROR_INVALID_LAYOUT,
      "The barcode layout for prefixes 22 to 22 has weights finer than a gram: "
      "check the barcode settings" },
    { "231234561234", DUKA_BARCODE_ERROR_INVALID_LAYOUT,
      "The barcode layout for prefixes 23 to 23 has a check digit for its value, "
      "which needs a value of 4 or 5 digits: check the barcode settings" },
    { "400638133393", DUKA_BARCODE_ERROR_NOT_EMBEDDED,
      "4006381333931 is not a price or weight barcode" },
    { "251234501234", DUKA_BARCODE_ERROR_NOT_EMBEDDED,
      "2512345012344 is not a price or weight barcode" },
    { "9638507", DUKA_BARCODE_ERROR_NOT_EMBEDDED,
      "96385074 is not a price or weight barcode" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = with_check_digit (cases[i].payload);
      g_autoptr(GError) error = NULL;
      char gtin14[DUKA_GTIN14_SIZE];
      DukaEmbeddedCode decoded;

      g_test_message ("refuse %s", code);
      g_assert_true (duka_barcode_normalize (code, gtin14, NULL));
      g_assert_false (duka_barcode_decode_embedded (gtin14, bad_layouts,
                                                    G_N_ELEMENTS (bad_layouts),
                                                    &decoded, &error));
      g_assert_error (error, DUKA_BARCODE_ERROR, (int) cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_decode_value_check_digit_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *price = with_check_digit ("221234582875");   /* 8, should be 9 */
  g_autofree char *weight = with_check_digit ("231234714685");  /* 7, should be 6 */
  char gtin14[DUKA_GTIN14_SIZE];
  DukaEmbeddedCode decoded;
  g_autofree char *expected = NULL;

  g_assert_true (duka_barcode_normalize (price, gtin14, NULL));
  g_assert_false (duka_barcode_decode_embedded (gtin14, shop_layouts, G_N_ELEMENTS (shop_layouts),
                                                &decoded, &error));
  g_assert_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_VALUE_CHECK_DIGIT);
  expected = g_strdup_printf ("The price in %s does not match its check digit, which should be "
                              "9: check the barcode", price);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  g_assert_true (duka_barcode_normalize (weight, gtin14, NULL));
  g_assert_false (duka_barcode_decode_embedded (gtin14, shop_layouts, G_N_ELEMENTS (shop_layouts),
                                                &decoded, &error));
  g_assert_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_VALUE_CHECK_DIGIT);
  expected = g_strdup_printf ("The weight in %s does not match its check digit, which should be "
                              "6: check the barcode", weight);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  /* A GTIN-14 that skipped normalize() is still checked. */
  g_assert_false (duka_barcode_decode_embedded ("02112345012340", shop_layouts,
                                                G_N_ELEMENTS (shop_layouts), &decoded, &error));
  g_assert_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_CHECK_DIGIT);
  g_assert_cmpstr (error->message, ==,
                   "The last digit of 2112345012340 should be 6: check the barcode");
}

/* The value check digit catches what the EAN-13 check digit cannot: two
 * neighbouring digits swapped by a smudged label keep the same EAN-13 sum
 * when their weights 1 and 3 see digits that differ by 5. */
static void
test_value_check_digit_catches_transposition (void)
{
  g_autofree char *good = with_check_digit ("221234560505");
  g_autofree char *swapped = with_check_digit ("221234560550");
  char gtin14[DUKA_GTIN14_SIZE];
  DukaEmbeddedCode decoded;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (duka_barcode_value_check_digit ("0505", 4), ==, 6);
  g_assert_cmpint (duka_barcode_value_check_digit ("0550", 4), ==, 2);
  g_assert_cmpint (good[12], ==, swapped[12]);
  g_assert_true (duka_barcode_normalize (good, gtin14, NULL));
  g_assert_true (duka_barcode_decode_embedded (gtin14, shop_layouts, G_N_ELEMENTS (shop_layouts),
                                               &decoded, NULL));
  g_assert_cmpint (decoded.value, ==, 505);

  g_assert_true (duka_barcode_normalize (swapped, gtin14, NULL));
  g_assert_false (duka_barcode_decode_embedded (gtin14, shop_layouts, G_N_ELEMENTS (shop_layouts),
                                                &decoded, &error));
  g_assert_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_VALUE_CHECK_DIGIT);
}

/* What the settings page calls before it saves a layout, so a table that
 * can never match is refused where it was typed, not ignored at the till. */
static void
test_layout_validate (void)
{
  static const DukaEmbeddedLayout backwards = { 29, 24, 5, 5, FALSE, DUKA_EMBEDDED_PRICE, 2, 2 };
  static const DukaEmbeddedLayout too_big = { 99, 100, 5, 5, FALSE, DUKA_EMBEDDED_PRICE, 2, 2 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (shop_layouts); i++)
    {
      g_assert_true (duka_barcode_layout_validate (&shop_layouts[i], &error));
      g_assert_no_error (error);
    }

  g_assert_false (duka_barcode_layout_validate (&backwards, &error));
  g_assert_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_INVALID_LAYOUT);
  g_assert_cmpstr (error->message, ==,
                   "The barcode layout for prefixes 29 to 24 has its prefixes the wrong way "
                   "round: check the barcode settings");
  g_clear_error (&error);

  g_assert_false (duka_barcode_layout_validate (&too_big, &error));
  g_assert_error (error, DUKA_BARCODE_ERROR, DUKA_BARCODE_ERROR_INVALID_LAYOUT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/barcode/check-digit", test_check_digit);
  g_test_add_func ("/barcode/normalize", test_normalize);
  g_test_add_func ("/barcode/normalize-errors", test_normalize_errors);
  g_test_add_func ("/barcode/upce", test_upce);
  g_test_add_func ("/barcode/upce-ean8-ambiguity", test_upce_ean8_ambiguity);
  g_test_add_func ("/barcode/restricted", test_restricted);
  g_test_add_func ("/barcode/value-check-digit", test_value_check_digit);
  g_test_add_func ("/barcode/layout-validate", test_layout_validate);
  g_test_add_func ("/barcode/decode-embedded", test_decode_embedded);
  g_test_add_func ("/barcode/decode-embedded-errors", test_decode_embedded_errors);
  g_test_add_func ("/barcode/decode-value-check-digit-errors",
                   test_decode_value_check_digit_errors);
  g_test_add_func ("/barcode/value-check-digit-catches-transposition",
                   test_value_check_digit_catches_transposition);

  return g_test_run ();
}
