/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DUKA_PROFILE_ERROR (duka_profile_error_quark ())

/* The error code names the field that is wrong, so a form can show the
 * reason next to it. */
typedef enum
{
  DUKA_PROFILE_FIELD_BUSINESS_NAME,
  DUKA_PROFILE_FIELD_BUSINESS_ADDRESS,
  DUKA_PROFILE_FIELD_BUSINESS_TAX_NUMBER,
  DUKA_PROFILE_FIELD_OUTLET_NAME,
  DUKA_PROFILE_FIELD_TIME_ZONE,
  DUKA_PROFILE_FIELD_CURRENCY,
  DUKA_PROFILE_FIELD_TAX_REGIME,
  DUKA_PROFILE_FIELD_CUTOFF_HOUR,
  DUKA_PROFILE_FIELD_TILL_NAME,
  DUKA_PROFILE_FIELD_TILL_CODE,
  DUKA_PROFILE_N_FIELDS,
} DukaProfileField;

typedef enum
{
  DUKA_TAX_REGIME_INCLUSIVE,
  DUKA_TAX_REGIME_EXCLUSIVE,
  DUKA_TAX_REGIME_NONE,
  DUKA_TAX_REGIME_N_REGIMES,
} DukaTaxRegime;

#define DUKA_TILL_CODE_MAX_LENGTH 8
#define DUKA_NAME_MAX_LENGTH      120

/*
 * What a till knows about where it is: the business, the outlet it
 * belongs to, and itself.
 */
typedef struct
{
  char          *business_id;
  char          *business_name;
  char          *business_address;
  char          *business_tax_number;

  char          *outlet_id;
  char          *outlet_name;
  char          *time_zone;
  char          *currency;
  DukaTaxRegime  tax_regime;
  int            cutoff_hour;

  char          *till_id;
  char          *till_name;
  char          *till_code;
} DukaProfile;

#define DUKA_TYPE_PROFILE (duka_profile_get_type ())

GType        duka_profile_get_type          (void) G_GNUC_CONST;
GQuark       duka_profile_error_quark       (void);
DukaProfile *duka_profile_new_default       (void);
DukaProfile *duka_profile_copy              (const DukaProfile  *profile);
void         duka_profile_free              (DukaProfile        *profile);
gboolean     duka_profile_equal             (const DukaProfile  *a,
                                             const DukaProfile  *b);
gboolean     duka_profile_validate_text     (DukaProfileField    field,
                                             const char         *value,
                                             GError            **error);
gboolean     duka_profile_validate_hour     (int                 hour,
                                             GError            **error);
gboolean     duka_profile_validate          (const DukaProfile  *profile,
                                             GError            **error);
char        *duka_profile_normalize_text    (DukaProfileField    field,
                                             const char         *value);

const char  *duka_tax_regime_to_string      (DukaTaxRegime       regime);
gboolean     duka_tax_regime_from_string    (const char         *text,
                                             DukaTaxRegime      *regime);
const char  *duka_tax_regime_get_label      (DukaTaxRegime       regime);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DukaProfile, duka_profile_free)

G_END_DECLS
