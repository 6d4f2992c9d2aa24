/* The virt machine: device wiring, boot and slices. See virt_machine.h. */
#include "virt_machine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riscv/linux_boot.h"
#include "virt_layout.h"

#define FDT_MAX_SIZE (UINT64_C(1) << 20)

/* ---- interrupt wiring ------------------------------------------------------------------ */

static void plic_to_hart(void *opaque, int context, int level) {
    spin_virt_machine *m = opaque;
    rv_hart_set_irq(&m->hart, context == 0 ? RV_MIP_MEIP : RV_MIP_SEIP, level != 0);
}

static void irq_line_set(void *opaque, int level) {
    spin_virt_irq_line *line = opaque;
    spin_plic_set_irq(line->plic, line->source, level);
}

static void bind_irq(spin_virt_machine *m, spin_virt_irq_line *line, unsigned source) {
    line->plic = &m->plic;
    line->source = source;
    line->machine = m;
}

/* ---- what leaves the machine ----------------------------------------------------------- */

static void uart_tx(void *opaque, uint8_t byte) {
    spin_virt_machine *m = ((spin_virt_irq_line *)opaque)->machine;
    if (m->host.log_out) m->host.log_out(m->host.opaque, &byte, 1);
}

static void sbi_console_write(void *opaque, const uint8_t *data, size_t len) {
    spin_virt_machine *m = opaque;
    if (m->host.log_out) m->host.log_out(m->host.opaque, data, len);
}

static void console_port_out(void *opaque, int port, const uint8_t *data, size_t len) {
    spin_virt_machine *m = opaque;
    if (m->host.port_out) m->host.port_out(m->host.opaque, port, data, len);
}

static uint64_t rtc_now(void *opaque) {
    spin_virt_machine *m = ((spin_virt_irq_line *)opaque)->machine;
    return m->host.now_ns ? m->host.now_ns(m->host.opaque) : 0;
}

static void rng_fill(void *opaque, uint8_t *buf, size_t len) {
    spin_virt_machine *m = opaque;
    if (m->host.random) m->host.random(m->host.opaque, buf, len);
    else memset(buf, 0, len);
}

static void p9_request(void *opaque, uint32_t id, const uint8_t *msg, size_t len) {
    spin_virt_machine *m = opaque;
    if (m->host.p9_request) m->host.p9_request(m->host.opaque, id, msg, len);
}

static void net_frame_out(void *opaque, const uint8_t *frame, size_t len) {
    spin_virt_machine *m = opaque;
    m->host.net_out(m->host.opaque, frame, len);
}

static void power_off(spin_virt_machine *m, int code) {
    if (!m->powered_off) {
        m->powered_off = true;
        m->poweroff_code = code;
    }
    m->hart.stop_requested = true;
}

static void syscon_exit(void *opaque, int code) { power_off(opaque, code); }

static void sbi_reset(void *opaque, uint32_t type, uint32_t reason) {
    (void)type; /* reboots end the machine too: the host decides whether to boot again */
    power_off(opaque, reason ? 1 : 0);
}

/* ---- boot ------------------------------------------------------------------------------ */

static int fail(spin_virt_machine *m, char *err, size_t err_size, const char *what) {
    snprintf(err, err_size, "%s", what);
    spin_virt_destroy(m);
    return -1;
}

