/* The NS16550A UART (emulator/devices/uart16550.h): register semantics, DLAB, LSR and
 * IIR, the THRE interrupt as Linux's 8250 driver probes and uses it, receive buffering
 * with backpressure and trigger levels, loopback, earlycon-style polling, bounds. */
#include <string.h>

#include "device_check.h"
#include "devices/uart16550.h"

static uint8_t sent[8192];
static size_t sent_len;
static int irq, irq_calls;

static void tx(void *opaque, uint8_t byte) {
    CHECK(opaque == &sent);
    if (sent_len < sizeof sent) sent[sent_len++] = byte;
}
static void set_irq(void *opaque, int level) {
    CHECK(opaque == &sent);
    CHECK(level != irq); /* told only about changes */
    irq = level;
    irq_calls++;
}

static uint8_t rd(spin_uart *u, unsigned reg) { return (uint8_t)spin_uart_read(u, reg, 1); }
static void wr(spin_uart *u, unsigned reg, uint8_t v) { spin_uart_write(u, reg, v, 1); }

static void fresh(spin_uart *u) {
    sent_len = 0;
    irq = irq_calls = 0;
    spin_uart_init(u, tx, set_irq, &sent);
}

static void test_reset_and_registers(void) {
    spin_uart u;
    fresh(&u);
    CHECK_EQ(rd(&u, SPIN_UART_IER), 0);
    CHECK_EQ(rd(&u, SPIN_UART_IIR), SPIN_UART_IIR_NO_INT);
    CHECK_EQ(rd(&u, SPIN_UART_LCR), 0);
    CHECK_EQ(rd(&u, SPIN_UART_MCR), 0);
    CHECK_EQ(rd(&u, SPIN_UART_LSR), SPIN_UART_LSR_THRE | SPIN_UART_LSR_TEMT);
    CHECK_EQ(rd(&u, SPIN_UART_MSR), SPIN_UART_MSR_CTS | SPIN_UART_MSR_DSR | SPIN_UART_MSR_DCD);
    CHECK_EQ(rd(&u, SPIN_UART_RBR), 0); /* nothing received */
    /* scratch, LCR, MCR read back (IER keeps 4 bits, MCR 5) */
    wr(&u, SPIN_UART_SCR, 0xa5);
    CHECK_EQ(rd(&u, SPIN_UART_SCR), 0xa5);
    wr(&u, SPIN_UART_LCR, 0x1b);
    CHECK_EQ(rd(&u, SPIN_UART_LCR), 0x1b);
    wr(&u, SPIN_UART_MCR, 0xff);
    CHECK_EQ(rd(&u, SPIN_UART_MCR), 0x1f);
    wr(&u, SPIN_UART_MCR, 0);
    /* 0x1f looped OUT1 to RI (the other lines stayed asserted); dropping it again is
     * RI's trailing edge, which MSR reports once */
    CHECK_EQ(rd(&u, SPIN_UART_MSR), 0xb0 | 0x04);
    wr(&u, SPIN_UART_IER, 0xf0);
    CHECK_EQ(rd(&u, SPIN_UART_IER), 0);
    /* LSR and MSR writes are ignored */
    wr(&u, SPIN_UART_LSR, 0);
    CHECK_EQ(rd(&u, SPIN_UART_LSR), 0x60);
    wr(&u, SPIN_UART_MSR, 0);
    CHECK_EQ(rd(&u, SPIN_UART_MSR), 0xb0);
    /* offsets past the registers: 0, ignored; wider accesses use the byte at the offset */
    wr(&u, 8, 0x55);
    wr(&u, 0xff, 0x55);
    CHECK_EQ(spin_uart_read(&u, 8, 1), 0);
    CHECK_EQ(spin_uart_read(&u, UINT64_MAX, 1), 0);
    spin_uart_write(&u, UINT64_MAX, 1, 1);
    spin_uart_write(&u, SPIN_UART_SCR, 0x1234, 4);
    CHECK_EQ(spin_uart_read(&u, SPIN_UART_SCR, 4), 0x34);
    CHECK_EQ(sent_len, 0);
    CHECK_EQ(irq_calls, 0);
}

