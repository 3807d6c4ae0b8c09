/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The business, outlet and till form.  Every field is checked as it is
 * typed, the reason shown beside it; Save stays off until the whole form
 * is valid, so nothing half-valid is ever stored.
 */
#include <glib/gi18n.h>

#include "duka-currency.h"
#include "duka-current-staff.h"
#include "duka-form.h"
#include "duka-money.h"
#include "duka-receipt-settings-page.h"
#include "duka-settings-view.h"

struct _DukaSettingsView
{
  AdwBin                parent_instance;

  DukaBusinessSettings *business_settings;
  DukaProfile          *saved;
  gboolean              configured;
  gboolean              filling;
  gboolean              dirty;
  gboolean              valid;

  GtkLabel             *field_labels[DUKA_PROFILE_N_FIELDS];
  char                 *field_errors[DUKA_PROFILE_N_FIELDS];

  AdwPreferencesGroup  *business_group;
  AdwEntryRow          *business_name_row;
  AdwEntryRow          *business_address_row;
  AdwEntryRow          *business_tax_number_row;
  AdwEntryRow          *outlet_name_row;
  AdwEntryRow          *time_zone_row;
  AdwEntryRow          *currency_row;
  AdwComboRow          *tax_regime_row;
  GtkSpinButton        *cutoff_spin;
  AdwEntryRow          *till_name_row;
  AdwEntryRow          *till_code_row;
  GtkLabel             *preview_sale_label;
  GtkLabel             *preview_refund_label;
  GtkLabel             *preview_receipt_label;
  GtkLabel             *preview_date_label;
  GtkActionBar         *action_bar;
  GtkLabel             *status_label;
  DukaReceiptSettingsPage *receipt_page;
};

G_DEFINE_FINAL_TYPE (DukaSettingsView, duka_settings_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSINESS_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const DukaProfileField text_fields[] = {
  DUKA_PROFILE_FIELD_BUSINESS_NAME,
  DUKA_PROFILE_FIELD_BUSINESS_ADDRESS,
  DUKA_PROFILE_FIELD_BUSINESS_TAX_NUMBER,
  DUKA_PROFILE_FIELD_OUTLET_NAME,
  DUKA_PROFILE_FIELD_TIME_ZONE,
  DUKA_PROFILE_FIELD_CURRENCY,
  DUKA_PROFILE_FIELD_TILL_NAME,
  DUKA_PROFILE_FIELD_TILL_CODE,
};

static AdwEntryRow *
get_entry (DukaSettingsView *self,
           DukaProfileField  field)
{
  switch (field)
    {
    case DUKA_PROFILE_FIELD_BUSINESS_NAME: return self->business_name_row;
    case DUKA_PROFILE_FIELD_BUSINESS_ADDRESS: return self->business_address_row;
    case DUKA_PROFILE_FIELD_BUSINESS_TAX_NUMBER: return self->business_tax_number_row;
    case DUKA_PROFILE_FIELD_OUTLET_NAME: return self->outlet_name_row;
    case DUKA_PROFILE_FIELD_TIME_ZONE: return self->time_zone_row;
    case DUKA_PROFILE_FIELD_CURRENCY: return self->currency_row;
    case DUKA_PROFILE_FIELD_TILL_NAME: return self->till_name_row;
    case DUKA_PROFILE_FIELD_TILL_CODE: return self->till_code_row;
    case DUKA_PROFILE_FIELD_TAX_REGIME:
    case DUKA_PROFILE_FIELD_CUTOFF_HOUR:
    case DUKA_PROFILE_N_FIELDS:
    default:
      return NULL;
    }
}

static const char *
entry_text (DukaSettingsView *self,
            DukaProfileField  field)
{
  return gtk_editable_get_text (GTK_EDITABLE (get_entry (self, field)));
}

static void
replace_text (char       **member,
              DukaProfileField field,
              const char  *text)
{
  g_free (*member);
  *member = duka_profile_normalize_text (field, text);
}

/* The form as it stands now, normalised the way it would be saved. */
static DukaProfile *
read_form (DukaSettingsView *self)
{
  DukaProfile *p = duka_profile_copy (self->saved);

  replace_text (&p->business_name, DUKA_PROFILE_FIELD_BUSINESS_NAME,
                entry_text (self, DUKA_PROFILE_FIELD_BUSINESS_NAME));
  replace_text (&p->business_address, DUKA_PROFILE_FIELD_BUSINESS_ADDRESS,
                entry_text (self, DUKA_PROFILE_FIELD_BUSINESS_ADDRESS));
  replace_text (&p->business_tax_number, DUKA_PROFILE_FIELD_BUSINESS_TAX_NUMBER,
                entry_text (self, DUKA_PROFILE_FIELD_BUSINESS_TAX_NUMBER));
  replace_text (&p->outlet_name, DUKA_PROFILE_FIELD_OUTLET_NAME,
                entry_text (self, DUKA_PROFILE_FIELD_OUTLET_NAME));
  replace_text (&p->time_zone, DUKA_PROFILE_FIELD_TIME_ZONE,
                entry_text (self, DUKA_PROFILE_FIELD_TIME_ZONE));
  replace_text (&p->currency, DUKA_PROFILE_FIELD_CURRENCY,
                entry_text (self, DUKA_PROFILE_FIELD_CURRENCY));
  replace_text (&p->till_name, DUKA_PROFILE_FIELD_TILL_NAME,
                entry_text (self, DUKA_PROFILE_FIELD_TILL_NAME));
  replace_text (&p->till_code, DUKA_PROFILE_FIELD_TILL_CODE,
                entry_text (self, DUKA_PROFILE_FIELD_TILL_CODE));
  p->tax_regime = adw_combo_row_get_selected (self->tax_regime_row);
  p->cutoff_hour = gtk_spin_button_get_value_as_int (self->cutoff_spin);

  return p;
}

/* A valid currency or time zone gets a quiet hint of what it means; an
 * invalid field gets the reason, in the error colour. */
static char *
describe_valid_field (DukaProfileField  field,
                      const char       *value)
{
  g_autofree char *text = duka_profile_normalize_text (field, value);

  if (field == DUKA_PROFILE_FIELD_CURRENCY)
    {
      const DukaCurrency *currency = duka_currency_lookup (text);

      return g_strdup (duka_currency_get_display_name (currency));
    }

  if (field == DUKA_PROFILE_FIELD_TIME_ZONE)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (text);
      g_autoptr(GDateTime) now = g_date_time_new_now (tz);

      return g_date_time_format (now, _("UTC%:z"));
    }

  return NULL;
}

