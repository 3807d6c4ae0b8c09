/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkLabel *duka_form_add_reason_label (GtkWidget  *row);
void      duka_form_show_reason      (GtkWidget  *row,
                                      GtkLabel   *label,
                                      const char *reason,
                                      const char *hint);
void      duka_form_set_field_reason (GHashTable *errors,
                                      const char *field,
                                      GtkWidget  *row,
                                      GtkLabel   *label,
                                      const char *reason);

G_END_DECLS
