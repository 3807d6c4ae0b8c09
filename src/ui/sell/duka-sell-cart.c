/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cart: one row per live line of the order, with − and + for a finger
 * and the line's total; activating a row opens the line's editor.
 */
#include <glib/gi18n.h>

#include "duka-sell-view-private.h"

/* "2", "0.250", "1.5": thousandths, exact, no floating point. */
gboolean
duka_sell_parse_quantity (const char  *text,
                          gint64      *out_quantity,
                          GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  const char *p = stripped;
  gint64 whole = 0, milli = 0;
  int decimals = 0;

  for (; g_ascii_isdigit (*p); p++)
    {
      whole = whole * 10 + (*p - '0');
      if (whole > G_MAXINT32)
        goto invalid;
    }
  if (*p == '.' || *p == ',')
    for (p++; g_ascii_isdigit (*p); p++)
      {
        if (++decimals > 3)
          goto invalid;
        milli = milli * 10 + (*p - '0');
      }
  if (*p != '\0' || p == stripped)
    goto invalid;

  for (; decimals < 3; decimals++)
    milli *= 10;
  *out_quantity = whole * 1000 + milli;
  return TRUE;

invalid:
  g_set_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID,
               _("“%s” is not a quantity; type a number like 2 or 0.250"), stripped);
  return FALSE;
}

char *
duka_sell_format_quantity (gint64 quantity)
{
  if (quantity % 1000 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, quantity / 1000);

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%03" G_GINT64_FORMAT,
                          quantity / 1000, ABS (quantity % 1000));
}

static void
change_quantity_cb (GtkButton    *button,
                    DukaSellView *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  duka_sell_view_select_line (self, gtk_widget_get_name (row));
  gtk_widget_activate_action (GTK_WIDGET (self),
                              g_object_get_data (G_OBJECT (button), "action"), NULL);
}

static GtkWidget *
create_quantity_button (DukaSellView *self,
                        const char   *icon_name,
                        const char   *tooltip,
                        const char   *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_focus_on_click (button, FALSE);
  g_object_set_data (G_OBJECT (button), "action", (gpointer) action);
  g_signal_connect_object (button, "clicked", G_CALLBACK (change_quantity_cb), self, 0);

  return button;
}

static GtkWidget *
create_line_row (DukaSellView        *self,
                 const DukaOrderLine *line)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (line->name);
  GtkWidget *quantity;
  GtkWidget *total;
  g_autofree char *qty = duka_sell_format_quantity (line->quantity);
  g_autofree char *price = duka_sell_view_format_money (self, line->unit_price);
  g_autofree char *amount = duka_sell_view_format_money (self, line->total);
  g_autofree char *each = g_strdup_printf (_("%s × %s"), qty, price);
  g_autoptr(GString) details = g_string_new (each);

  if (line->details != NULL && *line->details != '\0')
    g_string_append_printf (details, "\n%s", line->details);
  if (line->note != NULL && *line->note != '\0')
    g_string_append_printf (details, "\n%s", line->note);
  if (line->line_discount != 0)
    {
      g_autofree char *discount = duka_sell_view_format_money (self, -line->line_discount);

      g_string_append_printf (details, "\n%s %s", discount,
                              line->discount_reason ? line->discount_reason : "");
    }

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_add_css_class (name, "heading");
  gtk_box_append (GTK_BOX (text), name);
  {
    GtkWidget *sub = gtk_label_new (details->str);

    gtk_label_set_xalign (GTK_LABEL (sub), 0);
    gtk_label_set_wrap (GTK_LABEL (sub), TRUE);
    gtk_widget_add_css_class (sub, "dim-label");
    gtk_widget_add_css_class (sub, "caption");
    gtk_box_append (GTK_BOX (text), sub);
  }
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  if (line->kind == DUKA_LINE_ITEM)
    {
      gtk_box_append (GTK_BOX (box), create_quantity_button (self, "list-remove-symbolic",
                                                             _("One Less"), "sell.decrease"));
      quantity = gtk_label_new (qty);
      gtk_widget_add_css_class (quantity, "numeric");
      gtk_box_append (GTK_BOX (box), quantity);
      gtk_box_append (GTK_BOX (box), create_quantity_button (self, "list-add-symbolic",
                                                             _("One More"), "sell.increase"));
    }

  total = gtk_label_new (amount);
  gtk_label_set_xalign (GTK_LABEL (total), 1);
  gtk_label_set_width_chars (GTK_LABEL (total), 9);
  gtk_widget_add_css_class (total, "numeric");
  gtk_box_append (GTK_BOX (box), total);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, line->id);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), line->kind != DUKA_LINE_TIP);

  return row;
}

/* Rebuilds the rows from the order and keeps the selection on the same
 * line, or on the line added last. */
void
duka_sell_view_fill_cart (DukaSellView *self)
{
  g_autofree char *selected = g_strdup (self->selected_line);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->cart_list));
  GtkWidget *child;
  GtkWidget *last = NULL;
  GtkWidget *select = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cart_list))) != NULL)
    gtk_list_box_remove (self->cart_list, child);

  for (guint i = 0; self->order != NULL && i < self->order->lines->len; i++)
    {
      const DukaOrderLine *line = self->order->lines->pdata[i];
      GtkWidget *row;

      if (line->voided)
        continue;
      row = create_line_row (self, line);
      gtk_list_box_append (self->cart_list, row);
      last = row;
      if (g_strcmp0 (line->id, selected) == 0)
        select = row;
    }

  gtk_stack_set_visible_child_name (self->cart_stack, last ? "lines" : "empty");
  if (select == NULL)
    select = last;
  if (select != NULL)
    {
      gtk_list_box_select_row (self->cart_list, GTK_LIST_BOX_ROW (select));
      /* Keyboard users keep their place when the rows are rebuilt. */
      if (had_focus)
        gtk_widget_grab_focus (select);
    }
  else
    {
      g_clear_pointer (&self->selected_line, g_free);
      if (had_focus)
        gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
    }
}
