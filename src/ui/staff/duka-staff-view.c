/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Staff view: people, roles as a permission matrix, the time clock,
 * timesheets and the audit trail, as sections of one AdwViewStack.
 *
 * duka-staff-view.c             the object, its actions, the actor
 * duka-staff-view-people.c      people list, person editor, PINs
 * duka-staff-view-roles.c       the permission matrix
 * duka-staff-view-clock.c       who is clocked in, clock in/out, breaks
 * duka-staff-view-timesheets.c  pay periods, manager edits, CSV export
 * duka-staff-view-audit.c       the audit trail with filters
 */
#include <glib/gi18n.h>

#include "duka-current-staff.h"
#include "duka-permissions.h"
#include "duka-staff-view-private.h"

G_DEFINE_FINAL_TYPE (DukaStaffView, duka_staff_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSINESS_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * duka_staff_view_dup_actor:
 *
 * Who is making changes in this view: the person signed in at this
 * till, or the business's own actor where nobody needs to sign in.
 */
DukaActor *
duka_staff_view_dup_actor (DukaStaffView *self)
{
  return duka_current_staff_dup_actor_for_widget (GTK_WIDGET (self),
                                                  self->business_settings);
}

/* The time clock records a person's own clock-in: the actor is that
 * person on this till, approved by whoever works the view when that is
 * someone else. */
DukaActor *
duka_staff_view_dup_person_actor (DukaStaffView *self,
                                  const char    *staff_id)
{
  g_autoptr(DukaActor) actor = duka_staff_view_dup_actor (self);

  if (actor == NULL)
    return NULL;
  if (g_strcmp0 (actor->staff_id, staff_id) != 0)
    {
      g_clear_pointer (&actor->approver_id, g_free);
      actor->approver_id = g_steal_pointer (&actor->staff_id);
      actor->staff_id = g_strdup (staff_id);
    }
  return g_steal_pointer (&actor);
}

gboolean
duka_staff_view_may (DukaStaffView *self,
                     int            permission)
{
  g_autoptr(DukaActor) actor = duka_staff_view_dup_actor (self);

  return duka_permission_is_granted (actor, (DukaPermission) permission);
}

void
duka_staff_view_show_toast (DukaStaffView *self,
                            const char    *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message);
}

const char *
duka_staff_view_person_name (DukaStaffView *self,
                             const char    *staff_id)
{
  if (staff_id == NULL)
    return _("The business owner");
  for (guint i = 0; self->people != NULL && i < self->people->len; i++)
    {
      JsonObject *person = g_ptr_array_index (self->people, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (person, "id", NULL), staff_id) == 0)
        return json_object_get_string_member_with_default (person, "name", "");
    }
  return _("Someone removed");
}

/* This till's outlet, its currency and time zone: read once, and again
 * when the outlet changes. */
static void
load_zone (DukaStaffView *self)
{
  g_autoptr(DukaProfile) profile = duka_business_settings_load (self->business_settings, NULL);

  g_clear_pointer (&self->outlet_id, g_free);
  self->currency = NULL;
  if (profile != NULL)
    {
      self->outlet_id = g_strdup (profile->outlet_id);
      self->currency = duka_currency_lookup (profile->currency);
    }
  g_clear_pointer (&self->zone, g_time_zone_unref);
  if (profile != NULL && profile->time_zone != NULL)
    self->zone = g_time_zone_new_identifier (profile->time_zone);
  if (self->zone == NULL)
    self->zone = g_time_zone_new_local ();
}

GTimeZone *
duka_staff_view_dup_zone (DukaStaffView *self)
{
  if (self->zone == NULL)
    load_zone (self);
  return g_time_zone_ref (self->zone);
}

/* @at in the outlet's time zone, by a strftime-like GDateTime format. */
char *
duka_staff_view_format_time (DukaStaffView *self,
                             gint64         at,
                             const char    *format)
{
  g_autoptr(GTimeZone) tz = duka_staff_view_dup_zone (self);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, format);
}

