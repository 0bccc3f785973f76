/* SPDX-License-Identifier: MIT */
/*
 * Renderers of operation results: a result's tables as a terminal table,
 * CSV or JSON (table_out.h does the formatting), and its notes as the lines
 * a person reads on standard error. They know nothing of the analysis: the
 * schema and the catalog say everything.
 */
#ifndef KEHU_IO_RENDER_H
#define KEHU_IO_RENDER_H

#include "kehu/app/result.h"
#include "kehu/app/runtime.h"
#include "kehu/io/table_out.h"

#include <stdio.h>

/*
 * Write table t to f in fmt, labels in lang. Returns KEHU_OK, KEHU_EIO when
 * a write failed, or the status of the table's rows (KEHU_ENOMEM).
 */
kehu_status kehu_render_table(FILE *f, out_format fmt, out_lang lang,
                              const kehu_table *t);

/*
 * Write every table of r to f: one table as it is (CSV, a JSON array);
 * several tables one after another (CSV, terminal) or as one JSON object
 * keyed by table name, with the notes under "notes".
 */
kehu_status kehu_render_result(FILE *f, out_format fmt, out_lang lang,
                               const kehu_result *r);

/*
 * kehu_render_result with rt (may be NULL): a table with rows_range is
 * made and formatted on two threads for CSV and JSON when rt->threads is 2
 * (same bytes), with progress "writing" to rt.
 */
kehu_status kehu_render_result_rt(FILE *f, out_format fmt, out_lang lang,
                                  const kehu_result *r, const kehu_runtime *rt);

/* The notes of r of the given kinds (bit 1u << kind), one sentence a line
 * in lang, to f (standard error in the CLI). */
void kehu_render_notes(FILE *f, out_lang lang, const kehu_result *r,
                       unsigned kinds);

#endif
