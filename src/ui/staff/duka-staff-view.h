/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "duka-business-settings.h"

G_BEGIN_DECLS

#define DUKA_TYPE_STAFF_VIEW (duka_staff_view_get_type ())

G_DECLARE_FINAL_TYPE (DukaStaffView, duka_staff_view, DUKA, STAFF_VIEW, AdwBin)

GtkWidget *duka_staff_view_new (DukaBusinessSettings *business_settings);

G_END_DECLS
