/* Ending the machine. */
#ifndef SPIN_INIT_POWER_H
#define SPIN_INIT_POWER_H

/* Flushes file systems and powers the machine off. Never returns: PID 1 must not exit,
 * or the kernel panics. */
_Noreturn void power_off(void);

#endif
