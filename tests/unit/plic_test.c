/* The PLIC (emulator/devices/plic.h): priorities, thresholds, claim/complete, level
 * re-triggering, the context outputs, and bounds of every register window. */
#include <stdlib.h>

#include "device_check.h"
#include "devices/plic.h"

#define PRIO(s) (SPIN_PLIC_PRIORITY_BASE + 4 * (s))
#define PENDING(w) (SPIN_PLIC_PENDING_BASE + 4 * (w))
#define ENABLE(c, w) (SPIN_PLIC_ENABLE_BASE + SPIN_PLIC_ENABLE_STRIDE * (c) + 4 * (w))
#define THRESHOLD(c) (SPIN_PLIC_CONTEXT_BASE + SPIN_PLIC_CONTEXT_STRIDE * (c))
#define CLAIM(c) (THRESHOLD(c) + 4)

static int out[4];
static int calls;
static void set_context_irq(void *opaque, int context, int level) {
    CHECK(opaque == &out);
    CHECK(context >= 0 && context < 4);
    if (context >= 0 && context < 4) {
        CHECK(out[context] != level); /* told only about changes */
        out[context] = level;
    }
    calls++;
}

static uint32_t rd(spin_plic *p, uint64_t off) { return (uint32_t)spin_plic_read(p, off, 4); }
static void wr(spin_plic *p, uint64_t off, uint32_t v) { spin_plic_write(p, off, v, 4); }

static void fresh(spin_plic *p, unsigned sources, unsigned contexts) {
    out[0] = out[1] = out[2] = out[3] = 0;
    calls = 0;
    CHECK(spin_plic_init(p, sources, contexts, set_context_irq, &out) == 0);
}

static void test_init_bounds(void) {
    spin_plic p;
    CHECK(spin_plic_init(&p, 0, 2, NULL, NULL) == -1);
    CHECK(spin_plic_init(&p, 1024, 2, NULL, NULL) == -1);
    CHECK(spin_plic_init(&p, 31, 0, NULL, NULL) == -1);
    CHECK(spin_plic_init(&p, 31, SPIN_PLIC_MAX_CONTEXTS + 1, NULL, NULL) == -1);
    CHECK(spin_plic_init(&p, 1023, 2, NULL, NULL) == 0);
    spin_plic_destroy(&p);
}

static void test_registers(void) {
    spin_plic p;
    fresh(&p, 31, 2);
    /* priorities: 3 bits, source 0 and sources beyond 31 do not exist */
    wr(&p, PRIO(1), 5);
    CHECK_EQ(rd(&p, PRIO(1)), 5);
    wr(&p, PRIO(2), 0xffffffff);
    CHECK_EQ(rd(&p, PRIO(2)), 7);
    wr(&p, PRIO(0), 3);
    CHECK_EQ(rd(&p, PRIO(0)), 0);
    wr(&p, PRIO(32), 3);
    CHECK_EQ(rd(&p, PRIO(32)), 0);
    /* enables: bit 0 and bits past the last source are hardwired 0 */
    wr(&p, ENABLE(0, 0), 0xffffffff);
    CHECK_EQ(rd(&p, ENABLE(0, 0)), 0xfffffffe);
    wr(&p, ENABLE(1, 1), 0xffffffff);
    CHECK_EQ(rd(&p, ENABLE(1, 1)), 0);
    wr(&p, ENABLE(2, 0), 0xffffffff); /* no context 2 */
    CHECK_EQ(rd(&p, ENABLE(2, 0)), 0);
    /* thresholds */
    wr(&p, THRESHOLD(1), 3);
    CHECK_EQ(rd(&p, THRESHOLD(1)), 3);
    wr(&p, THRESHOLD(1), 0x1f);
    CHECK_EQ(rd(&p, THRESHOLD(1)), 7);
    wr(&p, THRESHOLD(2), 3);
    CHECK_EQ(rd(&p, THRESHOLD(2)), 0);
    CHECK_EQ(rd(&p, CLAIM(2)), 0);
    /* pending is read-only */
    wr(&p, PENDING(0), 0xffffffff);
    CHECK_EQ(rd(&p, PENDING(0)), 0);
    /* narrow accesses see and change parts of a register */
    wr(&p, ENABLE(1, 0), 0);
    spin_plic_write(&p, ENABLE(1, 0) + 1, 0x12, 1);
    CHECK_EQ(rd(&p, ENABLE(1, 0)), 0x1200);
    CHECK_EQ(spin_plic_read(&p, ENABLE(1, 0) + 1, 1), 0x12);
    CHECK_EQ(spin_plic_read(&p, ENABLE(1, 0), 2), 0x1200);
    /* 8-byte accesses cover two registers */
    spin_plic_write(&p, PRIO(4), UINT64_C(0x0000000300000002), 8);
    CHECK_EQ(rd(&p, PRIO(4)), 2);
    CHECK_EQ(rd(&p, PRIO(5)), 3);
    CHECK_EQ(spin_plic_read(&p, PRIO(4), 8), UINT64_C(0x0000000300000002));
    /* unknown and out-of-window offsets: reads 0, writes ignored, no crash */
    CHECK_EQ(rd(&p, THRESHOLD(0) + 8), 0);
    wr(&p, THRESHOLD(0) + 8, 1);
    CHECK_EQ(rd(&p, SPIN_PLIC_SIZE), 0);
    wr(&p, SPIN_PLIC_SIZE + 4, 1);
    CHECK_EQ(spin_plic_read(&p, UINT64_MAX - 3, 4), 0);
    spin_plic_write(&p, UINT64_MAX - 3, 1, 4);
    CHECK_EQ(spin_plic_read(&p, PRIO(1) + 3, 2), 0); /* straddles two registers */
    CHECK_EQ(spin_plic_read(&p, PRIO(1), 3), 0);     /* not a size */
    CHECK_EQ(calls, 0);
    spin_plic_destroy(&p);
}