void
duka_staff_view_clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else if (GTK_IS_GRID (box))
        gtk_grid_remove (GTK_GRID (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

void
duka_staff_view_update_actions (DukaStaffView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean manage = duka_staff_view_may (self, DUKA_PERMISSION_MANAGE_STAFF);
  gboolean editing = self->editing;

  gtk_widget_action_set_enabled (widget, "staff.new-person", manage);
  gtk_widget_action_set_enabled (widget, "staff.save-person", manage && editing && self->person_dirty);
  gtk_widget_action_set_enabled (widget, "staff.revert-person", editing && self->person_dirty);
  gtk_widget_action_set_enabled (widget, "staff.delete-person", manage && editing && self->person_id != NULL);
  gtk_widget_action_set_enabled (widget, "staff.set-pin", manage && editing && self->person_id != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_role_button), manage);
  gtk_widget_action_set_enabled (widget, "staff.export-timesheets",
                                 duka_staff_view_may (self, DUKA_PERMISSION_EXPORT_DATA) &&
                                 self->timesheets != NULL && self->timesheets->len > 0);
  gtk_widget_action_set_enabled (widget, "staff.load-more-audit", self->audit_next_seq > 0);
}

/* Actions ------------------------------------------------------------------- */

static void
new_person_action (GtkWidget *widget, const char *name, GVariant *param)
{
  duka_staff_view_new_person (DUKA_STAFF_VIEW (widget));
}

static void
save_person_action (GtkWidget *widget, const char *name, GVariant *param)
{
  duka_staff_view_save_person (DUKA_STAFF_VIEW (widget));
}

static void
revert_person_action (GtkWidget *widget, const char *name, GVariant *param)
{
  duka_staff_view_revert_person (DUKA_STAFF_VIEW (widget));
}

static void
delete_person_action (GtkWidget *widget, const char *name, GVariant *param)
{
  duka_staff_view_delete_person (DUKA_STAFF_VIEW (widget));
}

static void
set_pin_action (GtkWidget *widget, const char *name, GVariant *param)
{
  duka_staff_view_set_pin (DUKA_STAFF_VIEW (widget));
}

static void
show_section_action (GtkWidget *widget, const char *name, GVariant *param)
{
  DukaStaffView *self = DUKA_STAFF_VIEW (widget);

  adw_view_stack_set_visible_child_name (self->stack, g_variant_get_string (param, NULL));
}

static void
clock_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  DukaStaffView *self = DUKA_STAFF_VIEW (widget);
  const char *staff_id = g_variant_get_string (param, NULL);

  if (g_str_equal (name, "staff.clock-in"))
    duka_staff_view_clock_event (self, staff_id, DUKA_STAFF_CLOCK_IN, FALSE);
  else if (g_str_equal (name, "staff.clock-out"))
    duka_staff_view_clock_event (self, staff_id, DUKA_STAFF_CLOCK_OUT, FALSE);
  else if (g_str_equal (name, "staff.start-paid-break"))
    duka_staff_view_clock_event (self, staff_id, DUKA_STAFF_BREAK_START, TRUE);
  else if (g_str_equal (name, "staff.start-unpaid-break"))
    duka_staff_view_clock_event (self, staff_id, DUKA_STAFF_BREAK_START, FALSE);
  else
    duka_staff_view_clock_event (self, staff_id, DUKA_STAFF_BREAK_END, FALSE);
}

static void
period_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  duka_staff_view_move_period (DUKA_STAFF_VIEW (widget),
                               g_str_equal (name, "staff.next-period") ? 1 : -1);
}

static void
export_timesheets_action (GtkWidget *widget, const char *name, GVariant *param)
{
  duka_staff_view_export_timesheets (DUKA_STAFF_VIEW (widget));
}

static void
load_more_audit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  duka_staff_view_load_more_audit (DUKA_STAFF_VIEW (widget));
}

static void
clear_audit_filters_action (GtkWidget *widget, const char *name, GVariant *param)
{
  duka_staff_view_clear_audit_filters (DUKA_STAFF_VIEW (widget));
}

/* Template callbacks ---------------------------------------------------------- */

static void
section_changed_cb (DukaStaffView *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);

  /* Sections read the store when shown, so a long trail is only read by
   * someone who looks at it. */
  if (g_strcmp0 (name, "clock") == 0)
    duka_staff_view_rebuild_clock (self);
  else if (g_strcmp0 (name, "timesheets") == 0)
    duka_staff_view_reload_timesheets (self);
  else if (g_strcmp0 (name, "audit") == 0)
    {
      duka_staff_view_reload_audit_filters (self);
      duka_staff_view_reload_audit (self);
    }
}

static void
people_search_changed_cb (DukaStaffView *self)
{
  duka_staff_view_people_search_changed (self);
}

