/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "duka-store.h"

G_BEGIN_DECLS

/* One entry of the audit trail as it was written; @before and @after are
 * the records' JSON text, or NULL. */
typedef struct
{
  gint64  seq;
  char   *id;
  gint64  at;
  char   *till_id;
  char   *actor_id;
  char   *approver_id;
  char   *action;
  char   *subject;
  char   *before;
  char   *after;
} DukaAuditEntry;

/* What to show; a NULL or 0 member does not filter. */
typedef struct
{
  const char *person_id;   /* who acted, approved, or was acted on */
  const char *action;      /* "staff.update"; "staff" matches every staff.… */
  gint64      from;        /* µs UTC, inclusive */
  gint64      until;       /* µs UTC, exclusive */
} DukaAuditFilter;

GPtrArray *duka_audit_list         (DukaStore              *store,
                                    const DukaAuditFilter  *filter,
                                    gint64                  before_seq,
                                    guint                   limit,
                                    GError                **error);
GPtrArray *duka_audit_list_actions (DukaStore              *store,
                                    GError                **error);
void       duka_audit_entry_free   (DukaAuditEntry         *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DukaAuditEntry, duka_audit_entry_free)

G_END_DECLS