int spin_virt_init(spin_virt_machine *m, const spin_virt_config *config,
                   const spin_virt_host *host, char *err, size_t err_size) {
    memset(m, 0, sizeof *m);
    m->host = *host;
    if (spin_bus_init(&m->bus, SPIN_VIRT_RAM_BASE, config->ram_size)) {
        snprintf(err, err_size, "cannot allocate %llu MiB of guest RAM", (unsigned long long)(config->ram_size >> 20));
        return -1;
    }
    if (rv_hart_init(&m->hart, &m->bus)) return fail(m, err, err_size, "cannot allocate the hart's caches");

    if (spin_plic_init(&m->plic, VIRT_PLIC_SOURCES, VIRT_PLIC_CONTEXTS, plic_to_hart, m))
        return fail(m, err, err_size, "cannot set up the PLIC");
    bind_irq(m, &m->uart_irq, VIRT_UART_IRQ);
    bind_irq(m, &m->rtc_irq, VIRT_RTC_IRQ);
    bind_irq(m, &m->console_irq, VIRT_VIRTIO_IRQ(VIRT_SLOT_CONSOLE));
    bind_irq(m, &m->rng_irq, VIRT_VIRTIO_IRQ(VIRT_SLOT_RNG));
    spin_uart_init(&m->uart, uart_tx, irq_line_set, &m->uart_irq);
    spin_goldfish_rtc_init(&m->rtc, rtc_now, irq_line_set, &m->rtc_irq);
    m->syscon.exit = syscon_exit;
    m->syscon.opaque = m;

    virtio_console_host console_host = {console_port_out, NULL, m};
    if (virtio_console_init(&m->console, &m->bus, &console_host, SPIN_VIRT_PORTS) ||
        virtio_console_add_port(&m->console, "spin.control") != SPIN_VIRT_CONTROL_PORT ||
        virtio_console_add_port(&m->console, "spin.stdin") != SPIN_VIRT_STDIN_PORT ||
        virtio_console_add_port(&m->console, "spin.stdout") != SPIN_VIRT_STDOUT_PORT ||
        virtio_console_add_port(&m->console, "spin.stderr") != SPIN_VIRT_STDERR_PORT ||
        virtio_rng_init(&m->rng, &m->bus, rng_fill, m))
        return fail(m, err, err_size, "cannot set up the virtio devices");
    virtio_mmio_set_irq(&m->console.mmio, irq_line_set, &m->console_irq);
    virtio_mmio_set_irq(&m->rng.mmio, irq_line_set, &m->rng_irq);
    if (config->p9_tag) {
        bind_irq(m, &m->p9_irq, VIRT_VIRTIO_IRQ(VIRT_SLOT_9P));
        virtio_9p_host p9_host = {p9_request, m};
        if (virtio_9p_init(&m->p9, &m->bus, config->p9_tag, config->p9_max_request, &p9_host))
            return fail(m, err, err_size, "cannot set up the virtio-9p device");
        m->has_p9 = true;
        virtio_mmio_set_irq(&m->p9.mmio, irq_line_set, &m->p9_irq);
        if (virtio_mmio_attach(&m->p9.mmio, VIRT_VIRTIO_BASE(VIRT_SLOT_9P)))
            return fail(m, err, err_size, "cannot map the virtio-9p device");
    }
    if (host->net_out) {
        static const uint8_t zero_mac[6], default_mac[6] = SPIN_VIRT_DEFAULT_MAC;
        bool no_mac = !memcmp(config->net_mac, zero_mac, 6);
        bind_irq(m, &m->net_irq, VIRT_VIRTIO_IRQ(VIRT_SLOT_NET));
        if (virtio_net_init(&m->net, &m->bus, no_mac ? default_mac : config->net_mac, 0,
                            net_frame_out, m) ||
            virtio_mmio_attach(&m->net.mmio, VIRT_VIRTIO_BASE(VIRT_SLOT_NET)))
            return fail(m, err, err_size, "cannot set up the network device");
        virtio_mmio_set_irq(&m->net.mmio, irq_line_set, &m->net_irq);
        m->has_net = true;
    }

    if (spin_clint_attach(&m->clint, &m->bus, VIRT_CLINT_BASE, &m->hart) ||
        spin_plic_attach(&m->plic, &m->bus, VIRT_PLIC_BASE) ||
        spin_uart_attach(&m->uart, &m->bus, VIRT_UART_BASE) ||
        spin_goldfish_rtc_attach(&m->rtc, &m->bus, VIRT_RTC_BASE) ||
        spin_syscon_attach(&m->syscon, &m->bus, VIRT_SYSCON_BASE) ||
        virtio_mmio_attach(&m->console.mmio, VIRT_VIRTIO_BASE(VIRT_SLOT_CONSOLE)) ||
        virtio_mmio_attach(&m->rng.mmio, VIRT_VIRTIO_BASE(VIRT_SLOT_RNG)))
        return fail(m, err, err_size, "cannot map the machine's devices");

    uint64_t entry, kernel_end;
    if (rv_linux_load_image(&m->bus, config->kernel, config->kernel_size, &entry, &kernel_end, err,
                            err_size)) {
        spin_virt_destroy(m);
        return -1;
    }
    /* Device tree at the top of RAM, the initrd right below it (both 2 MiB aligned below
     * the top, above the kernel). */
    uint64_t ram_end = m->bus.ram_base + m->bus.ram_size;
    uint64_t dtb_at = (ram_end - FDT_MAX_SIZE) & ~(FDT_MAX_SIZE - 1);
    uint64_t initrd_start = 0, initrd_end = 0;
    if (config->initrd_size) {
        initrd_start = (dtb_at - config->initrd_size) & ~UINT64_C(0x1fffff);
        initrd_end = initrd_start + config->initrd_size;
        if (config->initrd_size > dtb_at - kernel_end || initrd_start < kernel_end)
            return fail(m, err, err_size, "the initrd does not fit in RAM next to the kernel");
        spin_bus_write_ram(&m->bus, initrd_start, config->initrd, config->initrd_size);
    }
    uint8_t *dtb;
    size_t dtb_len;
    if (spin_virt_build_fdt(m, config->bootargs ? config->bootargs : "", initrd_start, initrd_end,
                            &dtb, &dtb_len) || dtb_len > FDT_MAX_SIZE || dtb_at < kernel_end)
        return fail(m, err, err_size, "cannot build the device tree (kernel command line too long?)");
    spin_bus_write_ram(&m->bus, dtb_at, dtb, dtb_len);
    free(dtb);

    m->sbi = (rv_sbi){sbi_console_write, NULL, sbi_reset, m};
    rv_linux_enter(&m->hart, &m->sbi, entry, dtb_at);
    return 0;
}

