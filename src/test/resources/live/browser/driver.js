'use strict';
// Drives Debian's chromium for ExplainAgreesWithChromiumTest: one browser for the whole run, one page per
// page origin, one fetch() per request. Speaks JSON lines: a command per line on stdin, an answer per line
// on stdout; diagnostics go to stderr.
//
//   {"cmd":"start","chromium":"/usr/bin/chromium","origins":["https://app.example.com", ...]}
//     -> {"ok":true,"version":"Chrome/156...","hostResolverRules":"..."}
//   {"cmd":"fetch","id":7,"origin":"https://app.example.com","url":"http://api.example.com:41234/v1/x",
//    "method":"PUT","headers":{"Authorization":"x"},"credentials":true}
//     -> {"id":7,"ok":false,"status":null,"error":"TypeError: Failed to fetch",
//         "console":[{"source":"javascript","level":"error","text":"Access to fetch at ..."}, ...],
//         "corsErrorStatus":{"corsError":"...","failedParameter":"..."},"errorText":"net::ERR_FAILED",
//         "blockedReason":null}   (blockedReason is CDP's, e.g. "mixed-content")
//   {"cmd":"tls","port":41234} -> {"ok":true,"port":45678}: a TLS front for a loopback port (see below)
//   {"cmd":"tls-close"} -> {"ok":true}: closes every TLS front and its connections
//   {"cmd":"close"} -> {"ok":true}, then the browser is gone and the driver exits.
//
// How page origins are made real: every page origin's host:port is mapped by --host-resolver-rules to a
// small page server on loopback (an https one with a throw-away self-signed certificate, accepted through
// --ignore-certificate-errors, and a plain http one), so a page at https://app.example.com has exactly that
// origin although nothing listens on port 443. Every other name (the API hosts, whose URLs carry nginx's
// loopback port or a TLS front's) maps to 127.0.0.1. Nothing ever leaves loopback.
//
// How https APIs are made real: the live harness runs nginx without TLS, so for a server that listens with
// TLS in production the test asks for a TLS front: a loopback TLS listener (the same throw-away certificate)
// that passes the decrypted bytes unchanged to nginx's port. nginx sees exactly the HTTP/1.1 bytes Chromium
// wrote. Plain-http servers are called over plain http, so that an https page calling one gets the real
// mixed-content block (the API names are not loopback names, so Chromium does check it).
//
// The browser is never downloaded: playwright-core only connects over CDP to the chromium started here.

const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const https = require('https');
const net = require('net');
const tls = require('tls');
const os = require('os');
const path = require('path');
const readline = require('readline');
const { chromium } = require('playwright-core');

const PAGE_HTML = '<!doctype html><meta charset="utf-8"><title>corslint browser agreement</title><p>corslint</p>\n';
const FETCH_TIMEOUT_MS = 15000;

let work = null; // temp directory: certificate, chromium profile
let chromiumProcess = null;
let browser = null;
let context = null;
const servers = [];
const fronts = []; // TLS fronts: { server, sockets }
const pages = new Map(); // origin -> page state
let closing = false;

function log(...args) {
  process.stderr.write('[driver] ' + args.join(' ') + '\n');
}

