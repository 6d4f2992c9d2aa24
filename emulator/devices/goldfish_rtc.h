/*
 * Goldfish RTC, the real-time clock of the Android emulator that QEMU's virt machine
 * also has (compatible "google,goldfish-rtc", at 0x101000 with PLIC source 11 there),
 * driven by Linux's rtc-goldfish. Time is a 64-bit count of nanoseconds since the Unix
 * epoch, split into two 32-bit registers:
 *
 *   0x00 TIME_LOW         read: latches the current time, returns its low half
 *                         write: sets the time to (TIME_HIGH written before) << 32 | value
 *   0x04 TIME_HIGH        read: the high half latched by the last TIME_LOW read
 *                         write: high half for the next TIME_LOW write
 *   0x08 ALARM_LOW        write: alarm = ALARM_HIGH << 32 | value, and arms it; read: low half
 *   0x0c ALARM_HIGH       write/read: high half of the alarm
 *   0x10 IRQ_ENABLED      bit 0: the alarm interrupt reaches the interrupt line
 *   0x14 CLEAR_ALARM      write: disarms the alarm
 *   0x18 ALARM_STATUS     read: 1 while an alarm is armed and has not fired
 *   0x1c CLEAR_INTERRUPT  write: lowers the interrupt
 *
 * Reading TIME_LOW then TIME_HIGH (what the driver does) gives one consistent 64-bit
 * value even if the low half wraps between the two reads; an 8-byte read of TIME_LOW
 * returns the whole time at once.
 *
 * The emulator has no clock of its own: the host passes now_ns(), nanoseconds since the
 * epoch. Setting the time stores only an offset from the host's clock, so the guest's
 * clock keeps running (and stays right across a snapshot restore).
 *
 * The alarm is implemented but needs the host's help to fire on time: it is checked on
 * every register access and whenever the machine calls spin_goldfish_rtc_poll(); an idle
 * host asks spin_goldfish_rtc_next_alarm() when to wake up. When it fires it disarms, and
 * the interrupt (level, set_irq called only on changes) is raised if IRQ_ENABLED is set,
 * until the guest writes CLEAR_INTERRUPT. Our guest does not use the alarm today (it
 * only reads the time at boot, and hwclock may set it), so a machine that never polls
 * loses nothing but wake-up alarms.
 */
#ifndef SPIN_EMULATOR_DEVICES_GOLDFISH_RTC_H
#define SPIN_EMULATOR_DEVICES_GOLDFISH_RTC_H

#include <stdbool.h>
#include <stdint.h>

#include "bus.h"

#define SPIN_GOLDFISH_RTC_SIZE 0x1000

#define SPIN_GOLDFISH_RTC_TIME_LOW 0x00
#define SPIN_GOLDFISH_RTC_TIME_HIGH 0x04
#define SPIN_GOLDFISH_RTC_ALARM_LOW 0x08
#define SPIN_GOLDFISH_RTC_ALARM_HIGH 0x0c
#define SPIN_GOLDFISH_RTC_IRQ_ENABLED 0x10
#define SPIN_GOLDFISH_RTC_CLEAR_ALARM 0x14
#define SPIN_GOLDFISH_RTC_ALARM_STATUS 0x18
#define SPIN_GOLDFISH_RTC_CLEAR_INTERRUPT 0x1c

typedef struct spin_goldfish_rtc {
    uint64_t offset_ns;     /* guest time = host now_ns() + offset_ns (mod 2^64) */
    uint32_t latched_high;  /* TIME_HIGH as latched by the last TIME_LOW read */
    uint32_t set_high;      /* TIME_HIGH as written, for the next TIME_LOW write */
    bool set_high_written;  /* TIME_HIGH was written since the last TIME_LOW write */
    uint64_t alarm_ns;      /* guest time of the alarm */
    bool alarm_armed, irq_enabled, irq_pending;
    bool irq_level;         /* last level told to set_irq */
    uint64_t (*now_ns)(void *opaque);
    void (*set_irq)(void *opaque, int level); /* may be NULL */
    void *opaque;
} spin_goldfish_rtc;

/* The guest's clock starts as the host's (offset 0); no alarm, interrupt low. */
void spin_goldfish_rtc_init(spin_goldfish_rtc *rtc, uint64_t (*now_ns)(void *opaque),
                            void (*set_irq)(void *opaque, int level), void *opaque);
/* Maps the registers at base (SPIN_GOLDFISH_RTC_SIZE bytes). */
int spin_goldfish_rtc_attach(spin_goldfish_rtc *rtc, spin_bus *bus, uint64_t base);

/* Fires the alarm if its time has come. Cheap; call it once per run slice. */
void spin_goldfish_rtc_poll(spin_goldfish_rtc *rtc);
/* If an alarm is armed: true, with *host_ns the host time (now_ns's clock) it fires at. */
bool spin_goldfish_rtc_next_alarm(const spin_goldfish_rtc *rtc, uint64_t *host_ns);

/* The bus-facing accessors (also what the unit tests drive). */
uint64_t spin_goldfish_rtc_read(void *opaque, uint64_t offset, unsigned size);
void spin_goldfish_rtc_write(void *opaque, uint64_t offset, uint64_t value, unsigned size);

#endif
