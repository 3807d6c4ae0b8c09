/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <string.h>

#include "duka-currency.h"
#include "duka-id.h"
#include "duka-profile.h"

G_DEFINE_BOXED_TYPE (DukaProfile, duka_profile, duka_profile_copy, duka_profile_free)
G_DEFINE_QUARK (duka-profile-error-quark, duka_profile_error)

#define ADDRESS_MAX_LENGTH    500
#define TAX_NUMBER_MAX_LENGTH 64

static const struct {
  const char *id;
  const char *label;
} tax_regimes[DUKA_TAX_REGIME_N_REGIMES] = {
  [DUKA_TAX_REGIME_INCLUSIVE] = { "inclusive", N_("Prices include tax (VAT/GST)") },
  [DUKA_TAX_REGIME_EXCLUSIVE] = { "exclusive", N_("Tax added at checkout (sales tax)") },
  [DUKA_TAX_REGIME_NONE] = { "none", N_("No tax") },
};

const char *
duka_tax_regime_to_string (DukaTaxRegime regime)
{
  g_return_val_if_fail (regime < DUKA_TAX_REGIME_N_REGIMES, NULL);

  return tax_regimes[regime].id;
}

gboolean
duka_tax_regime_from_string (const char    *text,
                             DukaTaxRegime *regime)
{
  for (guint i = 0; i < DUKA_TAX_REGIME_N_REGIMES; i++)
    if (g_strcmp0 (text, tax_regimes[i].id) == 0)
      {
        *regime = i;
        return TRUE;
      }

  return FALSE;
}

const char *
duka_tax_regime_get_label (DukaTaxRegime regime)
{
  g_return_val_if_fail (regime < DUKA_TAX_REGIME_N_REGIMES, NULL);

  return g_dgettext (GETTEXT_PACKAGE, tax_regimes[regime].label);
}

static char *
guess_time_zone (void)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *id = g_time_zone_get_identifier (local);

  if (duka_profile_validate_text (DUKA_PROFILE_FIELD_TIME_ZONE, id, NULL))
    return g_strdup (id);

  return g_strdup ("UTC");
}

static char *
guess_currency (void)
{
  const char *intl = nl_langinfo (INT_CURR_SYMBOL);
  g_autofree char *code = g_strndup (intl ? intl : "", 3);

  if (duka_currency_lookup (code) != NULL)
    return g_steal_pointer (&code);

  return g_strdup ("USD");
}

/* What a new store offers before anyone has set it up: fresh ids, and
 * guesses from the computer's own time zone and language. */
DukaProfile *
duka_profile_new_default (void)
{
  DukaProfile *profile = g_new0 (DukaProfile, 1);

  profile->business_id = duka_id_new ();
  profile->business_name = g_strdup ("");
  profile->business_address = g_strdup ("");
  profile->business_tax_number = g_strdup ("");
  profile->outlet_id = duka_id_new ();
  profile->outlet_name = g_strdup (_("Main outlet"));
  profile->time_zone = guess_time_zone ();
  profile->currency = guess_currency ();
  profile->tax_regime = DUKA_TAX_REGIME_INCLUSIVE;
  profile->cutoff_hour = 4;
  profile->till_id = duka_id_new ();
  profile->till_name = g_strdup (_("Till 1"));
  profile->till_code = g_strdup ("T1");

  return profile;
}

DukaProfile *
duka_profile_copy (const DukaProfile *profile)
{
  DukaProfile *copy = g_new0 (DukaProfile, 1);

  copy->business_id = g_strdup (profile->business_id);
  copy->business_name = g_strdup (profile->business_name);
  copy->business_address = g_strdup (profile->business_address);
  copy->business_tax_number = g_strdup (profile->business_tax_number);
  copy->outlet_id = g_strdup (profile->outlet_id);
  copy->outlet_name = g_strdup (profile->outlet_name);
  copy->time_zone = g_strdup (profile->time_zone);
  copy->currency = g_strdup (profile->currency);
  copy->tax_regime = profile->tax_regime;
  copy->cutoff_hour = profile->cutoff_hour;
  copy->till_id = g_strdup (profile->till_id);
  copy->till_name = g_strdup (profile->till_name);
  copy->till_code = g_strdup (profile->till_code);

  return copy;
}

