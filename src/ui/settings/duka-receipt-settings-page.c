/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Settings → Receipts and Printer: where this till prints (local to the
 * device) and what the outlet's receipts say (synced), with a preview of
 * a sample sale at the chosen paper width.  As in the rest of Settings,
 * every field is checked as it is typed with core's reason beside it, and
 * Save stays off until the whole form is valid.
 */
#include <glib/gi18n.h>

#include "duka-catalog.h"
#include "duka-current-staff.h"
#include "duka-form.h"
#include "duka-receipt-sample.h"
#include "duka-receipt-settings-page-private.h"
#include "duka-registry.h"

G_DEFINE_FINAL_TYPE (DukaReceiptSettingsPage, duka_receipt_settings_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSINESS_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Rolls are drawn a little larger than life, A4 a little smaller, so
 * both read well and fit at 1024×768. */
#define ROLL_PREVIEW_SCALE 1.5
#define A4_PREVIEW_SCALE   0.6

static char *
text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strchomp (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static const char *
record_string (JsonObject *record,
               const char *member)
{
  if (record == NULL || !json_object_has_member (record, member) ||
      json_object_get_null_member (record, member))
    return NULL;
  return json_object_get_string_member (record, member);
}

static gboolean
record_show_tax_lines (JsonObject *record)
{
  return record == NULL || json_object_get_boolean_member_with_default (record, "show_tax_lines", TRUE);
}

DukaTillPrinter *
duka_receipt_settings_page_read_printer (DukaReceiptSettingsPage *self)
{
  DukaTillPrinter *printer = g_new0 (DukaTillPrinter, 1);

  printer->kind = adw_combo_row_get_selected (self->printer_kind_row);
  if (printer->kind != DUKA_PRINTER_NONE)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->printer_address_row));

      printer->address = g_strstrip (g_strdup (text));
    }
  printer->paper = adw_combo_row_get_selected (self->paper_row);
  printer->open_drawer = gtk_switch_get_active (self->drawer_switch);

  return printer;
}

static gboolean
printer_equal (const DukaTillPrinter *a,
               const DukaTillPrinter *b)
{
  return a->kind == b->kind && a->paper == b->paper &&
         !a->open_drawer == !b->open_drawer &&
         (a->kind == DUKA_PRINTER_NONE || g_strcmp0 (a->address, b->address) == 0);
}

static void
set_string_or_null (JsonObject *record,
                    const char *member,
                    const char *value)
{
  if (value != NULL)
    json_object_set_string_member (record, member, value);
  else
    json_object_set_null_member (record, member);
}

/* The template as the form has it, in the registry's shape. */
JsonObject *
duka_receipt_settings_page_read_template (DukaReceiptSettingsPage *self)
{
  JsonObject *record = json_object_new ();
  g_autofree char *header = text_view_get_text (self->header_view);
  g_autofree char *footer = text_view_get_text (self->footer_view);

  set_string_or_null (record, "header", header);
  set_string_or_null (record, "footer", footer);
  set_string_or_null (record, "logo", self->logo);
  json_object_set_boolean_member (record, "show_tax_lines", gtk_switch_get_active (self->tax_lines_switch));

  return record;
}

static gboolean
template_equal (JsonObject *a,
                JsonObject *b)
{
  static const char * const members[] = { "header", "footer", "logo" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (g_strcmp0 (record_string (a, members[i]), record_string (b, members[i])) != 0)
      return FALSE;
  return !record_show_tax_lines (a) == !record_show_tax_lines (b);
}

/* Fields and their reasons ---------------------------------------------- */

static void
set_reason (char       **member,
            const char  *reason)
{
  g_free (*member);
  *member = g_strdup (reason);
}

static void
validate_address (DukaReceiptSettingsPage *self,
                  const DukaTillPrinter   *printer)
{
  g_autoptr(GError) error = NULL;

  if (printer->kind != DUKA_PRINTER_NONE && !duka_till_printer_validate (printer, &error))
    set_reason (&self->address_error, error->message);
  else
    set_reason (&self->address_error, NULL);
  duka_form_show_reason (GTK_WIDGET (self->printer_address_row), self->address_label,
                         self->address_error, NULL);
}

/* A header or footer longer than the registry takes is refused as typed,
 * by the registry itself, so the reason is the one a sync would give. */
static void
validate_text (DukaReceiptSettingsPage  *self,
               const char               *member,
               const char               *value,
               GtkTextView              *view,
               GtkLabel                 *hint_label,
               const char               *hint,
               char                    **reason)
{
  const DukaFieldSpec *field = duka_kind_find_field (duka_registry_lookup ("receipt_template"), member);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_NULL);
  g_autoptr(GError) error = NULL;

  if (value != NULL)
    json_node_init_string (node, value);
  if (field != NULL && !duka_registry_validate_field (field, node, &error))
    set_reason (reason, error->message);
  else
    set_reason (reason, NULL);
  duka_form_show_reason (GTK_WIDGET (view), hint_label, *reason, hint);
}

