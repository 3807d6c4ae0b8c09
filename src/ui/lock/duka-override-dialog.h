/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "duka-current-staff.h"

G_BEGIN_DECLS

#define DUKA_TYPE_OVERRIDE_DIALOG (duka_override_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DukaOverrideDialog, duka_override_dialog, DUKA, OVERRIDE_DIALOG, AdwWindow)

GtkWidget *duka_override_dialog_new             (GtkWindow          *parent,
                                                 DukaCurrentStaff   *current_staff,
                                                 DukaPermission      permission);
gboolean   duka_override_dialog_choose_approver (DukaOverrideDialog *self,
                                                 const char         *staff_id);
guint      duka_override_dialog_get_n_approvers (DukaOverrideDialog *self);
gboolean   duka_override_dialog_get_busy        (DukaOverrideDialog *self);

G_END_DECLS
