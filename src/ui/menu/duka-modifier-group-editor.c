/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Creates or edits one modifier group: its name, how many choices a
 * customer must and may make, and the options with their extra prices.
 * Save stays off while anything is wrong, the reason shown beside it.
 */
#include <glib/gi18n.h>

#include "duka-current-staff.h"
#include "duka-id.h"
#include "duka-menu-fields.h"
#include "duka-modifier-group-editor.h"

typedef struct
{
  char           *id;
  AdwEntryRow    *row;
  GtkEntry       *price_entry;
  GtkCheckButton *default_check;
} OptionRow;

struct _DukaModifierGroupEditor
{
  AdwWindow             parent_instance;

  DukaCatalog          *catalog;
  DukaBusinessSettings *business_settings;
  const DukaCurrency   *currency;
  JsonObject           *record;
  GPtrArray            *options;  /* OptionRow */
  gboolean              valid;
  char                 *name_error;
  char                 *choices_error;
  char                 *options_error;
  GtkLabel             *name_label;

  AdwEntryRow          *name_row;
  GtkSpinButton        *min_spin;
  GtkSpinButton        *max_spin;
  GtkLabel             *choices_label;
  AdwActionRow         *max_row;
  GtkListBox           *options_list;
  GtkLabel             *status_label;
};

G_DEFINE_FINAL_TYPE (DukaModifierGroupEditor, duka_modifier_group_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
option_row_free (OptionRow *option)
{
  g_free (option->id);
  g_free (option);
}

static void
set_error (char       **member,
           const char  *reason)
{
  g_free (*member);
  *member = g_strdup (reason);
}

static gboolean
validate_options (DukaModifierGroupEditor *self)
{
  gboolean valid = TRUE;

  set_error (&self->options_error, NULL);
  if (self->options->len == 0)
    {
      set_error (&self->options_error, _("Add at least one option"));
      valid = FALSE;
    }

  for (guint i = 0; i < self->options->len; i++)
    {
      OptionRow *option = g_ptr_array_index (self->options, i);
      g_autofree char *reason = NULL;
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (option->row))));
      gint64 price;

      if (*name == '\0')
        reason = g_strdup (_("Give the option a name"));
      else if (!duka_menu_parse_price (gtk_editable_get_text (GTK_EDITABLE (option->price_entry)),
                                       self->currency,
                                       DUKA_PRICE_OPTIONAL | DUKA_PRICE_ALLOW_NEGATIVE,
                                       NULL, &price, &reason))
        gtk_widget_add_css_class (GTK_WIDGET (option->price_entry), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (option->price_entry), "error");

      if (reason != NULL)
        {
          if (*name == '\0')
            gtk_widget_add_css_class (GTK_WIDGET (option->row), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (option->row), reason);
          if (valid)
            set_error (&self->options_error, reason);
          valid = FALSE;
        }
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (option->row), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (option->row), NULL);
        }
    }

  return valid;
}

static void
update_state (DukaModifierGroupEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  int min = gtk_spin_button_get_value_as_int (self->min_spin);
  int max = gtk_spin_button_get_value_as_int (self->max_spin);
  gboolean options_ok;

  set_error (&self->name_error, *name == '\0' ? _("Give the group a name") : NULL);
  duka_form_show_reason (GTK_WIDGET (self->name_row), self->name_label, self->name_error, NULL);

  options_ok = validate_options (self);

  if (min > max)
    set_error (&self->choices_error,
               _("“At least” cannot be more than “At most”"));
  else if (options_ok && (guint) min > self->options->len)
    set_error (&self->choices_error,
               _("The group asks for more choices than it has options"));
  else
    set_error (&self->choices_error, NULL);
  duka_form_show_reason (GTK_WIDGET (self->max_row), self->choices_label, self->choices_error, NULL);

  self->valid = self->name_error == NULL && self->choices_error == NULL && options_ok;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "group.save", self->valid);
}

