/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "duka-actor.h"

G_DEFINE_BOXED_TYPE (DukaActor, duka_actor, duka_actor_copy, duka_actor_free)

DukaActor *
duka_actor_new_owner (const char *till_id)
{
  DukaActor *actor = g_new0 (DukaActor, 1);

  actor->till_id = g_strdup (till_id);
  return actor;
}

DukaActor *
duka_actor_copy (const DukaActor *actor)
{
  DukaActor *copy = g_new0 (DukaActor, 1);

  copy->staff_id = g_strdup (actor->staff_id);
  copy->till_id = g_strdup (actor->till_id);
  copy->approver_id = g_strdup (actor->approver_id);
  return copy;
}

void
duka_actor_free (DukaActor *actor)
{
  if (actor == NULL)
    return;
  g_free (actor->staff_id);
  g_free (actor->till_id);
  g_free (actor->approver_id);
  g_free (actor);
}

gboolean
duka_actor_is_owner (const DukaActor *actor)
{
  return actor != NULL && actor->staff_id == NULL;
}