static void test_claim_complete(void) {
    spin_plic p;
    fresh(&p, 95, 2);
    /* source 10 (a UART, say) at priority 1, enabled for S-mode (context 1) */
    wr(&p, PRIO(10), 1);
    wr(&p, ENABLE(1, 0), 1u << 10);
    spin_plic_set_irq(&p, 10, 1);
    CHECK_EQ(rd(&p, PENDING(0)), 1u << 10);
    CHECK_EQ(out[1], 1);
    CHECK_EQ(out[0], 0); /* not enabled for M-mode */
    CHECK_EQ(rd(&p, CLAIM(0)), 0);
    CHECK_EQ(rd(&p, CLAIM(1)), 10);
    CHECK_EQ(rd(&p, PENDING(0)), 0);
    CHECK_EQ(out[1], 0);
    /* claimed: the line is still high but no new request until completion */
    CHECK_EQ(rd(&p, CLAIM(1)), 0);
    spin_plic_set_irq(&p, 10, 1);
    CHECK_EQ(out[1], 0);
    /* completing a source not enabled for the context is ignored */
    wr(&p, CLAIM(0), 10);
    CHECK_EQ(out[1], 0);
    /* complete with the line still high: pending again (level re-trigger) */
    wr(&p, CLAIM(1), 10);
    CHECK_EQ(rd(&p, PENDING(0)), 1u << 10);
    CHECK_EQ(out[1], 1);
    CHECK_EQ(rd(&p, CLAIM(1)), 10);
    /* device deasserts while claimed, then complete: nothing pending */
    spin_plic_set_irq(&p, 10, 0);
    wr(&p, CLAIM(1), 10);
    CHECK_EQ(rd(&p, PENDING(0)), 0);
    CHECK_EQ(out[1], 0);
    /* a request withdrawn before the claim leaves nothing to claim */
    spin_plic_set_irq(&p, 10, 1);
    CHECK_EQ(out[1], 1);
    spin_plic_set_irq(&p, 10, 0);
    CHECK_EQ(out[1], 0);
    CHECK_EQ(rd(&p, CLAIM(1)), 0);
    /* bogus completions and sources are ignored */
    wr(&p, CLAIM(1), 0);
    wr(&p, CLAIM(1), 96);
    wr(&p, CLAIM(1), 0xffffffff);
    spin_plic_set_irq(&p, 0, 1);
    spin_plic_set_irq(&p, 96, 1);
    spin_plic_set_irq(&p, 100000, 1);
    CHECK_EQ(rd(&p, PENDING(0)), 0);
    CHECK_EQ(rd(&p, PENDING(3)), 0);
    CHECK_EQ(out[1], 0);
    spin_plic_destroy(&p);
}