static void
update_test_row (DukaReceiptSettingsPage *self,
                 gboolean                 printer_dirty)
{
  const char *subtitle = _("Prints a sample on the saved printer");
  g_autofree char *owned = NULL;
  gboolean failed = FALSE;

  if (self->test_job != NULL)
    {
      switch (duka_print_job_get_state (self->test_job))
        {
        case DUKA_PRINT_JOB_QUEUED:
          subtitle = _("Waiting to print…");
          break;
        case DUKA_PRINT_JOB_PRINTING:
          subtitle = _("Printing…");
          break;
        case DUKA_PRINT_JOB_PRINTED:
          subtitle = _("The test receipt printed");
          break;
        case DUKA_PRINT_JOB_FAILED:
        default:
          /* Translators: %s is why the printer could not print. */
          subtitle = owned = g_strdup_printf (_("Not printed: %s"),
                                              duka_print_job_get_reason (self->test_job));
          failed = TRUE;
          break;
        }
    }
  else if (self->saved_printer == NULL || self->saved_printer->kind == DUKA_PRINTER_NONE)
    subtitle = _("Choose a printer and save it first");
  else if (printer_dirty)
    subtitle = _("Save the printer first");

  adw_action_row_set_subtitle (self->test_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->test_failed_icon), failed);
}

void
duka_receipt_settings_page_update_state (DukaReceiptSettingsPage *self)
{
  g_autoptr(DukaTillPrinter) printer = NULL;
  g_autoptr(JsonObject) template = NULL;
  gboolean printer_dirty, template_dirty, can_devices, can_settings;
  DukaPrinterKind kind;

  if (self->filling || self->saved_printer == NULL)
    return;

  printer = duka_receipt_settings_page_read_printer (self);
  template = duka_receipt_settings_page_read_template (self);
  kind = printer->kind;

  validate_address (self, printer);
  validate_text (self, "header", record_string (template, "header"), self->header_view,
                 self->header_hint, self->header_hint_text, &self->header_error);
  validate_text (self, "footer", record_string (template, "footer"), self->footer_view,
                 self->footer_hint, self->footer_hint_text, &self->footer_error);

  printer_dirty = !printer_equal (printer, self->saved_printer);
  template_dirty = self->saved_template != NULL && !template_equal (template, self->saved_template);
  self->dirty = printer_dirty || template_dirty;
  self->valid = self->address_error == NULL && self->header_error == NULL && self->footer_error == NULL;

  can_devices = duka_current_staff_widget_can (GTK_WIDGET (self), DUKA_PERMISSION_MANAGE_DEVICES);
  can_settings = duka_current_staff_widget_can (GTK_WIDGET (self), DUKA_PERMISSION_MANAGE_SETTINGS);
  gtk_widget_set_sensitive (GTK_WIDGET (self->printer_group), can_devices);
  gtk_widget_set_sensitive (GTK_WIDGET (self->template_group), can_settings && self->saved_template != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->printer_address_row), kind != DUKA_PRINTER_NONE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->printer_address_row),
                                 kind == DUKA_PRINTER_DEVICE ? _("Device File") : _("Address"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->drawer_row), kind != DUKA_PRINTER_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->logo_picture), self->logo != NULL);
  adw_action_row_set_subtitle (self->logo_row,
                               self->logo != NULL ? _("Printed above the header")
                                                  : _("None; a PNG, printed in black and white"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receipts.save", self->dirty && self->valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receipts.revert", self->dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receipts.print-test",
                                 !printer_dirty && self->saved_printer->kind != DUKA_PRINTER_NONE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receipts.remove-logo", self->logo != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receipts.choose-logo", self->saved_template != NULL);

  gtk_action_bar_set_revealed (self->action_bar, self->dirty);
  gtk_label_set_text (self->status_label, self->valid ? _("Unsaved changes")
                                                      : _("Fix the marked fields to save"));
  update_test_row (self, printer_dirty);
  duka_receipt_settings_page_update_preview (self);
}

