// The playground page: a form for `spin run`, per-layer pull progress, an xterm.js
// terminal attached to the container, and the images stored in this browser. Everything
// container-related goes through the embedding API (spin-web.js), as another site's page
// would use it.
import { createRuntime } from './spin-web.js';

const $ = (id) => document.getElementById(id);
const ui = {
  form: $('run-form'), image: $('image'), command: $('command'), env: $('env'), workdir: $('workdir'),
  user: $('user'), tty: $('tty'), run: $('run'), stop: $('stop'), message: $('message'),
  progress: $('progress'), progressImage: $('progress-image'), layers: $('layers'), images: $('images'),
  status: $('status'), runtimeState: $('runtime-state'), proxyState: $('proxy-state'),
};

const term = new Terminal({
  cursorBlink: true, fontSize: 14, scrollback: 5000,
  fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, monospace',
  theme: { background: '#0b0d10', foreground: '#d8dee9', cursor: '#5aa9ff', selectionBackground: '#2d4f7c' },
});
const fit = new FitAddon.FitAddon();
term.loadAddon(fit);
term.open($('terminal'));
fit.fit();
new ResizeObserver(() => fit.fit()).observe($('terminal'));
term.writeln('\x1b[2mSpin playground: pick an image and press Run.\x1b[0m');

let runtime = null;
let current = null;  // the running Container
let stopTimer = null;

function showMessage(text) {
  ui.message.textContent = text ?? '';
  ui.message.hidden = !text;
}

function setStatus(text, kind = '') {
  ui.status.textContent = text;
  ui.status.className = `status ${kind}`;
}

function pill(element, text, kind) {
  element.textContent = text;
  element.className = `pill ${kind}`;
}

// "sh -c 'echo hi'" -> ['sh', '-c', 'echo hi'] (quotes and backslashes as a shell reads them).
function shellWords(text) {
  const words = [];
  let word = null, quote = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') { quote = ch; word ??= ''; }
    else if (ch === '\\' && i + 1 < text.length) word = (word ?? '') + text[++i];
    else if (/\s/.test(ch)) { if (word !== null) words.push(word); word = null; }
    else word = (word ?? '') + ch;
  }
  if (quote) throw new Error(`the command has an unclosed ${quote}`);
  if (word !== null) words.push(word);
  return words;
}

