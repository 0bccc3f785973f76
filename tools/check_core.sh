#!/bin/sh
# The core (src/lib) does no I/O (STYLE.md sections 1 and 11).
bad=$(grep -nE '(^|[^>._a-z])(fopen|printf|fprintf|puts|exit|abort|getenv|time|rand|malloc|calloc|realloc|free)\s*\(' src/lib/*.c |
      grep -v '^src/lib/alloc\.c' | grep -vE 'kehu_(malloc|calloc|realloc|free)|snprintf' )
if [ -n "$bad" ]; then
    echo "src/lib must not do I/O or allocate outside alloc.c:"; echo "$bad"; exit 1
fi
# The umbrella header names every public header (tests/unit/test_umbrella.c
# compiles against it alone).
for h in include/kehu/*.h; do
    name=${h#include/}
    [ "$name" = kehu/kehu.h ] && continue
    grep -q "#include \"$name\"" include/kehu/kehu.h ||
        { echo "include/kehu/kehu.h does not include $name"; exit 1; }
done
