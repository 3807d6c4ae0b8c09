/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * Who does a mutating call: a staff member on a till, and the manager who
 * approved it when the staff member lacked the right.  Until staff exist,
 * every call is made by the business owner (staff_id NULL).
 */
typedef struct
{
  char *staff_id;
  char *till_id;
  char *approver_id;
} DukaActor;

#define DUKA_TYPE_ACTOR (duka_actor_get_type ())

GType      duka_actor_get_type  (void) G_GNUC_CONST;
DukaActor *duka_actor_new_owner (const char      *till_id);
DukaActor *duka_actor_copy      (const DukaActor *actor);
void       duka_actor_free      (DukaActor       *actor);
gboolean   duka_actor_is_owner  (const DukaActor *actor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DukaActor, duka_actor_free)

G_END_DECLS