static void test_dlab(void) {
    spin_uart u;
    fresh(&u);
    wr(&u, SPIN_UART_IER, SPIN_UART_IER_ERBFI);
    wr(&u, SPIN_UART_LCR, SPIN_UART_LCR_DLAB | 0x03);
    wr(&u, SPIN_UART_DLL, 0x01);
    wr(&u, SPIN_UART_DLM, 0x02);
    CHECK_EQ(rd(&u, SPIN_UART_DLL), 0x01);
    CHECK_EQ(rd(&u, SPIN_UART_DLM), 0x02);
    CHECK_EQ(sent_len, 0); /* DLL is not THR */
    /* while DLAB is set, received data stays in RBR */
    CHECK_EQ(spin_uart_receive(&u, (const uint8_t *)"x", 1), 1);
    CHECK_EQ(rd(&u, SPIN_UART_DLL), 0x01);
    wr(&u, SPIN_UART_LCR, 0x03);
    CHECK_EQ(rd(&u, SPIN_UART_IER), SPIN_UART_IER_ERBFI); /* IER was not overwritten */
    CHECK_EQ(rd(&u, SPIN_UART_RBR), 'x');
    wr(&u, SPIN_UART_THR, 'y');
    CHECK(sent_len == 1 && sent[0] == 'y');
    wr(&u, SPIN_UART_LCR, SPIN_UART_LCR_DLAB);
    CHECK_EQ(rd(&u, SPIN_UART_DLL), 0x01); /* THR did not touch DLL */
    CHECK_EQ(rd(&u, SPIN_UART_DLM), 0x02);
}

/* What serial8250_do_startup does to decide whether THRE interrupts work (if they did not,
 * it would set UART_BUG_THRE and poll the port from a timer). */
static void test_thre_startup_probe(void) {
    spin_uart u;
    fresh(&u);
    wr(&u, SPIN_UART_FCR, SPIN_UART_FCR_ENABLE | SPIN_UART_FCR_CLEAR_RX | SPIN_UART_FCR_CLEAR_TX);
    wr(&u, SPIN_UART_LCR, 0x03);
    wr(&u, SPIN_UART_IER, SPIN_UART_IER_ETBEI);
    CHECK_EQ(irq, 1);
    uint8_t iir1 = rd(&u, SPIN_UART_IIR);
    CHECK_EQ(iir1, SPIN_UART_IIR_FIFO | SPIN_UART_IIR_THRI);
    CHECK_EQ(irq, 0); /* reading IIR acknowledged it */
    CHECK_EQ(rd(&u, SPIN_UART_IIR), SPIN_UART_IIR_FIFO | SPIN_UART_IIR_NO_INT);
    wr(&u, SPIN_UART_IER, 0);
    wr(&u, SPIN_UART_IER, SPIN_UART_IER_ETBEI);
    uint8_t iir = rd(&u, SPIN_UART_IIR);
    CHECK_EQ(iir, SPIN_UART_IIR_FIFO | SPIN_UART_IIR_THRI); /* re-asserted */
    wr(&u, SPIN_UART_IER, 0);
    /* the TXEN test: ETBEI on, LSR shows TEMT, IIR must not say "no interrupt" */
    wr(&u, SPIN_UART_IER, SPIN_UART_IER_ETBEI);
    CHECK(rd(&u, SPIN_UART_LSR) & SPIN_UART_LSR_TEMT);
    CHECK(!(rd(&u, SPIN_UART_IIR) & SPIN_UART_IIR_NO_INT));
    wr(&u, SPIN_UART_IER, 0);
    CHECK_EQ(irq, 0);
    /* writing IER again with ETBEI already set does not re-raise THRE */
    wr(&u, SPIN_UART_IER, SPIN_UART_IER_ETBEI);
    CHECK_EQ(rd(&u, SPIN_UART_IIR) & 0x0f, SPIN_UART_IIR_THRI);
    wr(&u, SPIN_UART_IER, SPIN_UART_IER_ETBEI | SPIN_UART_IER_ERBFI);
    CHECK_EQ(rd(&u, SPIN_UART_IIR) & 0x0f, SPIN_UART_IIR_NO_INT);
    CHECK_EQ(irq, 0);
}

