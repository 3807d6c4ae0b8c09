/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "duka-actor.h"
#include "duka-store.h"

G_BEGIN_DECLS

#define DUKA_TIME_CLOCK_ERROR (duka_time_clock_error_quark ())

typedef enum
{
  DUKA_TIME_CLOCK_ERROR_INVALID,
  DUKA_TIME_CLOCK_ERROR_NOT_CLOCKED_IN,
  DUKA_TIME_CLOCK_ERROR_ALREADY_CLOCKED_IN,
  DUKA_TIME_CLOCK_ERROR_ON_BREAK,
  DUKA_TIME_CLOCK_ERROR_NOT_ON_BREAK,
  DUKA_TIME_CLOCK_ERROR_OVERLAP,       /* entries would cross another work shift */
  DUKA_TIME_CLOCK_ERROR_NOT_FOUND,
  DUKA_TIME_CLOCK_ERROR_ALREADY_CORRECTED,
} DukaTimeClockError;

/* Per outlet; see SCHEMA.md, "Time clock". */
typedef struct
{
  gint64 daily_overtime_minutes;   /* 0: no daily overtime */
  gint64 weekly_overtime_minutes;  /* 0: no weekly overtime */
  int    auto_close_hour;          /* outlet local hour; -1: the day cut-off */
} DukaTimeClockSettings;

#define DUKA_TIME_CLOCK_DEFAULT_DAILY_MINUTES  (8 * 60)
#define DUKA_TIME_CLOCK_DEFAULT_WEEKLY_MINUTES (40 * 60)

/* One person's pay period.  Minutes are whole minutes of work (paid
 * breaks included, unpaid ones not); amounts are minor units. */
typedef struct
{
  char   *staff_id;
  char   *name;
  gint64  hourly_rate;
  guint   n_work_shifts;
  guint   n_auto_closed;
  gint64  worked_minutes;
  gint64  regular_minutes;
  gint64  daily_overtime_minutes;
  gint64  weekly_overtime_minutes;
  gint64  labour_cost;
} DukaTimesheet;

#define DUKA_TYPE_TIME_CLOCK (duka_time_clock_get_type ())

G_DECLARE_FINAL_TYPE (DukaTimeClock, duka_time_clock, DUKA, TIME_CLOCK, GObject)

GQuark         duka_time_clock_error_quark      (void);
DukaTimeClock *duka_time_clock_new              (DukaStore                   *store);

/* The actor's own person clocks in or out, on the actor's till. */
gboolean       duka_time_clock_clock_in         (DukaTimeClock               *self,
                                                 const DukaActor             *actor,
                                                 char                       **out_id,
                                                 GError                     **error);
gboolean       duka_time_clock_clock_out        (DukaTimeClock               *self,
                                                 const DukaActor             *actor,
                                                 char                       **out_id,
                                                 GError                     **error);
gboolean       duka_time_clock_start_break      (DukaTimeClock               *self,
                                                 const DukaActor             *actor,
                                                 gboolean                     paid,
                                                 char                       **out_id,
                                                 GError                     **error);
gboolean       duka_time_clock_end_break        (DukaTimeClock               *self,
                                                 const DukaActor             *actor,
                                                 char                       **out_id,
                                                 GError                     **error);
gboolean       duka_time_clock_correct_entry    (DukaTimeClock               *self,
                                                 const DukaActor             *actor,
                                                 const char                  *entry_id,
                                                 gint64                       at,
                                                 gboolean                     voided,
                                                 const char                  *reason,
                                                 char                       **out_id,
                                                 GError                     **error);
gboolean       duka_time_clock_close_forgotten  (DukaTimeClock               *self,
                                                 guint                       *n_closed,
                                                 GError                     **error);
gboolean       duka_time_clock_is_clocked_in    (DukaTimeClock               *self,
                                                 const char                  *staff_id);

gboolean       duka_time_clock_load_settings    (DukaTimeClock               *self,
                                                 const char                  *outlet_id,
                                                 DukaTimeClockSettings       *settings,
                                                 GError                     **error);
gboolean       duka_time_clock_save_settings    (DukaTimeClock               *self,
                                                 const DukaActor             *actor,
                                                 const char                  *outlet_id,
                                                 const DukaTimeClockSettings *settings,
                                                 GError                     **error);

/* Timesheets (duka-time-clock-sheets.c): work shifts that began on
 * @first_day … @last_day in the outlet's time zone, one DukaTimesheet per
 * person who worked, by name. */
GPtrArray     *duka_time_clock_get_timesheets   (DukaTimeClock               *self,
                                                 const char                  *outlet_id,
                                                 GDate                       *first_day,
                                                 GDate                       *last_day,
                                                 GError                     **error);
char          *duka_time_clock_timesheets_to_csv (GPtrArray                  *timesheets,
                                                  const char                 *currency,
                                                  GDate                      *first_day,
                                                  GDate                      *last_day);
void           duka_timesheet_free              (DukaTimesheet               *sheet);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DukaTimesheet, duka_timesheet_free)

G_END_DECLS