/* The preview ------------------------------------------------------------ */

/* The template the form describes, at @paper; for the preview and the
 * test print alike. */
DukaReceiptTemplate *
duka_receipt_settings_page_build_template (DukaReceiptSettingsPage *self,
                                           DukaReceiptPaper         paper)
{
  g_autofree char *header = text_view_get_text (self->header_view);
  g_autofree char *footer = text_view_get_text (self->footer_view);

  return duka_receipt_sample_template_new (paper, header, footer, self->logo_png,
                                           gtk_switch_get_active (self->tax_lines_switch));
}

DukaReceipt *
duka_receipt_settings_page_build_sample (DukaReceiptSettingsPage *self)
{
  DukaCurrentStaff *staff = duka_current_staff_get_for_widget (GTK_WIDGET (self));
  g_autoptr(DukaProfile) fallback = NULL;
  const DukaProfile *profile = self->profile;

  if (profile == NULL)
    profile = fallback = duka_profile_new_default ();
  return duka_receipt_sample_new (profile, staff != NULL ? duka_current_staff_get_name (staff) : NULL);
}

void
duka_receipt_settings_page_update_preview (DukaReceiptSettingsPage *self)
{
  g_autoptr(DukaReceipt) receipt = duka_receipt_settings_page_build_sample (self);
  g_autoptr(DukaReceiptTemplate) template = NULL;
  DukaReceiptPaper paper = adw_combo_row_get_selected (self->paper_row);
  double width, height;

  template = duka_receipt_settings_page_build_template (self, paper);
  g_clear_pointer (&self->preview, cairo_surface_destroy);
  self->preview = duka_receipt_sample_draw (receipt, template, &width, &height);
  self->preview_scale = paper == DUKA_RECEIPT_PAPER_A4 ? A4_PREVIEW_SCALE : ROLL_PREVIEW_SCALE;

  gtk_drawing_area_set_content_width (self->preview_area, (int) (width * self->preview_scale + 0.5));
  gtk_drawing_area_set_content_height (self->preview_area, (int) (height * self->preview_scale + 0.5));
  gtk_widget_queue_draw (GTK_WIDGET (self->preview_area));
}

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  DukaReceiptSettingsPage *self = user_data;

  if (self->preview == NULL)
    return;
  cairo_scale (cr, self->preview_scale, self->preview_scale);
  cairo_set_source_surface (cr, self->preview, 0, 0);
  cairo_paint (cr);
}

/* Loading and saving ----------------------------------------------------- */

/* The saved logo's bytes, from the catalog's pictures: a small local
 * file, read when the form is filled. */
static void
load_saved_logo (DukaReceiptSettingsPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->logo_png, g_bytes_unref);
  gtk_picture_set_paintable (self->logo_picture, NULL);
  if (self->logo == NULL)
    return;

  file = duka_catalog_get_image_file (self->catalog, self->logo);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes == NULL)
    {
      g_debug ("The receipt logo %s is not here (yet): %s", self->logo, error->message);
      return;
    }
  duka_receipt_settings_page_show_logo (self, bytes);
}

void
duka_receipt_settings_page_show_logo (DukaReceiptSettingsPage *self,
                                      GBytes                  *png)
{
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (png, NULL);

  g_clear_pointer (&self->logo_png, g_bytes_unref);
  if (png != NULL)
    self->logo_png = g_bytes_ref (png);
  gtk_picture_set_paintable (self->logo_picture, GDK_PAINTABLE (texture));
}