static void test_priorities_thresholds(void) {
    spin_plic p;
    fresh(&p, 95, 2);
    wr(&p, ENABLE(1, 0), 0xffffffff);
    wr(&p, ENABLE(1, 1), 0xffffffff);
    wr(&p, PRIO(3), 2);
    wr(&p, PRIO(5), 6);
    wr(&p, PRIO(7), 6);
    wr(&p, PRIO(40), 4);
    /* source 9 has priority 0: never interrupts */
    spin_plic_set_irq(&p, 9, 1);
    CHECK_EQ(out[1], 0);
    CHECK_EQ(rd(&p, PENDING(0)), 1u << 9);
    CHECK_EQ(rd(&p, CLAIM(1)), 0);
    for (unsigned s = 3; s <= 40; s++)
        if (s == 3 || s == 5 || s == 7 || s == 40) spin_plic_set_irq(&p, s, 1);
    CHECK_EQ(rd(&p, PENDING(1)), 1u << 8);
    CHECK_EQ(out[1], 1);
    /* threshold 6 masks everything (priority must exceed it) */
    wr(&p, THRESHOLD(1), 6);
    CHECK_EQ(out[1], 0);
    CHECK_EQ(rd(&p, CLAIM(1)), 0);
    wr(&p, THRESHOLD(1), 5);
    CHECK_EQ(out[1], 1);
    /* 5 and 7 tie at priority 6: lowest id first; then 7; then nothing above 5 */
    CHECK_EQ(rd(&p, CLAIM(1)), 5);
    CHECK_EQ(rd(&p, CLAIM(1)), 7);
    CHECK_EQ(out[1], 0);
    CHECK_EQ(rd(&p, CLAIM(1)), 0);
    wr(&p, THRESHOLD(1), 0);
    CHECK_EQ(rd(&p, CLAIM(1)), 40);
    CHECK_EQ(rd(&p, CLAIM(1)), 3);
    CHECK_EQ(rd(&p, CLAIM(1)), 0);
    /* raising a priority of a pending source can raise the output */
    wr(&p, PRIO(9), 1);
    CHECK_EQ(out[1], 1);
    CHECK_EQ(rd(&p, CLAIM(1)), 9);
    /* enabling/disabling also moves the output */
    wr(&p, CLAIM(1), 9);
    CHECK_EQ(out[1], 1);
    wr(&p, ENABLE(1, 0), 0);
    CHECK_EQ(out[1], 0);
    /* the same source visible to both contexts: either can claim it, once */
    wr(&p, ENABLE(0, 0), 1u << 9);
    wr(&p, ENABLE(1, 0), 1u << 9);
    CHECK_EQ(out[0], 1);
    CHECK_EQ(out[1], 1);
    CHECK_EQ(rd(&p, CLAIM(0)), 9);
    CHECK_EQ(out[0], 0);
    CHECK_EQ(out[1], 0);
    CHECK_EQ(rd(&p, CLAIM(1)), 0);
    spin_plic_destroy(&p);
}

/* The highest source of a full-size PLIC works, and many contexts are independent. */
static void test_large(void) {
    spin_plic p;
    fresh(&p, 1023, 4);
    wr(&p, PRIO(1023), 7);
    wr(&p, ENABLE(3, 31), 0x80000000u);
    CHECK_EQ(rd(&p, ENABLE(3, 31)), 0x80000000u);
    spin_plic_set_irq(&p, 1023, 1);
    CHECK_EQ(rd(&p, PENDING(31)), 0x80000000u);
    CHECK_EQ(out[3], 1);
    CHECK_EQ(out[0] | out[1] | out[2], 0);
    CHECK_EQ(rd(&p, CLAIM(3)), 1023);
    CHECK_EQ(out[3], 0);
    spin_plic_destroy(&p);
}

/* Through the bus, at QEMU virt's address. */
static void test_bus(void) {
    spin_plic p;
    spin_bus bus;
    fresh(&p, 95, 2);
    CHECK(spin_bus_init(&bus, 0x80000000, 0x10000) == 0);
    CHECK(spin_plic_attach(&p, &bus, 0xc000000) == 0);
    CHECK(spin_bus_write(&bus, 0xc000000 + PRIO(10), 4, 1) == 0);
    CHECK(spin_bus_write(&bus, 0xc000000 + ENABLE(1, 0), 4, 1u << 10) == 0);
    spin_plic_set_irq(&p, 10, 1);
    uint64_t v = 0;
    CHECK(spin_bus_read(&bus, 0xc000000 + CLAIM(1), 4, &v) == 0);
    CHECK_EQ(v, 10);
    CHECK(spin_bus_read(&bus, 0xc000000 + SPIN_PLIC_SIZE - 4, 4, &v) == 0);
    CHECK_EQ(v, 0);
    spin_bus_destroy(&bus);
    spin_plic_destroy(&p);
}

int main(void) {
    test_init_bounds();
    test_registers();
    test_claim_complete();
    test_priorities_thresholds();
    test_large();
    test_bus();
    return device_check_summary("plic");
}