void spin_virt_destroy(spin_virt_machine *m) {
    if (m->has_p9) virtio_9p_destroy(&m->p9);
    m->has_p9 = false;
    virtio_net_destroy(&m->net);
    virtio_rng_destroy(&m->rng);
    virtio_console_destroy(&m->console);
    spin_plic_destroy(&m->plic);
    rv_hart_destroy(&m->hart);
    spin_bus_destroy(&m->bus);
}

/* ---- running --------------------------------------------------------------------------- */

spin_virt_status spin_virt_run(spin_virt_machine *m, uint64_t max_insns) {
    if (m->powered_off) return SPIN_VIRT_POWEROFF;
    rv_run_result r = rv_hart_run(&m->hart, max_insns);
    spin_goldfish_rtc_poll(&m->rtc);
    if (m->powered_off) return SPIN_VIRT_POWEROFF;
    return r == RV_RUN_IDLE ? SPIN_VIRT_IDLE : SPIN_VIRT_RUNNING;
}

uint64_t spin_virt_ticks_until_timer(const spin_virt_machine *m) {
    return rv_hart_ticks_until_timer(&m->hart);
}

void spin_virt_skip_time(spin_virt_machine *m, uint64_t ticks) { rv_hart_skip_time(&m->hart, ticks); }

int spin_virt_port_input(spin_virt_machine *m, int port, const void *data, size_t len) {
    return virtio_console_write(&m->console, port, data, len);
}

size_t spin_virt_port_pending(const spin_virt_machine *m, int port) {
    return virtio_console_pending(&m->console, port);
}

int spin_virt_port_close(spin_virt_machine *m, int port) {
    return virtio_console_close_port(&m->console, port);
}

void spin_virt_console_resize(spin_virt_machine *m, uint16_t cols, uint16_t rows) {
    virtio_console_set_size(&m->console, cols, rows);
}

int spin_virt_p9_reply(spin_virt_machine *m, uint32_t id, const uint8_t *msg, size_t len) {
    return m->has_p9 ? virtio_9p_reply(&m->p9, id, msg, len) : -1;
}

bool spin_virt_net_input(spin_virt_machine *m, const void *frame, size_t len) {
    return m->has_net && virtio_net_receive(&m->net, frame, len);
}
