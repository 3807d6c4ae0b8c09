/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clock in/out panel: who is clocked in now and since when, with
 * buttons to clock in or out and to start or end a paid or unpaid break.
 */
#include <glib/gi18n.h>

#include "duka-time-clock-entries.h"
#include "duka-staff-view-private.h"

static GtkWidget *
action_button (const char *label,
               const char *action,
               const char *staff_id,
               const char *style)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", staff_id);
  if (style != NULL)
    gtk_widget_add_css_class (button, style);
  return button;
}

static GtkWidget *
break_menu_button (const char *staff_id)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) paid = g_menu_item_new (_("_Paid Break"), NULL);
  g_autoptr(GMenuItem) unpaid = g_menu_item_new (_("_Unpaid Break"), NULL);
  GtkWidget *button = gtk_menu_button_new ();

  g_menu_item_set_action_and_target_value (paid, "staff.start-paid-break", g_variant_new_string (staff_id));
  g_menu_item_set_action_and_target_value (unpaid, "staff.start-unpaid-break", g_variant_new_string (staff_id));
  g_menu_append_item (menu, paid);
  g_menu_append_item (menu, unpaid);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("_Break"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static GtkWidget *
create_clock_row (DukaStaffView   *self,
                  JsonObject      *person,
                  DukaClockStatus  status,
                  gint64           since)
{
  const char *id = json_object_get_string_member_with_default (person, "id", "");
  g_autofree char *time = since > 0 ? duka_staff_view_format_time (self, since, "%a %H:%M") : NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 json_object_get_string_member_with_default (person, "name", ""));
  switch (status)
    {
    case DUKA_CLOCK_STATUS_WORKING:
      /* Translators: %s is a day and time, such as "Mon 09:12" */
      subtitle = g_strdup_printf (_("Working since %s"), time ? time : "");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), break_menu_button (id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), action_button (_("Clock _Out"), "staff.clock-out", id, NULL));
      break;
    case DUKA_CLOCK_STATUS_ON_BREAK:
      subtitle = g_strdup_printf (_("On a break since %s"), time ? time : "");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), action_button (_("_End Break"), "staff.end-break", id,
                                                                      "suggested-action"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), action_button (_("Clock _Out"), "staff.clock-out", id, NULL));
      break;
    case DUKA_CLOCK_STATUS_INVALID:
      subtitle = g_strdup (_("Time entries overlap; correct them under Timesheets"));
      break;
    case DUKA_CLOCK_STATUS_OFF:
    default:
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), action_button (_("Clock _In"), "staff.clock-in", id,
                                                                      "suggested-action"));
      break;
    }
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_name (row, id);
  return row;
}

void
duka_staff_view_rebuild_clock (DukaStaffView *self)
{
  guint n_in = 0;
  guint n_out = 0;

  if (self->clock_rows == NULL)
    self->clock_rows = g_ptr_array_new ();
  for (guint i = 0; i < self->clock_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->clock_rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)),
                                    row);
    }
  g_ptr_array_set_size (self->clock_rows, 0);

  for (guint i = 0; self->people != NULL && i < self->people->len; i++)
    {
      JsonObject *person = g_ptr_array_index (self->people, i);
      const char *id = json_object_get_string_member_with_default (person, "id", NULL);
      DukaClockStatus status;
      gint64 since = 0;
      GtkWidget *row;

      if (json_object_get_boolean_member_with_default (person, "deleted", FALSE) ||
          !json_object_get_boolean_member_with_default (person, "active", TRUE))
        continue;
      status = duka_time_clock_get_status (self->time_clock, id, &since);
      row = create_clock_row (self, person, status, since);
      if (status == DUKA_CLOCK_STATUS_OFF)
        {
          adw_preferences_group_add (self->clocked_out_group, row);
          n_out++;
        }
      else
        {
          adw_preferences_group_add (self->clocked_in_group, row);
          n_in++;
        }
      g_ptr_array_add (self->clock_rows, row);
    }

  adw_preferences_group_set_description (self->clocked_in_group,
                                         n_in == 0 ? _("Nobody is clocked in.") : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->clocked_out_group), n_out > 0);
}

void
duka_staff_view_clock_event (DukaStaffView *self,
                             const char    *staff_id,
                             int            event,
                             gboolean       paid)
{
  g_autoptr(DukaActor) actor = duka_staff_view_dup_person_actor (self, staff_id);
  g_autoptr(GError) error = NULL;
  const char *done = NULL;
  gboolean ok = FALSE;

  switch (event)
    {
    case DUKA_STAFF_CLOCK_IN:
      ok = duka_time_clock_clock_in (self->time_clock, actor, NULL, &error);
      done = _("Clocked in");
      break;
    case DUKA_STAFF_CLOCK_OUT:
      ok = duka_time_clock_clock_out (self->time_clock, actor, NULL, &error);
      done = _("Clocked out");
      break;
    case DUKA_STAFF_BREAK_START:
      ok = duka_time_clock_start_break (self->time_clock, actor, paid, NULL, &error);
      done = paid ? _("Paid break started") : _("Unpaid break started");
      break;
    case DUKA_STAFF_BREAK_END:
    default:
      ok = duka_time_clock_end_break (self->time_clock, actor, NULL, &error);
      done = _("Break ended");
      break;
    }

  if (!ok)
    {
      /* Core words these for the person at the till ("You are…"); here
       * a manager may be working the panel for them, so name them. */
      /* Translators: a person's name, then what happened or why not */
      g_autofree char *message = g_strdup_printf (_("%s: %s"), duka_staff_view_person_name (self, staff_id),
                                                  error->message);
      duka_staff_view_show_toast (self, message);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("%s: %s"), duka_staff_view_person_name (self, staff_id), done);
      duka_staff_view_show_toast (self, message);
    }
  duka_staff_view_rebuild_clock (self);
}
