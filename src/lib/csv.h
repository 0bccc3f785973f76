/* SPDX-License-Identifier: MIT */
/*
 * Internal: the CSV tokenizer. It walks a caller's buffer (ptr, len) and
 * yields one record at a time as field slices into that buffer, without
 * copying; only a quoted field containing "" is unescaped, into the
 * tokenizer's scratch buffer. RFC 4180 quoting (embedded delimiters and
 * newlines), LF or CRLF line ends, a UTF-8 BOM skipped, delimiters , ; tab,
 * or whitespace runs (' ': runs of blanks separate fields, leading and
 * trailing blanks are ignored, as in the CDNOW files). Blank lines are
 * skipped and are not records.
 *
 * It does no I/O and never validates field contents (UTF-8 is checked by
 * kehu__utf8_valid, on request). A broken record (unterminated quote, text
 * after a closing quote, longer than the cap) is returned with its status
 * and reason, and tokenizing resumes at the next physical line.
 */
#ifndef KEHU_CSV_H
#define KEHU_CSV_H

#include "kehu/status.h"
#include "kehu/txn.h"

#include <stddef.h>
#include <stdint.h>

#define KEHU_CSV_MAX_RECORD ((size_t)16 << 20) /* bytes, default cap */

typedef struct kehu_csv_opts {
    char delim;        /* ',', ';', '\t', or ' ' for whitespace runs */
    size_t max_record; /* bytes per record; 0 = KEHU_CSV_MAX_RECORD */
} kehu_csv_opts;

typedef struct kehu_csv_record {
    const kehu_slice *fields; /* valid until the next kehu__csv_next */
    size_t n;                 /* number of fields */
    int64_t line;             /* 1-based physical line of its start */
    kehu_slice raw;           /* the record's bytes, no line end; for a
                                 broken record its first physical line */
    int unescaped;            /* 1 when a field lives in scratch (had "") */
    kehu_status status;       /* KEHU_OK, KEHU_EPARSE or KEHU_ETOOBIG */
    const char *reason;       /* static machine reason when status != OK:
                                 "unterminated_quote", "text_after_quote",
                                 "record_too_long" */
} kehu_csv_record;

/* Tokenizer state; caller storage, fields private. */
typedef struct kehu_csv {
    const unsigned char *buf;
    size_t len, pos;
    int64_t line;
    char delim;
    size_t max_record;
    unsigned char cls[256]; /* byte classes of the scanner */
    kehu_slice *fields;
    size_t *offs; /* scratch offset of a field whose ptr is NULL */
    size_t cap;
    char *scratch;
    size_t scratch_len, scratch_cap;
} kehu_csv;

/* Start tokenizing buf[0..len) (borrowed; must outlive the tokenizer).
 * Returns KEHU_EINVAL for an unsupported delimiter. */
kehu_status kehu__csv_init(kehu_csv *s, const char *buf, size_t len,
                           const kehu_csv_opts *o);
/*
 * Next record. Returns KEHU_OK with *out filled (out->status tells whether
 * the record is well formed), KEHU_DONE at the end of the buffer, or
 * KEHU_ENOMEM.
 */
kehu_status kehu__csv_next(kehu_csv *s, kehu_csv_record *out);
/* Bytes consumed so far (for progress). */
size_t kehu__csv_offset(const kehu_csv *s);

/* When the next record is one plain line (no quote, not blank, the
 * delimiter not whitespace) with a field number col, sets *field to it
 * (untrimmed) and *next to the offset after the line, and returns 1,
 * without moving; kehu__csv_skip(s, next) then passes the line. Returns 0
 * otherwise: read the record with kehu__csv_next. For split reads, which
 * pass over other parts' rows by one field. */
int kehu__csv_peek(const kehu_csv *s, size_t col, kehu_slice *field,
                   size_t *next);
void kehu__csv_skip(kehu_csv *s, size_t next);
/* Release the tokenizer's buffers; s may be reused after kehu__csv_init. */
void kehu__csv_reset(kehu_csv *s);

/* 1 when p[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
int kehu__utf8_valid(const char *p, size_t n);

/* The delimiter of buf's first line (after a BOM): the most frequent of
 * , ; tab | outside quotes; with none of them but blanks between words,
 * ' ' (whitespace runs); else ','. */
char kehu__csv_detect_delim(const char *buf, size_t len);

/* A --delimiter value (",", "comma", ";", "semicolon", "tab", "\t",
 * "space", "whitespace", "|", "pipe") into *out: KEHU_OK or KEHU_EINVAL. */
kehu_status kehu__csv_parse_delim(const char *name, char *out);

/*
 * NULL when the start of buf looks like text, else a static phrase saying
 * what it is instead ("a zip archive, e.g. an Excel .xlsx workbook",
 * "binary data (NUL bytes)" ...), for the message of a file that is not
 * CSV at all. Looks at the first 64 KB: known file signatures, NUL bytes,
 * control bytes in the first line, or more than 1% control bytes.
 */
const char *kehu__csv_sniff_binary(const char *buf, size_t len);

#endif
