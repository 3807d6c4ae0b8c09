/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Timesheets per pay period (a week, two weeks or a month, in the
 * outlet's time zone): hours, overtime and labour cost per person, each
 * person's entries with a manager's correction, and CSV for payroll.
 */
#include <glib/gi18n.h>

#include "duka-money.h"
#include "duka-permissions.h"
#include "duka-staff-view-private.h"
#include "duka-time-clock-entries.h"

enum { PERIOD_WEEK, PERIOD_TWO_WEEKS, PERIOD_MONTH };

static char *
format_minutes (gint64 minutes)
{
  /* Translators: hours and minutes worked, such as "38 h 05 min" */
  return g_strdup_printf (_("%d h %02d min"), (int) (minutes / 60), (int) (minutes % 60));
}

static char *
format_amount (DukaStaffView *self,
               gint64         amount)
{
  return self->currency ? duka_money_format (amount, self->currency) : g_strdup ("");
}

/* The period of the chosen length that holds @day. */
static void
set_period_around (DukaStaffView *self,
                   const GDate   *day)
{
  guint kind = gtk_drop_down_get_selected (self->period_kind_dropdown);

  self->period_first = *day;
  if (kind == PERIOD_MONTH)
    {
      g_date_set_day (&self->period_first, 1);
      self->period_last = self->period_first;
      g_date_set_day (&self->period_last, g_date_get_days_in_month (g_date_get_month (day), g_date_get_year (day)));
      return;
    }
  g_date_subtract_days (&self->period_first, g_date_get_weekday (day) - G_DATE_MONDAY);
  /* Two-week periods pair ISO weeks: odd weeks begin one. */
  if (kind == PERIOD_TWO_WEEKS && g_date_get_iso8601_week_of_year (&self->period_first) % 2 == 0)
    g_date_subtract_days (&self->period_first, 7);
  self->period_last = self->period_first;
  g_date_add_days (&self->period_last, kind == PERIOD_TWO_WEEKS ? 13 : 6);
}

static void
update_period_label (DukaStaffView *self)
{
  char first[64];
  char last[64];
  g_autofree char *text = NULL;

  /* Translators: a short date as strftime(3) writes it */
  g_date_strftime (first, sizeof first, _("%e %b"), &self->period_first);
  g_date_strftime (last, sizeof last, _("%e %b %Y"), &self->period_last);
  /* Translators: a pay period from its first to its last day */
  text = g_strdup_printf (_("%s – %s"), g_strstrip (first), g_strstrip (last));
  gtk_label_set_text (self->period_label, text);
}

void
duka_staff_view_move_period (DukaStaffView *self,
                             int            direction)
{
  GDate day = direction > 0 ? self->period_last : self->period_first;

  if (direction > 0)
    g_date_add_days (&day, 1);
  else
    g_date_subtract_days (&day, 1);
  set_period_around (self, &day);
  duka_staff_view_reload_timesheets (self);
}

void
duka_staff_view_period_kind_changed (DukaStaffView *self)
{
  GDate day = self->period_first;

  if (!g_date_valid (&day))
    return;
  set_period_around (self, &day);
  duka_staff_view_reload_timesheets (self);
}

/* A manager's correction ------------------------------------------------------ */

static gboolean
parse_local (DukaStaffView *self,
             const char    *text,
             gint64        *out_at)
{
  g_autoptr(GTimeZone) tz = duka_staff_view_dup_zone (self);
  g_autoptr(GDateTime) dt = NULL;
  int y, mo, d, h, mi;
  char tail;

  if (sscanf (text, "%d-%d-%d %d:%d %c", &y, &mo, &d, &h, &mi, &tail) != 5)
    return FALSE;
  if (!g_date_valid_dmy (d, mo, y) || h < 0 || h > 23 || mi < 0 || mi > 59)
    return FALSE;
  dt = g_date_time_new (tz, y, mo, d, h, mi, 0);
  if (dt == NULL)
    return FALSE;
  *out_at = g_date_time_to_unix (dt) * G_USEC_PER_SEC;
  return TRUE;
}

static void
show_popover_reason (GtkWidget  *popover,
                     const char *reason)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (popover), "reason");

  gtk_label_set_text (label, reason);
  gtk_widget_set_visible (GTK_WIDGET (label), reason != NULL);
}

