/* NS16550A UART. See uart16550.h. */
#include "uart16550.h"

#include <string.h>

static const size_t trigger_levels[4] = {1, 4, 8, 14};

static int fifo_enabled(const spin_uart *u) { return u->fcr & SPIN_UART_FCR_ENABLE; }
static int loopback(const spin_uart *u) { return u->mcr & SPIN_UART_MCR_LOOP; }

/* The identification IIR gives now (bits 0-3), highest priority first. There are no
 * receiver errors (nothing overruns), so no line status interrupt. */
static uint8_t interrupt_id(const spin_uart *u) {
    if ((u->ier & SPIN_UART_IER_ERBFI) && u->rx_count) {
        if (fifo_enabled(u) && u->rx_count < trigger_levels[u->fcr >> 6]) return SPIN_UART_IIR_CTI;
        return SPIN_UART_IIR_RDI;
    }
    if ((u->ier & SPIN_UART_IER_ETBEI) && u->thr_ipending) return SPIN_UART_IIR_THRI;
    if ((u->ier & SPIN_UART_IER_EDSSI) && (u->msr_delta & 0x0f)) return SPIN_UART_IIR_MSI;
    return SPIN_UART_IIR_NO_INT;
}

static void update_irq(spin_uart *u) {
    uint8_t level = interrupt_id(u) != SPIN_UART_IIR_NO_INT;
    if (level != u->irq_level) {
        u->irq_level = level;
        if (u->set_irq) u->set_irq(u->opaque, level);
    }
}

/* MSR's status bits: in loopback, MCR's outputs (DTR->DSR, RTS->CTS, OUT1->RI,
 * OUT2->DCD); otherwise a host that is always ready. */
static uint8_t modem_status(const spin_uart *u) {
    if (!loopback(u)) return SPIN_UART_MSR_CTS | SPIN_UART_MSR_DSR | SPIN_UART_MSR_DCD;
    uint8_t m = u->mcr, s = 0;
    if (m & 0x01) s |= SPIN_UART_MSR_DSR;
    if (m & 0x02) s |= SPIN_UART_MSR_CTS;
    if (m & 0x04) s |= SPIN_UART_MSR_RI;
    if (m & 0x08) s |= SPIN_UART_MSR_DCD;
    return s;
}

static size_t rx_push(spin_uart *u, const uint8_t *data, size_t len) {
    size_t room = SPIN_UART_RX_CAPACITY - u->rx_count;
    size_t n = len < room ? len : room;
    for (size_t i = 0; i < n; i++)
        u->rx[(u->rx_head + u->rx_count + i) % SPIN_UART_RX_CAPACITY] = data[i];
    u->rx_count += n;
    return n;
}

void spin_uart_init(spin_uart *uart, void (*tx)(void *opaque, uint8_t byte),
                    void (*set_irq)(void *opaque, int level), void *opaque) {
    memset(uart, 0, sizeof *uart);
    uart->tx = tx;
    uart->set_irq = set_irq;
    uart->opaque = opaque;
}

size_t spin_uart_receive(spin_uart *uart, const uint8_t *data, size_t len) {
    if (!data) return 0;
    size_t n = rx_push(uart, data, len);
    update_irq(uart);
    return n;
}

size_t spin_uart_rx_space(const spin_uart *uart) { return SPIN_UART_RX_CAPACITY - uart->rx_count; }

