/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "duka-business-settings.h"
#include "duka-catalog.h"
#include "duka-currency.h"
#include "duka-thumbnail-cache.h"

G_BEGIN_DECLS

#define DUKA_TYPE_COMBO_EDITOR (duka_combo_editor_get_type ())

G_DECLARE_FINAL_TYPE (DukaComboEditor, duka_combo_editor, DUKA, COMBO_EDITOR, AdwBin)

void        duka_combo_editor_setup            (DukaComboEditor      *self,
                                                DukaCatalog          *catalog,
                                                DukaBusinessSettings *business_settings,
                                                const DukaCurrency   *currency,
                                                DukaThumbnailCache   *thumbnails);
void        duka_combo_editor_set_currency     (DukaComboEditor      *self,
                                                const DukaCurrency   *currency);
gboolean    duka_combo_editor_load             (DukaComboEditor      *self,
                                                const char           *combo_id,
                                                const char           *category_id,
                                                GError              **error);
const char *duka_combo_editor_get_combo_id     (DukaComboEditor      *self);
gboolean    duka_combo_editor_get_dirty        (DukaComboEditor      *self);
gboolean    duka_combo_editor_get_valid        (DukaComboEditor      *self);
const char *duka_combo_editor_get_field_error  (DukaComboEditor      *self,
                                                const char           *field);
gboolean    duka_combo_editor_save             (DukaComboEditor      *self);
gboolean    duka_combo_editor_save_as          (DukaComboEditor      *self,
                                                const DukaActor      *actor);
void        duka_combo_editor_revert           (DukaComboEditor      *self);
void        duka_combo_editor_focus_name       (DukaComboEditor      *self);
guint       duka_combo_editor_add_part         (DukaComboEditor      *self,
                                                const char           *name);
void        duka_combo_editor_rename_part      (DukaComboEditor      *self,
                                                guint                 part,
                                                const char           *name);
void        duka_combo_editor_add_choice       (DukaComboEditor      *self,
                                                guint                 part,
                                                const char           *product_id,
                                                const char           *extra_price);
guint       duka_combo_editor_search_choices   (DukaComboEditor      *self,
                                                guint                 part,
                                                const char           *text);

G_END_DECLS
