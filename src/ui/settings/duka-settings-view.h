/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "duka-business-settings.h"

G_BEGIN_DECLS

#define DUKA_TYPE_SETTINGS_VIEW (duka_settings_view_get_type ())

G_DECLARE_FINAL_TYPE (DukaSettingsView, duka_settings_view, DUKA, SETTINGS_VIEW, AdwBin)

GtkWidget *duka_settings_view_new            (DukaBusinessSettings *business_settings);
gboolean   duka_settings_view_get_dirty      (DukaSettingsView     *self);
gboolean   duka_settings_view_get_valid      (DukaSettingsView     *self);
const char *duka_settings_view_get_field_error (DukaSettingsView   *self,
                                                DukaProfileField    field);

G_END_DECLS
