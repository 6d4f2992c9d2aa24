/* Glue of the native (hosted, x86-64) build of the CPU benchmark. */
#include <stdio.h>

#include "bench.h"

void bench_out(const char *s) { fputs(s, stdout); }

int main(void) {
    int status = bench_run();
    fflush(stdout);
    return status;
}