static void
person_selected_cb (DukaStaffView *self,
                    GtkListBoxRow *row)
{
  duka_staff_view_person_row_selected (self, row);
}

static void
person_field_changed_cb (DukaStaffView *self)
{
  duka_staff_view_person_field_changed (self);
}

static void
pin_activated_cb (DukaStaffView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "staff.set-pin", NULL);
}

static void
period_kind_changed_cb (DukaStaffView *self)
{
  duka_staff_view_period_kind_changed (self);
}

static void
audit_filter_changed_cb (DukaStaffView *self)
{
  if (!self->rebuilding_audit_filters)
    duka_staff_view_reload_audit (self);
}

static void
audit_from_selected_cb (DukaStaffView *self)
{
  duka_staff_view_audit_day_selected (self, FALSE);
}

static void
audit_until_selected_cb (DukaStaffView *self)
{
  duka_staff_view_audit_day_selected (self, TRUE);
}

static void
audit_edge_reached_cb (DukaStaffView   *self,
                       GtkPositionType  position)
{
  if (position == GTK_POS_BOTTOM && self->audit_next_seq > 0)
    duka_staff_view_load_more_audit (self);
}

/* Who works the view may change while it is hidden (the lock screen, a
 * switch of user), so what they may do is looked at again when it shows. */
static void
duka_staff_view_map (GtkWidget *widget)
{
  DukaStaffView *self = DUKA_STAFF_VIEW (widget);

  GTK_WIDGET_CLASS (duka_staff_view_parent_class)->map (widget);

  duka_staff_view_rebuild_matrix (self);
  duka_staff_view_update_actions (self);
  section_changed_cb (self);
}

/* The store ------------------------------------------------------------------- */

static void
store_changed_cb (DukaStaffView *self,
                  const char    *table)
{
  const char *section = adw_view_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (table, "outlet") == 0 || g_strcmp0 (table, "this_device") == 0)
    load_zone (self);
  if (g_strcmp0 (table, "staff") == 0 || g_strcmp0 (table, "role") == 0)
    {
      duka_staff_view_reload_people (self);
      duka_staff_view_rebuild_matrix (self);
    }
  if (g_strcmp0 (section, "clock") == 0 &&
      (g_strcmp0 (table, "time_entry") == 0 || g_strcmp0 (table, "staff") == 0))
    duka_staff_view_rebuild_clock (self);
  else if (g_strcmp0 (section, "timesheets") == 0 && g_strcmp0 (table, "time_entry") == 0)
    duka_staff_view_reload_timesheets (self);
  else if (g_strcmp0 (section, "audit") == 0 && g_strcmp0 (table, "audit") == 0)
    duka_staff_view_reload_audit (self);
}

/* The object ------------------------------------------------------------------ */

static void
duka_staff_view_constructed (GObject *object)
{
  DukaStaffView *self = DUKA_STAFF_VIEW (object);
  DukaStore *store = duka_business_settings_get_store (self->business_settings);

  G_OBJECT_CLASS (duka_staff_view_parent_class)->constructed (object);

  self->staff = duka_staff_new (store);
  self->time_clock = duka_time_clock_new (store);
  load_zone (self);

  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  duka_staff_view_setup_people (self);
  duka_staff_view_setup_roles (self);
  duka_staff_view_setup_timesheets (self);
  duka_staff_view_reload_people (self);
  duka_staff_view_rebuild_matrix (self);
  duka_staff_view_update_actions (self);
}

static void
duka_staff_view_dispose (GObject *object)
{
  DukaStaffView *self = DUKA_STAFF_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DUKA_TYPE_STAFF_VIEW);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->staff);
  g_clear_object (&self->time_clock);
  g_clear_object (&self->business_settings);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->roles, g_ptr_array_unref);
  g_clear_pointer (&self->outlets, g_ptr_array_unref);
  g_clear_pointer (&self->role_checks, g_ptr_array_unref);
  g_clear_pointer (&self->outlet_checks, g_ptr_array_unref);
  g_clear_pointer (&self->extra_rows, g_ptr_array_unref);
  g_clear_pointer (&self->clock_rows, g_ptr_array_unref);
  g_clear_pointer (&self->timesheets, g_ptr_array_unref);
  g_clear_pointer (&self->audit_person_ids, g_ptr_array_unref);
  g_clear_pointer (&self->audit_actions, g_ptr_array_unref);
  g_clear_pointer (&self->person_errors, g_hash_table_unref);

  G_OBJECT_CLASS (duka_staff_view_parent_class)->dispose (object);
}

