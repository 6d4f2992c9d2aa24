/* Ending the machine: the kernel's power-off path uses SBI SRST (or the QEMU virt
 * syscon), which the host sees as the machine stopping. */
#include "power.h"

#include <sys/reboot.h>
#include <unistd.h>

_Noreturn void power_off(void)
{
    sync();   /* writes to 9p/virtio-blk must reach the host before the machine stops */
    reboot(RB_POWER_OFF);
    for (;;)  /* only if the kernel has no way to power off: wait to be stopped */
        pause();
}
