/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * Core reads time only through a clock, so tests never sleep: a system
 * clock for real tills, a manual one that tests move by hand.  Time is
 * microseconds since the Unix epoch, UTC.
 */
#define DUKA_TYPE_CLOCK (duka_clock_get_type ())

G_DECLARE_FINAL_TYPE (DukaClock, duka_clock, DUKA, CLOCK, GObject)

DukaClock *duka_clock_new_system (void);
DukaClock *duka_clock_new_manual (gint64     start_us);
gint64     duka_clock_now        (DukaClock *self);
GDateTime *duka_clock_now_in     (DukaClock *self,
                                  GTimeZone *tz);
void       duka_clock_set        (DukaClock *self,
                                  gint64     now_us);
void       duka_clock_advance    (DukaClock *self,
                                  gint64     delta_us);

G_END_DECLS