/* The 8250 transmit path: start_tx enables ETBEI, each THRE interrupt is answered with up
 * to 16 bytes, stop_tx disables ETBEI when the buffer is empty. */
static void test_interrupt_driven_tx(void) {
    spin_uart u;
    fresh(&u);
    wr(&u, SPIN_UART_FCR, SPIN_UART_FCR_ENABLE);
    const char *msg = "hello from the guest kernel, interrupt-driven!";
    size_t len = strlen(msg), at = 0;
    wr(&u, SPIN_UART_IER, SPIN_UART_IER_ERBFI | SPIN_UART_IER_ETBEI);
    int interrupts = 0;
    while (irq && interrupts < 100) {
        interrupts++;
        uint8_t iir = rd(&u, SPIN_UART_IIR);
        CHECK_EQ(iir & 0x0f, SPIN_UART_IIR_THRI);
        CHECK(rd(&u, SPIN_UART_LSR) & SPIN_UART_LSR_THRE);
        for (int i = 0; i < SPIN_UART_FIFO_SIZE && at < len; i++) wr(&u, SPIN_UART_THR, (uint8_t)msg[at++]);
        if (at == len) wr(&u, SPIN_UART_IER, SPIN_UART_IER_ERBFI); /* stop_tx */
    }
    CHECK_EQ(interrupts, (len + 15) / 16);
    CHECK(sent_len == len && !memcmp(sent, msg, len));
    CHECK_EQ(irq, 0);
    CHECK_EQ(rd(&u, SPIN_UART_IIR), SPIN_UART_IIR_FIFO | SPIN_UART_IIR_NO_INT);
    /* a THR write with ETBEI off raises nothing; enabling it then does */
    wr(&u, SPIN_UART_THR, '!');
    CHECK_EQ(irq, 0);
    wr(&u, SPIN_UART_IER, SPIN_UART_IER_ETBEI);
    CHECK_EQ(irq, 1);
    /* writing THR acknowledges THRE; then the byte leaves and THR empties again */
    wr(&u, SPIN_UART_THR, '?');
    CHECK_EQ(irq, 1);
    CHECK_EQ(rd(&u, SPIN_UART_IIR) & 0x0f, SPIN_UART_IIR_THRI);
    CHECK_EQ(irq, 0);
}

/* earlycon (uart8250,mmio / ns16550a): poll LSR for THRE|TEMT, then write THR. */
static void test_earlycon_polling(void) {
    spin_uart u;
    fresh(&u);
    const char *msg = "[    0.000000] Linux version 6.1\n";
    for (const char *p = msg; *p; p++) {
        int spins = 0;
        while ((rd(&u, SPIN_UART_LSR) & 0x60) != 0x60 && spins < 10) spins++;
        CHECK_EQ(spins, 0);
        wr(&u, SPIN_UART_THR, (uint8_t)*p);
    }
    CHECK(sent_len == strlen(msg) && !memcmp(sent, msg, sent_len));
    CHECK_EQ(irq_calls, 0); /* IER is 0: polling raises nothing */
}

