/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "duka-actor.h"
#include "duka-profile.h"
#include "duka-store.h"

G_BEGIN_DECLS

#define DUKA_TYPE_BUSINESS_SETTINGS (duka_business_settings_get_type ())

G_DECLARE_FINAL_TYPE (DukaBusinessSettings, duka_business_settings, DUKA, BUSINESS_SETTINGS, GObject)

DukaBusinessSettings *duka_business_settings_new           (DukaStore             *store);
DukaStore            *duka_business_settings_get_store     (DukaBusinessSettings  *self);
gboolean              duka_business_settings_is_configured (DukaBusinessSettings  *self);
DukaProfile          *duka_business_settings_load          (DukaBusinessSettings  *self,
                                                            GError               **error);
gboolean              duka_business_settings_save          (DukaBusinessSettings  *self,
                                                            const DukaActor       *actor,
                                                            const DukaProfile     *profile,
                                                            GError               **error);
DukaActor            *duka_business_settings_dup_actor     (DukaBusinessSettings  *self);

G_END_DECLS
