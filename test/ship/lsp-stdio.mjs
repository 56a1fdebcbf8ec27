// An editor's first minute with a language server, over stdio and with no library: initialize, open a Dockerfile,
// wait for its diagnostics, shut down. Usage: node lsp-stdio.mjs DOCKERFILE EXPECTED_RULE COMMAND [ARGS...]
// Exits 0 when a diagnostic with code EXPECTED_RULE (source "seaworthy") arrives within 20 s, else 1.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [file, expected, command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node lsp-stdio.mjs DOCKERFILE EXPECTED_RULE COMMAND [ARGS...]');
  process.exit(2);
}
const uri = pathToFileURL(resolve(file)).toString();
const started = Date.now();
const server = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
const fail = (why) => {
  console.error(`lsp-stdio: ${why}`);
  server.kill();
  process.exit(1);
};
const timer = setTimeout(() => fail(`no diagnostic ${expected} for ${uri} within 20 s`), 20_000);
server.on('exit', (code, signal) => {
  if (!done) fail(`the server exited (${code ?? signal}) before publishing diagnostics`);
});

let nextId = 1;
const pending = new Map();
const send = (message) => {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
};
const request = (method, params) =>
  new Promise((res) => {
    const id = nextId++;
    pending.set(id, res);
    send({ id, method, params });
  });
const notify = (method, params) => send({ method, params });

// Content-Length framing (LSP base protocol)
let buffer = Buffer.alloc(0);
let done = false;
server.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: *(\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
    if (!Number.isFinite(length)) fail('a message without Content-Length');
    if (buffer.length < headerEnd + 4 + length) return;
    const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
    buffer = buffer.subarray(headerEnd + 4 + length);
    onMessage(message);
  }
});

function onMessage(m) {
  if (m.id !== undefined && m.method) {
    // a request from the server: settings pulls get nulls (defaults), anything else an empty answer
    send({ id: m.id, result: m.method === 'workspace/configuration' ? m.params.items.map(() => null) : null });
  } else if (m.id !== undefined) {
    pending.get(m.id)?.(m.result);
    pending.delete(m.id);
  } else if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri) {
    const hit = m.params.diagnostics.find((d) => d.code === expected && d.source === 'seaworthy');
    if (hit) void finish(hit, m.params.diagnostics.length);
  }
}

async function finish(hit, count) {
  if (done) return;
  done = true;
  clearTimeout(timer);
  console.log(`lsp-stdio: ${count} diagnostics after ${Date.now() - started} ms, among them line ${hit.range.start.line + 1}: ${hit.code}: ${hit.message}`);
  await request('shutdown', null);
  notify('exit', null);
  server.stdin.end();
  const code = await new Promise((res) => server.on('exit', res));
  if (code !== 0) fail(`the server exited with ${code} after shutdown/exit`);
  process.exit(0);
}

const init = await request('initialize', {
  processId: process.pid,
  rootUri: pathToFileURL(resolve(file, '..')).toString(),
  capabilities: { textDocument: { publishDiagnostics: {} }, workspace: { configuration: true } },
});
if (!init?.capabilities?.textDocumentSync) fail(`initialize answered without textDocumentSync: ${JSON.stringify(init)}`);
notify('initialized', {});
notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: readFileSync(file, 'utf8') } });