static void test_receive(void) {
    spin_uart u;
    fresh(&u);
    /* interrupts off: data is visible in LSR, no interrupt */
    CHECK_EQ(spin_uart_receive(&u, (const uint8_t *)"ab", 2), 2);
    CHECK_EQ(irq, 0);
    CHECK_EQ(rd(&u, SPIN_UART_LSR), 0x61);
    CHECK_EQ(rd(&u, SPIN_UART_IIR), SPIN_UART_IIR_NO_INT);
    /* ERBFI on: "received data available" (no FIFO: any byte) */
    wr(&u, SPIN_UART_IER, SPIN_UART_IER_ERBFI);
    CHECK_EQ(irq, 1);
    CHECK_EQ(rd(&u, SPIN_UART_IIR), SPIN_UART_IIR_RDI);
    CHECK_EQ(rd(&u, SPIN_UART_RBR), 'a');
    CHECK_EQ(irq, 1);
    CHECK_EQ(rd(&u, SPIN_UART_RBR), 'b');
    CHECK_EQ(irq, 0);
    CHECK_EQ(rd(&u, SPIN_UART_LSR), 0x60);
    CHECK_EQ(rd(&u, SPIN_UART_IIR), SPIN_UART_IIR_NO_INT);
    /* received data outranks THRE */
    wr(&u, SPIN_UART_IER, SPIN_UART_IER_ERBFI | SPIN_UART_IER_ETBEI);
    spin_uart_receive(&u, (const uint8_t *)"c", 1);
    CHECK_EQ(rd(&u, SPIN_UART_IIR), SPIN_UART_IIR_RDI);
    CHECK_EQ(rd(&u, SPIN_UART_RBR), 'c');
    CHECK_EQ(rd(&u, SPIN_UART_IIR), SPIN_UART_IIR_THRI);
    CHECK_EQ(irq, 0);
    wr(&u, SPIN_UART_IER, 0);

    /* FIFO mode, trigger level 8: below it the interrupt is a character timeout */
    wr(&u, SPIN_UART_FCR, SPIN_UART_FCR_ENABLE | 0x80);
    wr(&u, SPIN_UART_IER, SPIN_UART_IER_ERBFI);
    CHECK_EQ(irq, 0);
    spin_uart_receive(&u, (const uint8_t *)"1234567", 7);
    CHECK_EQ(rd(&u, SPIN_UART_IIR), SPIN_UART_IIR_FIFO | SPIN_UART_IIR_CTI);
    spin_uart_receive(&u, (const uint8_t *)"8", 1);
    CHECK_EQ(rd(&u, SPIN_UART_IIR), SPIN_UART_IIR_FIFO | SPIN_UART_IIR_RDI);
    char got[9] = {0};
    for (int i = 0; i < 8 && (rd(&u, SPIN_UART_LSR) & SPIN_UART_LSR_DR); i++) got[i] = (char)rd(&u, SPIN_UART_RBR);
    CHECK(!strcmp(got, "12345678"));
    CHECK_EQ(irq, 0);
    /* FCR clear-receive drops what is buffered */
    spin_uart_receive(&u, (const uint8_t *)"zz", 2);
    CHECK_EQ(irq, 1);
    wr(&u, SPIN_UART_FCR, SPIN_UART_FCR_ENABLE | SPIN_UART_FCR_CLEAR_RX);
    CHECK_EQ(rd(&u, SPIN_UART_LSR), 0x60);
    CHECK_EQ(irq, 0);
    CHECK_EQ(rd(&u, SPIN_UART_FCR) & SPIN_UART_IIR_FIFO, SPIN_UART_IIR_FIFO); /* IIR shows FIFOs on */
    /* so does turning the FIFOs off */
    spin_uart_receive(&u, (const uint8_t *)"zz", 2);
    wr(&u, SPIN_UART_FCR, 0);
    CHECK_EQ(rd(&u, SPIN_UART_LSR), 0x60);
    CHECK_EQ(rd(&u, SPIN_UART_IIR), SPIN_UART_IIR_NO_INT);
}

/* The buffer is bounded: the host learns how much was taken and offers the rest later;
 * nothing is lost or reordered, including across the ring's wrap-around. */
