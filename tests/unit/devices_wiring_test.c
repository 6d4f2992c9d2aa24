/* The devices wired together as a machine would wire them (the example for the machine
 * file): UART and RTC interrupt lines into PLIC sources 10 and 11, the PLIC's contexts 0
 * and 1 to hart 0's MEIP and SEIP (here: two flags), all on one bus at QEMU virt's
 * addresses. Then what Linux does on an external interrupt: claim, run the device's
 * handler, complete. */
#include <string.h>

#include "device_check.h"
#include "devices/goldfish_rtc.h"
#include "devices/plic.h"
#include "devices/uart16550.h"

#define PLIC_BASE 0xc000000
#define UART_BASE 0x10000000
#define RTC_BASE 0x101000
#define UART_IRQ 10
#define RTC_IRQ 11

typedef struct machine {
    spin_bus bus;
    spin_plic plic;
    spin_uart uart;
    spin_goldfish_rtc rtc;
    int meip, seip; /* what rv_hart_set_irq(hart, MIP_MEIP / MIP_SEIP, level) would get */
    uint64_t host_ns;
    char out[256];
    size_t out_len;
} machine;

static void set_context_irq(void *opaque, int context, int level) {
    machine *m = opaque;
    if (context == 0) m->meip = level;
    if (context == 1) m->seip = level;
}
static void uart_irq(void *opaque, int level) {
    spin_plic_set_irq(&((machine *)opaque)->plic, UART_IRQ, level);
}
static void rtc_irq(void *opaque, int level) {
    spin_plic_set_irq(&((machine *)opaque)->plic, RTC_IRQ, level);
}
static void uart_tx(void *opaque, uint8_t byte) {
    machine *m = opaque;
    if (m->out_len < sizeof m->out - 1) m->out[m->out_len++] = (char)byte;
}
static uint64_t now_ns(void *opaque) { return ((machine *)opaque)->host_ns; }

static uint32_t rd(machine *m, uint64_t addr, unsigned size) {
    uint64_t v = 0;
    CHECK(spin_bus_read(&m->bus, addr, size, &v) == 0);
    return (uint32_t)v;
}
static void wr(machine *m, uint64_t addr, unsigned size, uint32_t v) {
    CHECK(spin_bus_write(&m->bus, addr, size, v) == 0);
}

#define S_CLAIM (PLIC_BASE + SPIN_PLIC_CONTEXT_BASE + SPIN_PLIC_CONTEXT_STRIDE + 4)

