/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Spanish translation is loaded and used.  A fresh machine has only the
 * C locale: setlocale() must succeed, or this would pass by running in C.
 */
#include <glib/gi18n-lib.h>
#include <locale.h>

#include "duka-currency.h"
#include "duka-money.h"
#include "duka-profile.h"

static void
test_spanish_messages (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (duka_profile_validate_text (DUKA_PROFILE_FIELD_TILL_CODE, "T-1", &error));
  g_assert_cmpstr (error->message, ==, "Usa de 1 a 8 letras o cifras, como T1");
  g_assert_cmpstr (duka_tax_regime_get_label (DUKA_TAX_REGIME_NONE), ==, "Sin impuestos");
  g_assert_cmpstr (duka_currency_get_display_name (duka_currency_lookup ("EUR")), ==, "Euro");
  g_assert_cmpstr (duka_currency_get_display_name (duka_currency_lookup ("KES")), ==,
                   "Chelín keniano");
}

static void
test_spanish_money (void)
{
  g_autofree char *text = duka_money_format (123456, duka_currency_lookup ("EUR"));

  g_assert_cmpstr (text, ==, "1.234,56\xc2\xa0€");
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("DUKA_LOCALEDIR");
  const char *locale;

  g_test_init (&argc, &argv, NULL);

  locale = setlocale (LC_ALL, "es_ES.UTF-8");
  if (locale == NULL)
    g_error ("The es_ES.UTF-8 locale is missing; run build-aux/setup-locales");
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/i18n/spanish-messages", test_spanish_messages);
  g_test_add_func ("/i18n/spanish-money", test_spanish_money);

  return g_test_run ();
}
