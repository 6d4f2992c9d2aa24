/*
 * Address translation (Sv39, Sv48; bare in M-mode or with satp.MODE = Bare), the TLB
 * fills that give the interpreter its host-pointer fast paths, and the slow paths for
 * loads and stores: misaligned accesses (emulated, byte by byte, like QEMU), device
 * memory, and stores to pages that hold decoded code.
 *
 * PTE accessed/dirty bits are set by the walker itself (as QEMU does), so the guest never
 * sees a fault just for A/D. Every PTE read is bounds-checked against RAM: a page table
 * outside RAM is an access fault, never a host access.
 */
#include <string.h>

#include "riscv/internal.h"

#define PTE_V (UINT64_C(1) << 0)
#define PTE_R (UINT64_C(1) << 1)
#define PTE_W (UINT64_C(1) << 2)
#define PTE_X (UINT64_C(1) << 3)
#define PTE_U (UINT64_C(1) << 4)
#define PTE_A (UINT64_C(1) << 6)
#define PTE_D (UINT64_C(1) << 7)
#define PTE_PPN_SHIFT 10
#define PTE_PPN_MASK ((UINT64_C(1) << 44) - 1)
#define PTE_RESERVED (UINT64_C(0x3ff) << 54) /* N, PBMT and reserved: we implement none */

#define SATP_MODE_BARE 0
#define SATP_MODE_SV39 8
#define SATP_MODE_SV48 9

static const uint64_t page_fault_cause[3] = {EXC_LOAD_PAGE_FAULT, EXC_STORE_PAGE_FAULT,
                                             EXC_INSN_PAGE_FAULT};
static const uint64_t access_fault_cause[3] = {EXC_LOAD_ACCESS, EXC_STORE_ACCESS,
                                               EXC_INSN_ACCESS};

