#!/bin/sh
# The core (src/lib) does no I/O (STYLE.md sections 1 and 11).
bad=$(grep -nE '(^|[^>._a-z])(fopen|printf|fprintf|puts|exit|abort|getenv|time|rand|malloc|calloc|realloc|free)\s*\(' src/lib/*.c |
      grep -v '^src/lib/alloc\.c' | grep -vE 'kehu_(malloc|calloc|realloc|free)|snprintf' )
if [ -n "$bad" ]; then
    echo "src/lib must not do I/O or allocate outside alloc.c:"; echo "$bad"; exit 1
fi
