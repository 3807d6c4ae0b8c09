/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "duka-catalog.h"
#include "duka-current-staff.h"
#include "duka-lock-screen.h"
#include "duka-menu-view.h"
#include "duka-sell-view.h"
#include "duka-settings-view.h"
#include "duka-staff-view.h"
#include "duka-window.h"

struct _DukaWindow
{
  AdwApplicationWindow  parent_instance;

  DukaBusinessSettings *business_settings;
  DukaCatalog          *catalog;
  GSettings            *settings;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkBox               *sidebar_box;
  GtkListBox           *sidebar_list;
  AdwWindowTitle       *sidebar_title;
  GtkBox               *content_box;
  AdwWindowTitle       *content_title;
  GtkStack             *view_stack;

  /* Who is signed in, the lock screen in front, and when it comes back. */
  DukaCurrentStaff     *current_staff;
  GtkStack             *lock_stack;
  DukaLockScreen       *lock_screen;
  AdwWindowTitle       *lock_title;
  GtkMenuButton        *person_button;
  AdwAvatar            *person_avatar;
  GtkLabel             *person_label;
  gint64                last_activity;
  guint                 idle_check_id;
  gboolean              has_idle_key;
};

G_DEFINE_FINAL_TYPE (DukaWindow, duka_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_BUSINESS_SETTINGS,
  PROP_CATALOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The views of the architecture, in sidebar order; Ctrl+1 … Ctrl+8 follow
 * it.  Those not built yet say honestly what will be there. */
static const struct {
  const char *name;
  const char *title;
  const char *icon_name;
  const char *empty_description;
} views[] = {
  { "sell", N_("Sell"), "duka-sell-symbolic",
    N_("This is where cashiers will ring up sales: product grid, barcode "
       "scanner, cart, payments, receipts and refunds. It is not part of "
       "this version of Duka yet.") },
  { "tables", N_("Tables"), "duka-tables-symbolic",
    N_("The floor plan, open tabs by table or by name, courses and orders "
       "sent to the kitchen will be here. It is not part of this version "
       "of Duka yet.") },
  { "menu", N_("Menu"), "duka-menu-symbolic",
    N_("Build the menu here: categories, items, variants, modifiers, "
       "combos, prices and availability. It is not part of this version "
       "of Duka yet.") },
  { "inventory", N_("Inventory"), "duka-inventory-symbolic",
    N_("Stock by outlet, adjustments, transfers, stock takes, suppliers and "
       "purchase orders will be here. It is not part of this version of "
       "Duka yet.") },
  { "staff", N_("Staff"), "duka-staff-symbolic",
    N_("People, roles and permissions, PINs, clocking in and out, and "
       "timesheets will be here. It is not part of this version of Duka "
       "yet.") },
  { "loyalty", N_("Loyalty"), "duka-loyalty-symbolic",
    N_("Customers, points, tiers, rewards and promotions will be here. It "
       "is not part of this version of Duka yet.") },
  { "reports", N_("Reports"), "duka-reports-symbolic",
    N_("Sales, items, staff, payments, tax, cash sessions and Z reports, "
       "with PDF and CSV export, will be here. It is not part of this "
       "version of Duka yet.") },
  { "settings", N_("Settings"), "duka-settings-symbolic", NULL },
};

guint
duka_window_get_n_views (void)
{
  return G_N_ELEMENTS (views);
}

const char *
duka_window_get_view_name (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (views), NULL);

  return views[index].name;
}

static int
find_view (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (g_strcmp0 (views[i].name, name) == 0)
      return (int) i;

  return -1;
}

static GtkWidget *create_view (DukaWindow *self,
                               guint       index);
static gboolean   view_allowed (DukaWindow *self,
                                int         index);

static GtkWidget *
ensure_view (DukaWindow *self,
             int         index)
{
  AdwBin *bin = ADW_BIN (gtk_stack_get_child_by_name (self->view_stack, views[index].name));

  if (adw_bin_get_child (bin) == NULL)
    adw_bin_set_child (bin, create_view (self, (guint) index));

  return adw_bin_get_child (bin);
}

static void
show_view (DukaWindow *self,
           const char *name)
{
  int index = find_view (name);

  if (index < 0)
    {
      g_warning ("No view called “%s”", name);
      return;
    }
  if (!view_allowed (self, index))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Your role does not include this. Ask a manager.")));
      return;
    }

  ensure_view (self, index);

  gtk_stack_set_visible_child_name (self->view_stack, name);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  show_view (DUKA_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  DukaWindow *self = DUKA_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  DukaWindow *self = DUKA_WINDOW (widget);

  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (g_variant_get_string (param, NULL)));
}