static void
correct_entry_cb (GtkWidget     *button,
                  DukaStaffView *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (button, GTK_TYPE_POPOVER);
  GtkEditable *time = g_object_get_data (G_OBJECT (popover), "time");
  GtkEditable *reason = g_object_get_data (G_OBJECT (popover), "why");
  GtkCheckButton *remove = g_object_get_data (G_OBJECT (popover), "remove");
  const char *entry_id = g_object_get_data (G_OBJECT (popover), "entry-id");
  g_autoptr(DukaActor) actor = duka_staff_view_dup_actor (self);
  g_autoptr(GError) error = NULL;
  gint64 at = 0;

  if (!parse_local (self, gtk_editable_get_text (time), &at))
    {
      show_popover_reason (popover, _("Write the date and time as 2026-03-01 09:30"));
      return;
    }
  if (!duka_time_clock_correct_entry (self->time_clock, actor, entry_id, at,
                                      gtk_check_button_get_active (remove),
                                      gtk_editable_get_text (reason), NULL, &error))
    {
      show_popover_reason (popover, error->message);
      return;
    }
  gtk_popover_popdown (GTK_POPOVER (popover));
  duka_staff_view_show_toast (self, _("Time entry corrected"));
  duka_staff_view_reload_timesheets (self);
}

static GtkWidget *
labelled (GtkWidget  *box,
          const char *mnemonic,
          GtkWidget  *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), field);
  return field;
}

static GtkWidget *
create_edit_button (DukaStaffView     *self,
                    DukaTimeEntryInfo *entry)
{
  g_autofree char *when = duka_staff_view_format_time (self, entry->at, "%Y-%m-%d %H:%M");
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *time = gtk_entry_new ();
  GtkWidget *why = gtk_entry_new ();
  GtkWidget *remove = gtk_check_button_new_with_mnemonic (_("Re_move this entry"));
  GtkWidget *reason = gtk_label_new (NULL);
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Correct"));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_name (time, "correct-time");
  gtk_widget_set_name (why, "correct-why");
  gtk_widget_set_name (remove, "correct-remove");
  gtk_widget_set_name (reason, "correct-reason");
  gtk_widget_set_name (save, "correct-save");
  gtk_editable_set_text (GTK_EDITABLE (time), when);
  labelled (box, _("_Date and time"), time);
  labelled (box, _("_Why"), why);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (reason), 30);
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_widget_add_css_class (reason, "caption");
  gtk_widget_add_css_class (reason, "error");
  gtk_widget_set_visible (reason, FALSE);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_widget_set_halign (save, GTK_ALIGN_END);
  g_signal_connect_object (save, "clicked", G_CALLBACK (correct_entry_cb), self, 0);
  gtk_entry_set_activates_default (GTK_ENTRY (time), TRUE);
  gtk_entry_set_activates_default (GTK_ENTRY (why), TRUE);
  gtk_box_append (GTK_BOX (box), save);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), save);
  g_object_set_data_full (G_OBJECT (popover), "entry-id", g_strdup (entry->id), g_free);
  g_object_set_data (G_OBJECT (popover), "time", time);
  g_object_set_data (G_OBJECT (popover), "why", why);
  g_object_set_data (G_OBJECT (popover), "remove", remove);
  g_object_set_data (G_OBJECT (popover), "reason", reason);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "document-edit-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_tooltip_text (button, _("Correct This Entry"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_sensitive (button, duka_staff_view_may (self, DUKA_PERMISSION_EDIT_TIME_ENTRIES));
  return button;
}

static const char *
event_label (const char *event,
             gboolean    paid)
{
  if (g_strcmp0 (event, "clock_in") == 0)
    return _("Clocked in");
  if (g_strcmp0 (event, "clock_out") == 0)
    return _("Clocked out");
  if (g_strcmp0 (event, "break_start") == 0)
    return paid ? _("Paid break") : _("Unpaid break");
  return _("Break ended");
}

static GtkWidget *
create_entry_row (DukaStaffView     *self,
                  DukaTimeEntryInfo *entry)
{
  g_autofree char *when = duka_staff_view_format_time (self, entry->at, "%a %e %b %H:%M");
  g_autofree char *title = g_strdup_printf ("%s · %s", g_strstrip (when), event_label (entry->event, entry->paid));
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (entry->auto_closed)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Closed automatically: nobody clocked out"));
  else if (entry->reason != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf (_("Corrected: %s"), entry->reason);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_edit_button (self, entry));
  return row;
}