static OptionRow *
append_option (DukaModifierGroupEditor *self,
               const char              *id,
               const char              *name,
               const char              *price,
               gboolean                 is_default)
{
  OptionRow *option = g_new0 (OptionRow, 1);
  GtkWidget *remove;

  option->id = id ? g_strdup (id) : duka_id_new ();
  option->row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (option->row), _("Option"));
  gtk_editable_set_text (GTK_EDITABLE (option->row), name ? name : "");

  option->price_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (option->price_entry, _("Extra price"));
  gtk_editable_set_width_chars (GTK_EDITABLE (option->price_entry), 9);
  gtk_entry_set_input_purpose (option->price_entry, GTK_INPUT_PURPOSE_NUMBER);
  gtk_editable_set_text (GTK_EDITABLE (option->price_entry), price ? price : "");
  gtk_widget_set_valign (GTK_WIDGET (option->price_entry), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (option->price_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Extra price"), -1);
  adw_entry_row_add_suffix (option->row, GTK_WIDGET (option->price_entry));

  option->default_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("Default")));
  gtk_check_button_set_active (option->default_check, is_default);
  gtk_widget_set_tooltip_text (GTK_WIDGET (option->default_check),
                               _("Chosen unless the customer says otherwise"));
  adw_entry_row_add_suffix (option->row, GTK_WIDGET (option->default_check));

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove Option"));
  gtk_widget_add_css_class (remove, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "group.remove-option");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", option->id);
  adw_entry_row_add_suffix (option->row, remove);

  g_signal_connect_object (option->row, "changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (option->price_entry, "changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);

  gtk_list_box_append (self->options_list, GTK_WIDGET (option->row));
  g_ptr_array_add (self->options, option);

  return option;
}

void
duka_modifier_group_editor_add_option (DukaModifierGroupEditor *self,
                                       const char              *name,
                                       const char              *price)
{
  g_return_if_fail (DUKA_IS_MODIFIER_GROUP_EDITOR (self));

  append_option (self, NULL, name, price, FALSE);
  update_state (self);
}

static void
add_option_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  DukaModifierGroupEditor *self = DUKA_MODIFIER_GROUP_EDITOR (widget);
  OptionRow *option = append_option (self, NULL, NULL, NULL, FALSE);

  update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (option->row));
}

static void
remove_option_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  DukaModifierGroupEditor *self = DUKA_MODIFIER_GROUP_EDITOR (widget);
  const char *id = g_variant_get_string (param, NULL);

  for (guint i = 0; i < self->options->len; i++)
    {
      OptionRow *option = g_ptr_array_index (self->options, i);

      if (g_str_equal (option->id, id))
        {
          gtk_list_box_remove (self->options_list, GTK_WIDGET (option->row));
          g_ptr_array_remove_index (self->options, i);
          break;
        }
    }

  update_state (self);
}

