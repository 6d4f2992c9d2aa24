/* The device tree of the virt machine: exactly the devices virt_machine.c wires up, at
 * the same addresses and interrupt numbers (they are defined once, in virt_layout.h). */
#include <stdio.h>

#include "fdt/fdt.h"
#include "virt_layout.h"
#include "virt_machine.h"

#define CELLS(...) (const uint32_t[]){__VA_ARGS__}, sizeof((const uint32_t[]){__VA_ARGS__}) / 4
#define STRS(...) (const char *const[]){__VA_ARGS__}, sizeof((const char *const[]){__VA_ARGS__}) / sizeof(char *)
#define REG(base, size) (const uint64_t[]){base, size}, 2

static void device_node(spin_fdt *f, const char *kind, uint64_t base, uint64_t size, uint32_t plic,
                        unsigned irq, const char *compatible) {
    char name[64];
    snprintf(name, sizeof name, "%s@%llx", kind, (unsigned long long)base);
    spin_fdt_begin_node(f, name);
    spin_fdt_property_string(f, "compatible", compatible);
    spin_fdt_property_u64_array(f, "reg", REG(base, size));
    if (irq) {
        spin_fdt_property_u32(f, "interrupt-parent", plic);
        spin_fdt_property_u32(f, "interrupts", irq);
    }
    spin_fdt_end_node(f);
}