static void
sidebar_row_activated_cb (DukaWindow    *self,
                          GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0)
    show_view (self, views[index].name);
}

static void
view_stack_changed_cb (DukaWindow *self)
{
  int index = find_view (gtk_stack_get_visible_child_name (self->view_stack));

  if (index < 0)
    return;

  adw_window_title_set_title (self->content_title, _(views[index].title));
  gtk_list_box_select_row (self->sidebar_list,
                           gtk_list_box_get_row_at_index (self->sidebar_list, index));
}

static void
update_business_name (DukaWindow *self)
{
  g_autoptr(DukaProfile) profile = NULL;

  if (duka_business_settings_is_configured (self->business_settings))
    profile = duka_business_settings_load (self->business_settings, NULL);

  adw_window_title_set_subtitle (self->sidebar_title,
                                 profile ? profile->business_name
                                         : _("Not set up yet"));
  adw_window_title_set_subtitle (self->lock_title, profile ? profile->business_name : NULL);
}

static GtkWidget *
create_sidebar_row (guint index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_(views[index].title));

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (views[index].icon_name));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, views[index].name);

  return row;
}

static GtkWidget *
create_view (DukaWindow *self,
             guint       index)
{
  GtkWidget *page;

  if (g_str_equal (views[index].name, "settings"))
    return duka_settings_view_new (self->business_settings);
  if (g_str_equal (views[index].name, "menu"))
    return duka_menu_view_new (self->catalog, self->business_settings);
  if (g_str_equal (views[index].name, "sell"))
    return duka_sell_view_new (self->catalog, self->business_settings);
  if (g_str_equal (views[index].name, "staff"))
    return duka_staff_view_new (self->business_settings);

  page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), views[index].icon_name);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _(views[index].title));
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _(views[index].empty_description));
  return page;
}

/* Signing in ------------------------------------------------------------- */

/* What a person needs to open each view: any one of the permissions.
 * Everyone may look at the menu; changing it asks for a manager's
 * approval when their role lacks it. */
static const struct {
  const char     *view;
  DukaPermission  any[4];
  guint           n;
} view_permissions[] = {
  { "sell", { DUKA_PERMISSION_SELL }, 1 },
  { "tables", { DUKA_PERMISSION_SELL, DUKA_PERMISSION_MANAGE_TABLES, DUKA_PERMISSION_KITCHEN_DISPLAY }, 3 },
  { "inventory", { DUKA_PERMISSION_ADJUST_STOCK, DUKA_PERMISSION_RECEIVE_STOCK, DUKA_PERMISSION_STOCK_TAKE }, 3 },
  { "staff", { DUKA_PERMISSION_CLOCK_IN_OUT, DUKA_PERMISSION_MANAGE_STAFF,
               DUKA_PERMISSION_EDIT_TIME_ENTRIES, DUKA_PERMISSION_SEE_AUDIT }, 4 },
  { "loyalty", { DUKA_PERMISSION_SELL, DUKA_PERMISSION_MANAGE_CUSTOMERS, DUKA_PERMISSION_MANAGE_LOYALTY }, 3 },
  { "reports", { DUKA_PERMISSION_SEE_REPORTS }, 1 },
  { "settings", { DUKA_PERMISSION_MANAGE_SETTINGS }, 1 },
};

/* While locked nothing is reachable anyway, and the view behind the lock
 * screen is chosen again after signing in. */
static gboolean
view_allowed (DukaWindow *self,
              int         index)
{
  if (self->current_staff == NULL || duka_current_staff_get_locked (self->current_staff))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (view_permissions); i++)
    {
      if (!g_str_equal (view_permissions[i].view, views[index].name))
        continue;
      for (guint p = 0; p < view_permissions[i].n; p++)
        if (duka_current_staff_can (self->current_staff, view_permissions[i].any[p]))
          return TRUE;
      return FALSE;
    }

  return TRUE;
}

static void
close_dialogs (DukaWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Editors and dialogs of the person who left go with them. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (gtk_window_get_transient_for (window) == GTK_WINDOW (self))
        gtk_window_close (window);
    }
}