static void test_backpressure(void) {
    spin_uart u;
    fresh(&u);
    static uint8_t in[3 * SPIN_UART_RX_CAPACITY];
    for (size_t i = 0; i < sizeof in; i++) in[i] = (uint8_t)(i * 7 + i / 256);
    CHECK_EQ(spin_uart_rx_space(&u), SPIN_UART_RX_CAPACITY);
    size_t offered = 0, read = 0;
    int mismatches = 0, rounds = 0;
    while (read < sizeof in && rounds < 10000) {
        rounds++;
        size_t want = sizeof in - offered;
        if (want > 1000) want = 1000;
        size_t took = spin_uart_receive(&u, in + offered, want);
        CHECK(took <= want);
        offered += took;
        CHECK_EQ(spin_uart_rx_space(&u), SPIN_UART_RX_CAPACITY - (offered - read));
        /* the guest drains 700 bytes per round */
        for (int i = 0; i < 700 && (rd(&u, SPIN_UART_LSR) & SPIN_UART_LSR_DR); i++)
            if (rd(&u, SPIN_UART_RBR) != in[read++]) mismatches++;
    }
    CHECK_EQ(read, sizeof in);
    CHECK_EQ(mismatches, 0);
    /* full: nothing more is taken */
    static uint8_t fill[SPIN_UART_RX_CAPACITY + 10];
    CHECK_EQ(spin_uart_receive(&u, fill, sizeof fill), SPIN_UART_RX_CAPACITY);
    CHECK_EQ(spin_uart_receive(&u, fill, 1), 0);
    CHECK_EQ(spin_uart_rx_space(&u), 0);
    CHECK_EQ(spin_uart_receive(&u, NULL, 5), 0);
}

/* The 8250 autoconfig loopback probe: MCR = LOOP | OUT2 | RTS must show DCD | CTS. */
static void test_loopback(void) {
    spin_uart u;
    fresh(&u);
    wr(&u, SPIN_UART_MCR, SPIN_UART_MCR_LOOP | 0x0a);
    CHECK_EQ(rd(&u, SPIN_UART_MSR) & 0xf0, SPIN_UART_MSR_DCD | SPIN_UART_MSR_CTS);
    CHECK_EQ(rd(&u, SPIN_UART_MSR) & 0x0f, 0); /* deltas were cleared by the read */
    wr(&u, SPIN_UART_MCR, SPIN_UART_MCR_LOOP | 0x05);
    CHECK_EQ(rd(&u, SPIN_UART_MSR), SPIN_UART_MSR_DSR | SPIN_UART_MSR_RI | 0x0b);
    /* modem status interrupt on a change, cleared by reading MSR */
    wr(&u, SPIN_UART_IER, SPIN_UART_IER_EDSSI);
    wr(&u, SPIN_UART_MCR, SPIN_UART_MCR_LOOP | 0x01);
    CHECK_EQ(irq, 1);
    CHECK_EQ(rd(&u, SPIN_UART_IIR), SPIN_UART_IIR_MSI);
    rd(&u, SPIN_UART_MSR);
    CHECK_EQ(irq, 0);
    wr(&u, SPIN_UART_IER, 0);
    /* transmitted bytes come back to the receiver, not to the host */
    wr(&u, SPIN_UART_THR, 'L');
    CHECK_EQ(sent_len, 0);
    CHECK_EQ(rd(&u, SPIN_UART_LSR), 0x61);
    CHECK_EQ(rd(&u, SPIN_UART_RBR), 'L');
    wr(&u, SPIN_UART_MCR, 0);
    rd(&u, SPIN_UART_MSR);
    wr(&u, SPIN_UART_THR, 'H');
    CHECK(sent_len == 1 && sent[0] == 'H');
}

static void test_bus(void) {
    spin_uart u;
    spin_bus bus;
    fresh(&u);
    CHECK(spin_bus_init(&bus, 0x80000000, 0x10000) == 0);
    CHECK(spin_uart_attach(&u, &bus, 0x10000000) == 0);
    uint64_t v = 0;
    CHECK(spin_bus_read(&bus, 0x10000000 + SPIN_UART_LSR, 1, &v) == 0);
    CHECK_EQ(v, 0x60);
    CHECK(spin_bus_write(&bus, 0x10000000 + SPIN_UART_THR, 1, 'B') == 0);
    CHECK(sent_len == 1 && sent[0] == 'B');
    CHECK(spin_bus_read(&bus, 0x10000000 + 0xff, 1, &v) == 0);
    CHECK_EQ(v, 0);
    spin_bus_destroy(&bus);
}

int main(void) {
    test_reset_and_registers();
    test_dlab();
    test_thre_startup_probe();
    test_interrupt_driven_tx();
    test_earlycon_polling();
    test_receive();
    test_backpressure();
    test_loopback();
    test_bus();
    return device_check_summary("uart16550");
}