static void
show_field_state (DukaSettingsView *self,
                  DukaProfileField  field,
                  const char       *error_message,
                  const char       *hint)
{
  GtkLabel *label = self->field_labels[field];
  GtkWidget *row = GTK_WIDGET (get_entry (self, field));

  g_free (self->field_errors[field]);
  self->field_errors[field] = g_strdup (error_message);
  duka_form_show_reason (row, label, error_message, hint);
}

static gboolean
validate_field (DukaSettingsView *self,
                DukaProfileField  field)
{
  g_autoptr(GError) error = NULL;
  const char *value = entry_text (self, field);

  if (!duka_profile_validate_text (field, value, &error))
    {
      show_field_state (self, field, error->message, NULL);
      return FALSE;
    }

  {
    g_autofree char *hint = describe_valid_field (field, value);

    show_field_state (self, field, NULL, hint);
  }

  return TRUE;
}

static guint
power_of_ten (guint exponent)
{
  guint n = 1;

  while (exponent-- > 0)
    n *= 10;
  return n;
}

/* 12,345.67 and -45.50 in whatever the currency's minor unit is. */
static gint64
sample_amount (const DukaCurrency *currency,
               gint64              hundredths)
{
  if (currency->exponent >= 2)
    return hundredths * power_of_ten (currency->exponent - 2);

  return hundredths / (gint64) power_of_ten (2 - currency->exponent);
}