static GtkWidget *
create_sheet_row (DukaStaffView *self,
                  DukaTimesheet *sheet,
                  GPtrArray     *entries)
{
  g_autofree char *worked = format_minutes (sheet->worked_minutes);
  g_autofree char *overtime = format_minutes (sheet->daily_overtime_minutes + sheet->weekly_overtime_minutes);
  g_autofree char *cost = format_amount (self, sheet->labour_cost);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *cost_label = gtk_label_new (cost);

  if (sheet->daily_overtime_minutes + sheet->weekly_overtime_minutes > 0)
    /* Translators: hours worked, overtime hours, number of work shifts */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s worked · %s overtime · %u work shift",
                                             "%s worked · %s overtime · %u work shifts", sheet->n_work_shifts),
                                worked, overtime, sheet->n_work_shifts);
  else
    /* Translators: hours worked, number of work shifts */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s worked · %u work shift",
                                             "%s worked · %u work shifts", sheet->n_work_shifts),
                                worked, sheet->n_work_shifts);
  if (sheet->n_auto_closed > 0)
    {
      /* Translators: appended to a timesheet's summary */
      g_autofree char *flag = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u closed automatically",
                                                            "%u closed automatically", sheet->n_auto_closed),
                                               sheet->n_auto_closed);
      g_autofree char *both = g_strconcat (subtitle, " · ", flag, NULL);

      g_free (subtitle);
      subtitle = g_steal_pointer (&both);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sheet->name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_add_css_class (cost_label, "numeric");
  gtk_widget_set_tooltip_text (cost_label, _("Labour cost"));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), cost_label);
  gtk_widget_set_name (row, sheet->staff_id);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      DukaTimeEntryInfo *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->staff_id, sheet->staff_id) == 0)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), create_entry_row (self, entry));
    }
  return row;
}

void
duka_staff_view_reload_timesheets (DukaStaffView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *total_cost = NULL;
  g_autofree char *totals = NULL;
  gint64 minutes = 0;
  gint64 cost = 0;

  update_period_label (self);
  duka_staff_view_clear_box (GTK_WIDGET (self->timesheets_list));
  g_clear_pointer (&self->timesheets, g_ptr_array_unref);
  if (self->outlet_id == NULL)
    return;

  self->timesheets = duka_time_clock_get_timesheets (self->time_clock, self->outlet_id,
                                                     &self->period_first, &self->period_last, &error);
  if (self->timesheets != NULL)
    entries = duka_time_clock_list_entries (self->time_clock, self->outlet_id, NULL,
                                            &self->period_first, &self->period_last, &error);
  if (error != NULL)
    {
      duka_staff_view_show_toast (self, error->message);
      duka_staff_view_update_actions (self);
      return;
    }

  for (guint i = 0; i < self->timesheets->len; i++)
    {
      DukaTimesheet *sheet = g_ptr_array_index (self->timesheets, i);

      gtk_list_box_append (self->timesheets_list, create_sheet_row (self, sheet, entries));
      minutes += sheet->worked_minutes;
      cost += sheet->labour_cost;
    }

  if (self->timesheets->len == 0)
    totals = g_strdup (_("Nobody finished a work shift in this pay period."));
  else
    {
      total_text = format_minutes (minutes);
      total_cost = format_amount (self, cost);
      /* Translators: number of people, total hours, total labour cost */
      totals = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person · %s worked · labour cost %s",
                                             "%u people · %s worked · labour cost %s", self->timesheets->len),
                                self->timesheets->len, total_text, total_cost);
    }
  gtk_label_set_text (self->period_totals_label, totals);
  duka_staff_view_update_actions (self);
}

/* CSV export ------------------------------------------------------------------ */

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    DukaStaffView   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->timesheets != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      csv = duka_time_clock_timesheets_to_csv (self->timesheets, self->currency ? self->currency->code : NULL,
                                               &self->period_first, &self->period_last);
      if (!g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                    NULL, self->cancellable, &error))
        duka_staff_view_show_toast (self, error->message);
      else
        duka_staff_view_show_toast (self, _("Timesheets exported"));
    }
  g_object_unref (chooser);
}

void
duka_staff_view_export_timesheets (DukaStaffView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  char first[16];
  char last[16];
  g_autofree char *name = NULL;

  g_date_strftime (first, sizeof first, "%Y-%m-%d", &self->period_first);
  g_date_strftime (last, sizeof last, "%Y-%m-%d", &self->period_last);
  /* Translators: a file name; keep the two %s (first and last day) */
  name = g_strdup_printf (_("timesheets-%s-to-%s.csv"), first, last);
  chooser = gtk_file_chooser_native_new (_("Export Timesheets"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
duka_staff_view_setup_timesheets (DukaStaffView *self)
{
  GDate today;

  duka_time_clock_get_today (self->time_clock, self->outlet_id, &today);
  set_period_around (self, &today);
  update_period_label (self);
}