void
duka_profile_free (DukaProfile *profile)
{
  if (profile == NULL)
    return;

  g_free (profile->business_id);
  g_free (profile->business_name);
  g_free (profile->business_address);
  g_free (profile->business_tax_number);
  g_free (profile->outlet_id);
  g_free (profile->outlet_name);
  g_free (profile->time_zone);
  g_free (profile->currency);
  g_free (profile->till_id);
  g_free (profile->till_name);
  g_free (profile->till_code);
  g_free (profile);
}

gboolean
duka_profile_equal (const DukaProfile *a,
                    const DukaProfile *b)
{
  return g_strcmp0 (a->business_id, b->business_id) == 0 &&
         g_strcmp0 (a->business_name, b->business_name) == 0 &&
         g_strcmp0 (a->business_address, b->business_address) == 0 &&
         g_strcmp0 (a->business_tax_number, b->business_tax_number) == 0 &&
         g_strcmp0 (a->outlet_id, b->outlet_id) == 0 &&
         g_strcmp0 (a->outlet_name, b->outlet_name) == 0 &&
         g_strcmp0 (a->time_zone, b->time_zone) == 0 &&
         g_strcmp0 (a->currency, b->currency) == 0 &&
         a->tax_regime == b->tax_regime &&
         a->cutoff_hour == b->cutoff_hour &&
         g_strcmp0 (a->till_id, b->till_id) == 0 &&
         g_strcmp0 (a->till_name, b->till_name) == 0 &&
         g_strcmp0 (a->till_code, b->till_code) == 0;
}

/* Trims names; upper-cases codes, so "kes" and " t1 " are accepted as the
 * KES and T1 a person meant. */
char *
duka_profile_normalize_text (DukaProfileField  field,
                             const char       *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (value ? value : ""));

  switch (field)
    {
    case DUKA_PROFILE_FIELD_CURRENCY:
    case DUKA_PROFILE_FIELD_TILL_CODE:
      return g_ascii_strup (copy, -1);
    default:
      return g_steal_pointer (&copy);
    }
}

