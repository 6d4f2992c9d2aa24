/* Goldfish RTC. See goldfish_rtc.h. */
#include "goldfish_rtc.h"

#include <string.h>

static uint64_t guest_now(const spin_goldfish_rtc *r) { return r->now_ns(r->opaque) + r->offset_ns; }

static void update_irq(spin_goldfish_rtc *r) {
    bool level = r->irq_pending && r->irq_enabled;
    if (level != r->irq_level) {
        r->irq_level = level;
        if (r->set_irq) r->set_irq(r->opaque, level);
    }
}

/* Guest times compare as unsigned 64-bit nanoseconds (year 2554 is far enough). */
static void check_alarm(spin_goldfish_rtc *r) {
    if (r->alarm_armed && guest_now(r) >= r->alarm_ns) {
        r->alarm_armed = false;
        r->irq_pending = true;
    }
    update_irq(r);
}

void spin_goldfish_rtc_init(spin_goldfish_rtc *rtc, uint64_t (*now_ns)(void *opaque),
                            void (*set_irq)(void *opaque, int level), void *opaque) {
    memset(rtc, 0, sizeof *rtc);
    rtc->now_ns = now_ns;
    rtc->set_irq = set_irq;
    rtc->opaque = opaque;
}

void spin_goldfish_rtc_poll(spin_goldfish_rtc *rtc) { check_alarm(rtc); }

bool spin_goldfish_rtc_next_alarm(const spin_goldfish_rtc *rtc, uint64_t *host_ns) {
    if (!rtc->alarm_armed) return false;
    *host_ns = rtc->alarm_ns - rtc->offset_ns;
    return true;
}

static uint32_t read32(spin_goldfish_rtc *r, uint64_t off) {
    switch (off) {
    case SPIN_GOLDFISH_RTC_TIME_LOW: {
        uint64_t t = guest_now(r);
        r->latched_high = (uint32_t)(t >> 32);
        return (uint32_t)t;
    }
    case SPIN_GOLDFISH_RTC_TIME_HIGH: return r->latched_high;
    case SPIN_GOLDFISH_RTC_ALARM_LOW: return (uint32_t)r->alarm_ns;
    case SPIN_GOLDFISH_RTC_ALARM_HIGH: return (uint32_t)(r->alarm_ns >> 32);
    case SPIN_GOLDFISH_RTC_IRQ_ENABLED: return r->irq_enabled;
    case SPIN_GOLDFISH_RTC_ALARM_STATUS: return r->alarm_armed;
    default: return 0; /* CLEAR_* are write-only; the rest is empty */
    }
}

static void write32(spin_goldfish_rtc *r, uint64_t off, uint32_t v) {
    switch (off) {
    case SPIN_GOLDFISH_RTC_TIME_LOW: {
        uint32_t high = r->set_high_written ? r->set_high : (uint32_t)(guest_now(r) >> 32);
        uint64_t t = (uint64_t)high << 32 | v;
        r->offset_ns = t - r->now_ns(r->opaque);
        r->set_high_written = false;
        break;
    }
    case SPIN_GOLDFISH_RTC_TIME_HIGH:
        r->set_high = v;
        r->set_high_written = true;
        break;
    case SPIN_GOLDFISH_RTC_ALARM_LOW:
        r->alarm_ns = (r->alarm_ns & ~(uint64_t)UINT32_MAX) | v;
        r->alarm_armed = true;
        break;
    case SPIN_GOLDFISH_RTC_ALARM_HIGH:
        r->alarm_ns = (uint64_t)v << 32 | (r->alarm_ns & UINT32_MAX);
        break;
    case SPIN_GOLDFISH_RTC_IRQ_ENABLED: r->irq_enabled = v & 1; break;
    case SPIN_GOLDFISH_RTC_CLEAR_ALARM: r->alarm_armed = false; break;
    case SPIN_GOLDFISH_RTC_CLEAR_INTERRUPT: r->irq_pending = false; break;
    default: break; /* TIME is set through TIME_LOW; ALARM_STATUS is read-only */
    }
}

uint64_t spin_goldfish_rtc_read(void *opaque, uint64_t offset, unsigned size) {
    spin_goldfish_rtc *r = opaque;
    uint64_t v = 0;
    if (offset >= SPIN_GOLDFISH_RTC_SIZE) return 0;
    check_alarm(r); /* so ALARM_STATUS is current */
    if (size == 8 && !(offset & 7)) {
        v = read32(r, offset); /* TIME_LOW first: it latches TIME_HIGH */
        v |= (uint64_t)read32(r, offset + 4) << 32;
    } else if ((size == 1 || size == 2 || size == 4) && (offset & 3) + size <= 4) {
        v = read32(r, offset & ~UINT64_C(3)) >> (8 * (offset & 3));
        if (size < 4) v &= (UINT64_C(1) << (8 * size)) - 1;
    }
    return v;
}

/* Registers are written whole: a narrower or misaligned write is ignored rather than
 * guessing what half a time value would mean. */
void spin_goldfish_rtc_write(void *opaque, uint64_t offset, uint64_t value, unsigned size) {
    spin_goldfish_rtc *r = opaque;
    if (offset >= SPIN_GOLDFISH_RTC_SIZE) return;
    if (size == 4 && !(offset & 3)) {
        write32(r, offset, (uint32_t)value);
    } else if (size == 8 && !(offset & 7)) {
        /* high half first, so an 8-byte store to TIME_LOW or ALARM_LOW sets all 64 bits */
        write32(r, offset + 4, (uint32_t)(value >> 32));
        write32(r, offset, (uint32_t)value);
    }
    check_alarm(r);
}

static const spin_mmio_ops goldfish_rtc_ops = {spin_goldfish_rtc_read, spin_goldfish_rtc_write};

int spin_goldfish_rtc_attach(spin_goldfish_rtc *rtc, spin_bus *bus, uint64_t base) {
    return spin_bus_add_mmio(bus, base, SPIN_GOLDFISH_RTC_SIZE, &goldfish_rtc_ops, rtc);
}
