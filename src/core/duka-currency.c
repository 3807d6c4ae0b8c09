/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ISO 4217 currencies a shop can price in: every circulating currency
 * and the few national fund codes (CLF, UYW, ...), but none of the X-codes
 * for metals, bond units, SDR or testing (XAU, XDR, XTS, XXX, ...).
 * Minor-unit exponents are ISO 4217's, which every stored amount depends on.
 * Symbols are CLDR-style and unambiguous across currencies ("US$", "CA$");
 * a currency without a well-known one shows its code.
 */
#include <glib/gi18n-lib.h>

#include <stdlib.h>
#include <string.h>

#include "duka-currency.h"

/* Sorted by code: duka_currency_lookup() bisects it, and a test checks it. */
static const DukaCurrency currencies[] = {
  { "AED", 784, 2, "AED", N_("United Arab Emirates Dirham") },
  { "AFN", 971, 2, "AFN", N_("Afghan Afghani") },
  { "ALL",   8, 2, "Lek", N_("Albanian Lek") },
  { "AMD",  51, 2, "֏", N_("Armenian Dram") },
  { "AOA", 973, 2, "Kz", N_("Angolan Kwanza") },
  { "ARS",  32, 2, "AR$", N_("Argentine Peso") },
  { "AUD",  36, 2, "A$", N_("Australian Dollar") },
  { "AWG", 533, 2, "Afl.", N_("Aruban Florin") },
  { "AZN", 944, 2, "₼", N_("Azerbaijani Manat") },
  { "BAM", 977, 2, "KM", N_("Bosnia-Herzegovina Convertible Mark") },
  { "BBD",  52, 2, "Bds$", N_("Barbadian Dollar") },
  { "BDT",  50, 2, "৳", N_("Bangladeshi Taka") },
  { "BGN", 975, 2, "лв.", N_("Bulgarian Lev") },
  { "BHD",  48, 3, "BHD", N_("Bahraini Dinar") },
  { "BIF", 108, 0, "FBu", N_("Burundian Franc") },
  { "BMD",  60, 2, "BD$", N_("Bermudian Dollar") },
  { "BND",  96, 2, "B$", N_("Brunei Dollar") },
  { "BOB",  68, 2, "Bs", N_("Bolivian Boliviano") },
  { "BOV", 984, 2, "BOV", N_("Bolivian Mvdol") },
  { "BRL", 986, 2, "R$", N_("Brazilian Real") },
  { "BSD",  44, 2, "BS$", N_("Bahamian Dollar") },
  { "BTN",  64, 2, "Nu.", N_("Bhutanese Ngultrum") },
  { "BWP",  72, 2, "P", N_("Botswana Pula") },
  { "BYN", 933, 2, "BYN", N_("Belarusian Ruble") },
  { "BZD",  84, 2, "BZ$", N_("Belize Dollar") },
  { "CAD", 124, 2, "CA$", N_("Canadian Dollar") },
  { "CDF", 976, 2, "FC", N_("Congolese Franc") },
  { "CHE", 947, 2, "CHE", N_("WIR Euro") },
  { "CHF", 756, 2, "CHF", N_("Swiss Franc") },
  { "CHW", 948, 2, "CHW", N_("WIR Franc") },
  { "CLF", 990, 4, "UF", N_("Chilean Unit of Account (UF)") },
  { "CLP", 152, 0, "CL$", N_("Chilean Peso") },
  { "CNY", 156, 2, "CN¥", N_("Chinese Yuan") },
  { "COP", 170, 2, "COL$", N_("Colombian Peso") },
  { "COU", 970, 2, "COU", N_("Colombian Real Value Unit") },
  { "CRC", 188, 2, "₡", N_("Costa Rican Colón") },
  { "CUC", 931, 2, "CUC", N_("Cuban Convertible Peso") },
  { "CUP", 192, 2, "CUP", N_("Cuban Peso") },
  { "CVE", 132, 2, "CVE", N_("Cape Verdean Escudo") },
  { "CZK", 203, 2, "Kč", N_("Czech Koruna") },
  { "DJF", 262, 0, "Fdj", N_("Djiboutian Franc") },
  { "DKK", 208, 2, "DKK", N_("Danish Krone") },
  { "DOP", 214, 2, "RD$", N_("Dominican Peso") },
  { "DZD",  12, 2, "DZD", N_("Algerian Dinar") },
  { "EGP", 818, 2, "E£", N_("Egyptian Pound") },
  { "ERN", 232, 2, "Nfk", N_("Eritrean Nakfa") },
  { "ETB", 230, 2, "Br", N_("Ethiopian Birr") },
  { "EUR", 978, 2, "€", N_("Euro") },
  { "FJD", 242, 2, "FJ$", N_("Fijian Dollar") },
  { "FKP", 238, 2, "FK£", N_("Falkland Islands Pound") },
  { "GBP", 826, 2, "£", N_("British Pound") },
  { "GEL", 981, 2, "₾", N_("Georgian Lari") },
  { "GHS", 936, 2, "GH₵", N_("Ghanaian Cedi") },
  { "GIP", 292, 2, "GIP", N_("Gibraltar Pound") },
  { "GMD", 270, 2, "D", N_("Gambian Dalasi") },
  { "GNF", 324, 0, "FG", N_("Guinean Franc") },
  { "GTQ", 320, 2, "Q", N_("Guatemalan Quetzal") },
  { "GYD", 328, 2, "GY$", N_("Guyanese Dollar") },
  { "HKD", 344, 2, "HK$", N_("Hong Kong Dollar") },
  { "HNL", 340, 2, "L", N_("Honduran Lempira") },
  { "HTG", 332, 2, "G", N_("Haitian Gourde") },
  { "HUF", 348, 2, "Ft", N_("Hungarian Forint") },
  { "IDR", 360, 2, "Rp", N_("Indonesian Rupiah") },
  { "ILS", 376, 2, "₪", N_("Israeli New Shekel") },
  { "INR", 356, 2, "₹", N_("Indian Rupee") },
  { "IQD", 368, 3, "IQD", N_("Iraqi Dinar") },
  { "IRR", 364, 2, "IRR", N_("Iranian Rial") },
  { "ISK", 352, 0, "ISK", N_("Icelandic Króna") },
  { "JMD", 388, 2, "J$", N_("Jamaican Dollar") },
  { "JOD", 400, 3, "JOD", N_("Jordanian Dinar") },
  { "JPY", 392, 0, "¥", N_("Japanese Yen") },
  { "KES", 404, 2, "Ksh", N_("Kenyan Shilling") },
  { "KGS", 417, 2, "KGS", N_("Kyrgyzstani Som") },
  { "KHR", 116, 2, "៛", N_("Cambodian Riel") },
  { "KMF", 174, 0, "CF", N_("Comorian Franc") },
  { "KPW", 408, 2, "KPW", N_("North Korean Won") },
  { "KRW", 410, 0, "₩", N_("South Korean Won") },
  { "KWD", 414, 3, "KWD", N_("Kuwaiti Dinar") },
  { "KYD", 136, 2, "CI$", N_("Cayman Islands Dollar") },
  { "KZT", 398, 2, "₸", N_("Kazakhstani Tenge") },
  { "LAK", 418, 2, "₭", N_("Lao Kip") },
  { "LBP", 422, 2, "LBP", N_("Lebanese Pound") },
  { "LKR", 144, 2, "LKR", N_("Sri Lankan Rupee") },
  { "LRD", 430, 2, "L$", N_("Liberian Dollar") },
  { "LSL", 426, 2, "LSL", N_("Lesotho Loti") },
  { "LYD", 434, 3, "LYD", N_("Libyan Dinar") },
  { "MAD", 504, 2, "MAD", N_("Moroccan Dirham") },
  { "MDL", 498, 2, "MDL", N_("Moldovan Leu") },
  { "MGA", 969, 2, "Ar", N_("Malagasy Ariary") },
  { "MKD", 807, 2, "ден.", N_("Macedonian Denar") },
  { "MMK", 104, 2, "Ks", N_("Myanmar Kyat") },
  { "MNT", 496, 2, "₮", N_("Mongolian Tugrik") },
  { "MOP", 446, 2, "MOP$", N_("Macanese Pataca") },
  { "MRU", 929, 2, "UM", N_("Mauritanian Ouguiya") },
  { "MUR", 480, 2, "MUR", N_("Mauritian Rupee") },
  { "MVR", 462, 2, "MVR", N_("Maldivian Rufiyaa") },
  { "MWK", 454, 2, "MK", N_("Malawian Kwacha") },
  { "MXN", 484, 2, "MX$", N_("Mexican Peso") },
  { "MXV", 979, 2, "MXV", N_("Mexican Investment Unit") },
  { "MYR", 458, 2, "RM", N_("Malaysian Ringgit") },
  { "MZN", 943, 2, "MTn", N_("Mozambican Metical") },
  { "NAD", 516, 2, "N$", N_("Namibian Dollar") },
  { "NGN", 566, 2, "₦", N_("Nigerian Naira") },
  { "NIO", 558, 2, "C$", N_("Nicaraguan Córdoba") },
  { "NOK", 578, 2, "NOK", N_("Norwegian Krone") },
  { "NPR", 524, 2, "NPR", N_("Nepalese Rupee") },
  { "NZD", 554, 2, "NZ$", N_("New Zealand Dollar") },
  { "OMR", 512, 3, "OMR", N_("Omani Rial") },
  { "PAB", 590, 2, "B/.", N_("Panamanian Balboa") },
  { "PEN", 604, 2, "S/", N_("Peruvian Sol") },
  { "PGK", 598, 2, "K", N_("Papua New Guinean Kina") },
  { "PHP", 608, 2, "₱", N_("Philippine Peso") },
  { "PKR", 586, 2, "PKR", N_("Pakistani Rupee") },
  { "PLN", 985, 2, "zł", N_("Polish Złoty") },
  { "PYG", 600, 0, "₲", N_("Paraguayan Guaraní") },
  { "QAR", 634, 2, "QAR", N_("Qatari Riyal") },
  { "RON", 946, 2, "lei", N_("Romanian Leu") },
  { "RSD", 941, 2, "RSD", N_("Serbian Dinar") },
  { "RUB", 643, 2, "₽", N_("Russian Ruble") },
  { "RWF", 646, 0, "RF", N_("Rwandan Franc") },
  { "SAR", 682, 2, "SAR", N_("Saudi Riyal") },
  { "SBD",  90, 2, "SI$", N_("Solomon Islands Dollar") },
  { "SCR", 690, 2, "SCR", N_("Seychellois Rupee") },
  { "SDG", 938, 2, "SDG", N_("Sudanese Pound") },
  { "SEK", 752, 2, "SEK", N_("Swedish Krona") },
  { "SGD", 702, 2, "S$", N_("Singapore Dollar") },
  { "SHP", 654, 2, "SHP", N_("Saint Helena Pound") },
  { "SLE", 925, 2, "Le", N_("Sierra Leonean Leone") },
  { "SLL", 694, 2, "SLL", N_("Sierra Leonean Leone (1964–2022)") },
  { "SOS", 706, 2, "Sh.So.", N_("Somali Shilling") },
  { "SRD", 968, 2, "SR$", N_("Surinamese Dollar") },
  { "SSP", 728, 2, "SSP", N_("South Sudanese Pound") },
  { "STN", 930, 2, "Db", N_("São Tomé and Príncipe Dobra") },
  { "SVC", 222, 2, "SVC", N_("Salvadoran Colón") },
  { "SYP", 760, 2, "SYP", N_("Syrian Pound") },
  { "SZL", 748, 2, "E", N_("Swazi Lilangeni") },
  { "THB", 764, 2, "฿", N_("Thai Baht") },
  { "TJS", 972, 2, "TJS", N_("Tajikistani Somoni") },
  { "TMT", 934, 2, "TMT", N_("Turkmenistani Manat") },
  { "TND", 788, 3, "TND", N_("Tunisian Dinar") },
  { "TOP", 776, 2, "T$", N_("Tongan Paʻanga") },
  { "TRY", 949, 2, "₺", N_("Turkish Lira") },
  { "TTD", 780, 2, "TT$", N_("Trinidad and Tobago Dollar") },
  { "TWD", 901, 2, "NT$", N_("New Taiwan Dollar") },
  { "TZS", 834, 2, "TSh", N_("Tanzanian Shilling") },
  { "UAH", 980, 2, "₴", N_("Ukrainian Hryvnia") },
  { "UGX", 800, 0, "USh", N_("Ugandan Shilling") },
  { "USD", 840, 2, "US$", N_("US Dollar") },
  { "USN", 997, 2, "USN", N_("US Dollar (Next day)") },
  { "UYI", 940, 0, "UYI", N_("Uruguayan Peso (Indexed Units)") },
  { "UYU", 858, 2, "$U", N_("Uruguayan Peso") },
  { "UYW", 927, 4, "UYW", N_("Uruguayan Nominal Wage Index Unit") },
  { "UZS", 860, 2, "UZS", N_("Uzbekistani Som") },
  { "VED", 926, 2, "Bs.D", N_("Venezuelan Digital Bolívar") },
  { "VES", 928, 2, "Bs.S", N_("Venezuelan Bolívar") },
  { "VND", 704, 0, "₫", N_("Vietnamese Dong") },
  { "VUV", 548, 0, "VT", N_("Vanuatu Vatu") },
  { "WST", 882, 2, "WS$", N_("Samoan Tala") },
  { "XAF", 950, 0, "FCFA", N_("Central African CFA Franc") },
  { "XCD", 951, 2, "EC$", N_("East Caribbean Dollar") },
  { "XCG", 532, 2, "Cg", N_("Caribbean Guilder") },
  { "XOF", 952, 0, "F\xc2\xa0" "CFA", N_("West African CFA Franc") },
  { "XPF", 953, 0, "CFPF", N_("CFP Franc") },
  { "YER", 886, 2, "YER", N_("Yemeni Rial") },
  { "ZAR", 710, 2, "R", N_("South African Rand") },
  { "ZMW", 967, 2, "ZK", N_("Zambian Kwacha") },
  { "ZWG", 924, 2, "ZiG", N_("Zimbabwe Gold") },
  { "ZWL", 932, 2, "ZWL", N_("Zimbabwean Dollar") },
};