static void
update_signed_in (DukaWindow *self)
{
  DukaCurrentStaff *staff = self->current_staff;
  gboolean locked = duka_current_staff_get_locked (staff);
  const char *name = duka_current_staff_get_name (staff);
  int visible = find_view (gtk_stack_get_visible_child_name (self->view_stack));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-view", !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-sidebar", !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.switch-user",
                                 !locked && duka_current_staff_get_required (staff));

  gtk_widget_set_visible (GTK_WIDGET (self->person_button), !locked && name != NULL);
  gtk_label_set_text (self->person_label, name ? name : "");
  adw_avatar_set_text (self->person_avatar, name);
  if (name != NULL)
    {
      /* Translators: the tooltip of the button showing who is signed in */
      g_autofree char *tooltip = g_strdup_printf (_("Signed in as %s"), name);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->person_button), tooltip);
    }

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_widget_set_sensitive (GTK_WIDGET (gtk_list_box_get_row_at_index (self->sidebar_list, i)),
                              view_allowed (self, (int) i));

  if (locked)
    {
      close_dialogs (self);
      gtk_stack_set_visible_child_name (self->lock_stack, "lock");
      duka_lock_screen_focus (self->lock_screen);
      return;
    }

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->lock_stack), "app") != 0)
    {
      gtk_stack_set_visible_child_name (self->lock_stack, "app");
      gtk_window_set_focus (GTK_WINDOW (self),
                            GTK_WIDGET (gtk_list_box_get_selected_row (self->sidebar_list)));
    }
  /* A cook signing in where a cashier sold lands where they may be. */
  if (visible >= 0 && !view_allowed (self, visible))
    for (guint i = 0; i < G_N_ELEMENTS (views); i++)
      if (view_allowed (self, (int) i))
        {
          show_view (self, views[i].name);
          break;
        }
  self->last_activity = g_get_monotonic_time ();
}

static void
switch_user_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  duka_current_staff_lock (DUKA_WINDOW (widget)->current_staff);
}

static gboolean
activity_cb (GtkEventControllerLegacy *controller,
             GdkEvent                 *event,
             DukaWindow               *self)
{
  self->last_activity = g_get_monotonic_time ();
  return GDK_EVENT_PROPAGATE;
}

/* A till left alone locks itself after lock-after-idle minutes (0: never). */
static gboolean
idle_check_cb (gpointer user_data)
{
  DukaWindow *self = user_data;
  guint minutes = self->has_idle_key ? g_settings_get_uint (self->settings, "lock-after-idle") : 0;

  if (minutes > 0 && !duka_current_staff_get_locked (self->current_staff) &&
      g_get_monotonic_time () - self->last_activity >= (gint64) minutes * 60 * G_USEC_PER_SEC)
    duka_current_staff_lock (self->current_staff);

  return G_SOURCE_CONTINUE;
}

static void
setup_signing_in (DukaWindow *self)
{
  GtkEventController *activity = gtk_event_controller_legacy_new ();
  g_autoptr(GSettingsSchema) schema = NULL;

  self->current_staff = duka_current_staff_new (self->business_settings);
  duka_current_staff_attach (self->current_staff, GTK_WINDOW (self));
  duka_lock_screen_set_current_staff (self->lock_screen, self->current_staff);
  g_signal_connect_object (self->current_staff, "notify::locked",
                           G_CALLBACK (update_signed_in), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->current_staff, "notify::actor",
                           G_CALLBACK (update_signed_in), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->current_staff, "notify::name",
                           G_CALLBACK (update_signed_in), self, G_CONNECT_SWAPPED);

  gtk_event_controller_set_propagation_phase (activity, GTK_PHASE_CAPTURE);
  g_signal_connect (activity, "event", G_CALLBACK (activity_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), activity);
  /* An older installed schema may lack the key: then the till never
   * locks by itself. */
  if (self->settings != NULL)
    g_object_get (self->settings, "settings-schema", &schema, NULL);
  self->has_idle_key = schema != NULL && g_settings_schema_has_key (schema, "lock-after-idle");
  self->last_activity = g_get_monotonic_time ();
  self->idle_check_id = g_timeout_add_seconds (15, idle_check_cb, self);
}

static void
populate_views (DukaWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkStackPage *page;

      gtk_list_box_append (self->sidebar_list, create_sidebar_row (i));
      /* Views are built the first time they are shown: a till that opens
       * on Sell never pays for building the menu builder. */
      page = gtk_stack_add_named (self->view_stack, adw_bin_new (), views[i].name);
      gtk_stack_page_set_title (page, _(views[i].title));
    }
}

/* Only per-user look and feel lives in GSettings; when the schema is not
 * installed (an uninstalled build run by hand), the size is not kept. */
