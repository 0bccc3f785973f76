/* SPDX-License-Identifier: MIT */
/*
 * Test helper: read named numeric columns of a small comma-separated file
 * with a header line (the published BTYD test data). Tests only.
 */
#ifndef KEHU_TEST_CSVNUM_H
#define KEHU_TEST_CSVNUM_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads up to max rows of the ncol columns named in names into cols[k];
 * returns the number of rows, or 0 on any failure. */
static inline size_t csvnum_read(const char *path, const char *const *names,
                                 size_t ncol, double **cols, size_t max)
{
    FILE *f = fopen(path, "r");
    char line[512];
    int idx[8];
    size_t k, n = 0;

    if (f == NULL || ncol > 8) {
        if (f != NULL) {
            fclose(f);
        }
        return 0;
    }
    for (k = 0; k < ncol; k++) {
        idx[k] = -1;
    }
    if (fgets(line, sizeof line, f) != NULL) {
        int c = 0;
        char *tok = strtok(line, ",\r\n");
        while (tok != NULL) {
            for (k = 0; k < ncol; k++) {
                if (strcmp(tok, names[k]) == 0) {
                    idx[k] = c;
                }
            }
            c++;
            tok = strtok(NULL, ",\r\n");
        }
    }
    for (k = 0; k < ncol; k++) {
        if (idx[k] < 0) {
            fclose(f);
            return 0;
        }
    }
    while (n < max && fgets(line, sizeof line, f) != NULL) {
        int c = 0;
        char *tok = strtok(line, ",\r\n");
        if (tok == NULL) {
            continue;
        }
        while (tok != NULL) {
            for (k = 0; k < ncol; k++) {
                if (idx[k] == c) {
                    cols[k][n] = strtod(tok, NULL);
                }
            }
            c++;
            tok = strtok(NULL, ",\r\n");
        }
        n++;
    }
    fclose(f);
    return n;
}

#endif