static void
update_preview (DukaSettingsView  *self,
                const DukaProfile *form)
{
  const DukaCurrency *currency = duka_currency_lookup (form->currency);
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) business_day = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  g_autofree char *when = NULL;
  g_autofree char *receipt = NULL;

  if (currency == NULL)
    currency = duka_currency_lookup (self->saved->currency);
  if (currency != NULL)
    {
      g_autofree char *sale = duka_money_format (sample_amount (currency, 1234567), currency);
      g_autofree char *refund = duka_money_format (sample_amount (currency, -4550), currency);

      gtk_label_set_text (self->preview_sale_label, sale);
      gtk_label_set_text (self->preview_refund_label, refund);
    }

  if (duka_profile_validate_text (DUKA_PROFILE_FIELD_TILL_CODE, form->till_code, NULL))
    {
      /* Translators: a receipt number: the till code, then the number. */
      receipt = g_strdup_printf (_("%s-%u"), form->till_code, 1042);
      gtk_label_set_text (self->preview_receipt_label, receipt);
    }

  if (duka_profile_validate_text (DUKA_PROFILE_FIELD_TIME_ZONE, form->time_zone, NULL))
    tz = g_time_zone_new_identifier (form->time_zone);
  else
    tz = g_time_zone_new_identifier (self->saved->time_zone);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  /* Before the cut-off hour, it is still yesterday's business day. */
  now = g_date_time_new_now (tz);
  if (g_date_time_get_hour (now) < form->cutoff_hour)
    business_day = g_date_time_add_days (now, -1);
  else
    business_day = g_date_time_ref (now);

  /* Translators: a business date, see the strftime-like formats of
   * g_date_time_format(). */
  date = g_date_time_format (business_day, _("%A, %-d %B %Y"));
  time = g_date_time_format (now, "%H:%M");
  /* Translators: the first %s is a date, the second the time of day now
   * in the outlet's time zone. */
  when = g_strdup_printf (_("%s (now %s there)"), date, time);
  gtk_label_set_text (self->preview_date_label, when);
}

static void
update_state (DukaSettingsView *self)
{
  g_autoptr(DukaProfile) form = NULL;
  gboolean valid = TRUE;

  if (self->filling || self->saved == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    valid &= validate_field (self, text_fields[i]);

  form = read_form (self);
  self->valid = valid;
  self->dirty = !self->configured || !duka_profile_equal (form, self->saved);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.save",
                                 self->dirty && self->valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.revert",
                                 self->dirty && self->configured);
  gtk_action_bar_set_revealed (self->action_bar, self->dirty);

  if (!self->configured)
    gtk_label_set_text (self->status_label, _("Not saved yet"));
  else if (!self->valid)
    gtk_label_set_text (self->status_label, _("Fix the marked fields to save"));
  else
    gtk_label_set_text (self->status_label, _("Unsaved changes"));

  update_preview (self, form);
}

static void
set_entry_text (DukaSettingsView *self,
                DukaProfileField  field,
                const char       *text)
{
  gtk_editable_set_text (GTK_EDITABLE (get_entry (self, field)), text ? text : "");
}

static void
fill_form (DukaSettingsView *self)
{
  DukaProfile *p = self->saved;

  self->filling = TRUE;
  set_entry_text (self, DUKA_PROFILE_FIELD_BUSINESS_NAME, p->business_name);
  set_entry_text (self, DUKA_PROFILE_FIELD_BUSINESS_ADDRESS, p->business_address);
  set_entry_text (self, DUKA_PROFILE_FIELD_BUSINESS_TAX_NUMBER, p->business_tax_number);
  set_entry_text (self, DUKA_PROFILE_FIELD_OUTLET_NAME, p->outlet_name);
  set_entry_text (self, DUKA_PROFILE_FIELD_TIME_ZONE, p->time_zone);
  set_entry_text (self, DUKA_PROFILE_FIELD_CURRENCY, p->currency);
  set_entry_text (self, DUKA_PROFILE_FIELD_TILL_NAME, p->till_name);
  set_entry_text (self, DUKA_PROFILE_FIELD_TILL_CODE, p->till_code);
  adw_combo_row_set_selected (self->tax_regime_row, p->tax_regime);
  gtk_spin_button_set_value (self->cutoff_spin, p->cutoff_hour);
  self->filling = FALSE;

  adw_preferences_group_set_description (self->business_group,
    self->configured ? NULL
                     : _("Welcome to Duka! Tell it about your business to get "
                         "started. Nothing is stored until you press Save."));

  update_state (self);
}

