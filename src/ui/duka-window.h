/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "duka-business-settings.h"
#include "duka-current-staff.h"

G_BEGIN_DECLS

#define DUKA_TYPE_WINDOW (duka_window_get_type ())

G_DECLARE_FINAL_TYPE (DukaWindow, duka_window, DUKA, WINDOW, AdwApplicationWindow)

DukaWindow       *duka_window_new               (GtkApplication       *application,
                                                 DukaBusinessSettings *business_settings);
const char       *duka_window_get_visible_view  (DukaWindow           *self);
GtkWidget        *duka_window_get_view          (DukaWindow           *self,
                                                 const char           *name);
guint             duka_window_get_n_views       (void);
const char       *duka_window_get_view_name     (guint                 index);
DukaCurrentStaff *duka_window_get_current_staff (DukaWindow           *self);

G_END_DECLS
