/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who is working on this till right now.  Until anyone has a PIN, the
 * till acts as the business owner, as a brand-new business must not be
 * locked out of itself; from then on somebody signs in on the lock screen
 * and every change names them.  A manager's override is one action done
 * by the signed-in person with the manager as approver.
 */
#include <glib/gi18n.h>

#include "duka-current-staff.h"
#include "duka-override-dialog.h"
#include "duka-staff-sign-in.h"

struct _DukaCurrentStaff
{
  GObject               parent_instance;

  DukaBusinessSettings *business_settings;
  DukaStaff            *staff;
  DukaActor            *actor;      /* the person signed in; NULL when locked or not required */
  char                 *name;
  gboolean              required;
};

G_DEFINE_FINAL_TYPE (DukaCurrentStaff, duka_current_staff, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSINESS_SETTINGS,
  PROP_ACTOR,
  PROP_NAME,
  PROP_LOCKED,
  PROP_REQUIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GQuark
window_data_quark (void)
{
  return g_quark_from_static_string ("duka-current-staff");
}

enum {
  PEOPLE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char     *staff_id;
  char     *name;
  gboolean  locked;
  gboolean  required;
} State;

static State
save_state (DukaCurrentStaff *self)
{
  State state = {
    g_strdup (duka_current_staff_get_staff_id (self)),
    g_strdup (self->name),
    duka_current_staff_get_locked (self),
    self->required,
  };

  return state;
}

/* Notifies what differs from @before, and only that, so a write by sync
 * never disturbs someone typing their PIN. */
static void
notify_changes (DukaCurrentStaff *self,
                State            *before)
{
  gboolean other_person = g_strcmp0 (before->staff_id, duka_current_staff_get_staff_id (self)) != 0;

  g_object_freeze_notify (G_OBJECT (self));
  if (other_person || before->required != self->required)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
  if (g_strcmp0 (before->name, self->name) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  if (before->locked != duka_current_staff_get_locked (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
  if (before->required != self->required)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUIRED]);
  g_object_thaw_notify (G_OBJECT (self));

  g_free (before->staff_id);
  g_free (before->name);
}

static char *
load_name (DukaCurrentStaff *self,
           const char       *staff_id)
{
  g_autoptr(JsonObject) record = duka_staff_get (self->staff, "staff", staff_id, NULL);
  const char *display;

  if (record == NULL || !json_object_get_boolean_member_with_default (record, "active", TRUE))
    return NULL;
  display = json_object_get_string_member_with_default (record, "display_name", NULL);
  if (display != NULL && *display != '\0')
    return g_strdup (display);
  return g_strdup (json_object_get_string_member_with_default (record, "name", ""));
}

/**
 * duka_current_staff_refresh:
 *
 * Looks again at who may sign in: the first PIN ever set locks the till,
 * and a person who was made inactive or removed is signed out.  Called by
 * itself whenever staff or PINs change in the store.
 */
void
duka_current_staff_refresh (DukaCurrentStaff *self)
{
  State before = save_state (self);
  gboolean required;

  g_return_if_fail (DUKA_IS_CURRENT_STAFF (self));

  required = duka_staff_any_can_sign_in (self->staff);
  if (self->actor != NULL)
    {
      g_autofree char *name = load_name (self, self->actor->staff_id);

      if (name == NULL || !required)
        {
          g_clear_pointer (&self->actor, duka_actor_free);
          g_clear_pointer (&self->name, g_free);
        }
      else
        {
          g_free (self->name);
          self->name = g_steal_pointer (&name);
        }
    }
  self->required = required;
  notify_changes (self, &before);
  g_signal_emit (self, signals[PEOPLE_CHANGED], 0);
}

static void
store_changed_cb (DukaCurrentStaff *self)
{
  duka_current_staff_refresh (self);
}

static void
duka_current_staff_constructed (GObject *object)
{
  DukaCurrentStaff *self = (DukaCurrentStaff *) object;
  DukaStore *store;

  G_OBJECT_CLASS (duka_current_staff_parent_class)->constructed (object);

  g_assert (self->business_settings != NULL);
  store = duka_business_settings_get_store (self->business_settings);
  self->staff = duka_staff_new (store);
  self->required = duka_staff_any_can_sign_in (self->staff);

  g_signal_connect_object (store, "changed::staff", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::staff_pin", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
duka_current_staff_dispose (GObject *object)
{
  DukaCurrentStaff *self = (DukaCurrentStaff *) object;

  g_clear_object (&self->staff);
  g_clear_object (&self->business_settings);

  G_OBJECT_CLASS (duka_current_staff_parent_class)->dispose (object);
}

static void
duka_current_staff_finalize (GObject *object)
{
  DukaCurrentStaff *self = (DukaCurrentStaff *) object;

  g_clear_pointer (&self->actor, duka_actor_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (duka_current_staff_parent_class)->finalize (object);
}

static void
duka_current_staff_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DukaCurrentStaff *self = DUKA_CURRENT_STAFF (object);

  switch (prop_id)
    {
    case PROP_BUSINESS_SETTINGS:
      g_value_set_object (value, self->business_settings);
      break;
    case PROP_ACTOR:
      g_value_take_boxed (value, duka_current_staff_dup_actor (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, duka_current_staff_get_locked (self));
      break;
    case PROP_REQUIRED:
      g_value_set_boolean (value, self->required);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
duka_current_staff_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DukaCurrentStaff *self = DUKA_CURRENT_STAFF (object);

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
duka_current_staff_class_init (DukaCurrentStaffClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = duka_current_staff_constructed;
  object_class->dispose = duka_current_staff_dispose;
  object_class->finalize = duka_current_staff_finalize;
  object_class->get_property = duka_current_staff_get_property;
  object_class->set_property = duka_current_staff_set_property;

  properties[PROP_BUSINESS_SETTINGS] =
    g_param_spec_object ("business-settings", NULL, NULL, DUKA_TYPE_BUSINESS_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Who changes made now are by; notified whenever that changes. */
  properties[PROP_ACTOR] =
    g_param_spec_boxed ("actor", NULL, NULL, DUKA_TYPE_ACTOR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REQUIRED] =
    g_param_spec_boolean ("required", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Staff or PINs changed in the store: the lock screen shows them anew. */
  signals[PEOPLE_CHANGED] = g_signal_new ("people-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
duka_current_staff_init (DukaCurrentStaff *self)
{
}

DukaCurrentStaff *
duka_current_staff_new (DukaBusinessSettings *business_settings)
{
  g_return_val_if_fail (DUKA_IS_BUSINESS_SETTINGS (business_settings), NULL);

  return g_object_new (DUKA_TYPE_CURRENT_STAFF, "business-settings", business_settings, NULL);
}

DukaBusinessSettings *
duka_current_staff_get_business_settings (DukaCurrentStaff *self)
{
  g_return_val_if_fail (DUKA_IS_CURRENT_STAFF (self), NULL);

  return self->business_settings;
}

DukaStaff *
duka_current_staff_get_staff (DukaCurrentStaff *self)
{
  g_return_val_if_fail (DUKA_IS_CURRENT_STAFF (self), NULL);

  return self->staff;
}

/* Whether anyone has a PIN, so that somebody must sign in. */
gboolean
duka_current_staff_get_required (DukaCurrentStaff *self)
{
  g_return_val_if_fail (DUKA_IS_CURRENT_STAFF (self), FALSE);

  return self->required;
}

gboolean
duka_current_staff_get_locked (DukaCurrentStaff *self)
{
  g_return_val_if_fail (DUKA_IS_CURRENT_STAFF (self), TRUE);

  return self->required && self->actor == NULL;
}

const char *
duka_current_staff_get_staff_id (DukaCurrentStaff *self)
{
  g_return_val_if_fail (DUKA_IS_CURRENT_STAFF (self), NULL);

  return self->actor ? self->actor->staff_id : NULL;
}

/* The name of the person signed in; %NULL while nobody needs to. */
const char *
duka_current_staff_get_name (DukaCurrentStaff *self)
{
  g_return_val_if_fail (DUKA_IS_CURRENT_STAFF (self), NULL);

  return self->name;
}

/**
 * duka_current_staff_dup_actor:
 *
 * Returns: (transfer full) (nullable): who a change made now is by: the
 *   person signed in, the business owner while nobody has a PIN, or %NULL
 *   while the till is locked (core refuses a %NULL actor)
 */
DukaActor *
duka_current_staff_dup_actor (DukaCurrentStaff *self)
{
  g_return_val_if_fail (DUKA_IS_CURRENT_STAFF (self), NULL);

  if (self->actor != NULL)
    return duka_actor_copy (self->actor);
  if (!self->required)
    return duka_business_settings_dup_actor (self->business_settings);
  return NULL;
}

/* Asks the same permission registry core asks, so what is greyed out and
 * what core refuses never disagree. */
gboolean
duka_current_staff_can (DukaCurrentStaff *self,
                        DukaPermission    permission)
{
  g_autoptr(DukaActor) actor = NULL;

  g_return_val_if_fail (DUKA_IS_CURRENT_STAFF (self), FALSE);

  actor = duka_current_staff_dup_actor (self);
  return actor != NULL && duka_permission_is_granted (actor, permission);
}

/* Signing in and out ---------------------------------------------------------- */

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DukaCurrentStaff *self = g_task_get_source_object (task);
  g_autoptr(DukaActor) actor = NULL;
  GError *error = NULL;
  State before;

  actor = duka_staff_verify_pin_finish (DUKA_STAFF (source), result, &error);
  if (actor == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  before = save_state (self);
  g_clear_pointer (&self->actor, duka_actor_free);
  g_clear_pointer (&self->name, g_free);
  self->name = load_name (self, actor->staff_id);
  self->actor = g_steal_pointer (&actor);
  self->required = TRUE;
  notify_changes (self, &before);
  g_task_return_boolean (task, TRUE);
}

/**
 * duka_current_staff_sign_in_async:
 *
 * Checks @pin for @staff_id off the main thread; on success that person
 * is signed in.  A wrong PIN counts towards their lockout on this till.
 */
void
duka_current_staff_sign_in_async (DukaCurrentStaff    *self,
                                  const char          *staff_id,
                                  const char          *pin,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DUKA_IS_CURRENT_STAFF (self));
  g_return_if_fail (staff_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, duka_current_staff_sign_in_async);
  duka_staff_verify_pin_async (self->staff, staff_id, pin, cancellable, verified_cb, task);
}

gboolean
duka_current_staff_sign_in_finish (DukaCurrentStaff  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Signs the person out; the lock screen asks who is next.  Nothing
 * happens while nobody has a PIN. */
void
duka_current_staff_lock (DukaCurrentStaff *self)
{
  State before;

  g_return_if_fail (DUKA_IS_CURRENT_STAFF (self));

  if (!self->required || self->actor == NULL)
    return;

  before = save_state (self);
  g_clear_pointer (&self->actor, duka_actor_free);
  g_clear_pointer (&self->name, g_free);
  notify_changes (self, &before);
}

/* Manager override -------------------------------------------------------------- */

typedef struct
{
  GTask    *task;
  gboolean  done;
} Authorize;

static void
authorize_approved_cb (GtkWidget  *dialog,
                       const char *approver_id,
                       Authorize  *data)
{
  DukaCurrentStaff *self = g_task_get_source_object (data->task);
  DukaActor *actor = duka_current_staff_dup_actor (self);

  if (actor == NULL)
    g_task_return_new_error (data->task, DUKA_PERMISSION_ERROR, DUKA_PERMISSION_ERROR_DENIED,
                             "%s", _("Sign in first"));
  else
    {
      g_free (actor->approver_id);
      actor->approver_id = g_strdup (approver_id);
      g_task_return_pointer (data->task, actor, (GDestroyNotify) duka_actor_free);
    }
  data->done = TRUE;
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
authorize_destroy_cb (GtkWidget *dialog,
                      Authorize *data)
{
  if (!data->done)
    g_task_return_new_error (data->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "%s", _("Nobody approved it"));
  data->done = TRUE;
}

static void
authorize_free (gpointer  user_data,
                GClosure *closure)
{
  Authorize *data = user_data;

  g_clear_object (&data->task);
  g_free (data);
}

/**
 * duka_current_staff_approve_async:
 * @parent: a widget of the window to put the dialog over
 *
 * Asks a manager who holds @permission to approve one action by entering
 * their PIN, even when the signed-in person holds @permission too: core
 * refused something a role's limit decides (a discount beyond the
 * person's limit) and the approver's limit may allow it.  Finishes, with
 * duka_current_staff_authorize_finish(), with an actor whose approver_id
 * names the manager, or %G_IO_ERROR_CANCELLED when the dialog is closed
 * without approval.
 */
void
duka_current_staff_approve_async (DukaCurrentStaff    *self,
                                  GtkWidget           *parent,
                                  DukaPermission       permission,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Authorize *data;
  GtkWidget *dialog;
  GtkRoot *root;

  g_return_if_fail (DUKA_IS_CURRENT_STAFF (self));
  g_return_if_fail (GTK_IS_WIDGET (parent));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, duka_current_staff_approve_async);

  if (duka_current_staff_get_locked (self) || !self->required)
    {
      /* Without people there is nobody to approve anything. */
      g_task_return_new_error (task, DUKA_PERMISSION_ERROR, DUKA_PERMISSION_ERROR_DENIED,
                               _("You are not allowed to do this (it needs “%s”)."),
                               duka_permission_get_label (permission));
      return;
    }

  root = gtk_widget_get_root (parent);
  dialog = duka_override_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self, permission);
  data = g_new0 (Authorize, 1);
  data->task = g_steal_pointer (&task);
  g_signal_connect_data (dialog, "approved", G_CALLBACK (authorize_approved_cb), data, NULL, 0);
  g_signal_connect_data (dialog, "destroy", G_CALLBACK (authorize_destroy_cb), data, authorize_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * duka_current_staff_authorize_async:
 * @parent: a widget of the window to put the dialog over
 *
 * Gets an actor for one action that needs @permission: the signed-in
 * person's own when they hold it, otherwise one approved by a manager who
 * enters their PIN in a dialog (see duka_current_staff_approve_async()).
 */
void
duka_current_staff_authorize_async (DukaCurrentStaff    *self,
                                    GtkWidget           *parent,
                                    DukaPermission       permission,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (DUKA_IS_CURRENT_STAFF (self));
  g_return_if_fail (GTK_IS_WIDGET (parent));

  if (duka_current_staff_can (self, permission))
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, duka_current_staff_authorize_async);
      g_task_return_pointer (task, duka_current_staff_dup_actor (self), (GDestroyNotify) duka_actor_free);
      return;
    }

  duka_current_staff_approve_async (self, parent, permission, cancellable, callback, user_data);
}

/**
 * duka_current_staff_authorize_finish:
 *
 * Returns: (transfer full): the actor to make the one change with
 */
DukaActor *
duka_current_staff_authorize_finish (DukaCurrentStaff  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Finding it from a view ----------------------------------------------------------- */

void
duka_current_staff_attach (DukaCurrentStaff *self,
                           GtkWindow        *window)
{
  g_return_if_fail (DUKA_IS_CURRENT_STAFF (self));
  g_return_if_fail (GTK_IS_WINDOW (window));

  g_object_set_qdata_full (G_OBJECT (window), window_data_quark (), g_object_ref (self), g_object_unref);
}

/**
 * duka_current_staff_get_for_widget:
 *
 * Returns: (transfer none) (nullable): the signed-in person of the window
 *   @widget is in, following dialogs to the window they belong to
 */
DukaCurrentStaff *
duka_current_staff_get_for_widget (GtkWidget *widget)
{
  GtkRoot *root;
  GtkWindow *window;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  while (window != NULL)
    {
      DukaCurrentStaff *self = g_object_get_qdata (G_OBJECT (window), window_data_quark ());

      if (self != NULL)
        return self;
      window = gtk_window_get_transient_for (window);
    }

  return NULL;
}

/**
 * duka_current_staff_dup_actor_for_widget:
 * @business_settings: for a view shown outside a Duka window, which acts
 *   as the owner as before
 *
 * Returns: (transfer full) (nullable): the actor a view's change is by
 */
DukaActor *
duka_current_staff_dup_actor_for_widget (GtkWidget            *widget,
                                         DukaBusinessSettings *business_settings)
{
  DukaCurrentStaff *self = duka_current_staff_get_for_widget (widget);

  if (self != NULL)
    return duka_current_staff_dup_actor (self);
  return duka_business_settings_dup_actor (business_settings);
}

/* Whether the person signed in where @widget is may do it; outside a Duka
 * window, core alone decides. */
gboolean
duka_current_staff_widget_can (GtkWidget      *widget,
                               DukaPermission  permission)
{
  DukaCurrentStaff *self = duka_current_staff_get_for_widget (widget);

  return self == NULL || duka_current_staff_can (self, permission);
}
