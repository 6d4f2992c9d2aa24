/* Addresses and interrupt numbers of the virt machine, shared by the wiring
 * (virt_machine.c) and the device tree (virt_fdt.c). QEMU virt's layout. */
#ifndef SPIN_EMULATOR_VIRT_LAYOUT_H
#define SPIN_EMULATOR_VIRT_LAYOUT_H

#define VIRT_SYSCON_BASE UINT64_C(0x00100000)
#define VIRT_RTC_BASE UINT64_C(0x00101000)
#define VIRT_CLINT_BASE UINT64_C(0x02000000)
#define VIRT_PLIC_BASE UINT64_C(0x0c000000)
#define VIRT_UART_BASE UINT64_C(0x10000000)
#define VIRT_VIRTIO_BASE(slot) (UINT64_C(0x10001000) + UINT64_C(0x1000) * (slot))
#define VIRT_VIRTIO_SIZE UINT64_C(0x200) /* the transport's register window */

#define VIRT_PLIC_SOURCES 95
#define VIRT_PLIC_CONTEXTS 2 /* hart 0: M, S */
#define VIRT_VIRTIO_IRQ(slot) (1 + (slot))
#define VIRT_UART_IRQ 10
#define VIRT_RTC_IRQ 11

enum { VIRT_SLOT_CONSOLE = 0, VIRT_SLOT_RNG = 1, VIRT_SLOT_9P = 2, VIRT_SLOT_NET = 3 };

#endif