static void
set_text_view_text (GtkTextView *view,
                    const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static void
fill_form (DukaReceiptSettingsPage *self)
{
  DukaTillPrinter *printer = self->saved_printer;

  self->filling = TRUE;
  adw_combo_row_set_selected (self->printer_kind_row, printer->kind);
  gtk_editable_set_text (GTK_EDITABLE (self->printer_address_row),
                         printer->address != NULL ? printer->address : "");
  adw_combo_row_set_selected (self->paper_row, printer->paper);
  gtk_switch_set_active (self->drawer_switch, printer->open_drawer);

  set_text_view_text (self->header_view, record_string (self->saved_template, "header"));
  set_text_view_text (self->footer_view, record_string (self->saved_template, "footer"));
  gtk_switch_set_active (self->tax_lines_switch, record_show_tax_lines (self->saved_template));
  g_free (self->logo);
  self->logo = g_strdup (record_string (self->saved_template, "logo"));
  load_saved_logo (self);
  self->filling = FALSE;

  duka_receipt_settings_page_update_state (self);
}

static void
reload_profile (DukaReceiptSettingsPage *self)
{
  g_clear_pointer (&self->profile, duka_profile_free);
  self->profile = duka_business_settings_load (self->business_settings, NULL);
}

static void
reload (DukaReceiptSettingsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) template_error = NULL;
  DukaTillPrinter *printer;

  printer = duka_receipt_settings_load_printer (self->receipt_settings, &error);
  if (printer == NULL)
    {
      g_warning ("Could not load this till’s printer: %s", error->message);
      printer = g_new0 (DukaTillPrinter, 1);
      printer->paper = DUKA_RECEIPT_PAPER_80MM;
    }
  g_clear_pointer (&self->saved_printer, duka_till_printer_free);
  self->saved_printer = printer;

  /* A store without an outlet yet has no template to edit: the business
   * is set up first, on the other page. */
  g_clear_pointer (&self->saved_template, json_object_unref);
  if (duka_business_settings_is_configured (self->business_settings))
    self->saved_template = duka_receipt_settings_load_template (self->receipt_settings, &template_error);
  if (template_error != NULL)
    g_warning ("Could not load the receipt template: %s", template_error->message);
  adw_preferences_group_set_description (self->template_group,
    self->saved_template != NULL ? _("What every receipt of this outlet says, on every till.")
                                 : _("Save the business and outlet first."));

  reload_profile (self);
  fill_form (self);
}

/* Another till's template or another window's save: take it in unless
 * the person is in the middle of an edit, which Save would then win. */
static void
store_changed_cb (DukaReceiptSettingsPage *self)
{
  if (!self->dirty)
    reload (self);
}

static void
business_changed_cb (DukaReceiptSettingsPage *self)
{
  if (!self->dirty)
    {
      reload (self);
      return;
    }
  reload_profile (self);
  duka_receipt_settings_page_update_preview (self);
}

static void
refresh_saved (DukaReceiptSettingsPage *self)
{
  DukaTillPrinter *printer = duka_receipt_settings_load_printer (self->receipt_settings, NULL);
  JsonObject *template = NULL;

  if (printer != NULL)
    {
      duka_till_printer_free (self->saved_printer);
      self->saved_printer = printer;
    }
  if (self->saved_template != NULL)
    template = duka_receipt_settings_load_template (self->receipt_settings, NULL);
  if (template != NULL)
    {
      json_object_unref (self->saved_template);
      self->saved_template = template;
    }
  duka_receipt_settings_page_update_state (self);
}

void
duka_receipt_settings_page_show_toast (DukaReceiptSettingsPage *self,
                                       const char              *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DukaReceiptSettingsPage *self = DUKA_RECEIPT_SETTINGS_PAGE (widget);
  g_autoptr(DukaTillPrinter) printer = NULL;
  g_autoptr(JsonObject) template = NULL;
  g_autoptr(DukaActor) actor = NULL;
  g_autoptr(GError) error = NULL;

  duka_receipt_settings_page_update_state (self);
  if (!self->valid || !self->dirty)
    return;

  printer = duka_receipt_settings_page_read_printer (self);
  template = duka_receipt_settings_page_read_template (self);
  actor = duka_current_staff_dup_actor_for_widget (widget, self->business_settings);

  /* The printer goes first: what can refuse it (the address, the
   * manage-devices permission) is known only to core, while the template
   * was checked field by field as it was typed. */
  if (!printer_equal (printer, self->saved_printer) &&
      !duka_receipt_settings_save_printer (self->receipt_settings, actor, printer, &error))
    goto refused;
  if (self->saved_template != NULL && !template_equal (template, self->saved_template) &&
      !duka_receipt_settings_save_template (self->receipt_settings, actor, template, &error))
    goto refused;

  self->dirty = FALSE;
  reload (self);
  duka_receipt_settings_page_show_toast (self, _("Receipt settings saved"));
  return;

refused:
  /* The printer may have been saved before the template was refused:
   * compare the form with what is stored now, keeping the edits. */
  refresh_saved (self);
  if (g_error_matches (error, DUKA_RECEIPT_SETTINGS_ERROR, DUKA_RECEIPT_SETTINGS_ERROR_INVALID_ADDRESS))
    {
      set_reason (&self->address_error, error->message);
      duka_form_show_reason (GTK_WIDGET (self->printer_address_row), self->address_label,
                             error->message, NULL);
    }
  duka_receipt_settings_page_show_toast (self, error->message);
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  fill_form (DUKA_RECEIPT_SETTINGS_PAGE (widget));
}

