/*
 * The machine Linux boots on: one RV64GC hart entered in S-mode with SBI served in C,
 * RAM at 0x80000000, and stock devices at QEMU virt's addresses so the same kernel runs
 * on both: CLINT, PLIC, NS16550A UART (kernel log), goldfish RTC (wall-clock time),
 * the syscon test finisher (power-off), and virtio-mmio console (port 0: the container's
 * terminal, then named ports: the init's control channel and the command's stdin,
 * stdout and stderr), entropy and, when the host asks for them, virtio-9p (the host's
 * 9P server answers its requests) and network (the host takes its frames).
 * The device tree is generated here and describes exactly these devices.
 *
 * The machine does no I/O of its own: everything that leaves it goes through the
 * spin_virt_host callbacks, and the host drives it in slices (spin_virt_run).
 */
#ifndef SPIN_EMULATOR_VIRT_MACHINE_H
#define SPIN_EMULATOR_VIRT_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bus.h"
#include "clint.h"
#include "devices/goldfish_rtc.h"
#include "devices/plic.h"
#include "devices/uart16550.h"
#include "riscv/hart.h"
#include "riscv/sbi.h"
#include "syscon.h"
#include "virtio/virtio_9p.h"
#include "virtio/virtio_console.h"
#include "virtio/virtio_net.h"
#include "virtio/virtio_rng.h"

#define SPIN_VIRT_RAM_BASE UINT64_C(0x80000000)
/* Virtio console ports: 0 the terminal (hvc0; the command's stdio in TTY mode), then
 * named ports the init finds by name: its control channel, and the command's stdio
 * when there is no TTY (plain ports, so the command sees pipes-like files, not a tty;
 * the host hangs up spin.stdin for end of input). */
#define SPIN_VIRT_CONTROL_PORT 1 /* "spin.control" */
#define SPIN_VIRT_STDIN_PORT 2   /* "spin.stdin" */
#define SPIN_VIRT_STDOUT_PORT 3  /* "spin.stdout" */
#define SPIN_VIRT_STDERR_PORT 4  /* "spin.stderr" */
#define SPIN_VIRT_PORTS 5
/* QEMU's default, so guest-side tooling that expects it finds it. */
#define SPIN_VIRT_DEFAULT_MAC {0x52, 0x54, 0x00, 0x12, 0x34, 0x56}

typedef struct spin_virt_host {
    /* Kernel log: the UART and the SBI debug console. */
    void (*log_out)(void *opaque, const uint8_t *data, size_t len);
    /* What the guest writes on a virtio console port (SPIN_VIRT_*_PORT). */
    void (*port_out)(void *opaque, int port, const uint8_t *data, size_t len);
    /* Wall-clock time, ns since the Unix epoch (the RTC). */
    uint64_t (*now_ns)(void *opaque);
    /* Entropy for the guest. */
    void (*random)(void *opaque, uint8_t *buf, size_t len);
    /* A 9P request from the guest (only with config.p9_tag): answer it with
     * spin_virt_p9_reply(machine, id, ...), now or between later slices. */
    void (*p9_request)(void *opaque, uint32_t id, const uint8_t *msg, size_t len);
    /* Ethernet frames the guest sends (without the virtio header). NULL: the machine
     * has no network device. */
    void (*net_out)(void *opaque, const uint8_t *frame, size_t len);
    void *opaque;
} spin_virt_host;

typedef struct spin_virt_config {
    uint64_t ram_size;
    const uint8_t *kernel;
    size_t kernel_size;
    const uint8_t *initrd; /* optional extra initramfs, unpacked over the embedded one */
    size_t initrd_size;
    const char *bootargs;
    const char *p9_tag;        /* non-NULL: a virtio-9p device with this mount tag */
    uint32_t p9_max_request;   /* the largest 9P request it passes on (the server's msize) */
    uint8_t net_mac[6]; /* the network device's MAC; all zero: SPIN_VIRT_DEFAULT_MAC */
} spin_virt_config;

/* A device's interrupt line into the PLIC. Devices take one opaque pointer for all
 * their callbacks, so the line also leads back to the machine. */
typedef struct spin_virt_irq_line {
    spin_plic *plic;
    unsigned source;
    struct spin_virt_machine *machine;
} spin_virt_irq_line;

typedef struct spin_virt_machine {
    spin_bus bus;
    rv_hart hart;
    rv_sbi sbi;
    spin_clint clint;
    spin_plic plic;
    spin_uart uart;
    spin_goldfish_rtc rtc;
    spin_syscon syscon;
    virtio_console console;
    virtio_rng rng;
    virtio_9p p9;
    bool has_p9;
    virtio_net net;
    bool has_net; /* the host gave net_out */
    spin_virt_irq_line uart_irq, rtc_irq, console_irq, rng_irq, p9_irq, net_irq;
    spin_virt_host host;
    bool powered_off;
    int poweroff_code; /* syscon status; 0 for SBI shutdown */
} spin_virt_machine;

typedef enum spin_virt_status {
    SPIN_VIRT_RUNNING,   /* the slice's budget is spent */
    SPIN_VIRT_IDLE,      /* waiting for an interrupt: see spin_virt_ticks_until_timer */
    SPIN_VIRT_POWEROFF,  /* the guest powered the machine off */
} spin_virt_status;

/* Builds the machine, loads the kernel (and initrd) and the generated device tree.
 * 0, or -1 with a sentence in err. */
int spin_virt_init(spin_virt_machine *m, const spin_virt_config *config,
                   const spin_virt_host *host, char *err, size_t err_size);
void spin_virt_destroy(spin_virt_machine *m);

spin_virt_status spin_virt_run(spin_virt_machine *m, uint64_t max_insns);

/* While idle: ticks (10 MHz) until the next timer event, UINT64_MAX if none. */
uint64_t spin_virt_ticks_until_timer(const spin_virt_machine *m);
/* Moves guest time on by ticks the host spent waiting. */
void spin_virt_skip_time(spin_virt_machine *m, uint64_t ticks);

/* Host input for a console port; returns -1 on a bad port, a hung-up port or no memory. */
int spin_virt_port_input(spin_virt_machine *m, int port, const void *data, size_t len);
/* Host input queued for a port that the guest has not taken yet (hosts stop feeding a
 * port above their own bound: the queue itself is unbounded). */
size_t spin_virt_port_pending(const spin_virt_machine *m, int port);
/* The size of the terminal on console port 0. */
void spin_virt_console_resize(spin_virt_machine *m, uint16_t cols, uint16_t rows);
/* The host hangs up a console port: the guest reads end of file after what was queued. */
int spin_virt_port_close(spin_virt_machine *m, int port);

/* The reply to 9P request id (between slices, or inside p9_request). 0, or -1 if there
 * is no 9p device or the id is unknown or stale. */
int spin_virt_p9_reply(spin_virt_machine *m, uint32_t id, const uint8_t *msg, size_t len);

/* Host input for the network device: one Ethernet frame for the guest (copied).
 * True if delivered or queued; false if dropped or the machine has no network device. */
bool spin_virt_net_input(spin_virt_machine *m, const void *frame, size_t len);

/* The generated device tree (virt_fdt.c). 0 with *dtb (free() it) and *len, or -1. */
int spin_virt_build_fdt(const spin_virt_machine *m, const char *bootargs, uint64_t initrd_start,
                        uint64_t initrd_end, uint8_t **dtb, size_t *len);

#endif
