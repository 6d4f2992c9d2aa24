// A counting semaphore with a bounded queue: at most `active` upstream exchanges run at
// once, at most `queued` wait; beyond that the caller is told to answer 503 at once
// rather than pile up requests an operator never sized for.

export class Limiter {
  constructor(active, queued) {
    this.free = active;
    this.queuedMax = queued;
    this.waiting = [];
  }

  // Resolves to a release function, or to null when the queue is full. A waiter whose
  // `signal` aborts leaves the queue.
  acquire(signal) {
    if (this.free > 0) { this.free--; return Promise.resolve(this.releaser()); }
    if (this.waiting.length >= this.queuedMax) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter = { resolve };
      this.waiting.push(waiter);
      signal?.addEventListener('abort', () => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) { this.waiting.splice(at, 1); resolve(null); }
      }, { once: true });
    });
  }

  releaser() {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next.resolve(this.releaser());
      else this.free++;
    };
  }
}