function reply(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

function pageServer(tls) {
  const handler = (req, res) => {
    if (req.url === '/favicon.ico') {
      res.writeHead(200, { 'Content-Type': 'image/x-icon', 'Content-Length': '0' });
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(PAGE_HTML);
  };
  const server = tls
    ? https.createServer(
        { key: fs.readFileSync(path.join(work, 'key.pem')), cert: fs.readFileSync(path.join(work, 'cert.pem')) },
        handler)
    : http.createServer(handler);
  servers.push(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

function parseOrigin(origin) {
  const u = new URL(origin + '/');
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return { scheme: u.protocol.replace(':', ''), host: u.hostname, port };
}

async function start(msg) {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'corslint-chromium-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=corslint.test',
    '-keyout', path.join(work, 'key.pem'), '-out', path.join(work, 'cert.pem'),
  ], { stdio: 'ignore' });
  const httpsPort = await pageServer(true);
  const httpPort = await pageServer(false);

  // One rule per page origin (host:port -> the page server of its scheme); everything else to loopback.
  const rules = [];
  const seen = new Map();
  for (const origin of msg.origins) {
    const o = parseOrigin(origin);
    const key = o.host + ':' + o.port;
    const target = o.scheme === 'https' ? httpsPort : httpPort;
    if (seen.has(key) && seen.get(key) !== target) throw new Error('page origins need two schemes on ' + key);
    if (seen.has(key)) continue;
    seen.set(key, target);
    rules.push('MAP ' + key + ' 127.0.0.1:' + target);
  }
  rules.push('MAP * 127.0.0.1');
  const hostResolverRules = rules.join(', ');

  const args = [
    // as in shared/spec/chromium-cors-messages.md
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--ignore-certificate-errors',
    '--user-data-dir=' + path.join(work, 'profile'),
    '--host-resolver-rules=' + hostResolverRules,
    '--remote-debugging-port=0',
    ...(msg.extraArgs || []),
    'about:blank',
  ];
  chromiumProcess = spawn(msg.chromium || '/usr/bin/chromium', args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true, // its own process group, so that every helper process can be ended with it
  });
  chromiumProcess.on('exit', (code, signal) => {
    if (!closing) log('chromium exited unexpectedly:', code, signal);
  });
  const ws = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('chromium did not start in 30 s:\n' + buf)), 30000);
    chromiumProcess.stderr.on('data', (d) => {
      buf += d;
      const m = buf.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    chromiumProcess.once('exit', (code) => reject(new Error('chromium exited with ' + code + ':\n' + buf)));
  });
  // keep draining stderr so that chromium never blocks on a full pipe
  chromiumProcess.stderr.on('data', () => {});
  browser = await chromium.connectOverCDP(ws);
  context = browser.contexts()[0];
  // open every page up front, a few at a time: a new renderer per site is most of a page's cost
  const queue = [...new Set(msg.origins)];
  const workers = Array.from({ length: 4 }, async () => {
    while (queue.length) await pageFor(queue.shift());
  });
  await Promise.all(workers);
  return { ok: true, version: browser.version(), hostResolverRules };
}

function pageFor(origin) {
  if (!pages.has(origin)) pages.set(origin, openPage(origin));
  return pages.get(origin);
}

async function openPage(origin) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const state = { page, cdp, console: [], markers: new Set(), requests: new Map(), failures: [] };
  cdp.on('Log.entryAdded', (e) => {
    state.console.push({ source: e.entry.source, level: e.entry.level, text: e.entry.text });
  });
  cdp.on('Runtime.consoleAPICalled', (e) => {
    const text = (e.args || []).map((a) => (a.value !== undefined ? String(a.value) : a.description || '')).join(' ');
    if (text.startsWith('corslint-marker-')) state.markers.add(text);
    else state.console.push({ source: 'console-api', level: e.type, text });
  });
  cdp.on('Network.requestWillBeSent', (e) => {
    state.requests.set(e.requestId, { url: e.request.url, method: e.request.method, type: e.type });
  });
  cdp.on('Network.loadingFailed', (e) => {
    state.failures.push({
      requestId: e.requestId, type: e.type, errorText: e.errorText, blockedReason: e.blockedReason,
      corsErrorStatus: e.corsErrorStatus,
    });
  });
  await cdp.send('Log.enable');
  await cdp.send('Runtime.enable');
  await cdp.send('Network.enable');
  await page.goto(origin + '/', { waitUntil: 'load', timeout: 20000 });
  const actual = await page.evaluate(() => location.origin);
  if (actual !== origin) throw new Error('page origin is ' + actual + ', not ' + origin);
  state.console.length = 0;
  state.failures.length = 0;
  return state;
}

async function waitFor(cond, ms) {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 1));
  }
  return true;
}

