/* SPDX-License-Identifier: MIT */
/* The umbrella header alone is enough to use the library: it includes
 * every public header, and they compile
 * together with no conflicting declarations. */
#include "check.h"
#include "kehu/kehu.h"

void test_umbrella(void);

/* tools/check_core.sh checks that kehu.h names every public header. */
#if !defined(KEHU_BGNBD_H) || !defined(KEHU_PNBD_H) || !defined(KEHU_GEN_H)
#error "kehu/kehu.h does not include every public header"
#endif

void test_umbrella(void)
{
    CHECK(kehu_date_from_ymd(1970, 1, 2) == 1);
    CHECK(kehu_strerror(KEHU_OK) != NULL);
}
