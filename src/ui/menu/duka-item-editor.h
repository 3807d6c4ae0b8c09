/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "duka-business-settings.h"
#include "duka-catalog.h"
#include "duka-currency.h"
#include "duka-thumbnail-cache.h"

G_BEGIN_DECLS

#define DUKA_TYPE_ITEM_EDITOR (duka_item_editor_get_type ())

G_DECLARE_FINAL_TYPE (DukaItemEditor, duka_item_editor, DUKA, ITEM_EDITOR, AdwBin)

void        duka_item_editor_setup            (DukaItemEditor       *self,
                                               DukaCatalog          *catalog,
                                               DukaBusinessSettings *business_settings,
                                               const DukaCurrency   *currency,
                                               DukaThumbnailCache   *thumbnails);
void        duka_item_editor_set_currency     (DukaItemEditor       *self,
                                               const DukaCurrency   *currency);
gboolean    duka_item_editor_load             (DukaItemEditor       *self,
                                               const char           *product_id,
                                               const char           *category_id,
                                               GError              **error);
const char *duka_item_editor_get_item_id      (DukaItemEditor       *self);
gboolean    duka_item_editor_get_available    (DukaItemEditor       *self);
gboolean    duka_item_editor_get_dirty        (DukaItemEditor       *self);
gboolean    duka_item_editor_get_valid        (DukaItemEditor       *self);
const char *duka_item_editor_get_field_error  (DukaItemEditor       *self,
                                               const char           *field);
gboolean    duka_item_editor_save             (DukaItemEditor       *self);
gboolean    duka_item_editor_save_as          (DukaItemEditor       *self,
                                               const DukaActor      *actor);
void        duka_item_editor_revert           (DukaItemEditor       *self);
void        duka_item_editor_refresh_saved    (DukaItemEditor       *self);
void        duka_item_editor_add_barcode      (DukaItemEditor       *self,
                                               const char           *code);
void        duka_item_editor_add_variant      (DukaItemEditor       *self,
                                               const char           *name,
                                               const char           *price,
                                               const char           *sku);
void        duka_item_editor_focus_name       (DukaItemEditor       *self);

G_END_DECLS
