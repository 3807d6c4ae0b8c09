/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "duka-actor.h"
#include "duka-permissions.h"

G_BEGIN_DECLS

/*
 * The small forms of the Sell view (edit a line, cash in and out, count
 * the drawer, a refund's reason): a modal window with Cancel and one
 * action.  The action's callback may refuse with a GError; its message is
 * shown in the dialog and everything typed stays, so nothing is lost.
 */

#define DUKA_TYPE_SELL_DIALOG (duka_sell_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DukaSellDialog, duka_sell_dialog, DUKA, SELL_DIALOG, AdwWindow)

typedef gboolean (*DukaSellDialogApply) (DukaSellDialog  *dialog,
                                         gpointer         user_data,
                                         GError         **error);

DukaSellDialog *duka_sell_dialog_new          (GtkWidget           *parent,
                                               const char          *title,
                                               const char          *apply_label,
                                               DukaSellDialogApply  apply,
                                               gpointer             user_data,
                                               GDestroyNotify       destroy);
AdwPreferencesGroup *duka_sell_dialog_add_group (DukaSellDialog    *self,
                                               const char          *title,
                                               const char          *description);
GtkEditable    *duka_sell_dialog_add_entry    (DukaSellDialog      *self,
                                               const char          *key,
                                               const char          *title,
                                               const char          *text);
void            duka_sell_dialog_add_widget   (DukaSellDialog      *self,
                                               GtkWidget           *widget);
const char     *duka_sell_dialog_get_text     (DukaSellDialog      *self,
                                               const char          *key);
void            duka_sell_dialog_set_text     (DukaSellDialog      *self,
                                               const char          *key,
                                               const char          *text);
GtkEditable    *duka_sell_dialog_get_entry    (DukaSellDialog      *self,
                                               const char          *key);
gboolean        duka_sell_dialog_apply        (DukaSellDialog      *self);
const char     *duka_sell_dialog_get_error    (DukaSellDialog      *self);
void            duka_sell_dialog_allow_override (DukaSellDialog    *self,
                                               DukaPermission       permission);
const DukaActor *duka_sell_dialog_get_approved (DukaSellDialog    *self);
void            duka_sell_dialog_set_apply_visible (DukaSellDialog *self,
                                               gboolean             visible);

G_END_DECLS
