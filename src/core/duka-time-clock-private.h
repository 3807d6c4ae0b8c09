/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "duka-time-clock.h"

G_BEGIN_DECLS

struct _DukaTimeClock
{
  GObject    parent_instance;

  DukaStore *store;
};

/* A live entry (nothing corrects it, not voided). */
typedef struct
{
  char   *id;
  char   *staff_id;
  char   *outlet_id;
  int     event;       /* DUKA_TIME_EVENT_… */
  gint64  at;
  gboolean paid;
  gboolean auto_closed;
} DukaTimeEntry;

enum
{
  DUKA_TIME_EVENT_CLOCK_IN,
  DUKA_TIME_EVENT_CLOCK_OUT,
  DUKA_TIME_EVENT_BREAK_START,
  DUKA_TIME_EVENT_BREAK_END,
};

gboolean   duka_time_clock_refuse        (GError     **error,
                                          int          code,
                                          const char  *message);
char      *duka_time_clock_this_till     (sqlite3     *db,
                                          GError     **error);
GTimeZone *duka_time_clock_outlet_zone   (sqlite3     *db,
                                          const char  *outlet_id,
                                          int         *cutoff_hour,
                                          GError     **error);
gboolean   duka_time_clock_load_settings_in (sqlite3               *db,
                                             const char            *outlet_id,
                                             DukaTimeClockSettings *settings,
                                             GError               **error);
GPtrArray *duka_time_clock_live_entries  (sqlite3     *db,
                                          const char  *sql,
                                          const char  *key,
                                          gint64       from,
                                          gint64       until,
                                          GError     **error);
void       duka_time_entry_free          (DukaTimeEntry *entry);

G_END_DECLS