static void
reload (DukaSettingsView *self)
{
  g_autoptr(GError) error = NULL;
  DukaProfile *profile;

  profile = duka_business_settings_load (self->business_settings, &error);
  if (profile == NULL)
    {
      g_warning ("Could not load the business settings: %s", error->message);
      profile = duka_profile_new_default ();
    }

  g_clear_pointer (&self->saved, duka_profile_free);
  self->saved = profile;
  self->configured = duka_business_settings_is_configured (self->business_settings);
  fill_form (self);
}

static void
show_toast (DukaSettingsView *self,
            const char       *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DukaSettingsView *self = DUKA_SETTINGS_VIEW (widget);
  g_autoptr(DukaProfile) form = NULL;
  g_autoptr(DukaActor) actor = NULL;
  g_autoptr(GError) error = NULL;

  update_state (self);
  if (!self->valid)
    return;

  form = read_form (self);
  actor = duka_current_staff_dup_actor_for_widget (widget, self->business_settings);

  if (!duka_business_settings_save (self->business_settings, actor, form, &error))
    {
      if (error->domain == DUKA_PROFILE_ERROR && get_entry (self, error->code) != NULL)
        show_field_state (self, error->code, error->message, NULL);
      show_toast (self, error->message);
      return;
    }

  reload (self);
  show_toast (self, _("Settings saved"));
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  fill_form (DUKA_SETTINGS_VIEW (widget));
}

static gboolean
cutoff_output_cb (GtkSpinButton *spin,
                  gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d:00", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

/* Accepts "4", "04" and "04:00"; anything else is refused and the spin
 * button keeps its value, so the hour can never be out of range. */
static int
cutoff_input_cb (GtkSpinButton *spin,
                 double        *new_value,
                 gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_auto(GStrv) parts = g_strsplit (text, ":", 2);
  guint64 hour;

  if (parts[0] == NULL ||
      !g_ascii_string_to_unsigned (g_strstrip (parts[0]), 10, 0, 23, &hour, NULL) ||
      (parts[1] != NULL && g_strcmp0 (g_strstrip (parts[1]), "00") != 0))
    return GTK_INPUT_ERROR;

  *new_value = (double) hour;
  return TRUE;
}

static void
setup_field_labels (DukaSettingsView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      DukaProfileField field = text_fields[i];

      self->field_labels[field] = duka_form_add_reason_label (GTK_WIDGET (get_entry (self, field)));

      g_signal_connect_object (get_entry (self, field), "changed",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
    }

  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->till_code_row), 8);
  adw_entry_row_set_input_hints (self->till_code_row, GTK_INPUT_HINT_UPPERCASE_CHARS |
                                                      GTK_INPUT_HINT_NO_SPELLCHECK);
  adw_entry_row_set_input_hints (self->currency_row, GTK_INPUT_HINT_UPPERCASE_CHARS |
                                                     GTK_INPUT_HINT_NO_SPELLCHECK);
  adw_entry_row_set_input_hints (self->time_zone_row, GTK_INPUT_HINT_NO_SPELLCHECK);
}

static void
setup_tax_regimes (DukaSettingsView *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; i < DUKA_TAX_REGIME_N_REGIMES; i++)
    gtk_string_list_append (model, duka_tax_regime_get_label (i));

  adw_combo_row_set_model (self->tax_regime_row, G_LIST_MODEL (model));
  g_signal_connect_object (self->tax_regime_row, "notify::selected",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cutoff_spin, "value-changed",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
}

