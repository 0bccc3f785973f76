/* SPDX-License-Identifier: MIT */
/* Replays fuzz corpus files through a target without libFuzzer, so that
 * `make test` (gcc, sanitizers) keeps fixed bugs fixed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    int i, n = 0;

    for (i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        long len;
        uint8_t *buf;
        if (f == NULL) {
            continue; /* an empty corpus glob stays literal */
        }
        if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
            fseek(f, 0, SEEK_SET) != 0) {
            (void)fclose(f);
            return 1;
        }
        buf = malloc((size_t)len + 1);
        if (buf == NULL || fread(buf, 1, (size_t)len, f) != (size_t)len) {
            free(buf);
            (void)fclose(f);
            return 1;
        }
        (void)fclose(f);
        LLVMFuzzerTestOneInput(buf, (size_t)len);
        free(buf);
        n++;
    }
    printf("replayed %d inputs\n", n);
    return 0;
}