int main(void) {
    static machine m;
    memset(&m, 0, sizeof m);
    m.host_ns = UINT64_C(1795364276) * 1000000000;
    CHECK(spin_bus_init(&m.bus, 0x80000000, 0x100000) == 0);
    CHECK(spin_plic_init(&m.plic, 95, 2, set_context_irq, &m) == 0);
    spin_uart_init(&m.uart, uart_tx, uart_irq, &m);
    spin_goldfish_rtc_init(&m.rtc, now_ns, rtc_irq, &m);
    CHECK(spin_plic_attach(&m.plic, &m.bus, PLIC_BASE) == 0);
    CHECK(spin_uart_attach(&m.uart, &m.bus, UART_BASE) == 0);
    CHECK(spin_goldfish_rtc_attach(&m.rtc, &m.bus, RTC_BASE) == 0);

    /* Linux's PLIC driver: priority 1 for the sources it uses, enable them in the S-mode
     * context, threshold 0. The UART driver: FIFOs on, receive interrupts on. */
    wr(&m, PLIC_BASE + 4 * UART_IRQ, 4, 1);
    wr(&m, PLIC_BASE + 4 * RTC_IRQ, 4, 1);
    wr(&m, PLIC_BASE + SPIN_PLIC_ENABLE_BASE + SPIN_PLIC_ENABLE_STRIDE, 4,
       1u << UART_IRQ | 1u << RTC_IRQ);
    wr(&m, PLIC_BASE + SPIN_PLIC_CONTEXT_BASE + SPIN_PLIC_CONTEXT_STRIDE, 4, 0);
    wr(&m, UART_BASE + SPIN_UART_FCR, 1, SPIN_UART_FCR_ENABLE | SPIN_UART_FCR_CLEAR_RX);
    wr(&m, UART_BASE + SPIN_UART_IER, 1, SPIN_UART_IER_ERBFI);
    CHECK_EQ(m.seip, 0);
    CHECK_EQ(m.meip, 0);

    /* Keyboard input arrives: SEIP rises; the handler claims, drains RBR only partly
     * (say it was told to stop), completes: the UART line is still high, so SEIP
     * comes straight back. */
    CHECK_EQ(spin_uart_receive(&m.uart, (const uint8_t *)"ls\n", 3), 3);
    CHECK_EQ(m.seip, 1);
    CHECK_EQ(m.meip, 0);
    CHECK_EQ(rd(&m, S_CLAIM, 4), UART_IRQ);
    CHECK_EQ(m.seip, 0);
    CHECK_EQ(rd(&m, UART_BASE + SPIN_UART_IIR, 1) & 0x0f, SPIN_UART_IIR_RDI); /* trigger level 1 */
    CHECK_EQ(rd(&m, UART_BASE + SPIN_UART_RBR, 1), 'l');
    wr(&m, S_CLAIM, 4, UART_IRQ);
    CHECK_EQ(m.seip, 1);
    CHECK_EQ(rd(&m, S_CLAIM, 4), UART_IRQ);
    while (rd(&m, UART_BASE + SPIN_UART_LSR, 1) & SPIN_UART_LSR_DR) rd(&m, UART_BASE + SPIN_UART_RBR, 1);
    wr(&m, S_CLAIM, 4, UART_IRQ);
    CHECK_EQ(m.seip, 0);

    /* Transmit by THRE interrupts: start_tx, then each interrupt writes a chunk. */
    const char *msg = "root@spin:~# ";
    size_t at = 0;
    wr(&m, UART_BASE + SPIN_UART_IER, 1, SPIN_UART_IER_ERBFI | SPIN_UART_IER_ETBEI);
    int rounds = 0;
    while (m.seip && rounds++ < 10) {
        uint32_t id = rd(&m, S_CLAIM, 4);
        CHECK_EQ(id, UART_IRQ);
        uint8_t iir = (uint8_t)rd(&m, UART_BASE + SPIN_UART_IIR, 1);
        if ((iir & 0x0f) == SPIN_UART_IIR_THRI) {
            for (int i = 0; i < SPIN_UART_FIFO_SIZE && msg[at]; i++)
                wr(&m, UART_BASE + SPIN_UART_THR, 1, (uint8_t)msg[at++]);
            if (!msg[at]) wr(&m, UART_BASE + SPIN_UART_IER, 1, SPIN_UART_IER_ERBFI);
        }
        wr(&m, S_CLAIM, 4, id);
    }
    CHECK(!strcmp(m.out, msg));
    CHECK_EQ(m.seip, 0);

    /* The RTC alarm, one second ahead, found by the host's poll. */
    uint64_t t = (uint64_t)rd(&m, RTC_BASE + SPIN_GOLDFISH_RTC_TIME_LOW, 4);
    t |= (uint64_t)rd(&m, RTC_BASE + SPIN_GOLDFISH_RTC_TIME_HIGH, 4) << 32;
    CHECK_EQ(t, m.host_ns);
    uint64_t alarm = t + 1000000000;
    wr(&m, RTC_BASE + SPIN_GOLDFISH_RTC_ALARM_HIGH, 4, (uint32_t)(alarm >> 32));
    wr(&m, RTC_BASE + SPIN_GOLDFISH_RTC_ALARM_LOW, 4, (uint32_t)alarm);
    wr(&m, RTC_BASE + SPIN_GOLDFISH_RTC_IRQ_ENABLED, 4, 1);
    uint64_t wake;
    CHECK(spin_goldfish_rtc_next_alarm(&m.rtc, &wake) && wake == m.host_ns + 1000000000);
    m.host_ns = wake;
    spin_goldfish_rtc_poll(&m.rtc);
    CHECK_EQ(m.seip, 1);
    CHECK_EQ(rd(&m, S_CLAIM, 4), RTC_IRQ);
    wr(&m, RTC_BASE + SPIN_GOLDFISH_RTC_CLEAR_INTERRUPT, 4, 1);
    wr(&m, S_CLAIM, 4, RTC_IRQ);
    CHECK_EQ(m.seip, 0);

    /* Both at once: equal priority, so the lower source (the UART) is claimed first. */
    spin_uart_receive(&m.uart, (const uint8_t *)"x", 1);
    wr(&m, RTC_BASE + SPIN_GOLDFISH_RTC_ALARM_LOW, 4, 0);
    CHECK_EQ(rd(&m, S_CLAIM, 4), UART_IRQ);
    CHECK_EQ(m.seip, 1); /* the RTC is still waiting */
    CHECK_EQ(rd(&m, S_CLAIM, 4), RTC_IRQ);
    CHECK_EQ(m.seip, 0);
    CHECK_EQ(m.meip, 0); /* nothing was ever enabled for M-mode */

    spin_bus_destroy(&m.bus);
    spin_plic_destroy(&m.plic);
    return device_check_summary("devices_wiring");
}