static gboolean
check_length (DukaProfileField   field,
              const char        *value,
              gsize              max_chars,
              gboolean           required,
              const char        *empty_message,
              GError           **error)
{
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error_literal (error, DUKA_PROFILE_ERROR, field,
                           _("Contains characters that are not valid text"));
      return FALSE;
    }
  if (required && *value == '\0')
    {
      g_set_error_literal (error, DUKA_PROFILE_ERROR, field, empty_message);
      return FALSE;
    }
  if ((gsize) g_utf8_strlen (value, -1) > max_chars)
    {
      g_set_error (error, DUKA_PROFILE_ERROR, field,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Use at most %u character",
                                "Use at most %u characters",
                                (gulong) max_chars),
                   (guint) max_chars);
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_time_zone (const char  *value,
                    GError     **error)
{
  g_autoptr(GTimeZone) tz = NULL;

  if (*value == '\0')
    {
      g_set_error_literal (error, DUKA_PROFILE_ERROR, DUKA_PROFILE_FIELD_TIME_ZONE,
                           _("Enter a time zone, like Africa/Nairobi"));
      return FALSE;
    }

  /* GLib also accepts offsets such as "+03:00", which have no daylight
   * saving rules; an outlet needs a real IANA zone name. */
  if (g_ascii_isalpha (value[0]) && strstr (value, "..") == NULL)
    tz = g_time_zone_new_identifier (value);

  if (tz == NULL)
    {
      g_set_error (error, DUKA_PROFILE_ERROR, DUKA_PROFILE_FIELD_TIME_ZONE,
                   _("“%s” is not a known time zone; use a name like "
                     "Africa/Nairobi or Europe/Madrid"), value);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_till_code (const char  *value,
                    GError     **error)
{
  gsize len = strlen (value);
  gboolean ok = len >= 1 && len <= DUKA_TILL_CODE_MAX_LENGTH;

  for (gsize i = 0; ok && i < len; i++)
    ok = g_ascii_isalnum (value[i]);

  if (!ok)
    {
      g_set_error_literal (error, DUKA_PROFILE_ERROR, DUKA_PROFILE_FIELD_TILL_CODE,
                           _("Use 1 to 8 letters or digits, like T1"));
      return FALSE;
    }

  return TRUE;
}

/* Checks one text field as the person typed it (after normalising). */
gboolean
duka_profile_validate_text (DukaProfileField   field,
                            const char        *value,
                            GError           **error)
{
  g_autofree char *text = duka_profile_normalize_text (field, value);

  switch (field)
    {
    case DUKA_PROFILE_FIELD_BUSINESS_NAME:
      return check_length (field, text, DUKA_NAME_MAX_LENGTH, TRUE,
                           _("Enter the name of the business"), error);
    case DUKA_PROFILE_FIELD_BUSINESS_ADDRESS:
      return check_length (field, text, ADDRESS_MAX_LENGTH, FALSE, NULL, error);
    case DUKA_PROFILE_FIELD_BUSINESS_TAX_NUMBER:
      return check_length (field, text, TAX_NUMBER_MAX_LENGTH, FALSE, NULL, error);
    case DUKA_PROFILE_FIELD_OUTLET_NAME:
      return check_length (field, text, DUKA_NAME_MAX_LENGTH, TRUE,
                           _("Enter the name of the outlet"), error);
    case DUKA_PROFILE_FIELD_TILL_NAME:
      return check_length (field, text, DUKA_NAME_MAX_LENGTH, TRUE,
                           _("Enter the name of this till"), error);
    case DUKA_PROFILE_FIELD_TIME_ZONE:
      return validate_time_zone (text, error);
    case DUKA_PROFILE_FIELD_CURRENCY:
      if (duka_currency_lookup (text) == NULL)
        {
          if (*text == '\0')
            g_set_error_literal (error, DUKA_PROFILE_ERROR, field,
                                 _("Enter a currency code, like KES or EUR"));
          else
            g_set_error (error, DUKA_PROFILE_ERROR, field,
                         _("“%s” is not a currency code; use the three "
                           "letters of ISO 4217, like KES, EUR or USD"), text);
          return FALSE;
        }
      return TRUE;
    case DUKA_PROFILE_FIELD_TILL_CODE:
      return validate_till_code (text, error);
    case DUKA_PROFILE_FIELD_TAX_REGIME:
    case DUKA_PROFILE_FIELD_CUTOFF_HOUR:
    case DUKA_PROFILE_N_FIELDS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
duka_profile_validate_hour (int      hour,
                            GError **error)
{
  if (hour < 0 || hour > 23)
    {
      g_set_error_literal (error, DUKA_PROFILE_ERROR, DUKA_PROFILE_FIELD_CUTOFF_HOUR,
                           _("Use an hour from 0 to 23"));
      return FALSE;
    }

  return TRUE;
}

gboolean
duka_profile_validate (const DukaProfile  *profile,
                       GError            **error)
{
  const struct {
    DukaProfileField field;
    const char *value;
  } texts[] = {
    { DUKA_PROFILE_FIELD_BUSINESS_NAME, profile->business_name },
    { DUKA_PROFILE_FIELD_BUSINESS_ADDRESS, profile->business_address },
    { DUKA_PROFILE_FIELD_BUSINESS_TAX_NUMBER, profile->business_tax_number },
    { DUKA_PROFILE_FIELD_OUTLET_NAME, profile->outlet_name },
    { DUKA_PROFILE_FIELD_TIME_ZONE, profile->time_zone },
    { DUKA_PROFILE_FIELD_CURRENCY, profile->currency },
    { DUKA_PROFILE_FIELD_TILL_NAME, profile->till_name },
    { DUKA_PROFILE_FIELD_TILL_CODE, profile->till_code },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!duka_profile_validate_text (texts[i].field, texts[i].value, error))
      return FALSE;

  if (profile->tax_regime >= DUKA_TAX_REGIME_N_REGIMES)
    {
      g_set_error_literal (error, DUKA_PROFILE_ERROR, DUKA_PROFILE_FIELD_TAX_REGIME,
                           _("Choose how prices and tax relate"));
      return FALSE;
    }

  if (!duka_profile_validate_hour (profile->cutoff_hour, error))
    return FALSE;

  if (!duka_id_is_valid (profile->business_id) ||
      !duka_id_is_valid (profile->outlet_id) ||
      !duka_id_is_valid (profile->till_id))
    {
      g_set_error_literal (error, DUKA_PROFILE_ERROR, DUKA_PROFILE_FIELD_BUSINESS_NAME,
                           _("The business, outlet or till has a damaged id"));
      return FALSE;
    }

  return TRUE;
}
