#!/bin/sh
# The core (src/lib) and the operations (src/app) do no I/O (STYLE.md
# sections 1 and 11): no files or standard streams, no printing, no clock,
# environment, randomness or exit, and allocation only through kehu_malloc
# and friends (alloc.c). Formatting into a caller's buffer (snprintf) is
# allowed, and comment lines are skipped. Front ends and io/ do the I/O.
status=0
io='fopen|fdopen|freopen|popen|fclose|fread|fwrite|fgets|fgetc|getc|getchar|fputs|fputc|putc|putchar|printf|fprintf|vprintf|vfprintf|puts|perror|exit|_Exit|abort|system|getenv|setenv|time|clock|rand|srand|malloc|calloc|realloc|free|strdup|strndup'
# String literals are blanked first: help text may say "stderr".
bad=$(awk '{ line = $0; gsub(/"([^"\\]|\\.)*"/, "\"\"", line);
             print FILENAME ":" FNR ":" line }' \
          src/lib/*.c src/app/*.c src/app/*.h 2>/dev/null |
      grep -E "^[^:]+:[0-9]+:.*((^|[^>._a-zA-Z0-9])($io)[[:space:]]*\\(|(^|[^._a-zA-Z0-9])(stdin|stdout|stderr)([^_a-zA-Z0-9]|\$))" |
      grep -v '^src/lib/alloc\.c' | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/?\*|//)' |
      grep -vE 'kehu_(malloc|calloc|realloc|free|strndup)|snprintf')
if [ -n "$bad" ]; then
    echo "src/lib and src/app must not do I/O or allocate outside alloc.c:"
    echo "$bad"
    status=1
fi
# The umbrella header names every public header (tests/unit/test_umbrella.c
# compiles against it alone).
for h in include/kehu/*.h; do
    name=${h#include/}
    [ "$name" = kehu/kehu.h ] && continue
    grep -q "#include \"$name\"" include/kehu/kehu.h ||
        { echo "include/kehu/kehu.h does not include $name"; status=1; }
done
exit $status
