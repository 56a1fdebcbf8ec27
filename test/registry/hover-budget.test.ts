// A hover never waits long for a registry: a slow one gets the rule cards and a line saying it is still being asked,
// and its answer, which keeps coming in the background, is what the next hover shows. Runs the real language server
// against a loopback registry (plain HTTP is allowed on loopback) that holds every answer back.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { startServer } from '../harness/lspClient';

const DELAY_MS = 4_000;
const manifest = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', size: 3 * 1024 * 1024, digest: `sha256:${'1'.repeat(64)}` }],
  }),
);
const digest = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;

describe('hover and a slow registry', () => {
  it('answers within the budget while the registry is slow, and shows the image once the registry has answered', async () => {
    const sockets = new Set<Socket>();
    const server = http.createServer((req, res) => {
      setTimeout(() => {
        if (!req.url?.startsWith('/v2/team/slow/manifests/')) return void res.writeHead(404).end();
        res.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json', 'Docker-Content-Digest': digest });
        res.end(req.method === 'GET' ? manifest : undefined);
      }, DELAY_MS);
    });
    server.on('connection', (s: Socket) => sockets.add(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const lsp = await startServer({ debounceMs: 0, workspaceTrusted: true });
    try {
      lsp.settings.seaworthy = { enable: true, rules: {}, network: true };
      const dir = mkdtempSync(join(tmpdir(), 'seaworthy-hover-'));
      writeFileSync(join(dir, 'Dockerfile'), '');
      const uri = pathToFileURL(join(dir, 'Dockerfile')).toString();
      await lsp.open(uri, `FROM ${host}/team/slow:1\nUSER 10001\n`);
      const hover = async () => {
        const started = Date.now();
        const h = (await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } })) as {
          contents: { value: string };
        };
        return { text: h.contents.value, ms: Date.now() - started };
      };

      const first = await hover();
      assert.ok(first.ms < DELAY_MS - 1_000, `the hover waited ${first.ms} ms for a registry that takes ${DELAY_MS} ms`);
      assert.match(
        first.text,
        new RegExp(
          `Still waiting for ${host.replace(/\./g, '\\.')} to answer \\(asked at \\d\\d:\\d\\d:\\d\\d; it gives up after 15 s\\); hover again in a moment`,
        ),
      );
      assert.match(first.text, /base-image-not-digest-pinned/, 'the rule cards are there meanwhile');

      await new Promise((r) => setTimeout(r, DELAY_MS));
      const second = await hover();
      assert.match(second.text, new RegExp(`digest: \`${digest}\``), 'the answer that came in the background is shown');
      assert.match(second.text, /compressed size: 3\.0 MB/);
      assert.ok(second.ms < 1_000, `the second hover took ${second.ms} ms: the answer was not kept`);
    } finally {
      await lsp.close();
      for (const s of sockets) s.destroy();
      server.close();
    }
  });

  it('a registry that failed is not waited for again: the hover says what failed and when it is asked again', async () => {
    let asked = 0;
    const sockets = new Set<Socket>();
    // answers after 2 s, with a server error: the first hover gives up waiting before, the failure comes in the background
    const server = http.createServer((_req, res) => {
      asked++;
      setTimeout(() => res.writeHead(503).end(), 2_000);
    });
    server.on('connection', (s: Socket) => sockets.add(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const lsp = await startServer({ debounceMs: 0, workspaceTrusted: true });
    try {
      lsp.settings.seaworthy = { enable: true, rules: {}, network: true };
      const dir = mkdtempSync(join(tmpdir(), 'seaworthy-hover-'));
      writeFileSync(join(dir, 'Dockerfile'), '');
      const uri = pathToFileURL(join(dir, 'Dockerfile')).toString();
      await lsp.open(uri, `FROM ${host}/team/down:1\nUSER 10001\n`);
      const hover = async () =>
        (
          (await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } })) as {
            contents: { value: string };
          }
        ).contents.value;
      assert.match(await hover(), /Still waiting for/);
      const deadline = Date.now() + 10_000;
      let text = '';
      while (!/could not be asked/.test(text) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250)); // poll tick: the failure arrives in the background
        text = await hover();
      }
      assert.match(
        text,
        new RegExp(
          `_The registry could not be asked at \\d\\d:\\d\\d:\\d\\d: ${host.replace(/\./g, '\\.')} failed with 503; try again later\\. Seaworthy asks again after \\d\\d:\\d\\d:\\d\\d\\._`,
        ),
      );
      const before = asked;
      const started = Date.now();
      assert.match(await hover(), /could not be asked/);
      assert.ok(Date.now() - started < 1_000, 'the remembered failure is said at once');
      assert.equal(asked, before, 'the registry was not asked again');
    } finally {
      await lsp.close();
      for (const s of sockets) s.destroy();
      server.close();
    }
  });
});