int spin_virt_build_fdt(const spin_virt_machine *m, const char *bootargs, uint64_t initrd_start,
                        uint64_t initrd_end, uint8_t **dtb, size_t *len) {
    spin_fdt fdt, *f = &fdt;
    spin_fdt_init(f);
    spin_fdt_begin_node(f, "");
    spin_fdt_property_u32(f, "#address-cells", 2);
    spin_fdt_property_u32(f, "#size-cells", 2);
    spin_fdt_property_string(f, "compatible", "spin,riscv-virt");
    spin_fdt_property_string(f, "model", "Spin RISC-V virtual machine");

    spin_fdt_begin_node(f, "chosen");
    spin_fdt_property_string(f, "bootargs", bootargs);
    spin_fdt_property_string(f, "stdout-path", "/soc/serial@10000000");
    if (initrd_end > initrd_start) {
        spin_fdt_property_u64(f, "linux,initrd-start", initrd_start);
        spin_fdt_property_u64(f, "linux,initrd-end", initrd_end);
    }
    spin_fdt_end_node(f);

    uint32_t intc = spin_fdt_alloc_phandle(f);
    spin_fdt_begin_node(f, "cpus");
    spin_fdt_property_u32(f, "#address-cells", 1);
    spin_fdt_property_u32(f, "#size-cells", 0);
    spin_fdt_property_u32(f, "timebase-frequency", RV_TIMEBASE_HZ);
    spin_fdt_begin_node(f, "cpu@0");
    spin_fdt_property_string(f, "device_type", "cpu");
    spin_fdt_property_u32(f, "reg", 0);
    spin_fdt_property_string(f, "status", "okay");
    spin_fdt_property_string(f, "compatible", "riscv");
    /* sstc: the kernel programs stimecmp itself instead of calling SBI per timer */
    spin_fdt_property_string(f, "riscv,isa", "rv64imafdc_zicsr_zifencei_sstc");
    spin_fdt_property_string(f, "mmu-type", "riscv,sv48");
    spin_fdt_begin_node(f, "interrupt-controller");
    spin_fdt_property_u32(f, "#address-cells", 0);
    spin_fdt_property_u32(f, "#interrupt-cells", 1);
    spin_fdt_property_empty(f, "interrupt-controller");
    spin_fdt_property_string(f, "compatible", "riscv,cpu-intc");
    spin_fdt_property_u32(f, "phandle", intc);
    spin_fdt_end_node(f);
    spin_fdt_end_node(f); /* cpu@0 */
    spin_fdt_end_node(f); /* cpus */

    char memory[32];
    snprintf(memory, sizeof memory, "memory@%llx", (unsigned long long)m->bus.ram_base);
    spin_fdt_begin_node(f, memory);
    spin_fdt_property_string(f, "device_type", "memory");
    spin_fdt_property_u64_array(f, "reg", REG(m->bus.ram_base, m->bus.ram_size));
    spin_fdt_end_node(f);

    uint32_t plic = spin_fdt_alloc_phandle(f), syscon = spin_fdt_alloc_phandle(f);
    spin_fdt_begin_node(f, "soc");
    spin_fdt_property_u32(f, "#address-cells", 2);
    spin_fdt_property_u32(f, "#size-cells", 2);
    spin_fdt_property_string(f, "compatible", "simple-bus");
    spin_fdt_property_empty(f, "ranges");

    spin_fdt_begin_node(f, "clint@2000000");
    spin_fdt_property_strings(f, "compatible", STRS("sifive,clint0", "riscv,clint0"));
    spin_fdt_property_u64_array(f, "reg", REG(VIRT_CLINT_BASE, SPIN_CLINT_SIZE));
    spin_fdt_property_u32_array(f, "interrupts-extended", CELLS(intc, 3, intc, 7));
    spin_fdt_end_node(f);

    spin_fdt_begin_node(f, "plic@c000000");
    spin_fdt_property_strings(f, "compatible", STRS("sifive,plic-1.0.0", "riscv,plic0"));
    spin_fdt_property_u64_array(f, "reg", REG(VIRT_PLIC_BASE, SPIN_PLIC_SIZE));
    spin_fdt_property_u32(f, "#address-cells", 0);
    spin_fdt_property_u32(f, "#interrupt-cells", 1);
    spin_fdt_property_empty(f, "interrupt-controller");
    spin_fdt_property_u32_array(f, "interrupts-extended", CELLS(intc, 11, intc, 9));
    spin_fdt_property_u32(f, "riscv,ndev", VIRT_PLIC_SOURCES);
    spin_fdt_property_u32(f, "phandle", plic);
    spin_fdt_end_node(f);

    spin_fdt_begin_node(f, "serial@10000000");
    spin_fdt_property_string(f, "compatible", "ns16550a");
    spin_fdt_property_u64_array(f, "reg", REG(VIRT_UART_BASE, SPIN_UART_SIZE));
    spin_fdt_property_u32(f, "clock-frequency", 3686400);
    spin_fdt_property_u32(f, "interrupt-parent", plic);
    spin_fdt_property_u32(f, "interrupts", VIRT_UART_IRQ);
    spin_fdt_end_node(f);

    device_node(f, "virtio_mmio", VIRT_VIRTIO_BASE(VIRT_SLOT_CONSOLE), VIRT_VIRTIO_SIZE, plic,
                VIRT_VIRTIO_IRQ(VIRT_SLOT_CONSOLE), "virtio,mmio");
    device_node(f, "virtio_mmio", VIRT_VIRTIO_BASE(VIRT_SLOT_RNG), VIRT_VIRTIO_SIZE, plic,
                VIRT_VIRTIO_IRQ(VIRT_SLOT_RNG), "virtio,mmio");
    if (m->has_p9)
        device_node(f, "virtio_mmio", VIRT_VIRTIO_BASE(VIRT_SLOT_9P), VIRT_VIRTIO_SIZE, plic,
                    VIRT_VIRTIO_IRQ(VIRT_SLOT_9P), "virtio,mmio");
    if (m->has_net)
        device_node(f, "virtio_mmio", VIRT_VIRTIO_BASE(VIRT_SLOT_NET), VIRT_VIRTIO_SIZE, plic,
                    VIRT_VIRTIO_IRQ(VIRT_SLOT_NET), "virtio,mmio");
    device_node(f, "rtc", VIRT_RTC_BASE, SPIN_GOLDFISH_RTC_SIZE, plic, VIRT_RTC_IRQ,
                "google,goldfish-rtc");

    spin_fdt_begin_node(f, "test@100000");
    spin_fdt_property_strings(f, "compatible", STRS("sifive,test1", "sifive,test0", "syscon"));
    spin_fdt_property_u64_array(f, "reg", REG(VIRT_SYSCON_BASE, SPIN_SYSCON_SIZE));
    spin_fdt_property_u32(f, "phandle", syscon);
    spin_fdt_end_node(f);
    spin_fdt_end_node(f); /* soc */

    spin_fdt_begin_node(f, "poweroff");
    spin_fdt_property_string(f, "compatible", "syscon-poweroff");
    spin_fdt_property_u32(f, "regmap", syscon);
    spin_fdt_property_u32(f, "offset", 0);
    spin_fdt_property_u32(f, "value", 0x5555);
    spin_fdt_end_node(f);
    spin_fdt_begin_node(f, "reboot");
    spin_fdt_property_string(f, "compatible", "syscon-reboot");
    spin_fdt_property_u32(f, "regmap", syscon);
    spin_fdt_property_u32(f, "offset", 0);
    spin_fdt_property_u32(f, "value", 0x7777);
    spin_fdt_end_node(f);

    spin_fdt_end_node(f); /* root */
    int r = spin_fdt_finish(f, 0, dtb, len);
    spin_fdt_destroy(f);
    return r;
}
