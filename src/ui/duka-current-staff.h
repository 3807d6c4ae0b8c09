/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "duka-business-settings.h"
#include "duka-permissions.h"
#include "duka-staff.h"

G_BEGIN_DECLS

#define DUKA_TYPE_CURRENT_STAFF (duka_current_staff_get_type ())

G_DECLARE_FINAL_TYPE (DukaCurrentStaff, duka_current_staff, DUKA, CURRENT_STAFF, GObject)

DukaCurrentStaff     *duka_current_staff_new                   (DukaBusinessSettings  *business_settings);
DukaBusinessSettings *duka_current_staff_get_business_settings (DukaCurrentStaff      *self);
DukaStaff            *duka_current_staff_get_staff             (DukaCurrentStaff      *self);

gboolean              duka_current_staff_get_required          (DukaCurrentStaff      *self);
gboolean              duka_current_staff_get_locked            (DukaCurrentStaff      *self);
const char           *duka_current_staff_get_staff_id          (DukaCurrentStaff      *self);
const char           *duka_current_staff_get_name              (DukaCurrentStaff      *self);
DukaActor            *duka_current_staff_dup_actor             (DukaCurrentStaff      *self);
gboolean              duka_current_staff_can                   (DukaCurrentStaff      *self,
                                                                DukaPermission         permission);

void                  duka_current_staff_sign_in_async         (DukaCurrentStaff      *self,
                                                                const char            *staff_id,
                                                                const char            *pin,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
gboolean              duka_current_staff_sign_in_finish        (DukaCurrentStaff      *self,
                                                                GAsyncResult          *result,
                                                                GError               **error);
void                  duka_current_staff_lock                  (DukaCurrentStaff      *self);
void                  duka_current_staff_refresh               (DukaCurrentStaff      *self);

void                  duka_current_staff_authorize_async       (DukaCurrentStaff      *self,
                                                                GtkWidget             *parent,
                                                                DukaPermission         permission,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
void                  duka_current_staff_approve_async         (DukaCurrentStaff      *self,
                                                                GtkWidget             *parent,
                                                                DukaPermission         permission,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
DukaActor            *duka_current_staff_authorize_finish      (DukaCurrentStaff      *self,
                                                                GAsyncResult          *result,
                                                                GError               **error);

/* Views find the person signed in through the window they are in (or the
 * window their dialog belongs to). */
void                  duka_current_staff_attach                (DukaCurrentStaff      *self,
                                                                GtkWindow             *window);
DukaCurrentStaff     *duka_current_staff_get_for_widget        (GtkWidget             *widget);
DukaActor            *duka_current_staff_dup_actor_for_widget  (GtkWidget             *widget,
                                                                DukaBusinessSettings  *business_settings);
gboolean              duka_current_staff_widget_can            (GtkWidget             *widget,
                                                                DukaPermission         permission);

G_END_DECLS
