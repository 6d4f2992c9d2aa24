/* The goldfish RTC (emulator/devices/goldfish_rtc.h): the TIME_LOW/TIME_HIGH latch, setting
 * the time as Linux's rtc-goldfish does (an offset from the host clock), the alarm and
 * its interrupt, bounds. The host clock is a variable the test moves. */
#include "device_check.h"
#include "devices/goldfish_rtc.h"

static uint64_t host_now;
static int irq, irq_calls;

static uint64_t now_ns(void *opaque) {
    CHECK(opaque == &host_now);
    return host_now;
}
static void set_irq(void *opaque, int level) {
    CHECK(opaque == &host_now);
    CHECK(level != irq); /* told only about changes */
    irq = level;
    irq_calls++;
}

static uint32_t rd(spin_goldfish_rtc *r, uint64_t off) {
    return (uint32_t)spin_goldfish_rtc_read(r, off, 4);
}
static void wr(spin_goldfish_rtc *r, uint64_t off, uint32_t v) {
    spin_goldfish_rtc_write(r, off, v, 4);
}
/* What rtc-goldfish's read_time does. */
static uint64_t read_time(spin_goldfish_rtc *r) {
    uint64_t low = rd(r, SPIN_GOLDFISH_RTC_TIME_LOW);
    uint64_t high = rd(r, SPIN_GOLDFISH_RTC_TIME_HIGH);
    return high << 32 | low;
}

static void fresh(spin_goldfish_rtc *r, uint64_t t) {
    host_now = t;
    irq = irq_calls = 0;
    spin_goldfish_rtc_init(r, now_ns, set_irq, &host_now);
}

static void test_latch(void) {
    spin_goldfish_rtc r;
    /* August 2024, just before the low half wraps */
    uint64_t t0 = UINT64_C(0x17f0000000000000) | 0xfffffff0u;
    fresh(&r, t0);
    CHECK_EQ(read_time(&r), t0);
    /* the low half is read, then the clock wraps it before TIME_HIGH is read: the high
     * half must be the one that goes with the low half already read */
    uint32_t low = rd(&r, SPIN_GOLDFISH_RTC_TIME_LOW);
    host_now += 0x100;
    uint32_t high = rd(&r, SPIN_GOLDFISH_RTC_TIME_HIGH);
    CHECK_EQ((uint64_t)high << 32 | low, t0);
    /* TIME_HIGH alone does not move; the next TIME_LOW latches anew */
    CHECK_EQ(rd(&r, SPIN_GOLDFISH_RTC_TIME_HIGH), high);
    CHECK_EQ(read_time(&r), t0 + 0x100);
    CHECK_EQ(rd(&r, SPIN_GOLDFISH_RTC_TIME_HIGH), 0x17f00001);
    /* an 8-byte read returns the whole time */
    host_now += 5;
    CHECK_EQ(spin_goldfish_rtc_read(&r, SPIN_GOLDFISH_RTC_TIME_LOW, 8), t0 + 0x105);
    /* narrow reads see part of the latched value */
    host_now = UINT64_C(0x1122334455667788);
    CHECK_EQ(spin_goldfish_rtc_read(&r, SPIN_GOLDFISH_RTC_TIME_LOW, 2), 0x7788);
    CHECK_EQ(spin_goldfish_rtc_read(&r, SPIN_GOLDFISH_RTC_TIME_HIGH + 3, 1), 0x11);
}