static void
remove_logo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  DukaReceiptSettingsPage *self = DUKA_RECEIPT_SETTINGS_PAGE (widget);

  g_clear_pointer (&self->logo, g_free);
  g_clear_pointer (&self->logo_png, g_bytes_unref);
  gtk_picture_set_paintable (self->logo_picture, NULL);
  duka_receipt_settings_page_update_state (self);
}

/* GObject ------------------------------------------------------------------ */

static void
setup_fields (DukaReceiptSettingsPage *self)
{
  self->address_label = duka_form_add_reason_label (GTK_WIDGET (self->printer_address_row));
  self->header_hint_text = g_strdup (gtk_label_get_text (self->header_hint));
  self->footer_hint_text = g_strdup (gtk_label_get_text (self->footer_hint));
  adw_entry_row_set_input_hints (self->printer_address_row, GTK_INPUT_HINT_NO_SPELLCHECK);

  g_signal_connect_object (self->printer_kind_row, "notify::selected",
                           G_CALLBACK (duka_receipt_settings_page_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->paper_row, "notify::selected",
                           G_CALLBACK (duka_receipt_settings_page_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->printer_address_row, "changed",
                           G_CALLBACK (duka_receipt_settings_page_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drawer_switch, "notify::active",
                           G_CALLBACK (duka_receipt_settings_page_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tax_lines_switch, "notify::active",
                           G_CALLBACK (duka_receipt_settings_page_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->header_view), "changed",
                           G_CALLBACK (duka_receipt_settings_page_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->footer_view), "changed",
                           G_CALLBACK (duka_receipt_settings_page_update_state), self, G_CONNECT_SWAPPED);
  /* Permissions follow whoever is signed in where the page is shown. */
  g_signal_connect (self, "map", G_CALLBACK (duka_receipt_settings_page_update_state), NULL);

  gtk_drawing_area_set_draw_func (self->preview_area, draw_preview, self, NULL);
}

static void
duka_receipt_settings_page_dispose (GObject *object)
{
  DukaReceiptSettingsPage *self = (DukaReceiptSettingsPage *) object;

  g_cancellable_cancel (self->cancellable);
  duka_receipt_settings_page_close_logo_chooser (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DUKA_TYPE_RECEIPT_SETTINGS_PAGE);
  g_clear_object (&self->test_job);
  g_clear_object (&self->queue);
  g_clear_object (&self->catalog);
  g_clear_object (&self->receipt_settings);
  g_clear_object (&self->business_settings);

  G_OBJECT_CLASS (duka_receipt_settings_page_parent_class)->dispose (object);
}

static void
duka_receipt_settings_page_finalize (GObject *object)
{
  DukaReceiptSettingsPage *self = (DukaReceiptSettingsPage *) object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->saved_printer, duka_till_printer_free);
  g_clear_pointer (&self->saved_template, json_object_unref);
  g_clear_pointer (&self->profile, duka_profile_free);
  g_clear_pointer (&self->logo_png, g_bytes_unref);
  g_clear_pointer (&self->preview, cairo_surface_destroy);
  g_free (self->logo);
  g_free (self->queue_key);
  g_free (self->address_error);
  g_free (self->header_error);
  g_free (self->footer_error);
  g_free (self->header_hint_text);
  g_free (self->footer_hint_text);

  G_OBJECT_CLASS (duka_receipt_settings_page_parent_class)->finalize (object);
}

static void
duka_receipt_settings_page_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  DukaReceiptSettingsPage *self = DUKA_RECEIPT_SETTINGS_PAGE (object);

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
duka_receipt_settings_page_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  DukaReceiptSettingsPage *self = DUKA_RECEIPT_SETTINGS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSINESS_SETTINGS:
      duka_receipt_settings_page_set_business_settings (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
duka_receipt_settings_page_class_init (DukaReceiptSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = duka_receipt_settings_page_dispose;
  object_class->finalize = duka_receipt_settings_page_finalize;
  object_class->get_property = duka_receipt_settings_page_get_property;
  object_class->set_property = duka_receipt_settings_page_set_property;

  properties[PROP_BUSINESS_SETTINGS] =
    g_param_spec_object ("business-settings", NULL, NULL,
                         DUKA_TYPE_BUSINESS_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/duka-receipt-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, printer_group);
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, printer_kind_row);
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, printer_address_row);
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, paper_row);
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, drawer_row);
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, drawer_switch);
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, test_row);
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, test_button);
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, test_failed_icon);
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, template_group);
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, header_view);
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, header_hint);
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, footer_view);
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, footer_hint);
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, logo_row);
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, logo_picture);
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, tax_lines_switch);
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, preview_area);
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, action_bar);
  gtk_widget_class_bind_template_child (widget_class, DukaReceiptSettingsPage, status_label);

  gtk_widget_class_install_action (widget_class, "receipts.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "receipts.revert", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "receipts.remove-logo", NULL, remove_logo_action);
  gtk_widget_class_install_action (widget_class, "receipts.choose-logo", NULL,
                                   duka_receipt_settings_page_choose_logo_action);
  gtk_widget_class_install_action (widget_class, "receipts.print-test", NULL,
                                   duka_receipt_settings_page_print_test_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "receipts.save", NULL);
}

