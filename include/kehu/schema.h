/* SPDX-License-Identifier: MIT */
/*
 * Input schemas: the kinds of input file (transactions, customer master,
 * feedback, service costs, events), the fields each requires or accepts
 * (docs/inputs.md), and the mapping of a file's header row to those
 * fields: case-insensitive, ignoring blanks, '_', '-' and '.', with common
 * English and Chinese aliases (CustomerID, customer, 客户编号 ...), and
 * overridden by --map field=Header or, for a file without a header,
 * --map field=N (1-based column number). A map may name the kind it is
 * for, --map customers.customer_id=Kundennr; one without a kind is for
 * the command's main input (transactions, unless the command says
 * otherwise). No I/O.
 */
#ifndef KEHU_SCHEMA_H
#define KEHU_SCHEMA_H

#include "kehu/status.h"
#include "kehu/txn.h"

#include <stddef.h>

typedef enum kehu_input_kind {
    KEHU_INPUT_TRANSACTIONS = 0,
    KEHU_INPUT_CUSTOMERS,
    KEHU_INPUT_FEEDBACK,
    KEHU_INPUT_SERVICE_COSTS,
    KEHU_INPUT_EVENTS,
    KEHU_INPUT_COUNT
} kehu_input_kind;

typedef enum kehu_field {
    KEHU_F_CUSTOMER_ID = 0,
    KEHU_F_ORDER_DATE,
    KEHU_F_AMOUNT,
    KEHU_F_ORDER_ID,
    KEHU_F_QUANTITY,
    KEHU_F_UNIT_PRICE,
    KEHU_F_COST,
    KEHU_F_DISCOUNT,
    KEHU_F_REGION,
    KEHU_F_BRANCH,
    KEHU_F_CHANNEL,
    KEHU_F_CATEGORY,
    KEHU_F_SIGNUP_DATE,
    KEHU_F_SOURCE,
    KEHU_F_NAME,
    KEHU_F_DATE,
    KEHU_F_SCORE,
    KEHU_F_SCALE,
    KEHU_F_COMMENT,
    KEHU_F_TYPE,
    KEHU_F_TIME,
    KEHU_F_EVENT,
    KEHU_F_ITEM,
    KEHU_F_COUNT
} kehu_field;

/* Role of a field in a kind. */
#define KEHU_ROLE_NONE     0 /* not read for this kind */
#define KEHU_ROLE_OPTIONAL 1 /* used when present */
#define KEHU_ROLE_REQUIRED 2 /* the file is unusable without it */

/* A resolved schema: which column holds each field. Caller storage. */
typedef struct kehu_schema {
    kehu_input_kind kind;
    int col[KEHU_F_COUNT]; /* 0-based column, -1 when absent */
    size_t ncols;          /* columns a row must have */
    int positional;        /* 1: no header row, columns from --map N */
} kehu_schema;

/* One parsed --map option. */
typedef struct kehu_schema_map {
    int scoped;           /* 1: "KIND.field=..." names the kind */
    kehu_input_kind kind; /* the kind named, when scoped */
    kehu_field field;
    const char *header; /* borrowed, NUL-terminated; NULL when positional */
    int position;       /* 1-based column, 0 when by header name */
} kehu_schema_map;

/* Machine names: "transactions", "customer_id" ... never NULL. */
const char *kehu_input_kind_name(kehu_input_kind k);
const char *kehu_field_name(kehu_field f);
/* KEHU_ROLE_* of field f in kind k. */
int kehu_schema_role(kehu_input_kind k, kehu_field f);
/* Field by machine name (exact): KEHU_OK or KEHU_EINVAL. */
kehu_status kehu_field_lookup(const char *name, size_t len, kehu_field *out);
/* Kind by machine name ("service-costs" also names service_costs):
 * KEHU_OK or KEHU_EINVAL. */
kehu_status kehu_input_kind_lookup(const char *name, size_t len,
                                   kehu_input_kind *out);

/*
 * Parse "field=Header", "field=N", "KIND.field=Header" or "KIND.field=N"
 * (spec is borrowed and must outlive out). Returns KEHU_OK or KEHU_EINVAL
 * (err says why: no '=', unknown kind or field, a field the kind does not
 * have, empty header).
 */
kehu_status kehu_schema_parse_map(const char *spec, kehu_schema_map *out,
                                  kehu_error *err);

/* 1 when map m applies to a file of kind `kind` whose command reads
 * unscoped maps as `main_kind`. */
int kehu_schema_map_applies(const kehu_schema_map *m, kehu_input_kind kind,
                            kehu_input_kind main_kind);

/* 1 when every map is positional (and there is at least one): the file
 * is then read without a header row. Mixing names and numbers is refused
 * by kehu_schema_resolve. */
int kehu_schema_maps_positional(const kehu_schema_map *maps, size_t nmaps);

/*
 * Resolve the schema of kind from the header row (headers[0..n), borrowed)
 * and the maps. With positional maps, headers is ignored (may be NULL) and
 * n is the number of columns of the first row.
 * Returns KEHU_OK; KEHU_EINVAL for a bad map (a field the kind does not
 * use, a header not in the file, names mixed with numbers, a position
 * beyond the row); KEHU_EPARSE when a required field has no column:
 * err->field names it. For transactions, amount is required unless both
 * quantity and unit_price are present (amount = quantity x unit_price).
 */
kehu_status kehu_schema_resolve(kehu_input_kind kind, const kehu_slice *headers,
                                size_t n, const kehu_schema_map *maps,
                                size_t nmaps, kehu_schema *out,
                                kehu_error *err);

/* The field a header names for kind (through aliases), or KEHU_F_COUNT. */
kehu_field kehu_schema_guess(kehu_input_kind kind, kehu_slice header);

#endif
