/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "duka-business-settings.h"

G_BEGIN_DECLS

void                  duka_test_ui_init              (int          *argc,
                                                      char       ***argv);
DukaBusinessSettings *duka_test_new_business_settings (gboolean      with_demo);
void                  duka_test_wait_mapped          (GtkWidget    *widget);
void                  duka_test_spin                 (void);
void                  duka_test_destroy_window       (GtkWindow    *window);

G_END_DECLS
