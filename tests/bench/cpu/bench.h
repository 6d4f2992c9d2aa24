/* Interface between the CPU benchmark's workload (workload.c, target-neutral C11 with
 * no libc) and the per-target glue (main-*.c): the glue supplies bench_out and calls
 * bench_run, whose return value is the program's exit status (0 = ran to the end). */
#ifndef SPIN_BENCH_CPU_H
#define SPIN_BENCH_CPU_H

void bench_out(const char *s); /* writes s (no newline added) to the program's output */
int bench_run(void);

#endif