static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "io.github.dukapos.Duka", TRUE);
  if (schema == NULL)
    {
      g_message ("GSettings schema io.github.dukapos.Duka is not installed; "
                 "the window size will not be remembered");
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
restore_window_state (DukaWindow *self)
{
  if (self->settings == NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), 1180, 780);
      return;
    }

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
duka_window_close_request (GtkWindow *window)
{
  DukaWindow *self = DUKA_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }

  return GTK_WINDOW_CLASS (duka_window_parent_class)->close_request (window);
}

static void
duka_window_constructed (GObject *object)
{
  DukaWindow *self = (DukaWindow *) object;

  G_OBJECT_CLASS (duka_window_parent_class)->constructed (object);

  g_assert (self->business_settings != NULL);

  /* The catalog lives in the same store as the business settings. */
  if (self->catalog == NULL)
    self->catalog = duka_catalog_new (duka_business_settings_get_store (self->business_settings));

  populate_views (self);
  setup_signing_in (self);
  g_signal_connect_object (self->business_settings, "changed",
                           G_CALLBACK (update_business_name), self,
                           G_CONNECT_SWAPPED);
  update_business_name (self);

  /* A new store opens on the form that sets it up. */
  show_view (self, duka_business_settings_is_configured (self->business_settings)
                   ? "sell" : "settings");

  /* Keyboard users start in the list of views. */
  gtk_window_set_focus (GTK_WINDOW (self),
                        GTK_WIDGET (gtk_list_box_get_selected_row (self->sidebar_list)));
  update_signed_in (self);
}

static void
duka_window_dispose (GObject *object)
{
  DukaWindow *self = (DukaWindow *) object;

  g_clear_handle_id (&self->idle_check_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DUKA_TYPE_WINDOW);
  g_clear_object (&self->current_staff);
  g_clear_object (&self->business_settings);
  g_clear_object (&self->catalog);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (duka_window_parent_class)->dispose (object);
}

static void
duka_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DukaWindow *self = DUKA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSINESS_SETTINGS:
      g_value_set_object (value, self->business_settings);
      break;
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
duka_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DukaWindow *self = DUKA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSINESS_SETTINGS:
      self->business_settings = g_value_dup_object (value);
      break;
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
duka_window_class_init (DukaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = duka_window_constructed;
  object_class->dispose = duka_window_dispose;
  object_class->get_property = duka_window_get_property;
  object_class->set_property = duka_window_set_property;
  window_class->close_request = duka_window_close_request;

  properties[PROP_BUSINESS_SETTINGS] =
    g_param_spec_object ("business-settings", NULL, NULL,
                         DUKA_TYPE_BUSINESS_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL,
                         DUKA_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/duka-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DukaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DukaWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DukaWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, DukaWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, DukaWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, DukaWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, DukaWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, DukaWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DukaWindow, lock_stack);
  gtk_widget_class_bind_template_child (widget_class, DukaWindow, lock_screen);
  gtk_widget_class_bind_template_child (widget_class, DukaWindow, lock_title);
  gtk_widget_class_bind_template_child (widget_class, DukaWindow, person_button);
  gtk_widget_class_bind_template_child (widget_class, DukaWindow, person_avatar);
  gtk_widget_class_bind_template_child (widget_class, DukaWindow, person_label);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_stack_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);
  gtk_widget_class_install_action (widget_class, "win.switch-user", NULL, switch_user_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.switch-user", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                         "win.show-view", "s", views[i].name);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.show-sidebar", NULL);

  g_type_ensure (DUKA_TYPE_SETTINGS_VIEW);
  g_type_ensure (DUKA_TYPE_LOCK_SCREEN);
}

static void
duka_window_init (DukaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = create_settings ();
  restore_window_state (self);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

DukaWindow *
duka_window_new (GtkApplication       *application,
                 DukaBusinessSettings *business_settings)
{
  return g_object_new (DUKA_TYPE_WINDOW,
                       "application", application,
                       "business-settings", business_settings,
                       NULL);
}

const char *
duka_window_get_visible_view (DukaWindow *self)
{
  g_return_val_if_fail (DUKA_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->view_stack);
}

GtkWidget *
duka_window_get_view (DukaWindow *self,
                      const char *name)
{
  int index;

  g_return_val_if_fail (DUKA_IS_WINDOW (self), NULL);

  index = find_view (name);
  g_return_val_if_fail (index >= 0, NULL);

  return ensure_view (self, index);
}

/**
 * duka_window_get_current_staff:
 *
 * Returns: (transfer none): who is signed in on this window
 */
DukaCurrentStaff *
duka_window_get_current_staff (DukaWindow *self)
{
  g_return_val_if_fail (DUKA_IS_WINDOW (self), NULL);

  return self->current_staff;
}
