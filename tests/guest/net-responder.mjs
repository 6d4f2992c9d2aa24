// The other end of the guest's network for tests/guest (spin-emu --net-udp PORT): one
// Ethernet frame per UDP datagram on loopback. Plays the host 10.0.2.2: answers ARP
// requests for it and ICMP echo requests to it, and swallows UDP sent to it. Prints
// "port N" first, then one line per frame it understood ("arp-request FROM_MAC FROM_IP",
// "echo-request FROM_MAC FROM_IP seq N", "udp FROM_MAC FROM_IP:PORT to PORT bytes N
// checksum ok|bad|none") so the test can check what the guest really put on the wire; with --timestamps
// each such line ends with "at SECONDS" (monotonic, for tests/bench/net). Exits after
// --timeout seconds (default 120) so a broken test cannot leave it behind.
import dgram from 'node:dgram';

const HOST_IP = [10, 0, 2, 2];
const HOST_MAC = Buffer.from([0x52, 0x55, 0x0a, 0x00, 0x02, 0x02]);
const timeoutArg = process.argv.indexOf('--timeout');
const timeoutSeconds = timeoutArg > 0 ? Number(process.argv[timeoutArg + 1]) : 120;
const timestamps = process.argv.includes('--timestamps');
const report = (line) =>
  console.log(timestamps ? `${line} at ${(performance.now() / 1000).toFixed(6)}` : line);

const mac = (b) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(':');
const ip = (b) => [...b].join('.');
const isHostIp = (b) => b.length === 4 && b.every((x, i) => x === HOST_IP[i]);

// The Internet checksum (RFC 1071) of buf.
function checksum(buf) {
  let sum = 0;
  for (let i = 0; i + 1 < buf.length; i += 2) sum += buf.readUInt16BE(i);
  if (buf.length & 1) sum += buf[buf.length - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function ethernet(dst, type, payload) {
  const header = Buffer.alloc(14);
  dst.copy(header, 0);
  HOST_MAC.copy(header, 6);
  header.writeUInt16BE(type, 12);
  return Buffer.concat([header, payload]);
}

function answerArp(frame) {
  const arp = frame.subarray(14);
  if (arp.length < 28 || arp.readUInt16BE(0) !== 1 || arp.readUInt16BE(2) !== 0x0800 ||
      arp[4] !== 6 || arp[5] !== 4 || arp.readUInt16BE(6) !== 1) return null;
  const senderMac = arp.subarray(8, 14), senderIp = arp.subarray(14, 18);
  if (!isHostIp(arp.subarray(24, 28))) return null;
  report(`arp-request ${mac(senderMac)} ${ip(senderIp)}`);
  const reply = Buffer.alloc(28);
  arp.copy(reply, 0, 0, 6); // hardware and protocol types and sizes
  reply.writeUInt16BE(2, 6); // reply
  HOST_MAC.copy(reply, 8);
  Buffer.from(HOST_IP).copy(reply, 14);
  senderMac.copy(reply, 18);
  senderIp.copy(reply, 24);
  return ethernet(Buffer.from(senderMac), 0x0806, reply);
}

function answerPing(frame) {
  const packet = frame.subarray(14);
  if (packet.length < 20 || packet[0] >> 4 !== 4) return null;
  const headerLen = (packet[0] & 15) * 4, totalLen = packet.readUInt16BE(2);
  if (headerLen < 20 || totalLen < headerLen + 8 || totalLen > packet.length) return null;
  if (packet[9] !== 1 || !isHostIp(packet.subarray(16, 20))) return null;
  const icmp = packet.subarray(headerLen, totalLen);
  if (icmp[0] !== 8 || checksum(icmp) !== 0) return null;
  const from = packet.subarray(12, 16);
  report(`echo-request ${mac(frame.subarray(6, 12))} ${ip(from)} seq ${icmp.readUInt16BE(6)}`);
  const reply = Buffer.from(packet.subarray(0, totalLen));
  reply[8] = 64; // TTL
  from.copy(reply, 16);
  Buffer.from(HOST_IP).copy(reply, 12);
  reply.writeUInt16BE(0, 10);
  reply.writeUInt16BE(checksum(reply.subarray(0, headerLen)), 10);
  const echo = reply.subarray(headerLen);
  echo[0] = 0; // echo reply
  echo.writeUInt16BE(0, 2);
  echo.writeUInt16BE(checksum(echo), 2);
  return ethernet(Buffer.from(frame.subarray(6, 12)), 0x0800, reply);
}

// Reports a UDP datagram to 10.0.2.2 and whether its checksum (over the pseudo-header,
// RFC 768) is right: the guest may leave it to the device (VIRTIO_NET_F_CSUM).
function reportUdp(frame) {
  const packet = frame.subarray(14);
  if (packet.length < 20 || packet[0] >> 4 !== 4) return;
  const headerLen = (packet[0] & 15) * 4, totalLen = packet.readUInt16BE(2);
  if (headerLen < 20 || totalLen < headerLen + 8 || totalLen > packet.length) return;
  if (packet[9] !== 17 || !isHostIp(packet.subarray(16, 20))) return;
  const udp = packet.subarray(headerLen, totalLen);
  if (udp.readUInt16BE(4) !== udp.length) return;
  const pseudo = Buffer.alloc(12);
  packet.copy(pseudo, 0, 12, 20);
  pseudo[9] = 17;
  pseudo.writeUInt16BE(udp.length, 10);
  const verdict = udp.readUInt16BE(6) === 0 ? 'none'
    : checksum(Buffer.concat([pseudo, udp])) === 0 ? 'ok' : 'bad';
  report(`udp ${mac(frame.subarray(6, 12))} ${ip(packet.subarray(12, 16))}:${udp.readUInt16BE(0)}` +
         ` to ${udp.readUInt16BE(2)} bytes ${udp.length - 8} checksum ${verdict}`);
}

const socket = dgram.createSocket('udp4');
socket.on('message', (frame, peer) => {
  if (frame.length < 14) return;
  const type = frame.readUInt16BE(12);
  if (type === 0x0800) reportUdp(frame);
  const reply = type === 0x0806 ? answerArp(frame) : type === 0x0800 ? answerPing(frame) : null;
  if (reply) socket.send(reply, peer.port, peer.address);
});
socket.bind(0, '127.0.0.1', () => console.log(`port ${socket.address().port}`));
setTimeout(() => process.exit(2), timeoutSeconds * 1000).unref();
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
