/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "duka-item-editor.h"

G_BEGIN_DECLS

typedef struct
{
  AdwEntryRow *row;
  GtkLabel    *reason;
} BarcodeRow;

typedef struct
{
  char        *id;        /* NULL until saved */
  gint64       version;
  AdwEntryRow *row;
  GtkEntry    *price_entry;
  GtkEntry    *sku_entry;
  GtkLabel    *reason;
} VariantRow;

typedef struct
{
  char           *id;
  GtkCheckButton *check;
} GroupRow;

struct _DukaItemEditor
{
  AdwBin                parent_instance;

  DukaCatalog          *catalog;
  DukaBusinessSettings *business_settings;
  const DukaCurrency   *currency;
  DukaThumbnailCache   *thumbnails;
  GCancellable         *cancellable;

  JsonObject           *saved;           /* NULL for a new item */
  GPtrArray            *saved_variants;  /* JsonObject */
  char                 *new_category_id;
  char                 *image;
  GPtrArray            *category_ids;    /* index in the combo → id or NULL */
  GPtrArray            *tax_ids;
  GPtrArray            *barcodes;        /* BarcodeRow */
  GPtrArray            *variants;        /* VariantRow */
  GPtrArray            *groups;          /* GroupRow */
  GHashTable           *errors;          /* field → reason */
  /* What core refused on the last save, while the field still holds the
   * text it refused. */
  char                 *refused_field;
  char                 *refused_text;
  char                 *refused_reason;
  gboolean              filling;
  gboolean              dirty;
  gboolean              valid;

  GtkLabel             *name_label;
  GtkLabel             *price_label;
  GtkLabel             *cost_label;
  GtkLabel             *sku_label;

  AdwPreferencesPage   *page;
  AdwPreferencesGroup  *item_group;
  AdwEntryRow          *name_row;
  AdwComboRow          *category_row;
  AdwEntryRow          *price_row;
  AdwEntryRow          *cost_row;
  AdwEntryRow          *sku_row;
  AdwComboRow          *tax_row;
  GtkSwitch            *available_switch;
  GtkSwitch            *weighed_switch;
  GtkSwitch            *active_switch;
  AdwActionRow         *image_row;
  GtkImage             *image_preview;
  GtkListBox           *barcodes_list;
  GtkListBox           *variants_list;
  GtkListBox           *modifiers_list;
  AdwPreferencesGroup  *delete_group;
  GtkActionBar         *action_bar;
  GtkLabel             *status_label;
};

static inline const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static inline char *
stripped_text (gpointer editable)
{
  return g_strstrip (g_strdup (text_of (editable)));
}

/* duka-item-editor.c */
void        duka_item_editor_update_state          (DukaItemEditor  *self);
void        duka_item_editor_set_reason            (DukaItemEditor  *self,
                                                    const char      *field,
                                                    GtkWidget       *row,
                                                    GtkLabel        *label,
                                                    const char      *reason);
const char *duka_item_editor_refused_reason        (DukaItemEditor  *self,
                                                    const char      *field,
                                                    const char      *text);

void        duka_item_editor_clear_refused         (DukaItemEditor  *self);

/* duka-item-editor-save.c */
JsonObject *duka_item_editor_read_form             (DukaItemEditor  *self);
JsonObject *duka_item_editor_read_saved            (DukaItemEditor  *self);

/* duka-item-editor-lists.c: barcodes, variants and modifier groups */
void        duka_item_editor_class_install_list_actions (GtkWidgetClass *widget_class);
void        duka_item_editor_clear_list            (GtkListBox      *list,
                                                    GPtrArray       *rows);
void        duka_item_editor_reload_groups         (DukaItemEditor  *self,
                                                    gboolean         keep_checks);
void        duka_item_editor_fill_variants         (DukaItemEditor  *self);
void        duka_item_editor_read_lists            (DukaItemEditor  *self,
                                                    JsonObject      *record);
gboolean    duka_item_editor_validate_lists        (DukaItemEditor  *self);
gboolean    duka_item_editor_variants_changed      (DukaItemEditor  *self);
char       *duka_item_editor_variant_signature     (DukaItemEditor  *self,
                                                    guint            index);
void        duka_item_editor_add_variant_edits     (DukaItemEditor  *self,
                                                    const char      *product_id,
                                                    GArray          *edits,
                                                    GPtrArray       *fields);

G_END_DECLS