static void test_set_time(void) {
    spin_goldfish_rtc r;
    fresh(&r, UINT64_C(1700000000) * 1000000000);
    /* rtc-goldfish's set_time: TIME_HIGH, then TIME_LOW */
    uint64_t want = UINT64_C(1000000000) * 1000000000 + 123;
    wr(&r, SPIN_GOLDFISH_RTC_TIME_HIGH, (uint32_t)(want >> 32));
    CHECK_EQ(read_time(&r), host_now); /* nothing changes until TIME_LOW */
    wr(&r, SPIN_GOLDFISH_RTC_TIME_LOW, (uint32_t)want);
    CHECK_EQ(read_time(&r), want);
    /* the guest's clock keeps running with the host's */
    host_now += 2500;
    CHECK_EQ(read_time(&r), want + 2500);
    /* TIME_LOW alone keeps the current high half */
    uint64_t cur = read_time(&r);
    wr(&r, SPIN_GOLDFISH_RTC_TIME_LOW, 7);
    CHECK_EQ(read_time(&r), (cur & ~(uint64_t)UINT32_MAX) | 7);
    /* an 8-byte write sets all of it; so far in the future that it wraps the offset */
    spin_goldfish_rtc_write(&r, SPIN_GOLDFISH_RTC_TIME_LOW, UINT64_MAX - 10, 8);
    CHECK_EQ(read_time(&r), UINT64_MAX - 10);
    host_now += 20;
    CHECK_EQ(read_time(&r), 9); /* wraps like the 64-bit register it is */
    /* narrow or misaligned writes are ignored */
    fresh(&r, 1000);
    spin_goldfish_rtc_write(&r, SPIN_GOLDFISH_RTC_TIME_LOW, 5, 2);
    spin_goldfish_rtc_write(&r, SPIN_GOLDFISH_RTC_TIME_LOW + 1, 5, 4);
    CHECK_EQ(read_time(&r), 1000);
}

static void test_alarm(void) {
    spin_goldfish_rtc r;
    fresh(&r, 1000000);
    uint64_t host_at;
    CHECK(!spin_goldfish_rtc_next_alarm(&r, &host_at));
    CHECK_EQ(rd(&r, SPIN_GOLDFISH_RTC_ALARM_STATUS), 0);
    /* the guest's clock runs 1 s ahead of the host's */
    wr(&r, SPIN_GOLDFISH_RTC_TIME_HIGH, 0);
    wr(&r, SPIN_GOLDFISH_RTC_TIME_LOW, 1000000 + 1000000000);
    /* rtc-goldfish's set_alarm: ALARM_HIGH, ALARM_LOW (arms), IRQ_ENABLED */
    uint64_t alarm = 1000000 + 1000000000 + 5000;
    wr(&r, SPIN_GOLDFISH_RTC_ALARM_HIGH, (uint32_t)(alarm >> 32));
    CHECK_EQ(rd(&r, SPIN_GOLDFISH_RTC_ALARM_STATUS), 0);
    wr(&r, SPIN_GOLDFISH_RTC_ALARM_LOW, (uint32_t)alarm);
    wr(&r, SPIN_GOLDFISH_RTC_IRQ_ENABLED, 1);
    CHECK_EQ(rd(&r, SPIN_GOLDFISH_RTC_ALARM_STATUS), 1);
    CHECK_EQ(rd(&r, SPIN_GOLDFISH_RTC_IRQ_ENABLED), 1);
    CHECK_EQ(rd(&r, SPIN_GOLDFISH_RTC_ALARM_LOW), (uint32_t)alarm);
    CHECK_EQ(rd(&r, SPIN_GOLDFISH_RTC_ALARM_HIGH), (uint32_t)(alarm >> 32));
    CHECK(spin_goldfish_rtc_next_alarm(&r, &host_at));
    CHECK_EQ(host_at, 1000000 + 5000); /* in the host's clock */
    host_now += 4999;
    spin_goldfish_rtc_poll(&r);
    CHECK_EQ(irq, 0);
    host_now += 1;
    spin_goldfish_rtc_poll(&r);
    CHECK_EQ(irq, 1);
    CHECK_EQ(rd(&r, SPIN_GOLDFISH_RTC_ALARM_STATUS), 0); /* fired: disarmed */
    CHECK(!spin_goldfish_rtc_next_alarm(&r, &host_at));
    /* the interrupt stays until CLEAR_INTERRUPT */
    spin_goldfish_rtc_poll(&r);
    CHECK_EQ(irq, 1);
    wr(&r, SPIN_GOLDFISH_RTC_CLEAR_INTERRUPT, 1);
    CHECK_EQ(irq, 0);
    CHECK_EQ(irq_calls, 2);

    /* an alarm that is due is noticed by any register access too; with IRQ_ENABLED off
     * it is pending but the line stays low until enabled */
    wr(&r, SPIN_GOLDFISH_RTC_IRQ_ENABLED, 0);
    wr(&r, SPIN_GOLDFISH_RTC_ALARM_LOW, (uint32_t)(alarm + 100));
    host_now += 100;
    CHECK_EQ(rd(&r, SPIN_GOLDFISH_RTC_ALARM_STATUS), 0);
    CHECK_EQ(irq, 0);
    wr(&r, SPIN_GOLDFISH_RTC_IRQ_ENABLED, 1);
    CHECK_EQ(irq, 1);
    wr(&r, SPIN_GOLDFISH_RTC_CLEAR_INTERRUPT, 1);
    CHECK_EQ(irq, 0);

    /* CLEAR_ALARM disarms (what set_alarm does with the alarm disabled) */
    wr(&r, SPIN_GOLDFISH_RTC_ALARM_LOW, (uint32_t)(alarm + 1000000));
    CHECK_EQ(rd(&r, SPIN_GOLDFISH_RTC_ALARM_STATUS), 1);
    wr(&r, SPIN_GOLDFISH_RTC_CLEAR_ALARM, 1);
    CHECK_EQ(rd(&r, SPIN_GOLDFISH_RTC_ALARM_STATUS), 0);
    host_now += 2000000;
    spin_goldfish_rtc_poll(&r);
    CHECK_EQ(irq, 0);
    /* an alarm in the past fires at once */
    wr(&r, SPIN_GOLDFISH_RTC_ALARM_LOW, 0);
    CHECK_EQ(irq, 1);
}

