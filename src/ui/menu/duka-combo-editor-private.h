/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "duka-combo-editor.h"

G_BEGIN_DECLS

typedef struct
{
  char         *product_id;
  char         *variant_id;   /* kept as saved; not offered yet */
  AdwActionRow *row;
  GtkEntry     *extra_entry;
} ChoiceRow;

typedef struct
{
  char                *id;
  AdwPreferencesGroup *group;
  GtkListBox          *list;
  AdwEntryRow         *name_row;
  GtkLabel            *name_reason;
  AdwEntryRow         *search_row;
  GtkLabel            *search_reason;
  GtkListBox          *results;
  GPtrArray           *choices;       /* ChoiceRow */
} PartRow;

struct _DukaComboEditor
{
  AdwBin                parent_instance;

  DukaCatalog          *catalog;
  DukaBusinessSettings *business_settings;
  const DukaCurrency   *currency;
  DukaThumbnailCache   *thumbnails;
  GCancellable         *cancellable;

  JsonObject           *saved;           /* NULL for a new combo */
  char                 *new_category_id;
  char                 *image;
  GPtrArray            *category_ids;    /* index in the combo row → id or NULL */
  GPtrArray            *parts;           /* PartRow */
  GHashTable           *errors;          /* field → reason */
  /* What core refused on the last save, shown while the form still reads
   * as it did then. */
  JsonObject           *refused_form;
  char                 *refused_field;
  char                 *refused_reason;
  gboolean              filling;
  gboolean              dirty;
  gboolean              valid;

  GtkLabel             *name_label;
  GtkLabel             *price_label;

  AdwPreferencesPage   *page;
  AdwPreferencesGroup  *combo_group;
  AdwEntryRow          *name_row;
  AdwEntryRow          *price_row;
  AdwComboRow          *category_row;
  GtkSwitch            *active_switch;
  AdwActionRow         *image_row;
  GtkImage             *image_preview;
  GtkLabel             *parts_reason;
  GtkBox               *parts_box;
  AdwPreferencesGroup  *delete_group;
  GtkActionBar         *action_bar;
  GtkLabel             *status_label;
};

/* duka-combo-editor.c */
void        duka_combo_editor_update_state     (DukaComboEditor *self);
void        duka_combo_editor_set_reason       (DukaComboEditor *self,
                                                const char      *field,
                                                GtkWidget       *row,
                                                GtkLabel        *label,
                                                const char      *reason);
const char *duka_combo_editor_refused_reason   (DukaComboEditor *self,
                                                const char      *field);

/* duka-combo-editor-parts.c: the parts and the choices in each */
void        duka_combo_editor_class_install_part_actions (GtkWidgetClass *widget_class);
void        duka_combo_editor_part_row_free    (PartRow         *part);
void        duka_combo_editor_clear_parts      (DukaComboEditor *self);
void        duka_combo_editor_fill_parts       (DukaComboEditor *self,
                                                JsonArray       *slots);
JsonArray  *duka_combo_editor_read_parts       (DukaComboEditor *self);
gboolean    duka_combo_editor_validate_parts   (DukaComboEditor *self);
void        duka_combo_editor_place_parts_error (DukaComboEditor *self,
                                                 const GError    *error);

G_END_DECLS