static JsonObject *
read_form (DukaModifierGroupEditor *self)
{
  JsonObject *record = json_object_new ();
  g_autoptr(JsonArray) options = json_array_new ();
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  if (self->record != NULL)
    {
      json_object_set_string_member (record, "id", json_object_get_string_member (self->record, "id"));
      json_object_set_int_member (record, "version", json_object_get_int_member (self->record, "version"));
    }
  json_object_set_string_member (record, "name", name);
  json_object_set_int_member (record, "min_choices", gtk_spin_button_get_value_as_int (self->min_spin));
  json_object_set_int_member (record, "max_choices", gtk_spin_button_get_value_as_int (self->max_spin));

  for (guint i = 0; i < self->options->len; i++)
    {
      OptionRow *option = g_ptr_array_index (self->options, i);
      JsonObject *o = json_object_new ();
      g_autofree char *option_name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (option->row))));
      gint64 price = 0;

      duka_menu_parse_price (gtk_editable_get_text (GTK_EDITABLE (option->price_entry)),
                             self->currency, DUKA_PRICE_OPTIONAL | DUKA_PRICE_ALLOW_NEGATIVE,
                             NULL, &price, NULL);
      json_object_set_string_member (o, "id", option->id);
      json_object_set_string_member (o, "name", option_name);
      json_object_set_int_member (o, "price", price);
      json_object_set_boolean_member (o, "default", gtk_check_button_get_active (option->default_check));
      json_array_add_object_element (options, o);
    }
  json_object_set_array_member (record, "options", g_steal_pointer (&options));

  return record;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DukaModifierGroupEditor *self = DUKA_MODIFIER_GROUP_EDITOR (widget);
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(DukaActor) actor = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  update_state (self);
  if (!self->valid || self->catalog == NULL)
    return;

  record = read_form (self);
  actor = duka_current_staff_dup_actor_for_widget (widget, self->business_settings);
  if (!duka_catalog_save (self->catalog, actor, "modifier_group", record, &id, &error))
    {
      gtk_label_set_text (self->status_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
fill_form (DukaModifierGroupEditor *self)
{
  JsonArray *options;

  if (self->record == NULL)
    return;

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Modifier Group"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         json_object_get_string_member_with_default (self->record, "name", ""));
  gtk_spin_button_set_value (self->min_spin,
                             json_object_get_int_member_with_default (self->record, "min_choices", 0));
  gtk_spin_button_set_value (self->max_spin,
                             json_object_get_int_member_with_default (self->record, "max_choices", 1));

  options = json_object_get_array_member (self->record, "options");
  for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
    {
      JsonObject *o = json_array_get_object_element (options, i);
      gint64 price = json_object_get_int_member_with_default (o, "price", 0);
      g_autofree char *text = NULL;

      if (price != 0 && self->currency != NULL)
        text = duka_menu_price_to_text (price, self->currency);
      append_option (self,
                     json_object_get_string_member_with_default (o, "id", NULL),
                     json_object_get_string_member_with_default (o, "name", ""),
                     text,
                     json_object_get_boolean_member_with_default (o, "default", FALSE));
    }
}

static void
duka_modifier_group_editor_dispose (GObject *object)
{
  DukaModifierGroupEditor *self = (DukaModifierGroupEditor *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DUKA_TYPE_MODIFIER_GROUP_EDITOR);
  g_clear_object (&self->catalog);
  g_clear_object (&self->business_settings);
  g_clear_pointer (&self->record, json_object_unref);
  g_clear_pointer (&self->options, g_ptr_array_unref);

  G_OBJECT_CLASS (duka_modifier_group_editor_parent_class)->dispose (object);
}

static void
duka_modifier_group_editor_finalize (GObject *object)
{
  DukaModifierGroupEditor *self = (DukaModifierGroupEditor *) object;

  g_free (self->name_error);
  g_free (self->choices_error);
  g_free (self->options_error);

  G_OBJECT_CLASS (duka_modifier_group_editor_parent_class)->finalize (object);
}

static void
duka_modifier_group_editor_class_init (DukaModifierGroupEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = duka_modifier_group_editor_dispose;
  object_class->finalize = duka_modifier_group_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/duka-modifier-group-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DukaModifierGroupEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, DukaModifierGroupEditor, min_spin);
  gtk_widget_class_bind_template_child (widget_class, DukaModifierGroupEditor, max_spin);
  gtk_widget_class_bind_template_child (widget_class, DukaModifierGroupEditor, max_row);
  gtk_widget_class_bind_template_child (widget_class, DukaModifierGroupEditor, choices_label);
  gtk_widget_class_bind_template_child (widget_class, DukaModifierGroupEditor, options_list);
  gtk_widget_class_bind_template_child (widget_class, DukaModifierGroupEditor, status_label);

  gtk_widget_class_install_action (widget_class, "group.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "group.add-option", NULL, add_option_action);
  gtk_widget_class_install_action (widget_class, "group.remove-option", "s", remove_option_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "group.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
duka_modifier_group_editor_init (DukaModifierGroupEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->options = g_ptr_array_new_with_free_func ((GDestroyNotify) option_row_free);
  self->name_label = duka_form_add_reason_label (GTK_WIDGET (self->name_row));
  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->min_spin, "value-changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->max_spin, "value-changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  update_state (self);
}

/**
 * duka_modifier_group_editor_new:
 * @record: (nullable): the group to edit, or %NULL for a new one
 */
GtkWidget *
duka_modifier_group_editor_new (GtkWindow            *parent,
                                DukaCatalog          *catalog,
                                DukaBusinessSettings *business_settings,
                                const DukaCurrency   *currency,
                                JsonObject           *record)
{
  DukaModifierGroupEditor *self;

  g_return_val_if_fail (DUKA_IS_CATALOG (catalog), NULL);

  self = g_object_new (DUKA_TYPE_MODIFIER_GROUP_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->catalog = g_object_ref (catalog);
  self->business_settings = g_object_ref (business_settings);
  self->currency = currency;
  self->record = record ? json_object_ref (record) : NULL;
  fill_form (self);
  update_state (self);

  return GTK_WIDGET (self);
}

gboolean
duka_modifier_group_editor_get_valid (DukaModifierGroupEditor *self)
{
  g_return_val_if_fail (DUKA_IS_MODIFIER_GROUP_EDITOR (self), FALSE);

  return self->valid;
}

/**
 * duka_modifier_group_editor_get_field_error:
 * @field: "name", "choices" or "options"
 *
 * Returns: (nullable): the reason shown for that part of the form
 */
const char *
duka_modifier_group_editor_get_field_error (DukaModifierGroupEditor *self,
                                            const char              *field)
{
  g_return_val_if_fail (DUKA_IS_MODIFIER_GROUP_EDITOR (self), NULL);

  if (g_strcmp0 (field, "name") == 0)
    return self->name_error;
  if (g_strcmp0 (field, "choices") == 0)
    return self->choices_error;
  if (g_strcmp0 (field, "options") == 0)
    return self->options_error;

  return NULL;
}
