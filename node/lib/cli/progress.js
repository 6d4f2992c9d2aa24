// Pull progress as the CLI shows it: on a terminal one bar per layer, redrawn in place;
// otherwise one plain line per blob when it is complete. Nothing with --quiet.
const BAR = 30;

function size(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function progressPrinter(out, { quiet = false } = {}) {
  if (quiet) return { update() {}, end() {} };
  const blobs = new Map();  // digest -> {done, total}
  if (!out.isTTY) {
    return {
      update({ digest, done, total }) {
        const last = blobs.get(digest);
        if (done === total && !(last && last.done === total)) out.write(`${digest.slice(0, 19)}: complete (${total} bytes)\n`);
        blobs.set(digest, { done, total });
      },
      end() {},
    };
  }
  let drawn = 0;  // lines on screen
  let pending = null;
  const draw = () => {
    pending = null;
    let text = drawn ? `\x1b[${drawn}F` : '';
    for (const [digest, { done, total }] of blobs) {
      const fraction = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(fraction * BAR);
      const state = done === total ? 'Pull complete' : `[${'='.repeat(Math.max(0, filled - 1))}${filled ? '>' : ''}${' '.repeat(BAR - filled)}] ${size(done)}/${size(total)}`;
      text += `\x1b[2K${digest.slice(7, 19)}: ${state}\n`;
    }
    drawn = blobs.size;
    out.write(text);
  };
  return {
    update({ digest, done, total }) {
      blobs.set(digest, { done, total });
      pending ??= setTimeout(draw, 50);
    },
    end() {
      if (pending) clearTimeout(pending);
      if (blobs.size) draw();
    },
  };
}
