/* SBI served in C. See sbi.h; numbering from the SBI 2.0 specification. */
#include "riscv/sbi.h"

#include <string.h>

#include "riscv/internal.h"

enum {
    SBI_SUCCESS = 0,
    SBI_ERR_FAILED = -1,
    SBI_ERR_NOT_SUPPORTED = -2,
    SBI_ERR_INVALID_PARAM = -3,
    SBI_ERR_INVALID_ADDRESS = -5,
    SBI_ERR_ALREADY_AVAILABLE = -6,
};

enum {
    EXT_LEGACY_SET_TIMER = 0x00,
    EXT_LEGACY_PUTCHAR = 0x01,
    EXT_LEGACY_GETCHAR = 0x02,
    EXT_LEGACY_CLEAR_IPI = 0x03,
    EXT_LEGACY_SEND_IPI = 0x04,
    EXT_LEGACY_REMOTE_FENCE_I = 0x05,
    EXT_LEGACY_REMOTE_SFENCE_VMA = 0x06,
    EXT_LEGACY_REMOTE_SFENCE_VMA_ASID = 0x07,
    EXT_LEGACY_SHUTDOWN = 0x08,
    EXT_BASE = 0x10,
    EXT_TIME = 0x54494d45,
    EXT_IPI = 0x735049,
    EXT_RFENCE = 0x52464e43,
    EXT_HSM = 0x48534d,
    EXT_SRST = 0x53525354,
    EXT_DBCN = 0x4442434e,
};

typedef struct sbi_ret {
    int64_t error;
    uint64_t value;
} sbi_ret;

static bool extension_present(uint64_t ext) {
    switch (ext) {
    case EXT_LEGACY_SET_TIMER: case EXT_LEGACY_PUTCHAR: case EXT_LEGACY_GETCHAR:
    case EXT_LEGACY_CLEAR_IPI: case EXT_LEGACY_SEND_IPI: case EXT_LEGACY_REMOTE_FENCE_I:
    case EXT_LEGACY_REMOTE_SFENCE_VMA: case EXT_LEGACY_REMOTE_SFENCE_VMA_ASID:
    case EXT_LEGACY_SHUTDOWN: case EXT_BASE: case EXT_TIME: case EXT_IPI: case EXT_RFENCE:
    case EXT_HSM: case EXT_SRST: case EXT_DBCN:
        return true;
    }
    return false;
}

static void set_timer(rv_hart *h, uint64_t when) {
    /* Through Sstc's comparator: the pending bit follows stimecmp. */
    h->menvcfg |= UINT64_C(1) << 63;
    h->stimecmp = when;
    rv_recompute_timer(h);
}

/* hart_mask/hart_mask_base as IPI and RFENCE take them: does it include hart 0, the
 * only hart? */
static bool mask_has_hart0(uint64_t mask, uint64_t base) {
    if (base == UINT64_MAX) return true; /* all harts */
    return base == 0 && (mask & 1);
}

static sbi_ret base_call(uint64_t fid, uint64_t a0) {
    switch (fid) {
    case 0: return (sbi_ret){SBI_SUCCESS, RV_SBI_SPEC_VERSION};
    case 1: return (sbi_ret){SBI_SUCCESS, RV_SBI_IMPL_ID};
    case 2: return (sbi_ret){SBI_SUCCESS, 1}; /* implementation version */
    case 3: return (sbi_ret){SBI_SUCCESS, extension_present(a0) ? 1 : 0};
    case 4: case 5: case 6: return (sbi_ret){SBI_SUCCESS, 0}; /* mvendorid, marchid, mimpid */
    }
    return (sbi_ret){SBI_ERR_NOT_SUPPORTED, 0};
}

/* DBCN write: the bytes are at a guest *physical* address. */
static sbi_ret console_write_phys(rv_hart *h, uint64_t len, uint64_t addr) {
    const rv_sbi *sbi = h->sbi;
    uint8_t chunk[256];
    uint64_t done = 0;
    while (done < len) {
        uint64_t n = len - done < sizeof chunk ? len - done : sizeof chunk;
        if (spin_bus_read_ram(h->bus, addr + done, chunk, n))
            return (sbi_ret){done ? SBI_SUCCESS : SBI_ERR_INVALID_PARAM, done};
        if (sbi->console_write) sbi->console_write(sbi->opaque, chunk, (size_t)n);
        done += n;
    }
    return (sbi_ret){SBI_SUCCESS, done};
}