static void
duka_receipt_settings_page_init (DukaReceiptSettingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->preview_scale = ROLL_PREVIEW_SCALE;
  setup_fields (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receipts.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receipts.revert", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receipts.print-test", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receipts.remove-logo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receipts.choose-logo", FALSE);
}

GtkWidget *
duka_receipt_settings_page_new (DukaBusinessSettings *business_settings)
{
  return g_object_new (DUKA_TYPE_RECEIPT_SETTINGS_PAGE,
                       "business-settings", business_settings,
                       NULL);
}

/**
 * duka_receipt_settings_page_set_business_settings:
 *
 * Points the page at the store of @business_settings, once.
 */
void
duka_receipt_settings_page_set_business_settings (DukaReceiptSettingsPage *self,
                                                  DukaBusinessSettings    *business_settings)
{
  DukaStore *store;

  g_return_if_fail (DUKA_IS_RECEIPT_SETTINGS_PAGE (self));
  g_return_if_fail (self->business_settings == NULL);

  if (business_settings == NULL)
    return;

  store = duka_business_settings_get_store (business_settings);
  self->business_settings = g_object_ref (business_settings);
  self->receipt_settings = duka_receipt_settings_new (store);
  self->catalog = duka_catalog_new (store);

  g_signal_connect_object (business_settings, "changed",
                           G_CALLBACK (business_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::receipt_template",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::till_printer",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSINESS_SETTINGS]);
}

gboolean
duka_receipt_settings_page_get_dirty (DukaReceiptSettingsPage *self)
{
  g_return_val_if_fail (DUKA_IS_RECEIPT_SETTINGS_PAGE (self), FALSE);

  return self->dirty;
}

gboolean
duka_receipt_settings_page_get_valid (DukaReceiptSettingsPage *self)
{
  g_return_val_if_fail (DUKA_IS_RECEIPT_SETTINGS_PAGE (self), FALSE);

  return self->valid;
}

/* The reason shown beside the printer's address, or NULL when it is fine. */
const char *
duka_receipt_settings_page_get_address_error (DukaReceiptSettingsPage *self)
{
  g_return_val_if_fail (DUKA_IS_RECEIPT_SETTINGS_PAGE (self), NULL);

  return self->address_error;
}

/**
 * duka_receipt_settings_page_get_test_job:
 *
 * Returns: (transfer none) (nullable): the last test receipt sent
 */
DukaPrintJob *
duka_receipt_settings_page_get_test_job (DukaReceiptSettingsPage *self)
{
  g_return_val_if_fail (DUKA_IS_RECEIPT_SETTINGS_PAGE (self), NULL);

  return self->test_job;
}
