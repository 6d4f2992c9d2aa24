#!/usr/bin/env node
// Runs http_fetch_test (the wasm build's fetch backend, src/http/http_fetch.c) against a
// tiny HTTP server on loopback: node http-fetch-server.cjs TEST_JS TEST_WASM.
// The test program gets the server's port and a port where nothing listens; its exit
// status is the test's.
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');

const pattern = (length) => Buffer.from(Array.from({length}, (_, i) => i % 251));

const server = http.createServer((request, response) => {
  const url = request.url;
  if (url === '/hello') {
    response.writeHead(200, {'X-Test': 'yes', 'Content-Type': 'text/plain'});
    response.end(request.method === 'HEAD' ? undefined : 'hello world');
  } else if (url === '/echo-header') {
    response.writeHead(200);
    response.end(String(request.headers['x-custom']));
  } else if (url === '/missing') {
    response.writeHead(404);
    response.end('not here');
  } else if (url === '/chunked') {
    // 500000 bytes in five chunks, no Content-Length: chunked transfer encoding.
    const body = pattern(500000);
    let sent = 0;
    response.writeHead(200);
    const next = () => {
      if (sent === body.length) return response.end();
      response.write(body.subarray(sent, sent + 100000));
      sent += 100000;
      setTimeout(next, 5);
    };
    next();
  } else if (url === '/range') {
    const body = pattern(1000);
    const match = /^bytes=(\d+)-$/.exec(request.headers.range || '');
    if (!match) {
      response.writeHead(200);
      return response.end(body);
    }
    const start = Number(match[1]);
    response.writeHead(206, {'Content-Range': `bytes ${start}-999/1000`});
    response.end(body.subarray(start));
  } else if (url === '/redirect') {
    response.writeHead(302, {Location: '/hello'});
    response.end();
  } else if (url === '/endless') {
    // One chunk, then nothing: only a cancel ends it.
    response.writeHead(200);
    response.write('first');
  } else {
    response.writeHead(500);
    response.end();
  }
});

// A port nobody listens on: bound, noted, closed.
const probe = net.createServer();
probe.listen(0, '127.0.0.1', () => {
  const closedPort = probe.address().port;
  probe.close(() => {
    server.listen(0, '127.0.0.1', () => {
      const create = require(process.argv[2]);
      create({
        wasmBinary: fs.readFileSync(process.argv[3]),
        arguments: [String(server.address().port), String(closedPort)],
      }).catch((err) => {
        process.stderr.write(`http_fetch_test: ${err && err.message ? err.message : err}\n`);
        process.exit(1);
      });
    });
  });
});
