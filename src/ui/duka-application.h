/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DUKA_TYPE_APPLICATION (duka_application_get_type ())

G_DECLARE_FINAL_TYPE (DukaApplication, duka_application, DUKA, APPLICATION, AdwApplication)

DukaApplication *duka_application_new          (void);
const char      *duka_application_get_data_dir (DukaApplication *self);

G_END_DECLS
