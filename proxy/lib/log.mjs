// Structured logs: one JSON object per line (to stderr unless an embedder passes its own
// function), one line per request when its answer is finished or cut, plus events.

export function jsonLineLogger(stream = process.stderr) {
  return (entry) => { stream.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`); };
}

// Logged paths are cut to a sane length: a hostile client must not fill the logs.
export function loggablePath(target) {
  return typeof target === 'string' && target.length > 512 ? `${target.slice(0, 512)}...` : target;
}