uint64_t spin_uart_read(void *opaque, uint64_t offset, unsigned size) {
    spin_uart *u = opaque;
    (void)size;
    uint8_t v = 0;
    switch (offset) {
    case SPIN_UART_RBR:
        if (u->lcr & SPIN_UART_LCR_DLAB) {
            v = u->dll;
        } else if (u->rx_count) {
            v = u->rx[u->rx_head];
            u->rx_head = (u->rx_head + 1) % SPIN_UART_RX_CAPACITY;
            u->rx_count--;
            update_irq(u);
        }
        break;
    case SPIN_UART_IER: v = (u->lcr & SPIN_UART_LCR_DLAB) ? u->dlm : u->ier; break;
    case SPIN_UART_IIR:
        v = interrupt_id(u);
        /* Reading IIR acknowledges a THRE interrupt it reports. */
        if (v == SPIN_UART_IIR_THRI) {
            u->thr_ipending = 0;
            update_irq(u);
        }
        if (fifo_enabled(u)) v |= SPIN_UART_IIR_FIFO;
        break;
    case SPIN_UART_LCR: v = u->lcr; break;
    case SPIN_UART_MCR: v = u->mcr; break;
    case SPIN_UART_LSR:
        v = SPIN_UART_LSR_THRE | SPIN_UART_LSR_TEMT | (u->rx_count ? SPIN_UART_LSR_DR : 0);
        break;
    case SPIN_UART_MSR:
        v = modem_status(u) | (u->msr_delta & 0x0f);
        if (u->msr_delta) {
            u->msr_delta = 0;
            update_irq(u);
        }
        break;
    case SPIN_UART_SCR: v = u->scr; break;
    default: break;
    }
    return v;
}

void spin_uart_write(void *opaque, uint64_t offset, uint64_t value, unsigned size) {
    spin_uart *u = opaque;
    (void)size;
    uint8_t v = (uint8_t)value;
    switch (offset) {
    case SPIN_UART_THR:
        if (u->lcr & SPIN_UART_LCR_DLAB) {
            u->dll = v;
            break;
        }
        /* Sent at once, so THR is empty again straight away: that is a new THRE event. */
        if (loopback(u)) rx_push(u, &v, 1);
        else if (u->tx) u->tx(u->opaque, v);
        u->thr_ipending = 1;
        update_irq(u);
        break;
    case SPIN_UART_IER:
        if (u->lcr & SPIN_UART_LCR_DLAB) {
            u->dlm = v;
            break;
        }
        /* Enabling ETBEI while THR is empty (always, here) raises THRE; disabling
         * it drops a pending one. */
        if ((v & SPIN_UART_IER_ETBEI) && !(u->ier & SPIN_UART_IER_ETBEI)) u->thr_ipending = 1;
        if (!(v & SPIN_UART_IER_ETBEI)) u->thr_ipending = 0;
        u->ier = v & 0x0f;
        update_irq(u);
        break;
    case SPIN_UART_FCR:
        /* Changing the FIFO enable bit clears both FIFOs, as does the clear bit. */
        if ((v & SPIN_UART_FCR_CLEAR_RX) || ((v ^ u->fcr) & SPIN_UART_FCR_ENABLE)) {
            u->rx_head = 0;
            u->rx_count = 0;
        }
        u->fcr = v & 0xc9; /* enable, DMA mode, trigger level; the clear bits self-clear */
        update_irq(u);
        break;
    case SPIN_UART_LCR: u->lcr = v; break;
    case SPIN_UART_MCR: {
        uint8_t before = modem_status(u);
        u->mcr = v & 0x1f;
        uint8_t after = modem_status(u), changed = before ^ after;
        /* Delta bits: CTS, DSR, DCD changed; RI trailing edge. */
        u->msr_delta |= (uint8_t)(((changed & SPIN_UART_MSR_CTS) ? 0x01 : 0) |
                                  ((changed & SPIN_UART_MSR_DSR) ? 0x02 : 0) |
                                  ((before & SPIN_UART_MSR_RI) && !(after & SPIN_UART_MSR_RI) ? 0x04 : 0) |
                                  ((changed & SPIN_UART_MSR_DCD) ? 0x08 : 0));
        update_irq(u);
        break;
    }
    case SPIN_UART_SCR: u->scr = v; break;
    default: break; /* LSR, MSR (factory test only) and offsets past the registers */
    }
}

static const spin_mmio_ops uart_ops = {spin_uart_read, spin_uart_write};

int spin_uart_attach(spin_uart *uart, spin_bus *bus, uint64_t base) {
    return spin_bus_add_mmio(bus, base, SPIN_UART_SIZE, &uart_ops, uart);
}
