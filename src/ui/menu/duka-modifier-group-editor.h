/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "duka-business-settings.h"
#include "duka-catalog.h"
#include "duka-currency.h"

G_BEGIN_DECLS

#define DUKA_TYPE_MODIFIER_GROUP_EDITOR (duka_modifier_group_editor_get_type ())

G_DECLARE_FINAL_TYPE (DukaModifierGroupEditor, duka_modifier_group_editor, DUKA, MODIFIER_GROUP_EDITOR, AdwWindow)

GtkWidget  *duka_modifier_group_editor_new             (GtkWindow               *parent,
                                                        DukaCatalog             *catalog,
                                                        DukaBusinessSettings    *business_settings,
                                                        const DukaCurrency      *currency,
                                                        JsonObject              *record);
void        duka_modifier_group_editor_add_option      (DukaModifierGroupEditor *self,
                                                        const char              *name,
                                                        const char              *price);
gboolean    duka_modifier_group_editor_get_valid       (DukaModifierGroupEditor *self);
const char *duka_modifier_group_editor_get_field_error (DukaModifierGroupEditor *self,
                                                        const char              *field);

G_END_DECLS
