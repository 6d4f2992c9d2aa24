/*
 * NS16550A UART, as the 16550 datasheet describes its registers and as Linux's 8250
 * driver (compatible "ns16550a", also its "uart8250,mmio" earlycon) and QEMU's virt
 * machine use it: eight 1-byte registers (reg-shift 0), at 0x10000000 with PLIC source 10
 * on QEMU virt.
 *
 *   offset  read                      write
 *   0       RBR (receive) / DLL       THR (transmit) / DLL      DLL, DLM when LCR.DLAB
 *   1       IER / DLM                 IER / DLM
 *   2       IIR                       FCR
 *   3       LCR                       LCR
 *   4       MCR                       MCR
 *   5       LSR                       (ignored)
 *   6       MSR                       (ignored)
 *   7       SCR                       SCR
 *
 * Transmission is instantaneous: a byte written to THR goes straight to the host's tx
 * callback, so LSR always shows THRE and TEMT (an earlycon polling LSR never waits). The
 * THRE interrupt behaves as on real parts, which the 8250 driver's start-up test and its
 * transmit loop rely on: it becomes pending when THR empties (after every THR write here)
 * and when IER.ETBEI goes from 0 to 1 while THR is empty; it is cleared by reading IIR
 * while IIR reports it, by writing THR, and by clearing IER.ETBEI.
 *
 * Reception: the host offers bytes with spin_uart_receive(), which takes what fits in a
 * fixed buffer (SPIN_UART_RX_CAPACITY bytes) and says how many it took; the rest is the
 * host's to offer again later (spin_uart_rx_space() says how much room there is). So the
 * receiver never overruns and nothing blocks. The guest sees the buffer as the receive
 * FIFO: LSR.DR while it is non-empty; with IER.ERBFI the interrupt is "received data
 * available" once the FCR trigger level is reached and "character timeout" below it (at
 * once: there is no character time to wait for). FCR's "clear receive FIFO" drops
 * everything buffered.
 *
 * The interrupt output is level-triggered (set_irq is called only when it changes);
 * connect it to a PLIC source. MCR.LOOP loops THR back into the receiver and MCR's
 * outputs into MSR, as the 8250 driver's autoconfig probe expects; outside loopback MSR
 * reports CTS, DSR and DCD asserted (a host that is always ready). Divisor latch, LCR and
 * SCR are stored and read back but do not change anything: there is no line speed.
 * Accesses wider than a byte act on the byte at the offset; offsets 8 and up are ignored.
 */
#ifndef SPIN_EMULATOR_DEVICES_UART16550_H
#define SPIN_EMULATOR_DEVICES_UART16550_H

#include <stddef.h>
#include <stdint.h>

#include "bus.h"

#define SPIN_UART_SIZE 0x100
#define SPIN_UART_RX_CAPACITY 4096
/* What a 16550A's FIFO holds; the driver writes at most this many bytes per THRE. */
#define SPIN_UART_FIFO_SIZE 16

/* Register offsets and bits (the datasheet's names). */
#define SPIN_UART_RBR 0
#define SPIN_UART_THR 0
#define SPIN_UART_DLL 0
#define SPIN_UART_IER 1
#define SPIN_UART_DLM 1
#define SPIN_UART_IIR 2
#define SPIN_UART_FCR 2
#define SPIN_UART_LCR 3
#define SPIN_UART_MCR 4
#define SPIN_UART_LSR 5
#define SPIN_UART_MSR 6
#define SPIN_UART_SCR 7

#define SPIN_UART_IER_ERBFI 0x01 /* received data available */
#define SPIN_UART_IER_ETBEI 0x02 /* transmitter holding register empty */
#define SPIN_UART_IER_ELSI 0x04  /* receiver line status */
#define SPIN_UART_IER_EDSSI 0x08 /* modem status */

#define SPIN_UART_IIR_NO_INT 0x01
#define SPIN_UART_IIR_MSI 0x00
#define SPIN_UART_IIR_THRI 0x02
#define SPIN_UART_IIR_RDI 0x04
#define SPIN_UART_IIR_RLSI 0x06
#define SPIN_UART_IIR_CTI 0x0c
#define SPIN_UART_IIR_FIFO 0xc0

#define SPIN_UART_FCR_ENABLE 0x01
#define SPIN_UART_FCR_CLEAR_RX 0x02
#define SPIN_UART_FCR_CLEAR_TX 0x04

#define SPIN_UART_LCR_DLAB 0x80
#define SPIN_UART_MCR_LOOP 0x10

#define SPIN_UART_LSR_DR 0x01
#define SPIN_UART_LSR_THRE 0x20
#define SPIN_UART_LSR_TEMT 0x40

#define SPIN_UART_MSR_CTS 0x10
#define SPIN_UART_MSR_DSR 0x20
#define SPIN_UART_MSR_RI 0x40
#define SPIN_UART_MSR_DCD 0x80

typedef struct spin_uart {
    uint8_t ier, lcr, mcr, scr, dll, dlm;
    uint8_t fcr;          /* FIFO enable, DMA mode and trigger level bits as written */
    uint8_t thr_ipending; /* the THRE interrupt is pending */
    uint8_t msr_delta;    /* MSR bits 0-3: changes since MSR was last read (loopback) */
    uint8_t irq_level;    /* last level told to set_irq */
    uint8_t rx[SPIN_UART_RX_CAPACITY];
    size_t rx_head, rx_count;
    /* Host side: a byte the guest transmitted; the interrupt line. Either may be NULL. */
    void (*tx)(void *opaque, uint8_t byte);
    void (*set_irq)(void *opaque, int level);
    void *opaque;
} spin_uart;

/* Reset state: everything 0, THR empty, nothing received, interrupt low. */
void spin_uart_init(spin_uart *uart, void (*tx)(void *opaque, uint8_t byte),
                    void (*set_irq)(void *opaque, int level), void *opaque);
/* Maps the registers at base (SPIN_UART_SIZE bytes). */
int spin_uart_attach(spin_uart *uart, spin_bus *bus, uint64_t base);

/* Input from the host: accepts up to the free room, returns how many bytes it took. */
size_t spin_uart_receive(spin_uart *uart, const uint8_t *data, size_t len);
/* Free room in the receive buffer. */
size_t spin_uart_rx_space(const spin_uart *uart);

/* The bus-facing accessors (also what the unit tests drive). */
uint64_t spin_uart_read(void *opaque, uint64_t offset, unsigned size);
void spin_uart_write(void *opaque, uint64_t offset, uint64_t value, unsigned size);

#endif
