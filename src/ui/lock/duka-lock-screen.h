/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "duka-current-staff.h"

G_BEGIN_DECLS

#define DUKA_TYPE_LOCK_SCREEN (duka_lock_screen_get_type ())

G_DECLARE_FINAL_TYPE (DukaLockScreen, duka_lock_screen, DUKA, LOCK_SCREEN, AdwBin)

GtkWidget  *duka_lock_screen_new               (DukaCurrentStaff *current_staff);
void        duka_lock_screen_set_current_staff (DukaLockScreen   *self,
                                                DukaCurrentStaff *current_staff);
void        duka_lock_screen_reset             (DukaLockScreen   *self);
void        duka_lock_screen_focus             (DukaLockScreen   *self);
gboolean    duka_lock_screen_choose_person     (DukaLockScreen   *self,
                                                const char       *staff_id);
const char *duka_lock_screen_get_chosen_id     (DukaLockScreen   *self);
gboolean    duka_lock_screen_get_busy          (DukaLockScreen   *self);

G_END_DECLS
