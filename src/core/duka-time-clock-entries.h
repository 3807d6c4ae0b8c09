/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "duka-time-clock.h"

G_BEGIN_DECLS

typedef enum
{
  DUKA_CLOCK_STATUS_OFF,
  DUKA_CLOCK_STATUS_WORKING,
  DUKA_CLOCK_STATUS_ON_BREAK,
  DUKA_CLOCK_STATUS_INVALID,   /* entries overlap; a manager must correct them */
} DukaClockStatus;

/* A live time entry (not voided, nothing corrects it), as a manager sees
 * it: @event is "clock_in", "clock_out", "break_start" or "break_end";
 * @reason is set when the entry is itself a correction. */
typedef struct
{
  char     *id;
  char     *staff_id;
  char     *event;
  gint64    at;
  gboolean  paid;
  gboolean  auto_closed;
  char     *reason;
} DukaTimeEntryInfo;

DukaClockStatus duka_time_clock_get_status   (DukaTimeClock  *self,
                                              const char     *staff_id,
                                              gint64         *since);
GPtrArray      *duka_time_clock_list_entries (DukaTimeClock  *self,
                                              const char     *outlet_id,
                                              const char     *staff_id,
                                              GDate          *first_day,
                                              GDate          *last_day,
                                              GError        **error);
void            duka_time_clock_get_today    (DukaTimeClock  *self,
                                              const char     *outlet_id,
                                              GDate          *today);
void            duka_time_entry_info_free    (DukaTimeEntryInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DukaTimeEntryInfo, duka_time_entry_info_free)

G_END_DECLS