void rv_sbi_call(rv_hart *h) {
    const rv_sbi *sbi = h->sbi;
    uint64_t *a = &h->x[10]; /* a0..a7 are x10..x17 */
    uint64_t ext = a[7], fid = a[6];
    sbi_ret r = {SBI_ERR_NOT_SUPPORTED, 0};

    if (ext <= EXT_LEGACY_SHUTDOWN) { /* legacy: result in a0 only */
        int64_t result = 0;
        switch (ext) {
        case EXT_LEGACY_SET_TIMER: set_timer(h, a[0]); break;
        case EXT_LEGACY_PUTCHAR: {
            uint8_t c = (uint8_t)a[0];
            if (sbi->console_write) sbi->console_write(sbi->opaque, &c, 1);
            break;
        }
        case EXT_LEGACY_GETCHAR: result = sbi->console_read ? sbi->console_read(sbi->opaque) : -1; break;
        case EXT_LEGACY_CLEAR_IPI: h->mip &= ~MIP_SSIP; break;
        case EXT_LEGACY_SEND_IPI: h->mip |= MIP_SSIP; break; /* the only hart is us */
        case EXT_LEGACY_REMOTE_FENCE_I: break;               /* stores already dropped stale code */
        case EXT_LEGACY_REMOTE_SFENCE_VMA:
        case EXT_LEGACY_REMOTE_SFENCE_VMA_ASID: rv_hart_flush_tlb(h); break;
        case EXT_LEGACY_SHUTDOWN:
            if (sbi->system_reset) sbi->system_reset(sbi->opaque, 0, 0);
            break;
        }
        a[0] = (uint64_t)result;
        return;
    }

    switch (ext) {
    case EXT_BASE: r = base_call(fid, a[0]); break;
    case EXT_TIME:
        if (fid == 0) {
            set_timer(h, a[0]);
            r = (sbi_ret){SBI_SUCCESS, 0};
        }
        break;
    case EXT_IPI:
        if (fid == 0) {
            if (mask_has_hart0(a[0], a[1])) h->mip |= MIP_SSIP;
            r = (sbi_ret){SBI_SUCCESS, 0};
        }
        break;
    case EXT_RFENCE:
        if (fid <= 6) { /* fence.i, sfence.vma (+asid), and the hypervisor forms */
            if (fid != 0) rv_hart_flush_tlb(h);
            r = (sbi_ret){SBI_SUCCESS, 0};
        }
        break;
    case EXT_HSM:
        switch (fid) {
        case 0: r = (sbi_ret){a[0] == 0 ? SBI_ERR_ALREADY_AVAILABLE : SBI_ERR_INVALID_PARAM, 0}; break;
        case 1: r = (sbi_ret){SBI_ERR_FAILED, 0}; break; /* stopping the only hart */
        case 2: r = a[0] == 0 ? (sbi_ret){SBI_SUCCESS, 0 /* STARTED */} : (sbi_ret){SBI_ERR_INVALID_PARAM, 0}; break;
        case 3: r = (sbi_ret){SBI_ERR_NOT_SUPPORTED, 0}; break; /* suspend */
        }
        break;
    case EXT_SRST:
        if (fid == 0) {
            if (a[0] > 2 || a[1] > 1) {
                r = (sbi_ret){SBI_ERR_INVALID_PARAM, 0};
            } else {
                if (sbi->system_reset) sbi->system_reset(sbi->opaque, (uint32_t)a[0], (uint32_t)a[1]);
                r = (sbi_ret){SBI_SUCCESS, 0};
            }
        }
        break;
    case EXT_DBCN:
        if (fid == 0) {
            /* base address in a1 (low) and a2 (high): RV64 uses a1 alone with a2 = 0 */
            r = a[2] ? (sbi_ret){SBI_ERR_INVALID_PARAM, 0} : console_write_phys(h, a[0], a[1]);
        } else if (fid == 1) {
            r = (sbi_ret){SBI_ERR_NOT_SUPPORTED, 0}; /* read: input goes through the UART */
        } else if (fid == 2) {
            uint8_t c = (uint8_t)a[0];
            if (sbi->console_write) sbi->console_write(sbi->opaque, &c, 1);
            r = (sbi_ret){SBI_SUCCESS, 0};
        }
        break;
    }
    a[0] = (uint64_t)r.error;
    a[1] = r.value;
}