static void
duka_settings_view_constructed (GObject *object)
{
  DukaSettingsView *self = (DukaSettingsView *) object;

  G_OBJECT_CLASS (duka_settings_view_parent_class)->constructed (object);

  if (self->business_settings != NULL)
    {
      g_signal_connect_object (self->business_settings, "changed",
                               G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
      reload (self);
      duka_receipt_settings_page_set_business_settings (self->receipt_page, self->business_settings);
    }
}

static void
duka_settings_view_dispose (GObject *object)
{
  DukaSettingsView *self = (DukaSettingsView *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DUKA_TYPE_SETTINGS_VIEW);
  g_clear_object (&self->business_settings);

  G_OBJECT_CLASS (duka_settings_view_parent_class)->dispose (object);
}

static void
duka_settings_view_finalize (GObject *object)
{
  DukaSettingsView *self = (DukaSettingsView *) object;

  g_clear_pointer (&self->saved, duka_profile_free);
  for (guint i = 0; i < DUKA_PROFILE_N_FIELDS; i++)
    g_free (self->field_errors[i]);

  G_OBJECT_CLASS (duka_settings_view_parent_class)->finalize (object);
}

static void
duka_settings_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DukaSettingsView *self = DUKA_SETTINGS_VIEW (object);

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
duka_settings_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DukaSettingsView *self = DUKA_SETTINGS_VIEW (object);

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
duka_settings_view_class_init (DukaSettingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = duka_settings_view_constructed;
  object_class->dispose = duka_settings_view_dispose;
  object_class->finalize = duka_settings_view_finalize;
  object_class->get_property = duka_settings_view_get_property;
  object_class->set_property = duka_settings_view_set_property;

  properties[PROP_BUSINESS_SETTINGS] =
    g_param_spec_object ("business-settings", NULL, NULL,
                         DUKA_TYPE_BUSINESS_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DUKA_TYPE_RECEIPT_SETTINGS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/duka-settings-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DukaSettingsView, receipt_page);
  gtk_widget_class_bind_template_child (widget_class, DukaSettingsView, business_group);
  gtk_widget_class_bind_template_child (widget_class, DukaSettingsView, business_name_row);
  gtk_widget_class_bind_template_child (widget_class, DukaSettingsView, business_address_row);
  gtk_widget_class_bind_template_child (widget_class, DukaSettingsView, business_tax_number_row);
  gtk_widget_class_bind_template_child (widget_class, DukaSettingsView, outlet_name_row);
  gtk_widget_class_bind_template_child (widget_class, DukaSettingsView, time_zone_row);
  gtk_widget_class_bind_template_child (widget_class, DukaSettingsView, currency_row);
  gtk_widget_class_bind_template_child (widget_class, DukaSettingsView, tax_regime_row);
  gtk_widget_class_bind_template_child (widget_class, DukaSettingsView, cutoff_spin);
  gtk_widget_class_bind_template_child (widget_class, DukaSettingsView, till_name_row);
  gtk_widget_class_bind_template_child (widget_class, DukaSettingsView, till_code_row);
  gtk_widget_class_bind_template_child (widget_class, DukaSettingsView, preview_sale_label);
  gtk_widget_class_bind_template_child (widget_class, DukaSettingsView, preview_refund_label);
  gtk_widget_class_bind_template_child (widget_class, DukaSettingsView, preview_receipt_label);
  gtk_widget_class_bind_template_child (widget_class, DukaSettingsView, preview_date_label);
  gtk_widget_class_bind_template_child (widget_class, DukaSettingsView, action_bar);
  gtk_widget_class_bind_template_child (widget_class, DukaSettingsView, status_label);
  gtk_widget_class_bind_template_callback (widget_class, cutoff_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, cutoff_input_cb);

  gtk_widget_class_install_action (widget_class, "settings.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "settings.revert", NULL, revert_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "settings.save", NULL);
}

static void
duka_settings_view_init (DukaSettingsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  setup_field_labels (self);
  setup_tax_regimes (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.revert", FALSE);
}

GtkWidget *
duka_settings_view_new (DukaBusinessSettings *business_settings)
{
  return g_object_new (DUKA_TYPE_SETTINGS_VIEW,
                       "business-settings", business_settings,
                       NULL);
}

gboolean
duka_settings_view_get_dirty (DukaSettingsView *self)
{
  g_return_val_if_fail (DUKA_IS_SETTINGS_VIEW (self), FALSE);

  return self->dirty;
}

gboolean
duka_settings_view_get_valid (DukaSettingsView *self)
{
  g_return_val_if_fail (DUKA_IS_SETTINGS_VIEW (self), FALSE);

  return self->valid;
}

/* The reason shown beside a field, or NULL when the field is fine. */
const char *
duka_settings_view_get_field_error (DukaSettingsView *self,
                                    DukaProfileField  field)
{
  g_return_val_if_fail (DUKA_IS_SETTINGS_VIEW (self), NULL);
  g_return_val_if_fail (field < DUKA_PROFILE_N_FIELDS, NULL);

  return self->field_errors[field];
}