static void
duka_staff_view_finalize (GObject *object)
{
  DukaStaffView *self = DUKA_STAFF_VIEW (object);

  g_free (self->outlet_id);
  g_free (self->person_id);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  G_OBJECT_CLASS (duka_staff_view_parent_class)->finalize (object);
}

static void
duka_staff_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DukaStaffView *self = DUKA_STAFF_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSINESS_SETTINGS:
      g_value_set_object (value, self->business_settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
duka_staff_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DukaStaffView *self = DUKA_STAFF_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSINESS_SETTINGS:
      self->business_settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
duka_staff_view_class_init (DukaStaffViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = duka_staff_view_constructed;
  object_class->dispose = duka_staff_view_dispose;
  object_class->finalize = duka_staff_view_finalize;
  object_class->get_property = duka_staff_view_get_property;
  object_class->set_property = duka_staff_view_set_property;
  widget_class->map = duka_staff_view_map;

  properties[PROP_BUSINESS_SETTINGS] =
    g_param_spec_object ("business-settings", NULL, NULL,
                         DUKA_TYPE_BUSINESS_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/duka-staff-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, stack);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, people_search);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, show_inactive_check);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, people_list);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, person_stack);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, name_row);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, contact_row);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, rate_row);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, active_row);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, active_switch);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, roles_group);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, outlets_group);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, pin_group);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, pin_row);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, pin_again_row);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, delete_person_button);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, new_role_button);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, matrix);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, clocked_in_group);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, clocked_out_group);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, period_kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, period_label);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, period_totals_label);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, timesheets_list);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, audit_person_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, audit_action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, audit_from_button);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, audit_until_button);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, audit_from_calendar);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, audit_until_calendar);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, audit_stack);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, audit_list);
  gtk_widget_class_bind_template_child (widget_class, DukaStaffView, audit_more_button);
  gtk_widget_class_bind_template_callback (widget_class, section_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, people_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, pin_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, audit_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, audit_from_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, audit_until_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, audit_edge_reached_cb);

  gtk_widget_class_install_action (widget_class, "staff.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "staff.new-person", NULL, new_person_action);
  gtk_widget_class_install_action (widget_class, "staff.save-person", NULL, save_person_action);
  gtk_widget_class_install_action (widget_class, "staff.revert-person", NULL, revert_person_action);
  gtk_widget_class_install_action (widget_class, "staff.delete-person", NULL, delete_person_action);
  gtk_widget_class_install_action (widget_class, "staff.set-pin", NULL, set_pin_action);
  gtk_widget_class_install_action (widget_class, "staff.clock-in", "s", clock_action);
  gtk_widget_class_install_action (widget_class, "staff.clock-out", "s", clock_action);
  gtk_widget_class_install_action (widget_class, "staff.start-paid-break", "s", clock_action);
  gtk_widget_class_install_action (widget_class, "staff.start-unpaid-break", "s", clock_action);
  gtk_widget_class_install_action (widget_class, "staff.end-break", "s", clock_action);
  gtk_widget_class_install_action (widget_class, "staff.previous-period", NULL, period_action);
  gtk_widget_class_install_action (widget_class, "staff.next-period", NULL, period_action);
  gtk_widget_class_install_action (widget_class, "staff.export-timesheets", NULL, export_timesheets_action);
  gtk_widget_class_install_action (widget_class, "staff.load-more-audit", NULL, load_more_audit_action);
  gtk_widget_class_install_action (widget_class, "staff.clear-audit-filters", NULL, clear_audit_filters_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "staff.save-person", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "staff.new-person", NULL);
  /* Alt+1 … Alt+5 for the sections, as the switcher shows them. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "staff.show-section", "s", "people");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "staff.show-section", "s", "roles");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "staff.show-section", "s", "clock");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "staff.show-section", "s", "timesheets");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "staff.show-section", "s", "audit");
}

static void
duka_staff_view_init (DukaStaffView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->person_errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

GtkWidget *
duka_staff_view_new (DukaBusinessSettings *business_settings)
{
  g_return_val_if_fail (DUKA_IS_BUSINESS_SETTINGS (business_settings), NULL);

  return g_object_new (DUKA_TYPE_STAFF_VIEW, "business-settings", business_settings, NULL);
}