static int
compare_code (const void *key,
              const void *member)
{
  const char *code = key;
  const DukaCurrency *currency = member;

  return strcmp (code, currency->code);
}

/**
 * duka_currency_lookup:
 * @code: (nullable): an uppercase ISO 4217 alphabetic code
 *
 * Returns: (nullable) (transfer none): the currency, or %NULL when @code is
 *   %NULL, not exactly three uppercase ASCII letters, unknown, or a code a
 *   shop cannot price in (XAU, XDR, XTS, XXX, ...)
 */
const DukaCurrency *
duka_currency_lookup (const char *code)
{
  if (code == NULL)
    return NULL;

  for (guint i = 0; i < 3; i++)
    {
      if (!g_ascii_isupper (code[i]))
        return NULL;
    }
  if (code[3] != '\0')
    return NULL;

  return bsearch (code, currencies, G_N_ELEMENTS (currencies),
                  sizeof currencies[0], compare_code);
}

/**
 * duka_currency_get_all:
 * @n_currencies: (out) (optional): where to store the number of rows
 *
 * Returns: (transfer none) (array length=n_currencies): every currency,
 *   sorted by code
 */
const DukaCurrency *
duka_currency_get_all (guint *n_currencies)
{
  if (n_currencies != NULL)
    *n_currencies = G_N_ELEMENTS (currencies);

  return currencies;
}

/**
 * duka_currency_get_display_name:
 * @currency: a currency from the table
 *
 * Returns: (transfer none): the currency's name in the user's language
 */
const char *
duka_currency_get_display_name (const DukaCurrency *currency)
{
  g_return_val_if_fail (currency != NULL, NULL);

  return g_dgettext (GETTEXT_PACKAGE, currency->name);
}