static int effective_priv(const rv_hart *h, int access) {
    if (access != RV_ACCESS_EXEC && h->priv == RV_PRIV_M && (h->mstatus & MSTATUS_MPRV))
        return (int)((h->mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
    return h->priv;
}

/* Walks the page table. Returns 0 with *pa set, or -1 with the fault recorded. */
static int walk(rv_hart *h, uint64_t va, int access, int priv, uint64_t *pa) {
    int mode = (int)(h->satp >> 60);
    if (priv == RV_PRIV_M || mode == SATP_MODE_BARE) {
        *pa = va;
        return 0;
    }
    int levels = mode == SATP_MODE_SV39 ? 3 : 4;
    int va_bits = 12 + 9 * levels;
    if ((uint64_t)((int64_t)(va << (64 - va_bits)) >> (64 - va_bits)) != va)
        return rv_fault(h, page_fault_cause[access], va);

    uint64_t table = (h->satp & PTE_PPN_MASK) << 12;
    for (int level = levels - 1; level >= 0; level--) {
        uint64_t pte_addr = table + ((va >> (12 + 9 * level)) & 511) * 8;
        uint64_t pte;
        if (spin_bus_read_ram(h->bus, pte_addr, &pte, 8))
            return rv_fault(h, access_fault_cause[access], va);
        if (!(pte & PTE_V) || (!(pte & PTE_R) && (pte & PTE_W)) || (pte & PTE_RESERVED))
            return rv_fault(h, page_fault_cause[access], va);
        uint64_t ppn = (pte >> PTE_PPN_SHIFT) & PTE_PPN_MASK;
        if (!(pte & (PTE_R | PTE_X))) { /* pointer to the next level */
            /* A, D and U are reserved in non-leaf PTEs; like QEMU, refuse them. */
            if (pte & (PTE_A | PTE_D | PTE_U)) return rv_fault(h, page_fault_cause[access], va);
            table = ppn << 12;
            continue;
        }
        /* leaf: permissions for this privilege */
        if (access == RV_ACCESS_EXEC) {
            if (!(pte & PTE_X)) return rv_fault(h, page_fault_cause[access], va);
            if (priv == RV_PRIV_U ? !(pte & PTE_U) : (pte & PTE_U) != 0)
                return rv_fault(h, page_fault_cause[access], va);
        } else {
            bool readable = (pte & PTE_R) || ((h->mstatus & MSTATUS_MXR) && (pte & PTE_X));
            if (access == RV_ACCESS_READ ? !readable : !(pte & PTE_W))
                return rv_fault(h, page_fault_cause[access], va);
            if (priv == RV_PRIV_U && !(pte & PTE_U))
                return rv_fault(h, page_fault_cause[access], va);
            if (priv == RV_PRIV_S && (pte & PTE_U) && !(h->mstatus & MSTATUS_SUM))
                return rv_fault(h, page_fault_cause[access], va);
        }
        uint64_t low_mask = (UINT64_C(1) << (9 * level)) - 1;
        if (ppn & low_mask) return rv_fault(h, page_fault_cause[access], va); /* misaligned superpage */
        uint64_t want = PTE_A | (access == RV_ACCESS_WRITE ? PTE_D : 0);
        if ((pte & want) != want) {
            pte |= want;
            if (spin_bus_write_ram(h->bus, pte_addr, &pte, 8))
                return rv_fault(h, access_fault_cause[access], va);
        }
        *pa = ((ppn & ~low_mask) << 12) | (va & ((low_mask << 12) | 0xfff));
        return 0;
    }
    return rv_fault(h, page_fault_cause[access], va); /* no leaf at the last level */
}

uint8_t *rv_translate(rv_hart *h, uint64_t va, int access, uint64_t *pa) {
    int priv = effective_priv(h, access);
    if (walk(h, va, access, priv, pa)) {
        *pa = UINT64_MAX;
        return NULL;
    }
    uint64_t ppage = *pa & SPIN_PAGE_MASK;
    uint8_t *host = spin_bus_ram_page(h->bus, ppage);
    if (!host) return NULL;
    if (access == RV_ACCESS_WRITE && rv_code_cache_invalidate(&h->code, ppage, SPIN_PAGE_SIZE))
        h->end_block = true; /* the code we are running may have been dropped */
    rv_tlb_entry *table = access == RV_ACCESS_READ    ? h->tlb_read
                          : access == RV_ACCESS_WRITE ? h->tlb_write
                                                      : h->tlb_fetch;
    rv_tlb_entry *e = &table[(va >> 12) & (RV_TLB_SIZE - 1)];
    e->tag = va & SPIN_PAGE_MASK;
    e->addend = (uintptr_t)host - (uintptr_t)(va & SPIN_PAGE_MASK);
    return host + (va & ~SPIN_PAGE_MASK);
}

/* One access that lies within a page. */
static int access_in_page(rv_hart *h, uint64_t va, unsigned size, int access, uint64_t *value) {
    uint64_t pa;
    uint8_t *host = rv_translate(h, va, access, &pa);
    if (pa == UINT64_MAX) return -1;
    if (host) {
        if (access == RV_ACCESS_READ) {
            uint64_t v = 0;
            memcpy(&v, host, size);
            *value = v;
        } else {
            memcpy(host, value, size);
        }
        return 0;
    }
    int r = access == RV_ACCESS_READ ? spin_bus_read(h->bus, pa, size, value)
                                     : spin_bus_write(h->bus, pa, size, *value);
    if (r) return rv_fault(h, access_fault_cause[access], va);
    if (access == RV_ACCESS_WRITE) h->end_block = true; /* a device may have raised an irq */
    return 0;
}

int rv_load_slow(rv_hart *h, uint64_t va, unsigned size, uint64_t *value) {
    if ((va & (size - 1)) == 0) return access_in_page(h, va, size, RV_ACCESS_READ, value);
    /* Misaligned: assembled from bytes. */
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        uint64_t b;
        if (access_in_page(h, va + i, 1, RV_ACCESS_READ, &b)) return -1;
        v |= (b & 0xff) << (8 * i);
    }
    *value = v;
    return 0;
}

int rv_store_slow(rv_hart *h, uint64_t va, unsigned size, uint64_t value) {
    if ((va & (size - 1)) == 0) return access_in_page(h, va, size, RV_ACCESS_WRITE, &value);
    /* Misaligned: check that both pages are writable before writing any byte, so a
     * fault leaves memory untouched. */
    uint64_t pa;
    if (!rv_translate(h, va, RV_ACCESS_WRITE, &pa) && pa == UINT64_MAX) return -1;
    /* (the second page is probed at its start: that is the address a fault reports) */
    uint64_t second = (va + size - 1) & SPIN_PAGE_MASK;
    if (second != (va & SPIN_PAGE_MASK) && !rv_translate(h, second, RV_ACCESS_WRITE, &pa) &&
        pa == UINT64_MAX)
        return -1;
    for (unsigned i = 0; i < size; i++) {
        uint64_t b = (value >> (8 * i)) & 0xff;
        if (access_in_page(h, va + i, 1, RV_ACCESS_WRITE, &b)) return -1;
    }
    return 0;
}

int rv_amo_address(rv_hart *h, uint64_t va, unsigned size, bool is_lr, uint8_t **host,
                   uint64_t *pa) {
    if (va & (size - 1))
        return rv_fault(h, is_lr ? EXC_LOAD_MISALIGNED : EXC_STORE_MISALIGNED, va);
    int access = is_lr ? RV_ACCESS_READ : RV_ACCESS_WRITE;
    const rv_tlb_entry *e = &(is_lr ? h->tlb_read : h->tlb_write)[(va >> 12) & (RV_TLB_SIZE - 1)];
    if (e->tag == (va & SPIN_PAGE_MASK)) {
        *host = (uint8_t *)(uintptr_t)(va + e->addend);
        *pa = rv_host_to_phys(h, *host);
        return 0;
    }
    *host = rv_translate(h, va, access, pa);
    return *pa == UINT64_MAX ? -1 : 0;
}
