// The container network's host sockets in Node (docs/net.md): the Module.spinNet object
// the wasm bundle's src/net/net_js.c calls (connect, send, shutdown, close, pause, listen,
// UDP), over node:net and node:dgram. What happens later goes back into the bundle
// through its exported spin_net_js_* functions, then onEvent() lets the worker run the
// container so the guest sees it. Handles are small integers of this table.
import { createConnection, createServer } from 'node:net';
import { createSocket } from 'node:dgram';

const ipString = (ip) => [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.');
const ipNumber = (text) => text.split('.').reduce((n, part) => ((n << 8) | Number(part)) >>> 0, 0);

export function createNetBackend(onEvent) {
  let M = null;                 // the bundle, once instantiated
  const handles = new Map();    // handle -> {kind, socket|server}
  let next = 1;

  const add = (entry) => {
    const h = next;
    next = next >= 0x3fffffff ? 1 : next + 1;
    handles.set(h, entry);
    return h;
  };
  // Copies bytes into the bundle's memory for one call.
  const withBytes = (bytes, fn) => {
    const p = M._malloc(bytes.length || 1);
    M.HEAPU8.set(bytes, p);
    try { fn(p, bytes.length); } finally { M._free(p); }
  };
  const event = (fn) => { if (M) { fn(); onEvent(); } };

  // A connected TCP socket's events.
  const watchTcp = (h, socket) => {
    socket.on('data', (chunk) => event(() => withBytes(chunk, (p, n) => M._spin_net_js_data(h, p, n))));
    socket.on('end', () => event(() => M._spin_net_js_data(h, 0, 0)));
    socket.on('drain', () => event(() => M._spin_net_js_writable(h)));
    socket.on('error', () => {});
    socket.on('close', (hadError) => {
      if (!handles.has(h)) return;
      handles.delete(h);
      if (hadError) event(() => M._spin_net_js_failed(h));
    });
  };

  const ops = {
    tcpConnect(ip, port) {
      const socket = createConnection({ host: ipString(ip), port, noDelay: true });
      const h = add({ kind: 'tcp', socket });
      let connected = false;
      socket.once('connect', () => { connected = true; event(() => M._spin_net_js_connected(h, 1)); });
      socket.once('error', () => {
        if (!connected && handles.delete(h)) event(() => M._spin_net_js_connected(h, 0));
      });
      watchTcp(h, socket);
      return h;
    },
    tcpSend(h, bytes) {
      const e = handles.get(h);
      if (!e || e.kind !== 'tcp' || e.socket.destroyed) return -1;
      if (e.socket.writableNeedDrain) return 0;  // 'drain' says when: spin_net_js_writable
      e.socket.write(bytes);
      return bytes.length;
    },
    tcpShutdown(h) { handles.get(h)?.socket?.end(); },
    tcpClose(h) {
      const e = handles.get(h);
      if (!e) return;
      handles.delete(h);
      // A reset closes too, without the RST: socket.resetAndDestroy() in a worker kept
      // the process from exiting (Node 20, the worker's terminate() never ended).
      if (e.kind === 'listen') e.server.close();
      else e.socket.destroy();
    },
    tcpPause(h, paused) {
      const s = handles.get(h)?.socket;
      if (s) paused ? s.pause() : s.resume();
    },
    listen(ip, port) {
      const server = createServer({ noDelay: true, pauseOnConnect: true });
      const h = add({ kind: 'listen', server });
      server.on('connection', (socket) => {
        const c = add({ kind: 'tcp', socket });
        watchTcp(c, socket);
        event(() => M._spin_net_js_accepted(h, c));
      });
      server.on('error', (err) => process.stderr.write(`spin: -p ${ipString(ip)}:${port}: ${err.message}\n`));
      server.listen(port, ipString(ip));
      return h;
    },
    udpOpen() {
      const socket = createSocket('udp4');
      const h = add({ kind: 'udp', socket });
      socket.on('message', (msg, from) => event(() =>
        withBytes(msg, (p, n) => M._spin_net_js_datagram(h, ipNumber(from.address), from.port, p, n))));
      socket.on('error', () => {});
      socket.bind(0);
      return h;
    },
    udpSend(h, ip, port, bytes) { handles.get(h)?.socket?.send(bytes, port, ipString(ip)); },
    udpClose(h) {
      const e = handles.get(h);
      if (!e) return;
      handles.delete(h);
      e.socket.close();
    },
  };
  return { ops, attach(module) { M = module; } };
}
