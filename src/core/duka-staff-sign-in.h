/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "duka-staff.h"

G_BEGIN_DECLS

/* One person who may sign in on this till. */
typedef struct
{
  char *staff_id;
  char *name;           /* display name when set, else the full name */
} DukaSignInPerson;

void       duka_sign_in_person_free         (DukaSignInPerson *person);

GPtrArray *duka_staff_list_sign_in          (DukaStaff        *self,
                                             GError          **error);
gboolean   duka_staff_any_can_sign_in       (DukaStaff        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DukaSignInPerson, duka_sign_in_person_free)

G_END_DECLS
