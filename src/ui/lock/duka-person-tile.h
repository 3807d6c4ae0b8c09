/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "duka-staff-sign-in.h"

G_BEGIN_DECLS

GtkWidget *duka_person_tile_new          (const DukaSignInPerson *person,
                                          int                     avatar_size);
void       duka_person_tiles_fill        (GtkFlowBox             *box,
                                          GPtrArray              *people,
                                          int                     avatar_size,
                                          GCallback               clicked,
                                          gpointer                user_data);
void       duka_person_tiles_activated   (GtkFlowBox             *box,
                                          GtkFlowBoxChild        *child);
void       duka_person_tiles_focus_first (GtkFlowBox             *box);

G_END_DECLS
