/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "duka-currency.h"
#include "duka-staff.h"
#include "duka-staff-view.h"
#include "duka-time-clock.h"

G_BEGIN_DECLS

typedef enum
{
  DUKA_STAFF_CLOCK_IN,
  DUKA_STAFF_CLOCK_OUT,
  DUKA_STAFF_BREAK_START,
  DUKA_STAFF_BREAK_END,
} DukaStaffClockEvent;

struct _DukaStaffView
{
  AdwBin                parent_instance;

  DukaBusinessSettings *business_settings;
  DukaStaff            *staff;
  DukaTimeClock        *time_clock;
  char                 *outlet_id;
  GTimeZone            *zone;
  const DukaCurrency   *currency;
  GCancellable         *cancellable;

  /* People */
  GPtrArray            *people;          /* JsonObject, every person */
  GPtrArray            *roles;           /* JsonObject, every role */
  GPtrArray            *outlets;         /* (id, name) pairs: char * */
  char                 *person_id;       /* in the editor; NULL for a new one */
  gboolean              editing;
  gboolean              loading_person;
  gboolean              person_dirty;
  GHashTable           *person_errors;
  GPtrArray            *role_checks;     /* GtkCheckButton, as roles */
  GPtrArray            *outlet_checks;   /* GtkCheckButton, as outlets */
  GPtrArray            *extra_rows;      /* rows added in code to the groups */
  GtkLabel             *name_reason;
  GtkLabel             *display_name_reason;
  GtkLabel             *contact_reason;
  GtkLabel             *rate_reason;
  GtkLabel             *roles_reason;
  GtkLabel             *pin_reason;
  GtkLabel             *pin_again_reason;
  GtkLabel             *active_reason;

  /* Roles */
  gboolean              rebuilding_matrix;
  GtkPopover           *new_role_popover;
  GtkEntry             *new_role_entry;
  GtkLabel             *new_role_reason;

  /* Timesheets */
  GDate                 period_first;
  GDate                 period_last;
  GPtrArray            *timesheets;

  /* Audit */
  gint64                audit_next_seq;  /* 0: nothing more to load */
  gint64                audit_from;
  gint64                audit_until;
  GPtrArray            *audit_person_ids;
  GPtrArray            *audit_actions;
  gboolean              rebuilding_audit_filters;

  AdwViewStack         *stack;
  GtkSearchEntry       *people_search;
  GtkCheckButton       *show_inactive_check;
  GtkListBox           *people_list;
  GtkStack             *person_stack;
  AdwEntryRow          *name_row;
  AdwEntryRow          *display_name_row;
  AdwEntryRow          *contact_row;
  AdwEntryRow          *rate_row;
  AdwActionRow         *active_row;
  GtkSwitch            *active_switch;
  AdwPreferencesGroup  *roles_group;
  AdwPreferencesGroup  *outlets_group;
  AdwPreferencesGroup  *pin_group;
  AdwPasswordEntryRow  *pin_row;
  AdwPasswordEntryRow  *pin_again_row;
  GtkButton            *delete_person_button;
  GtkMenuButton        *new_role_button;
  GtkGrid              *matrix;
  AdwPreferencesGroup  *clocked_in_group;
  AdwPreferencesGroup  *clocked_out_group;
  GPtrArray            *clock_rows;
  GtkDropDown          *period_kind_dropdown;
  GtkLabel             *period_label;
  GtkLabel             *period_totals_label;
  GtkListBox           *timesheets_list;
  GtkDropDown          *audit_person_dropdown;
  GtkDropDown          *audit_action_dropdown;
  GtkMenuButton        *audit_from_button;
  GtkMenuButton        *audit_until_button;
  GtkCalendar          *audit_from_calendar;
  GtkCalendar          *audit_until_calendar;
  GtkStack             *audit_stack;
  GtkListBox           *audit_list;
  GtkButton            *audit_more_button;
};

/* duka-staff-view.c */
DukaActor  *duka_staff_view_dup_actor          (DukaStaffView   *self);
DukaActor  *duka_staff_view_dup_person_actor   (DukaStaffView   *self,
                                                const char      *staff_id);
gboolean    duka_staff_view_may                (DukaStaffView   *self,
                                                int              permission);
void        duka_staff_view_show_toast         (DukaStaffView   *self,
                                                const char      *message);
void        duka_staff_view_update_actions     (DukaStaffView   *self);
const char *duka_staff_view_person_name        (DukaStaffView   *self,
                                                const char      *staff_id);
char       *duka_staff_view_format_time        (DukaStaffView   *self,
                                                gint64           at,
                                                const char      *format);
GTimeZone  *duka_staff_view_dup_zone           (DukaStaffView   *self);
void        duka_staff_view_clear_box          (GtkWidget       *box);

/* duka-staff-view-people.c */
void        duka_staff_view_setup_people       (DukaStaffView   *self);
void        duka_staff_view_reload_people      (DukaStaffView   *self);
void        duka_staff_view_new_person         (DukaStaffView   *self);
void        duka_staff_view_save_person        (DukaStaffView   *self);
void        duka_staff_view_revert_person      (DukaStaffView   *self);
void        duka_staff_view_delete_person      (DukaStaffView   *self);
void        duka_staff_view_set_pin            (DukaStaffView   *self);
void        duka_staff_view_select_person      (DukaStaffView   *self,
                                                const char      *staff_id);
void        duka_staff_view_people_search_changed (DukaStaffView *self);
void        duka_staff_view_person_row_selected   (DukaStaffView *self,
                                                   GtkListBoxRow *row);
void        duka_staff_view_person_field_changed  (DukaStaffView *self);

const char *duka_staff_view_name_for_core     (const char      *text);

/* duka-staff-view-roles.c */
void        duka_staff_view_setup_roles        (DukaStaffView   *self);
void        duka_staff_view_rebuild_matrix     (DukaStaffView   *self);

/* duka-staff-view-clock.c */
void        duka_staff_view_rebuild_clock      (DukaStaffView   *self);
void        duka_staff_view_clock_event        (DukaStaffView   *self,
                                                const char      *staff_id,
                                                int              event,
                                                gboolean         paid);

/* duka-staff-view-timesheets.c */
void        duka_staff_view_setup_timesheets   (DukaStaffView   *self);
void        duka_staff_view_reload_timesheets  (DukaStaffView   *self);
void        duka_staff_view_move_period        (DukaStaffView   *self,
                                                int              direction);
void        duka_staff_view_period_kind_changed (DukaStaffView  *self);
void        duka_staff_view_export_timesheets  (DukaStaffView   *self);

/* duka-staff-view-audit.c */
void        duka_staff_view_reload_audit_filters (DukaStaffView *self);
void        duka_staff_view_reload_audit       (DukaStaffView   *self);
void        duka_staff_view_load_more_audit    (DukaStaffView   *self);
void        duka_staff_view_clear_audit_filters (DukaStaffView  *self);
void        duka_staff_view_audit_day_selected (DukaStaffView   *self,
                                                gboolean         until);

G_END_DECLS