static void test_bounds(void) {
    spin_goldfish_rtc r;
    fresh(&r, 42);
    /* write-only, unknown and out-of-window registers read 0; writes there do nothing */
    CHECK_EQ(rd(&r, SPIN_GOLDFISH_RTC_CLEAR_ALARM), 0);
    CHECK_EQ(rd(&r, SPIN_GOLDFISH_RTC_CLEAR_INTERRUPT), 0);
    CHECK_EQ(rd(&r, 0x20), 0);
    CHECK_EQ(rd(&r, SPIN_GOLDFISH_RTC_SIZE), 0);
    CHECK_EQ(spin_goldfish_rtc_read(&r, UINT64_MAX, 1), 0);
    wr(&r, 0x20, 1);
    wr(&r, SPIN_GOLDFISH_RTC_ALARM_STATUS, 1);
    wr(&r, SPIN_GOLDFISH_RTC_SIZE, 1);
    spin_goldfish_rtc_write(&r, UINT64_MAX - 3, 1, 4);
    CHECK_EQ(rd(&r, SPIN_GOLDFISH_RTC_ALARM_STATUS), 0);
    CHECK_EQ(read_time(&r), 42);
    CHECK_EQ(irq_calls, 0);
    /* through the bus at QEMU virt's address */
    spin_bus bus;
    CHECK(spin_bus_init(&bus, 0x80000000, 0x10000) == 0);
    CHECK(spin_goldfish_rtc_attach(&r, &bus, 0x101000) == 0);
    uint64_t v = 0;
    CHECK(spin_bus_read(&bus, 0x101000 + SPIN_GOLDFISH_RTC_TIME_LOW, 4, &v) == 0);
    CHECK_EQ(v, 42);
    spin_bus_destroy(&bus);
}

int main(void) {
    test_latch();
    test_set_time();
    test_alarm();
    test_bounds();
    return device_check_summary("goldfish_rtc");
}
