/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* Parameter value formatting shared by the text and JSON formatters. */
#ifndef KCAP_FORMAT_H
#define KCAP_FORMAT_H

#include "decode.h"
#include "sbuf.h"

enum fmt_style {
	STYLE_TEXT,
	STYLE_JSON,
};

/*
 * A parameter's value: a JSON value (string, number, array, null) or text. ev,
 * the parameter's event, decodes values whose meaning another parameter gives.
 */
void kcap_fmt_param_value(struct sbuf *sb, const struct kcap_event *ev, const struct kcap_param *p,
			  enum kcap_symbol_table table, enum fmt_style style);
/* Bytes as a JSON string body or as C-escaped text (no quotes added). */
void kcap_fmt_escaped(struct sbuf *sb, const uint8_t *s, size_t n, enum fmt_style style);
/*
 * The names of the parameters cut at a bound (,"truncated":[...] or
 * truncated=a,b) and of those that changed since the enter event (changed),
 * or nothing.
 */
void kcap_fmt_marks(struct sbuf *sb, const struct kcap_event *ev, enum fmt_style style);
/* The name users see: the syscall's own name for generic events. */
const char *kcap_fmt_event_name(const struct kcap_event *ev);

#endif /* KCAP_FORMAT_H */