async function doFetch(msg) {
  const t0 = Date.now();
  const state = await pageFor(msg.origin);
  const t1 = Date.now();
  if (t1 - t0 > 50) log('page for', msg.origin, 'ready in', t1 - t0, 'ms');
  state.console.length = 0;
  state.failures.length = 0;
  const init = {
    method: msg.method,
    headers: msg.headers || {},
    credentials: msg.credentials ? 'include' : 'same-origin',
    cache: 'no-store',
  };
  const hasContentType = Object.keys(init.headers).some((h) => h.toLowerCase() === 'content-type');
  if (hasContentType && msg.method !== 'GET' && msg.method !== 'HEAD') init.body = '{}';
  const marker = 'corslint-marker-' + msg.id;
  const expression = `(async () => {
    let r;
    try {
      const init = ${JSON.stringify(init)};
      init.signal = AbortSignal.timeout(${FETCH_TIMEOUT_MS});
      const resp = await fetch(${JSON.stringify(msg.url)}, init);
      r = { ok: true, status: resp.status };
    } catch (e) {
      r = { ok: false, error: String(e) };
    }
    console.debug(${JSON.stringify(marker)});
    return r;
  })()`;
  const evaluated = await state.cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
  if (evaluated.exceptionDetails) throw new Error('evaluate failed: ' + JSON.stringify(evaluated.exceptionDetails));
  const r = evaluated.result.value;
  // every console line of this fetch comes before the marker, from the same renderer
  await waitFor(() => state.markers.has(marker), 5000);
  state.markers.delete(marker);
  let failure = null;
  if (!r.ok) {
    const ours = () =>
      state.failures.find((f) => {
        const req = state.requests.get(f.requestId);
        return req && req.url === msg.url && f.type === 'Fetch';
      }) || state.failures.find((f) => f.corsErrorStatus);
    const found = await waitFor(() => ours() !== undefined, 500);
    if (!found) log('no loadingFailed event for fetch', msg.id, msg.method, msg.url, 'from', msg.origin);
    failure = ours() || null;
  }
  if (Date.now() - t1 > 200) log('fetch', msg.id, msg.method, msg.url, 'took', Date.now() - t1, 'ms');
  return {
    id: msg.id,
    ok: r.ok,
    status: r.ok ? r.status : null,
    error: r.ok ? null : r.error,
    console: state.console.slice(),
    corsErrorStatus: failure ? failure.corsErrorStatus || null : null,
    errorText: failure ? failure.errorText || null : null,
    blockedReason: failure ? failure.blockedReason || null : null,
  };
}

function tlsFront(msg) {
  const target = msg.port;
  const sockets = new Set();
  const server = tls.createServer(
    {
      key: fs.readFileSync(path.join(work, 'key.pem')),
      cert: fs.readFileSync(path.join(work, 'cert.pem')),
      ALPNProtocols: ['http/1.1'],
    },
    (client) => {
      const upstream = net.connect(target, '127.0.0.1');
      sockets.add(client);
      sockets.add(upstream);
      const end = () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      client.on('error', end);
      upstream.on('error', end);
      client.on('close', end);
      upstream.on('close', end);
      client.pipe(upstream);
      upstream.pipe(client);
    });
  server.on('tlsClientError', () => {});
  const front = { server, sockets };
  fronts.push(front);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ ok: true, port: server.address().port }));
  });
}

function closeFronts() {
  for (const f of fronts.splice(0)) {
    f.server.close();
    for (const s of f.sockets) s.destroy();
  }
  return { ok: true };
}

async function shutdown() {
  if (closing) return;
  closing = true;
  try {
    if (browser) await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 3000))]);
  } catch (e) {
    log('browser.close failed:', e.message);
  }
  if (chromiumProcess && chromiumProcess.exitCode === null && chromiumProcess.signalCode === null) {
    try {
      process.kill(-chromiumProcess.pid, 'SIGTERM');
    } catch (e) {
      // already gone
    }
    const exited = await new Promise((resolve) => {
      if (chromiumProcess.exitCode !== null || chromiumProcess.signalCode !== null) return resolve(true);
      const t = setTimeout(() => resolve(false), 3000);
      chromiumProcess.once('exit', () => {
        clearTimeout(t);
        resolve(true);
      });
    });
    if (!exited) log('chromium ignored SIGTERM; killing its process group');
  }
  if (chromiumProcess) {
    try {
      process.kill(-chromiumProcess.pid, 'SIGKILL'); // helpers left behind by the browser process, if any
    } catch (e) {
      // none left
    }
  }
  closeFronts();
  for (const s of servers) s.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
}

async function main() {
  const rl = readline.createInterface({ input: process.stdin });
  for await (const line of rl) {
    if (!line.trim()) continue;
    let msg;
    try {
      msg = JSON.parse(line);
    } catch (e) {
      reply({ ok: false, error: 'bad JSON: ' + e.message });
      continue;
    }
    try {
      if (msg.cmd === 'start') reply(await start(msg));
      else if (msg.cmd === 'fetch') reply(await doFetch(msg));
      else if (msg.cmd === 'tls') reply(await tlsFront(msg));
      else if (msg.cmd === 'tls-close') reply(closeFronts());
      else if (msg.cmd === 'close') {
        await shutdown();
        reply({ ok: true });
        break;
      } else reply({ id: msg.id, ok: false, driverError: 'unknown command ' + msg.cmd });
    } catch (e) {
      reply({ id: msg.id, ok: false, driverError: String(e && e.stack ? e.stack : e) });
    }
  }
  await shutdown();
  process.exit(0);
}

for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(sig, () => shutdown().finally(() => process.exit(1)));
}
main().catch((e) => {
  log('fatal:', e && e.stack ? e.stack : e);
  shutdown().finally(() => process.exit(1));
});
