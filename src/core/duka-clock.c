/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The time core reads: the system's, or a manual one that tests move.
 */
#include <stdatomic.h>

#include "duka-clock.h"

struct _DukaClock
{
  GObject          parent_instance;

  gboolean         manual;
  /* Written by a test on one thread while the store's threads read it. */
  _Atomic gint64   now_us;
};

G_DEFINE_FINAL_TYPE (DukaClock, duka_clock, G_TYPE_OBJECT)

static void
duka_clock_class_init (DukaClockClass *klass)
{
}

static void
duka_clock_init (DukaClock *self)
{
  atomic_init (&self->now_us, 0);
}

/**
 * duka_clock_new_system:
 *
 * Returns: (transfer full): a clock that reads g_get_real_time().
 */
DukaClock *
duka_clock_new_system (void)
{
  return g_object_new (DUKA_TYPE_CLOCK, NULL);
}

/**
 * duka_clock_new_manual:
 * @start_us: the first time it tells, in µs since the Unix epoch
 *
 * Returns: (transfer full): a clock that only moves when told to.
 */
DukaClock *
duka_clock_new_manual (gint64 start_us)
{
  DukaClock *self = g_object_new (DUKA_TYPE_CLOCK, NULL);

  self->manual = TRUE;
  atomic_store (&self->now_us, start_us);

  return self;
}

gint64
duka_clock_now (DukaClock *self)
{
  g_return_val_if_fail (DUKA_IS_CLOCK (self), 0);

  if (!self->manual)
    return g_get_real_time ();

  return atomic_load (&self->now_us);
}

/**
 * duka_clock_now_in:
 * @tz: (nullable): the zone to express the time in; %NULL for UTC
 *
 * Returns: (transfer full): the clock's current time in @tz.
 */
GDateTime *
duka_clock_now_in (DukaClock *self,
                   GTimeZone *tz)
{
  g_autoptr(GDateTime) utc_seconds = NULL;
  g_autoptr(GDateTime) utc = NULL;
  gint64 now;
  gint64 seconds;
  gint64 micro;

  g_return_val_if_fail (DUKA_IS_CLOCK (self), NULL);

  now = duka_clock_now (self);
  /* Floor division, so instants before 1970 stay right too. */
  seconds = now / G_USEC_PER_SEC;
  micro = now % G_USEC_PER_SEC;
  if (micro < 0)
    {
      seconds -= 1;
      micro += G_USEC_PER_SEC;
    }

  utc_seconds = g_date_time_new_from_unix_utc (seconds);
  if (utc_seconds == NULL)
    return NULL;
  utc = g_date_time_add (utc_seconds, micro);

  if (tz == NULL)
    return g_steal_pointer (&utc);

  return g_date_time_to_timezone (utc, tz);
}

void
duka_clock_set (DukaClock *self,
                gint64     now_us)
{
  g_return_if_fail (DUKA_IS_CLOCK (self));
  g_return_if_fail (self->manual);

  atomic_store (&self->now_us, now_us);
}

void
duka_clock_advance (DukaClock *self,
                    gint64     delta_us)
{
  g_return_if_fail (DUKA_IS_CLOCK (self));
  g_return_if_fail (self->manual);

  atomic_fetch_add (&self->now_us, delta_us);
}