const formatBytes = (n) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(0)} KiB` : `${n} B`);

// ---- pull progress ----------------------------------------------------------------------

const layerRows = new Map();
function startProgress(image) {
  layerRows.clear();
  ui.layers.replaceChildren();
  ui.progressImage.textContent = image;
  ui.progress.hidden = false;
}

function showProgress({ digest, done, total }) {
  let row = layerRows.get(digest);
  if (!row) {
    row = document.createElement('li');
    row.className = 'layer';
    row.dataset.digest = digest;
    row.innerHTML = '<span class="label"></span><div class="bar"><div></div></div>';
    ui.layers.append(row);
    layerRows.set(digest, row);
  }
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  row.querySelector('.label').textContent =
    `${digest.replace('sha256:', '').slice(0, 12)}  ${formatBytes(done)}${total > 0 ? ` / ${formatBytes(total)}` : ''}`;
  row.querySelector('.bar > div').style.width = `${(fraction * 100).toFixed(1)}%`;
  row.classList.toggle('done', total > 0 && done >= total);
}

// ---- images -----------------------------------------------------------------------------

async function refreshImages() {
  let images;
  try {
    images = await runtime.images();
  } catch (err) {
    showMessage(err.message);
    return;
  }
  ui.images.replaceChildren();
  if (images.length === 0) {
    ui.images.innerHTML = '<li class="empty">none yet</li>';
    return;
  }
  for (const image of images) {
    const li = document.createElement('li');
    li.className = 'image';
    li.dataset.name = image.name;
    const name = Object.assign(document.createElement('span'), { className: 'name', textContent: image.name, title: `${image.name}\n${image.digest}\n${image.platform ?? ''}` });
    name.onclick = () => { ui.image.value = image.name; };
    const size = Object.assign(document.createElement('span'), { className: 'size', textContent: image.size !== undefined ? formatBytes(image.size) : '' });
    const remove = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Delete', title: `delete ${image.name}` });
    remove.onclick = async () => {
      remove.disabled = true;
      try {
        await runtime.remove(image.name);
      } catch (err) {
        showMessage(err.message);
      }
      await refreshImages();
    };
    li.append(name, size, remove);
    ui.images.append(li);
  }
}

// ---- run --------------------------------------------------------------------------------

function readEnv() {
  return ui.env.value.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(line)) throw new Error(`environment lines are NAME=value: "${line}"`);
    return line;
  });
}

async function run(event) {
  event.preventDefault();
  if (current) return;
  showMessage(null);
  let options;
  try {
    const command = ui.command.value.trim();
    options = {
      image: ui.image.value.trim(), command: command ? shellWords(command) : [], env: readEnv(),
      workdir: ui.workdir.value.trim() || undefined, user: ui.user.value.trim() || undefined,
      tty: ui.tty.checked,
    };
  } catch (err) {
    showMessage(err.message);
    return;
  }
  ui.progress.hidden = true;
  term.reset();
  term.options.convertEol = !options.tty;  // without a TTY nobody turns \n into \r\n
  const container = runtime.run({
    ...options,
    onPull: (image) => { startProgress(image); setStatus(`pulling ${image}…`, 'running'); },
    onProgress: showProgress,
  });
  current = container;
  ui.run.disabled = true;
  ui.stop.disabled = false;
  setStatus(`starting ${options.image}…`, 'running');
  container.onOutput((bytes) => term.write(bytes));
  const keys = term.onData((data) => container.write(data));
  const resizes = term.onResize(({ cols, rows }) => container.resize(cols, rows));
  container.resize(term.cols, term.rows);
  container.started.then((running) => {
    if (!running) return;
    setStatus(`running ${options.image}`, 'running');
    refreshImages();
    term.focus();
  });
  const { status, error } = await container.exited;
  keys.dispose();
  resizes.dispose();
  clearTimeout(stopTimer);
  current = null;
  ui.run.disabled = false;
  ui.stop.disabled = true;
  if (status === null) {
    setStatus('not started', 'bad');
    showMessage(error);
  } else {
    setStatus(`exited with status ${status}${error ? `: ${error}` : ''}`, status === 0 ? 'ok' : 'bad');
  }
  refreshImages();
}

// docker stop: SIGTERM, then SIGKILL when the command ignores it (a shell does).
function stop() {
  if (!current) return;
  const container = current;
  ui.stop.disabled = true;
  setStatus('stopping…', 'running');
  container.kill('SIGTERM');
  stopTimer = setTimeout(() => container.kill('SIGKILL'), 2000);
}

// ---- start ------------------------------------------------------------------------------

async function configuredProxy() {
  const fromQuery = new URLSearchParams(location.search).get('proxy');
  if (fromQuery) return fromQuery;
  try {
    const response = await fetch('config.json', { cache: 'no-cache' });
    if (response.ok) return (await response.json()).proxy ?? '';
  } catch { /* no configuration: no proxy */ }
  return '';
}

async function main() {
  ui.form.addEventListener('submit', run);
  ui.stop.addEventListener('click', stop);
  const proxy = await configuredProxy();
  try {
    runtime = await createRuntime({ proxy, storage: new URLSearchParams(location.search).get('store') ?? undefined });
  } catch (err) {
    pill(ui.runtimeState, 'runtime failed', 'bad');
    showMessage(`The runtime could not start: ${err.message}`);
    return;
  }
  window.playground.runtime = runtime;
  if (runtime.persistent) pill(ui.runtimeState, 'runtime ready', 'ok');
  else pill(ui.runtimeState, 'images not kept', 'bad');
  ui.runtimeState.title = runtime.persistent
    ? `images are stored in this browser (${runtime.storage === 'opfs' ? 'its private file system' : 'IndexedDB'})`
    : 'this browser refused its storage: images last until the page closes';
  document.body.dataset.storage = runtime.storage;
  ui.run.disabled = false;
  setStatus('ready');
  refreshImages();
  const problem = await runtime.checkProxy();
  if (problem) {
    pill(ui.proxyState, proxy ? 'proxy unreachable' : 'no proxy', 'bad');
    ui.proxyState.title = `${problem}. Start one (proxy/README.md) or give its URL with ?proxy=URL.`;
    showMessage(`${problem}: images cannot be pulled. Start the registry proxy (proxy/README.md), or open this page with ?proxy=URL. Stored images still run.`);
  } else {
    pill(ui.proxyState, `proxy ${new URL(proxy).host}`, 'ok');
    ui.proxyState.title = proxy;
  }
}

// For tests and the curious: the terminal's text as lines.
window.playground = {
  runtime: null,
  terminalSize: () => ({ cols: term.cols, rows: term.rows }),
  screenText() {
    const buffer = term.buffer.active;
    const lines = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i).translateToString(true));
    return lines.join('\n');
  },
};
main();
