#!/usr/bin/env node
// Seaworthy in a real VS Code: installs a packaged .vsix into code-server (Code 1.100.3), opens a copy of
// test/e2e/fixtures/workspace and drives the workbench in Debian's Chromium with playwright-core, as a user would.
// It packages nothing: build the .vsix first (`npm run package`). Needs scripts/e2e-setup.sh to have run.
//
//   node test/e2e/code-server/run.mjs [--vsix seaworthy.vsix] [--only 1,3] [--out test-output/e2e] [--keep]
//
// Every wait is on a selector, a process's output or a file's content, with a deadline; nothing sleeps.
// Each scenario saves a PNG under the output folder (also on failure). Closes with "N passed, N failed, N skipped".
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const vsix = resolve(arg('--vsix', process.env.SEAWORTHY_VSIX ?? 'seaworthy.vsix'));
const outDir = resolve(arg('--out', join(root, 'test-output/e2e')));
const only = arg('--only')?.split(',');
const keep = process.argv.includes('--keep');
const verbose = process.argv.includes('--verbose');

const CODE_SERVER_VERSION = '4.100.3';
const PLAYWRIGHT_CORE_VERSION = '1.65.1';
const cache = process.env.SEAWORTHY_E2E_CACHE ?? join(homedir(), '.cache/seaworthy-e2e');
const entry = join(cache, `code-server-${CODE_SERVER_VERSION}`, 'node_modules/code-server/out/node/entry.js');
const pwDir = join(cache, `playwright-core-${PLAYWRIGHT_CORE_VERSION}`);
const CHROMIUM = process.env.SEAWORTHY_E2E_CHROMIUM ?? '/usr/bin/chromium';

for (const [what, path] of [
  ['the .vsix (npm run package)', vsix],
  ['code-server (scripts/e2e-setup.sh)', entry],
  ['playwright-core (scripts/e2e-setup.sh)', join(pwDir, 'package.json')],
  ['Chromium (scripts/e2e-setup.sh)', CHROMIUM],
]) {
  if (!existsSync(path)) {
    console.error(`e2e: missing ${what}: ${path}`);
    process.exit(2);
  }
}
const { chromium } = createRequire(join(pwDir, 'package.json'))('playwright-core');

const started = Date.now();
const log = (...a) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s]`, ...a);
const debug = (...a) => {
  if (verbose) log(...a);
};

// ---------- waiting without sleeping -------------------------------------------------------------------------------

/** Re-evaluates `probe` (on DOM mutations for page probes, on a short poll for disk) until it returns a truthy value. */
async function until(what, probe, { timeout = 15_000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last instanceof Error ? ` (${last.message.split('\n')[0]})` : ''}`);
    await new Promise((r) => setTimeout(r, interval)); // poll tick for a condition; not a fixed delay
  }
}

// ---------- processes ----------------------------------------------------------------------------------------------

const children = new Set();
function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

function codeServerArgs({ userData, extensions }) {
  return ['--user-data-dir', userData, '--extensions-dir', extensions];
}

function installExtension(dirs) {
  const out = execFileSync(process.execPath, [entry, ...codeServerArgs(dirs), '--install-extension', vsix], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (!/successfully installed/.test(out)) throw new Error(`--install-extension said: ${out}`);
  log(out.trim().split('\n').pop());
}

async function startCodeServer(dirs, folder, { trust }) {
  const port = await freePort();
  const args = [
    entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...codeServerArgs(dirs),
  ];
  if (!trust) args.push('--disable-workspace-trust');
  args.push(folder);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let output = '';
  const onData = (d) => {
    output += d;
    if (verbose) process.stdout.write(`  code-server: ${d}`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`code-server did not start in 30 s:\n${output}`)), 30_000);
    const check = () => {
      if (/HTTP server listening/.test(output)) {
        clearTimeout(timer);
        res();
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`code-server exited with ${code}:\n${output}`));
    });
  });
  log(`code-server listening on ${port} for ${folder}${trust ? ' (workspace trust on)' : ''}`);
  return { port, child, url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}` };
}

function stop(child) {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((res) => {
    child.once('exit', res);
    child.kill('SIGTERM');
  });
}

// ---------- the workbench, as a user drives it ---------------------------------------------------------------------

class Workbench {
  constructor(page, folder) {
    this.page = page;
    this.folder = folder;
  }

  async open(url) {
    await this.page.goto(url);
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await this.page.waitForSelector('.statusbar', { timeout: 30_000 });
  }

  async screenshot(name) {
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * Quick Open (Ctrl+P): types the path, picks the row for exactly that file (the file index may need a few tries; the
   * list may still be re-ordering, so the focused row is checked before Enter, and the breadcrumbs after it).
   */
  async openFile(rel) {
    const page = this.page;
    const name = rel.split('/').pop();
    const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
    await until(
      `Quick Open to open ${rel}`,
      async () => {
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+P');
        const input = await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) .quick-input-box input', { timeout: 5_000 });
        await input.fill(rel);
        try {
          await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 3_000 });
        } catch {
          return false;
        }
        // each row shows the file name and its folder; pick the one for this file and no other
        const rows = await page.$$eval('.quick-input-list .monaco-list-row', (els) =>
          els.map((e) => ({
            name: e.querySelector('.label-name')?.textContent ?? '',
            dir: (e.querySelector('.label-description')?.textContent ?? '').replace(/\\/g, '/').replace(/^\.?\/?/, ''),
          })),
        );
        debug('quick open rows', rows);
        const index = rows.findIndex((r) => r.name === name && r.dir === dir);
        if (index < 0) return false;
        for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
        const focused = await page
          .$eval('.quick-input-list .monaco-list-row.focused', (e) => ({
            name: e.querySelector('.label-name')?.textContent ?? '',
            dir: (e.querySelector('.label-description')?.textContent ?? '').replace(/\\/g, '/').replace(/^\.?\/?/, ''),
          }))
          .catch(() => undefined);
        if (!focused || focused.name !== name || focused.dir !== dir) return false;
        await page.keyboard.press('Enter');
        await this.activeTab(name);
        // the breadcrumbs name the folders of the file that opened
        return until(
          `the breadcrumbs to read ${rel}`,
          async () => {
            const crumbs = await page.$$eval('.editor-group-container.active .breadcrumbs-control .monaco-breadcrumb-item', (els) =>
              els.map((e) => e.textContent.trim()).filter(Boolean),
            );
            return crumbs.join('/') === rel || crumbs.join('/').endsWith(`/${rel}`) ? true : undefined;
          },
          { timeout: 3_000 },
        ).catch(() => false);
      },
      { timeout: 40_000 },
    );
    await page.waitForSelector('.editor-group-container.active .monaco-editor .view-lines', { timeout: 10_000 });
  }

  async activeTab(name) {
    await until(`the ${name} tab to be active`, () =>
      this.page.$$eval(
        '.editor-group-container.active .tab.active',
        (els, n) => els.some((e) => (e.getAttribute('aria-label') ?? '').split(',')[0].trim() === n || e.textContent.includes(n)),
        name,
      ),
    );
  }

  /** Command palette (F1): types the title and runs the row whose label is exactly that title. */
  async command(title) {
    const page = this.page;
    await until(
      `the palette to offer "${title}"`,
      async () => {
        await page.keyboard.press('Escape');
        await page.keyboard.press('F1');
        const input = await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) .quick-input-box input', { timeout: 5_000 });
        await input.fill(`>${title}`);
        try {
          await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 3_000 });
        } catch {
          return false;
        }
        const rows = await page.$$eval('.quick-input-list .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
        const index = rows.findIndex((r) => r === title || r.startsWith(`${title},`) || r.startsWith(`${title} `));
        if (index < 0) return false;
        for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
        return true;
      },
      { timeout: 20_000 },
    );
    await page.keyboard.press('Enter');
    await page.waitForSelector('.quick-input-widget', { state: 'hidden', timeout: 10_000 });
  }

  async closeAllEditors() {
    await this.command('View: Close All Editors');
    await until('all editors to close', async () => (await this.page.$$('.editor-group-container .tab')).length === 0, { timeout: 10_000 });
  }

  /** Problems panel rows, grouped by file: [{ path, count, markers: [{ severity, message, code, line, column }] }]. */
  async problems() {
    const page = this.page;
    if (!(await page.isVisible('.markers-panel'))) {
      await page.keyboard.press('Control+Shift+M');
      await page.waitForSelector('.markers-panel', { state: 'visible', timeout: 10_000 });
    }
    // the list is virtual: only the rows in view exist in the DOM, so scroll through it and collect rows by index
    const read = () =>
      page.$$eval('.markers-panel .monaco-list-row', (els) =>
        els.map((e) => ({
          index: Number(e.getAttribute('data-index')),
          level: e.getAttribute('aria-level'),
          label: e.getAttribute('aria-label') ?? '',
          path: e.querySelector('.monaco-icon-label')?.getAttribute('aria-label') ?? '',
          code: e.querySelector('.marker-code')?.textContent?.trim() ?? '',
        })),
      );
    const rows = new Map();
    const list = await page.$('.markers-panel .monaco-list');
    const box = list && (await list.boundingBox());
    if (box) {
      // from the top: the file's row (index 0) must be among those read
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, -1e6);
      await page
        .waitForFunction(
          () => !document.querySelector('.markers-panel .monaco-list-row') || document.querySelector('.markers-panel .monaco-list-row[data-index="0"]'),
          null,
          { timeout: 2_000 },
        )
        .catch(() => {});
    }
    for (let step = 0; step < 50; step++) {
      const before = rows.size;
      for (const r of await read()) rows.set(r.index, r);
      if (!box || (step > 0 && rows.size === before)) break;
      const first = await page.$eval('.markers-panel .monaco-list-row', (e) => e.getAttribute('data-index')).catch(() => null);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, Math.max(60, box.height * 0.7));
      // the first row in view changes once the list has scrolled; at the end of the list it never does
      const moved = await page
        .waitForFunction((prev) => document.querySelector('.markers-panel .monaco-list-row')?.getAttribute('data-index') !== prev, first, { timeout: 1_000 })
        .then(
          () => true,
          () => false,
        );
      if (!moved) {
        for (const r of await read()) rows.set(r.index, r);
        break;
      }
    }
    debug('problems rows', JSON.stringify([...rows.values()].map((r) => [r.index, r.level, r.label.slice(0, 40), r.path.slice(-30)])));
    const groups = [];
    for (const r of [...rows.values()].sort((a, b) => a.index - b.index)) {
      // (a file's row may be read from its sticky copy at the top of the list, which has no aria-level)
      if (r.level === '1' || (r.level === null && /^\d+ problems? in file /.test(r.label))) {
        // "11 problems in file Dockerfile of folder ."; the icon label carries the absolute path
        groups.push({ path: r.path, count: Number(/^(\d+) problems?/.exec(r.label)?.[1] ?? NaN), label: r.label, markers: [] });
      } else if (groups.length) {
        // "Warning: MESSAGE at line 1 and character 1. generated by seaworthy"; the code is its own element
        const m = /^(\w+):\s*(.*) at line (\d+) and character (\d+)\./s.exec(r.label);
        groups.at(-1).markers.push({ severity: m?.[1] ?? '', message: m?.[2] ?? r.label, line: Number(m?.[3]), column: Number(m?.[4]), code: r.code });
      }
    }
    return groups;
  }

  /** Waits until the Problems panel lists, under the file at `path`, markers that `ok` accepts (no file: no markers). */
  async waitForProblems(path, ok, what, timeout = 15_000) {
    let seen;
    try {
      return await until(
        what,
        async () => {
          const g = (await this.problems()).find((x) => x.path === path);
          seen = g?.markers ?? [];
          if (g && g.count !== seen.length) return false; // rows still being drawn, or scrolled out of view
          return ok(seen) ? seen : false;
        },
        { timeout },
      );
    } catch (e) {
      throw new Error(`${e.message}; the Problems panel shows ${JSON.stringify(seen?.map((m) => `${m.line}:${m.column} ${m.code}`))}`);
    }
  }

  /** Lines of the active editor with their squiggles: [{ text, top, squiggles: [{ kind, x, y, w, h }] }]. */
  async editorLines() {
    return this.page.$$eval('.editor-group-container.active .monaco-editor', (editors) => {
      const ed = editors.find((e) => e.offsetParent !== null) ?? editors[0];
      const lines = [...ed.querySelectorAll('.view-lines .view-line')].map((l) => ({
        text: l.textContent.replace(/\u00a0/g, ' '),
        top: parseFloat(l.style.top),
      }));
      const overlays = [...ed.querySelectorAll('.view-overlays > div')];
      const squiggles = [];
      for (const o of overlays) {
        const top = parseFloat(o.style.top);
        for (const s of o.querySelectorAll('[class*="squiggly-"]')) {
          const r = s.getBoundingClientRect();
          squiggles.push({ top, kind: /squiggly-(error|warning|info|hint)/.exec(s.className)?.[1] ?? s.className, x: r.x, y: r.y, w: r.width, h: r.height });
        }
      }
      return lines.sort((a, b) => a.top - b.top).map((l) => ({ ...l, squiggles: squiggles.filter((s) => s.top === l.top) }));
    });
  }

  async lineBox(startsWith) {
    const page = this.page;
    return until(`an editor line starting with "${startsWith}"`, async () => {
      const h = await page.$$('.editor-group-container.active .monaco-editor .view-lines .view-line');
      for (const l of h) {
        const t = (await l.textContent()).replace(/\u00a0/g, ' ');
        if (t.startsWith(startsWith)) return l.boundingBox();
      }
      return false;
    });
  }

  /** Clicks into the editor at the start of line `startsWith` plus `column` characters (approximated from the text width). */
  async clickLine(startsWith, atFraction = 0.05) {
    const box = await this.lineBox(startsWith);
    await this.page.mouse.click(box.x + Math.max(2, box.width * atFraction), box.y + box.height / 2);
  }

  /** Opens the Ctrl+. menu on the cursor and runs the row whose title starts with `title` (keyboard: clicks time out). */
  async quickFix(title, beforeRun) {
    const page = this.page;
    await page.keyboard.press('Control+.');
    await page.waitForSelector('.action-widget .monaco-list-row:not(.group-header)', { timeout: 10_000 });
    const rows = await page.$$eval('.action-widget .monaco-list-row', (els) =>
      els.map((e) => ({ text: e.textContent.trim(), header: e.classList.contains('group-header'), label: e.getAttribute('aria-label') ?? '' })),
    );
    debug('code actions', rows);
    const titles = rows.filter((r) => !r.header).map((r) => r.label || r.text);
    if (!titles.some((t) => t.startsWith(title))) throw new Error(`Ctrl+. offers no "${title}"; it offers ${JSON.stringify(titles)}`);
    await until(
      `"${title}" to be focused in the Ctrl+. menu`,
      async () => {
        const focused = await page
          .$eval('.action-widget .monaco-list-row.focused', (e) => e.getAttribute('aria-label') || e.textContent.trim())
          .catch(() => '');
        if (focused.startsWith(title)) return true;
        await page.keyboard.press('ArrowDown');
        return false;
      },
      { timeout: 5_000 },
    );
    await beforeRun?.();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.action-widget', { state: 'hidden', timeout: 10_000 }).catch(() => {});
    return titles;
  }

  async save(file, changed) {
    await this.page.keyboard.press('Control+S');
    return until(
      `${file} to be saved`,
      () => {
        const t = readFileSync(file, 'utf8');
        return changed(t) ? t : false;
      },
      { timeout: 15_000 },
    );
  }

  /** Notification toasts on screen: [{ message, buttons, progress }] (a progress toast shows a progress bar). */
  async toasts() {
    return this.page.$$eval('.notifications-toasts .notification-toast-container', (els) =>
      els
        .filter((e) => e.offsetParent !== null)
        .map((e) => ({
          // a toast slides in: it is fully on screen once VS Code marks the fade-in done
          shown: !!e.querySelector('.notification-fade-in-done') || e.classList.contains('notification-fade-in-done'),
          message: e.querySelector('.notification-list-item-message')?.textContent?.trim() ?? '',
          buttons: [...e.querySelectorAll('.notification-list-item-buttons-container .monaco-button')].map((b) => b.textContent.trim()),
          progress: !!e.querySelector('.monaco-progress-container.active, .monaco-progress-container.infinite'),
        })),
    );
  }

  /** Waits for a toast whose message `ok` accepts; returns it. */
  async toast(what, ok, timeout = 20_000) {
    let seen = [];
    try {
      return await until(
        what,
        async () => {
          seen = await this.toasts();
          return seen.find((t) => t.shown && ok(t.message));
        },
        { timeout },
      );
    } catch (e) {
      throw new Error(`${e.message}; toasts on screen: ${JSON.stringify(seen)}`);
    }
  }

  async clickToastButton(message, label) {
    const toast = this.page.locator('.notifications-toasts .notification-toast-container', { hasText: message });
    await toast.locator('.notification-list-item-buttons-container .monaco-button', { hasText: label }).first().click();
  }

  async closeToasts() {
    for (let i = 0; i < 10 && (await this.toasts()).length > 0; i++) {
      await this.command('Notifications: Clear All Notifications').catch(() => {});
    }
  }

  /** The Seaworthy status bar item: its text (codicons as their names) and accessible label. */
  async statusItem() {
    return this.page.$$eval('.statusbar-item', (els) => {
      const e = els.find((x) => /Seaworthy/.test(x.getAttribute('aria-label') ?? '') || x.id === 'seaworthy.seaworthy.status');
      if (!e) return undefined;
      const text = [...(e.querySelector('a, .statusbar-item-label') ?? e).childNodes]
        .map((n) =>
          n.nodeType === 3 ? n.textContent : /codicon-([\w-]+)/.exec(n.className ?? '')?.[1] ? `$(${/codicon-([\w-]+)/.exec(n.className)[1]})` : n.textContent,
        )
        .join('')
        .replace(/\s+/g, ' ')
        .trim();
      return { text, label: e.getAttribute('aria-label') ?? '', box: e.getBoundingClientRect().toJSON() };
    });
  }

  /** The rows of the Production Checklist view: [{ label, description, icon }]. */
  async checklistRows() {
    return this.page.$$eval('.pane-body .monaco-list-row', (els) =>
      els
        .filter((e) => e.closest('.pane')?.querySelector('.pane-header')?.textContent?.includes('Production Checklist'))
        .map((e) => ({
          label: e.querySelector('.label-name')?.textContent?.trim() ?? '',
          description: e.querySelector('.label-description')?.textContent?.trim() ?? '',
          icon: /codicon-([\w-]+)/.exec(e.querySelector('.custom-view-tree-node-item-icon, .codicon')?.className ?? '')?.[1] ?? '',
          aria: e.getAttribute('aria-label') ?? '',
        })),
    );
  }

  /** The text of the Output panel's editor, top to bottom as far as it is drawn. */
  async outputText() {
    return this.page.$eval('.panel .output-view .monaco-editor .view-lines, .part.panel .monaco-editor .view-lines', (e) =>
      [...e.querySelectorAll('.view-line')]
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((l) => l.textContent.replace(/\u00a0/g, ' '))
        .join('\n'),
    );
  }
}

/** Debian's docker-registry on a free loopback port with one image pushed by skopeo (../shared/notes/real-registry.md). */
async function startLoopbackRegistry() {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-e2e-registry-'));
  const port = await new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });
  writeFileSync(
    join(dir, 'config.yml'),
    `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\nhttp:\n  addr: 127.0.0.1:${port}\n`,
  );
  const child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  const layout = join(dir, 'layout');
  execFileSync('umoci', ['init', '--layout', layout]);
  execFileSync('umoci', ['new', '--image', `${layout}:img`]);
  writeFileSync(join(dir, 'hello.txt'), 'hello');
  execFileSync('umoci', ['insert', '--rootless', '--image', `${layout}:img`, join(dir, 'hello.txt'), '/hello.txt']);
  const host = `127.0.0.1:${port}`;
  await until(
    'docker-registry to accept a push',
    async () => {
      try {
        execFileSync('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', `oci:${layout}:img`, `docker://${host}/library/python:3.12-slim`], {
          stdio: 'ignore',
        });
        return true;
      } catch {
        return false;
      }
    },
    { timeout: 20_000 },
  );
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'));
  const digest = index.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === 'img').digest;
  return {
    host,
    digest,
    stop: async () => {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------- scenarios ----------------------------------------------------------------------------------------------

const bag = (codes) => [...codes].sort().join(',');
function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** The findings the packaged CLI (same engine, same .vsix) reports for a file: the expected Problems rows. */
function cliFindings(extDir, file) {
  const cli = join(extDir, 'dist/cli.js');
  let out;
  try {
    out = execFileSync(process.execPath, [cli, 'lint', '--format', 'json', '--no-network', file], { encoding: 'utf8' });
  } catch (e) {
    out = e.stdout;
  }
  return JSON.parse(out)[0]?.findings ?? [];
}

/** What the packaged CLI finds in the whole workspace: the summary Lint Workspace must give. */
function workspaceFindings(extDir, ws) {
  let out;
  try {
    out = execFileSync(process.execPath, [join(extDir, 'dist/cli.js'), 'lint', '--format', 'json', '--no-network', ws], { encoding: 'utf8' });
  } catch (e) {
    out = e.stdout;
  }
  const files = JSON.parse(out);
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of files) for (const x of f.findings) counts[x.severity]++;
  const names = [
    ['error', 'error', 'errors'],
    ['warning', 'warning', 'warnings'],
    ['information', 'information', 'information'],
    ['hint', 'hint', 'hints'],
  ];
  const said = names.filter(([k]) => counts[k]).map(([k, one, many]) => `${counts[k]} ${counts[k] === 1 ? one : many}`);
  return {
    message: `Linted ${files.length} Dockerfile${files.length === 1 ? '' : 's'}: ${said.join(', ') || 'no problems'}.`,
    withFindings: files.filter((f) => f.findings.length).length,
  };
}

const scenarios = [
  {
    id: '1',
    name: 'problems-on-open',
    title: 'open a Dockerfile with known problems: squiggles and Problems rows with their codes',
    async run({ shot, wb, ws, extDir }) {
      const expected = cliFindings(extDir, join(ws, 'Dockerfile'));
      const core = [
        'final-stage-root-user',
        'apt-missing-yes',
        'apt-no-install-recommends',
        'apt-lists-not-cleaned',
        'pip-no-cache-dir',
        'shell-form-cmd',
        'dockerignore-missing',
        'copy-all-before-deps',
        'secret-in-env-or-arg',
      ];
      for (const c of core)
        assert(
          expected.some((f) => f.rule === c),
          `the packaged CLI no longer reports ${c} on the fixture`,
        );
      await wb.openFile('Dockerfile');
      const t0 = Date.now();
      const markers = await wb.waitForProblems(
        join(ws, 'Dockerfile'),
        (ms) => ms.length === expected.length,
        `${expected.length} Problems rows for Dockerfile within 10 s of opening it`,
        10_000,
      );
      const ms = Date.now() - t0;
      await shot();
      assert(
        bag(markers.map((m) => m.code)) === bag(expected.map((f) => f.rule)),
        `codes in Problems ${bag(markers.map((m) => m.code))} != expected ${bag(expected.map((f) => f.rule))}`,
      );
      for (const f of expected)
        assert(
          markers.some((m) => m.code === f.rule && m.line === f.line && m.column === f.column),
          `no Problems row for ${f.rule} at ${f.line}:${f.column}`,
        );
      const lines = await until('squiggles in the editor', async () => {
        const l = await wb.editorLines();
        return l.some((x) => x.squiggles.length) && l;
      });
      const squiggled = lines.filter((l) => l.squiggles.length).length;
      assert(squiggled >= 6, `only ${squiggled} lines carry squiggles`);
      return `${markers.length} rows (${[...new Set(markers.map((m) => m.code))].length} codes) ${ms} ms after the editor showed the file; squiggles on ${squiggled} lines`;
    },
  },
  {
    id: '2',
    name: 'hover-card',
    title: 'hover a squiggle: the rule documentation card',
    async run({ shot, wb, page }) {
      await wb.openFile('Dockerfile');
      const line = await until('a squiggle on "CMD python app.py"', async () =>
        (await wb.editorLines()).find((l) => l.text.startsWith('CMD python') && l.squiggles.length),
      );
      const s = line.squiggles[0];
      await page.mouse.move(s.x + s.w / 2 - 10, s.y + s.h / 2 - 4);
      await page.mouse.move(s.x + s.w / 2, s.y + s.h / 2 - 4);
      const card = await until(
        'the hover card, fully faded in',
        async () => {
          const t = await page.$$eval('.monaco-hover:not(.hidden)', (els) =>
            els
              .filter((e) => [e, e.parentElement].every((x) => !x || getComputedStyle(x).opacity === '1'))
              .map((e) => e.textContent)
              .join('\n'),
          );
          return /SIGTERM/.test(t) && /exec form/i.test(t) && t.replace(/\s+/g, ' ');
        },
        { timeout: 10_000 },
      );
      await shot();
      assert(/shell-form-cmd/.test(card), 'the card does not name the rule shell-form-cmd');
      assert(/CMD \["/.test(card), 'the card shows no exec-form example');
      return `card: ${card.replace(/\s+/g, ' ').slice(0, 120)}…`;
    },
  },
  {
    id: '3',
    name: 'add-non-root-user',
    title: 'Ctrl+. on final-stage-root-user → Add non-root user; saved; squiggle gone',
    async run({ shot, wb, ws }) {
      const file = join(ws, 'user/Dockerfile');
      await wb.openFile('user/Dockerfile');
      await wb.waitForProblems(file, (ms) => ms.some((m) => m.code === 'final-stage-root-user'), 'final-stage-root-user in Problems');
      await until('a warning squiggle on FROM', async () =>
        (await wb.editorLines()).find((l) => l.text.startsWith('FROM') && l.squiggles.some((s) => s.kind === 'warning')),
      );
      await wb.clickLine('FROM', 0); // on the FROM keyword: final-stage-root-user marks that word
      const offered = await wb.quickFix('Add non-root user', () => shot('menu'));
      const saved = await wb.save(file, (t) => /^USER /m.test(t));
      assert(/useradd|adduser/.test(saved), `no user is created in the saved file:\n${saved}`);
      const userLine = saved.split('\n').findIndex((l) => l.startsWith('USER '));
      const cmdLine = saved.split('\n').findIndex((l) => l.startsWith('CMD '));
      assert(userLine >= 0 && userLine < cmdLine, `USER does not come before CMD:\n${saved}`);
      await wb.waitForProblems(file, (ms) => ms.length > 0 && !ms.some((m) => m.code === 'final-stage-root-user'), 'final-stage-root-user to leave Problems');
      await until('the warning squiggle to go', async () => !(await wb.editorLines()).some((l) => l.squiggles.some((s) => s.kind === 'warning')));
      await shot();
      return `offered ${JSON.stringify(offered)}; saved "${saved
        .split('\n')
        .filter((l) => /USER|useradd|adduser/.test(l))
        .join(' | ')}"`;
    },
  },
  {
    id: '4',
    name: 'pin-base-image-digest',
    title: 'Seaworthy: Pin Base Image Digest against a loopback registry',
    async run({ shot, wb, ws }) {
      const reg = await startLoopbackRegistry();
      try {
        const file = join(ws, 'pin/Dockerfile');
        mkdirSync(dirname(file), { recursive: true });
        const ref = `${reg.host}/library/python:3.12-slim`;
        writeFileSync(file, `FROM ${ref} AS app\nUSER 10001\nCMD ["python"]\n`);
        await wb.openFile('pin/Dockerfile');
        await wb.waitForProblems(file, (ms) => ms.some((m) => m.code === 'base-image-not-digest-pinned'), 'base-image-not-digest-pinned in Problems');
        // the cursor is on line 1 (the FROM) after opening
        await wb.command('Seaworthy: Pin Base Image Digest');
        await until('the digest in the editor', async () => (await wb.editorLines()).some((l) => l.text.includes('@sha256:')), { timeout: 20_000 });
        const saved = await wb.save(file, (t) => t.includes('@sha256:'));
        assert(saved === `FROM ${ref}@${reg.digest} AS app\nUSER 10001\nCMD ["python"]\n`, `the saved file is not the pinned one:\n${saved}`);
        await wb.waitForProblems(file, (ms) => !ms.some((m) => m.code === 'base-image-not-digest-pinned'), 'base-image-not-digest-pinned to leave Problems');
        await shot();
        return `FROM pinned to ${reg.digest.slice(0, 19)}… by the palette command`;
      } finally {
        await reg.stop();
      }
    },
  },
  {
    id: '5',
    name: 'fix-all-on-save',
    title: 'editor.codeActionsOnSave fix-all: only safe fixes applied',
    async run({ shot, wb, ws }) {
      const file = join(ws, 'fixall/Dockerfile');
      await wb.setWorkspaceSettings({ 'editor.codeActionsOnSave': { 'source.fixAll.seaworthy': 'explicit' } });
      await wb.openFile('fixall/Dockerfile');
      const before = await wb.waitForProblems(
        file,
        (ms) => ['apt-missing-yes', 'pip-no-cache-dir', 'apt-lists-not-cleaned', 'shell-form-cmd'].every((c) => ms.some((m) => m.code === c)),
        'the fixall problems',
      );
      // Ctrl+S on the file as it is: the save participant runs the fix-all code action
      const saved = await wb.save(file, (t) => t.includes('--no-cache-dir'));
      assert(/apt-get install -y\b/.test(saved) || /apt-get -y install/.test(saved), `-y not added:\n${saved}`);
      assert(/pip install --no-cache-dir/.test(saved), `--no-cache-dir not added:\n${saved}`);
      assert(/rm -rf \/var\/lib\/apt\/lists/.test(saved), `apt lists not removed:\n${saved}`);
      assert(!/--no-install-recommends/.test(saved), `an unsafe fix (--no-install-recommends) was applied:\n${saved}`);
      assert(!/^USER /m.test(saved), `an unsafe fix (non-root user) was applied:\n${saved}`);
      assert(/^CMD python app\.py$/m.test(saved), `an unsafe fix (exec form) was applied:\n${saved}`);
      const after = await wb.waitForProblems(
        file,
        (ms) => ms.length > 0 && !ms.some((m) => ['apt-missing-yes', 'pip-no-cache-dir', 'apt-lists-not-cleaned'].includes(m.code)),
        'the safe problems to leave Problems',
      );
      await shot();
      for (const c of ['final-stage-root-user', 'apt-no-install-recommends', 'shell-form-cmd'])
        assert(
          after.some((m) => m.code === c),
          `${c} (no safe fix) vanished`,
        );
      await wb.setWorkspaceSettings({});
      return `${before.length} → ${after.length} problems; left: ${bag(after.map((m) => m.code))}`;
    },
  },
  {
    id: '6',
    name: 'containerfile-and-variants',
    title: 'Containerfile and Dockerfile.prod are linted',
    async run({ shot, wb, ws, extDir }) {
      const out = [];
      for (const rel of ['variants/Containerfile', 'variants/Dockerfile.prod']) {
        const expected = cliFindings(extDir, join(ws, rel));
        assert(expected.length > 0, `the CLI finds nothing in ${rel}`);
        await wb.openFile(rel);
        const ms = await wb.waitForProblems(
          join(ws, rel),
          (m) => bag(m.map((x) => x.code)) === bag(expected.map((f) => f.rule)),
          `${rel}: ${bag(expected.map((f) => f.rule))}`,
        );
        const lang = await wb.page.$eval('.statusbar-item[id="status.editor.mode"]', (e) => e.textContent.trim()).catch(() => '?');
        await shot(rel.split('/').pop().replace(/\./g, '-'));
        assert(lang === 'Dockerfile', `the status bar shows language ${lang}`);
        out.push(`${rel}: ${ms.length} rows, language ${lang}`);
      }
      return out.join('; ');
    },
  },
  {
    id: '6b',
    name: 'untrusted-folder',
    title: 'a Dockerfile in an untrusted folder (Restricted Mode) still gets diagnostics',
    untrusted: true,
    async run({ shot, wb, ws, extDir, page }) {
      // the folder was opened with workspace trust on; the user answered "No, I don't trust the authors"
      await until(
        'the Restricted Mode indicator',
        async () =>
          await page.$$eval('.statusbar-item, .monaco-workbench', (els) =>
            els.some((e) => /Restricted Mode/.test(e.getAttribute('aria-label') ?? '') || /Restricted Mode/.test(e.textContent)),
          ),
      );
      await wb.openFile('Dockerfile');
      const expected = cliFindings(extDir, join(ws, 'Dockerfile'));
      const ms = await wb.waitForProblems(
        join(ws, 'Dockerfile'),
        (m) => m.length > 0 && bag(m.map((x) => x.code)) === bag(expected.map((f) => f.rule)),
        'diagnostics in the untrusted folder',
      );
      await shot();
      // "no registry access": nothing observable yet (no registry feature has landed); what we can check is that the
      // manifest declares seaworthy.network restricted, so VS Code withholds the workspace's value in Restricted Mode.
      const manifest = JSON.parse(readFileSync(join(extDir, 'package.json'), 'utf8'));
      const caps = manifest.capabilities?.untrustedWorkspaces;
      assert(caps?.supported === 'limited' && caps.restrictedConfigurations?.includes('seaworthy.network'), `untrustedWorkspaces is ${JSON.stringify(caps)}`);
      return `${ms.length} rows in Restricted Mode; registry access: only asserted through restrictedConfigurations [seaworthy.network]`;
    },
  },
  {
    id: '7',
    name: 'settings-rule-off',
    title: 'seaworthy.rules turns a rule off without reloading the window',
    async run({ shot, wb, page, ws }) {
      await wb.openFile('settings/Dockerfile');
      await wb.waitForProblems(join(ws, 'settings/Dockerfile'), (ms) => ms.some((m) => m.code === 'apt-missing-yes'), 'apt-missing-yes in Problems');
      await page.evaluate(() => {
        window.__seaworthyNoReload = true;
      });
      await wb.setWorkspaceSettings({ 'seaworthy.rules': { 'apt-missing-yes': 'off' } });
      await wb.openFile('settings/Dockerfile');
      const ms = await wb.waitForProblems(
        join(ws, 'settings/Dockerfile'),
        (m) => m.length > 0 && !m.some((x) => x.code === 'apt-missing-yes'),
        'apt-missing-yes to leave Problems',
      );
      await shot();
      assert(await page.evaluate(() => window.__seaworthyNoReload === true), 'the window was reloaded');
      await wb.setWorkspaceSettings({});
      return `after the change: ${bag(ms.map((m) => m.code))}`;
    },
  },
  {
    id: '8',
    name: 'status-bar',
    title: 'the status bar shows counts by level, says "off" when Seaworthy is off, and opens a menu',
    async run({ shot, wb, ws, page }) {
      await wb.openFile('Dockerfile');
      const ms = await wb.waitForProblems(join(ws, 'Dockerfile'), (m) => m.length > 0, 'problems for Dockerfile');
      const on = await until('the status bar to show counts', async () => {
        const st = await wb.statusItem();
        return st && /^Seaworthy: /.test(st.label) && st;
      });
      const warnings = ms.filter((m) => m.severity === 'Warning').length;
      const infos = ms.filter((m) => m.severity === 'Info').length;
      assert(
        on.label.startsWith(`Seaworthy: ${warnings} warnings, ${infos} information in this Dockerfile`),
        `the status bar says "${on.label}" (${warnings} warnings, ${infos} information in Problems)`,
      );
      assert(on.text.includes(`$(warning) ${warnings}`) && on.text.includes(`$(info) ${infos}`), `the status bar shows "${on.text}"`);
      await shot('counts');
      await wb.setWorkspaceSettings({ 'seaworthy.enable': false });
      let summary;
      try {
        await wb.openFile('Dockerfile');
        const off = await until('the status bar to say Seaworthy is off', async () => {
          const st = await wb.statusItem();
          return st && st.label === 'Seaworthy is off for this file' && st;
        });
        assert(
          /Seaworthy off/.test(off.text) && !/no (findings|problems)|\$\(check\)/.test(`${off.text} ${off.label}`),
          `off shows "${off.text}" / "${off.label}"`,
        );
        await wb.waitForProblems(join(ws, 'Dockerfile'), (m) => m.length === 0, 'no problems while Seaworthy is off');
        await shot();
        await page.mouse.click(off.box.x + off.box.width / 2, off.box.y + off.box.height / 2);
        const rows = await until('the status bar menu', async () => {
          const title = await page.$eval('.quick-input-widget:not([style*="display: none"]) .quick-input-title', (e) => e.textContent.trim()).catch(() => '');
          if (title !== 'Seaworthy') return false;
          const r = await page.$$eval('.quick-input-widget:not([style*="display: none"]) .quick-input-list .monaco-list-row', (els) =>
            els.map((e) => e.getAttribute('aria-label') ?? e.textContent),
          );
          return r.length > 0 && r;
        });
        await shot('menu');
        await page.keyboard.press('Escape');
        assert(rows.some((r) => /Turn Seaworthy on/.test(r)) && rows.some((r) => /Show log/.test(r)), `the menu offers ${JSON.stringify(rows)}`);
        summary = `off: "${off.text}"; menu: ${rows.map((r) => r.replace(/\$\([\w-]+\)\s*/g, '').split(',')[0]).join(' | ')}`;
      } finally {
        await wb.setWorkspaceSettings({});
      }
      return `on: "${on.text}" (${on.label}); ${summary}`;
    },
  },
  {
    id: '9',
    name: 'checklist-after-ignore',
    title: 'the Production Checklist: its own view, the file and score, info not red, an ignored finding is "suppressed"',
    async run({ shot, wb, ws, page }) {
      const file = join(ws, 'secrets/Dockerfile');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, 'FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nENV API_TOKEN=changeme\nUSER 10001\nCMD ["python", "app.py"]\n');
      await wb.openFile('secrets/Dockerfile');
      await wb.waitForProblems(file, (m) => m.some((x) => x.code === 'secret-in-env-or-arg'), 'secret-in-env-or-arg in Problems');
      await page.click('.activitybar .action-item a[aria-label^="Seaworthy"]');
      const row = (rows, label) => rows.find((r) => r.label === label);
      const before = await until('the checklist for secrets/Dockerfile', async () => {
        const r = await wb.checklistRows();
        return row(r, 'No secrets in the image')?.description === 'line 4 · secret-in-env-or-arg' && r;
      });
      const header = await until('the view to name the file and its score', () =>
        page.$$eval(
          '.pane-body .message, .pane-body .tree-explorer-viewlet-tree-view-message',
          (els) => els.map((e) => e.textContent).find((t) => /checks pass/.test(t)) ?? '',
        ),
      );
      assert(/^secrets\/Dockerfile: \d+ of \d+ checks pass\.$/.test(header.trim()), `the view says "${header}"`);
      assert(row(before, 'No secrets in the image').icon === 'warning', `the secrets item's icon is ${row(before, 'No secrets in the image').icon}`);
      assert(row(before, 'Base image digest pinned').icon === 'info', `an information item has the icon ${row(before, 'Base image digest pinned').icon}`);
      assert(row(before, 'OCI labels').description === 'off · turn on oci-labels-missing', `OCI labels says "${row(before, 'OCI labels').description}"`);
      await shot('before');
      await page.click('.editor-group-container.active .monaco-editor .view-lines');
      await wb.clickLine('ENV API_TOKEN', 0);
      await wb.quickFix('Ignore secret-in-env-or-arg for this line');
      await wb.save(file, (t) => t.includes('# seaworthy-ignore secret-in-env-or-arg'));
      const after = await until('the secrets item to be "suppressed"', async () => {
        const r = await wb.checklistRows();
        return row(r, 'No secrets in the image')?.description.startsWith('ignored · ') && r;
      });
      const secrets = row(after, 'No secrets in the image');
      await shot();
      assert(secrets.icon === 'eye-closed' && /suppressed/.test(secrets.aria) && !/passed/.test(secrets.aria), `after the ignore: ${JSON.stringify(secrets)}`);
      const score = (h) => /(\d+) of (\d+) checks pass/.exec(h)?.slice(1).map(Number);
      const headerAfter = await until('the view to name the file and its score', () =>
        page.$$eval(
          '.pane-body .message, .pane-body .tree-explorer-viewlet-tree-view-message',
          (els) => els.map((e) => e.textContent).find((t) => /checks pass/.test(t)) ?? '',
        ),
      );
      assert(score(headerAfter)[0] === score(header)[0], `the score went from ${header} to ${headerAfter}`);
      await page.click('.activitybar .action-item a[aria-label^="Explorer"]');
      return `"${header.trim()}"; after the ignore: "${secrets.description}" (${secrets.icon})`;
    },
  },
  {
    id: '10',
    name: 'pin-error-and-log',
    title: 'Pin All with two registries down: one short error with Retry and Show log; the log says what was asked',
    async run({ shot, wb, ws, page }) {
      const [p1, p2] = [await freePort(), await freePort()]; // nothing listens there
      const file = join(ws, 'pinfail/Dockerfile');
      mkdirSync(dirname(file), { recursive: true });
      const text = `FROM 127.0.0.1:${p1}/team/api:1 AS api\nFROM 127.0.0.1:${p2}/team/web:2\nUSER 10001\nCMD ["web"]\n`;
      writeFileSync(file, text);
      await wb.openFile('pinfail/Dockerfile');
      await wb.waitForProblems(file, (m) => m.some((x) => x.code === 'base-image-not-digest-pinned'), 'base-image-not-digest-pinned in Problems');
      await wb.closeToasts();
      await wb.command('Seaworthy: Pin All Base Image Digests');
      const t = await wb.toast('the pin error', (m) => /^Could not pin/.test(m));
      const all = await wb.toasts();
      await shot();
      assert(t.message === `Could not pin 2 images: 127.0.0.1:${p1} and 127.0.0.1:${p2} cannot be reached. Nothing changed.`, `the error says "${t.message}"`);
      assert(JSON.stringify(t.buttons) === JSON.stringify(['Retry', 'Show log']), `the error offers ${JSON.stringify(t.buttons)}`);
      assert(
        !all.some((x) => x !== t && (x.progress || /asking the registry/.test(x.message))),
        `a progress toast is on screen beside the error: ${JSON.stringify(all)}`,
      );
      assert(readFileSync(file, 'utf8') === text && !(await page.isVisible('.editor-group-container.active .tab.active.dirty')), 'the file changed');
      await wb.clickToastButton(t.message, 'Show log');
      // (the Output panel wraps long lines: compare without the breaks)
      const log = await until('the Seaworthy log to show the failed pin', async () => {
        const o = (await wb.outputText().catch(() => '')).replace(/\n/g, '');
        return o.includes(`Could not pin 127.0.0.1:${p2}/team/web:2 (line 2)`) && o;
      });
      await shot('log');
      for (const want of [
        `Registry: HEAD https://127.0.0.1:${p1}/v2/team/api/manifests/1 -> failed after`,
        `ms: cannot reach 127.0.0.1:${p1} (ECONNREFUSED)`,
        `Pin: Could not pin 2 images`,
      ]) {
        assert(log.includes(want), `the log lacks "${want}":\n${log}`);
      }
      // the top of the log: versions and what was set up
      // a line of the log itself: the log editor's whole area may sit partly under the panel's Filter box
      await page.locator('.part.panel .monaco-editor .view-lines .view-line >> visible=true').last().click();
      await page.keyboard.press('Control+Home');
      const top = await until('the top of the log', async () => {
        const o = (await wb.outputText()).replace(/\n/g, '');
        return /Seaworthy server \d+\.\d+\.\d+ on Node v\d+/.test(o) && o;
      });
      await shot('log-top');
      assert(/for (Visual Studio Code|code-server) \d+\.\d+\.\d+, extension \d+\.\d+\.\d+; workspace trusted/.test(top), `the log's first lines:\n${top}`);
      assert(/ShellCheck/.test(top) && /Registries are asked with credentials from .*config\.json/.test(top), `the log's first lines:\n${top}`);
      await wb.command('View: Hide Panel');
      return `"${t.message}" [${t.buttons.join(', ')}]; the log names both requests and both failures`;
    },
  },
  {
    id: '11',
    name: 'hover-several-findings',
    title: 'hover a line with three findings: one line each, the worst first, one card; a short hover',
    async run({ shot, wb, page }) {
      await wb.openFile('Dockerfile');
      const line = await until('info squiggles on "FROM python:3.12"', async () =>
        (await wb.editorLines()).find((l) => l.text.startsWith('FROM python') && l.squiggles.some((s) => s.kind === 'info')),
      );
      const s = line.squiggles.find((x) => x.kind === 'info');
      await page.mouse.move(s.x + s.w / 2 - 10, s.y + s.h / 2 - 4);
      await page.mouse.move(s.x + s.w / 2, s.y + s.h / 2 - 4);
      const hover = await until(
        'the hover with the list and one card',
        async () => {
          const h = await page.$$eval('.monaco-hover:not(.hidden)', (els) =>
            els
              .filter((e) => e.offsetParent !== null)
              .map((e) => ({
                text: e.textContent,
                height: e.getBoundingClientRect().height,
                scrollHeight: Math.max(...[...e.querySelectorAll('.monaco-scrollable-element, .monaco-hover-content')].map((c) => c.scrollHeight), 0),
                items: [...e.querySelectorAll('li')].map((li) => li.textContent.trim()),
                // the hover fades in: look at it (and its screenshot) once it is fully drawn
                opaque: [e, e.parentElement, e.parentElement?.parentElement].every((x) => !x || getComputedStyle(x).opacity === '1'),
              })),
          );
          return h.find((x) => /Why it matters in production/.test(x.text) && x.items.length >= 3 && x.opaque);
        },
        { timeout: 15_000 },
      );
      await shot();
      const ours = hover.items.filter((i) => / · /.test(i));
      assert(ours.map((i) => i.split(' · ')[0]).join(',') === 'warning,info,info,info', `the list reads ${JSON.stringify(ours)}`);
      assert(/^warning · final-stage-root-user/.test(ours[0]), ours[0]);
      for (const id of ['base-image-full-variant', 'base-image-not-digest-pinned', 'python-env-unbuffered'])
        assert(
          ours.some((i) => i.includes(id)),
          `no line for ${id}`,
        );
      assert(hover.text.split('Why it matters in production').length === 2, 'more than one card');
      assert(hover.scrollHeight <= 900, `the hover's content is ${hover.scrollHeight} px tall`);
      return `${ours.length} lines, one card; the hover is ${Math.round(hover.height)} px on screen, its content ${hover.scrollHeight} px (it was 1,000–1,500 px of cards)`;
    },
  },
  {
    id: '12',
    name: 'fix-all-quick-fix',
    title: 'Ctrl+. offers "Fix all safe Seaworthy problems in this file"; it applies the safe fixes only',
    async run({ shot, wb, ws }) {
      const file = join(ws, 'quickfix/Dockerfile');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(
        file,
        'FROM python:3.12-slim\nRUN apt-get update && apt-get install curl\nRUN pip install flask==3.0.3\nUSER 10001\nCMD ["python", "-m", "flask", "run"]\n',
      );
      await wb.openFile('quickfix/Dockerfile');
      await wb.waitForProblems(
        file,
        (m) => ['apt-missing-yes', 'pip-no-cache-dir'].every((c) => m.some((x) => x.code === c)),
        'apt-missing-yes and pip-no-cache-dir',
      );
      await wb.clickLine('RUN apt-get', 0.6);
      const offered = await wb.quickFix('Fix all safe Seaworthy problems in this file', () => shot('menu'));
      const saved = await wb.save(file, (t) => t.includes('--no-cache-dir') && /install -y curl/.test(t));
      assert(!/--no-install-recommends/.test(saved), `an unsafe fix was applied:\n${saved}`);
      await wb.waitForProblems(
        file,
        (m) => !m.some((x) => ['apt-missing-yes', 'pip-no-cache-dir', 'apt-lists-not-cleaned'].includes(x.code)),
        'the safe problems to go',
      );
      await shot();
      return `offered ${JSON.stringify(offered)}`;
    },
  },
  {
    id: '13',
    name: 'create-dockerignore',
    title: '"Create .dockerignore" opens the file it wrote',
    async run({ shot, wb, ws, page }) {
      const file = join(ws, 'ignore/Dockerfile');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER 10001\nCMD ["python", "app.py"]\n');
      await wb.openFile('ignore/Dockerfile');
      await wb.waitForProblems(file, (m) => m.some((x) => x.code === 'dockerignore-missing'), 'dockerignore-missing in Problems');
      await wb.clickLine('COPY', 0);
      await page.keyboard.press('Home');
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight'); // onto the "." the finding marks
      await wb.quickFix('Create .dockerignore');
      await wb.activeTab('.dockerignore');
      const shown = await until('the .dockerignore in the editor', async () => {
        const t = (await wb.editorLines()).map((l) => l.text).join('\n');
        return t.includes('.git') && t;
      });
      await shot();
      const onDisk = await wb.save(join(ws, 'ignore/.dockerignore'), (t) => t.includes('.git'));
      await wb.openFile('ignore/Dockerfile');
      await wb.waitForProblems(file, (m) => !m.some((x) => x.code === 'dockerignore-missing'), 'dockerignore-missing to go');
      return `.dockerignore shown (${shown.split('\n').length} lines) and saved (${onDisk.split('\n').filter(Boolean).length} entries)`;
    },
  },
  {
    id: '14',
    name: 'rule-page',
    title: "a rule's code in Problems opens its page rendered and read-only; messages are plain text",
    async run({ shot, wb, ws, page }) {
      await wb.openFile('Dockerfile');
      const ms = await wb.waitForProblems(join(ws, 'Dockerfile'), (m) => m.some((x) => x.code === 'shell-form-cmd'), 'shell-form-cmd in Problems');
      assert(
        ms.every((m) => !m.message.includes('`')),
        `backticks in Problems: ${ms
          .filter((m) => m.message.includes('`'))
          .map((m) => m.message)
          .join(' | ')}`,
      );
      // the Problems list is virtual: filter it to the row, then click the row's code (the rule's link)
      const filter = page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
      await filter.fill('shell-form-cmd');
      try {
        await page.locator('.markers-panel .monaco-list-row .monaco-link', { hasText: 'shell-form-cmd' }).first().click({ timeout: 10_000 });
      } finally {
        await filter.fill('');
      }
      await wb.activeTab('Preview shell-form-cmd.md');
      const body = await until('the rendered page', async () => {
        for (const f of page.frames()) {
          const t = await f.$eval('body', (b) => b.innerText).catch(() => '');
          if (/What to do\./.test(t) && /Write instead/.test(t) && !/\*\*/.test(t)) return t;
        }
        return false;
      });
      await shot();
      assert(/^# |^shell-form-cmd/m.test(body) || body.includes('shell-form-cmd'), body.slice(0, 200));
      return `the page renders (${body.split('\n').filter(Boolean).length} lines, no raw Markdown); Problems messages without backticks`;
    },
  },
  {
    id: '15',
    name: 'settings-did-you-mean',
    title: 'a misspelt rule id in seaworthy.rules: "Did you mean …?" with a button that opens the setting',
    async run({ shot, wb, page }) {
      await wb.closeToasts();
      await wb.setWorkspaceSettings({ 'seaworthy.rules': { 'apt-mising-yes': 'off' } });
      try {
        await wb.openFile('settings/Dockerfile');
        const t = await wb.toast('the did-you-mean warning', (m) => /Did you mean "apt-missing-yes"\?/.test(m));
        await shot();
        assert(t.buttons.includes('Open Settings'), `the warning offers ${JSON.stringify(t.buttons)}`);
        await wb.clickToastButton(t.message, 'Open Settings');
        await wb.activeTab('settings.json');
        await until('the misspelt key to be selected', async () =>
          page.$$eval('.editor-group-container.active .monaco-editor .selected-text', (els) => els.length > 0),
        );
        await shot('opened');
        return `"${t.message}" → settings.json, with "apt-mising-yes" selected`;
      } finally {
        await wb.setWorkspaceSettings({});
      }
    },
  },
  {
    id: '17',
    name: 'build-file-watched',
    title: 'a change to compose.yaml re-lints the open Dockerfile: its build context, and so its .dockerignore, moved',
    async run({ shot, wb, ws }) {
      const file = join(ws, 'built/services/api/Dockerfile');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(join(ws, 'built/.dockerignore'), '.git\n.env\n');
      writeFileSync(join(ws, 'built/compose.yaml'), 'services:\n  api:\n    build: { context: ., dockerfile: services/api/Dockerfile }\n');
      writeFileSync(file, 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER 10001\nCMD ["python", "app.py"]\n');
      await wb.openFile('built/services/api/Dockerfile');
      // built from built/, whose .dockerignore applies
      await wb.waitForProblems(
        file,
        (m) => m.some((x) => x.code === 'base-image-not-digest-pinned') && !m.some((x) => x.code === 'dockerignore-missing'),
        'the Dockerfile linted for its compose build',
      );
      // the file changes on disk (as a git checkout or another editor would): the client's watcher tells the server
      writeFileSync(join(ws, 'built/compose.yaml'), 'services:\n  api:\n    build: ./services/api\n');
      const after = await wb.waitForProblems(
        file,
        (m) => m.some((x) => x.code === 'dockerignore-missing'),
        "dockerignore-missing once the context is the Dockerfile's folder",
      );
      await shot();
      return `after the change: ${after.find((x) => x.code === 'dockerignore-missing').message}`;
    },
  },
  {
    // last of the shared page: afterwards every Dockerfile of the workspace is in the Problems panel
    id: '16',
    name: 'lint-workspace-summary',
    title: 'Seaworthy: Lint Workspace shows its summary with a button that opens Problems',
    async run({ shot, wb, ws, extDir, page }) {
      await wb.closeToasts();
      const expected = workspaceFindings(extDir, ws);
      await wb.command('Seaworthy: Lint Workspace');
      // VS Code keeps a progress notification up for 800 ms at least: long enough to see it and its count (the language
      // server tests check that Cancel stops the run)
      const progress = await wb.toast('the Lint Workspace progress', (m) => /^Seaworthy: Lint Workspace: \d+\/\d+ /.test(m), 5_000).catch(() => undefined);
      if (progress) await shot('progress');
      const t = await wb.toast('the Lint Workspace summary', (m) => /^Linted \d+ Dockerfiles?: /.test(m), 60_000);
      await shot();
      assert(t.message === expected.message, `the summary says "${t.message}"; the CLI finds "${expected.message}"`);
      assert(t.buttons.includes('Open Problems'), `the summary offers ${JSON.stringify(t.buttons)}`);
      if (await page.isVisible('.markers-panel')) await page.keyboard.press('Control+Shift+M'); // closed, as the issue found it
      await wb.clickToastButton(t.message, 'Open Problems');
      await page.waitForSelector('.markers-panel', { state: 'visible', timeout: 10_000 });
      const groups = await until('Problems to list the linted files', async () => {
        const g = await wb.problems();
        return g.length >= expected.withFindings && g;
      });
      await shot('problems');
      assert(progress?.progress && progress.buttons.includes('Cancel'), `the progress notification was ${JSON.stringify(progress)}`);
      return `progress "${progress.message}" [Cancel], then "${t.message}"; Problems lists ${groups.length} files`;
    },
  },
  {
    id: 'api',
    name: 'extension-host-suite',
    ownPage: true,
    title: "the @vscode/test-electron suite (test/e2e/electron/suite.ts) in code-server's extension host",
    // code-server's workbench takes extensionDevelopmentPath/extensionTestsPath from its `payload` URL parameter, so
    // the desktop suite runs here too (against the unpacked .vsix), and cannot rot while VS Code desktop is out of reach
    async run({ shot, browser, server, extDir, tmp }) {
      const suite = join(tmp, 'electron-suite/suite.js');
      const { build } = createRequire(join(root, 'package.json'))('esbuild');
      await build({
        entryPoints: [join(root, 'test/e2e/electron/suite.ts')],
        outfile: suite,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        external: ['vscode'],
        logLevel: 'warning',
      });
      const folder = join(tmp, 'api-workspace');
      cpSync(join(root, 'test/e2e/fixtures/workspace'), folder, { recursive: true });
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      const page = await context.newPage();
      const lines = [];
      let closing;
      const closed = new Promise((res) => {
        closing = res;
      });
      page.on('console', (m) => {
        const t = m.text();
        const line = /\b(passed|failed|skipped)\s+\S+ .*/s.exec(t)?.[0];
        if (line) {
          lines.push(line);
          debug(`suite: ${line}`);
        }
        const c = /(\d+) passed, (\d+) failed, (\d+) skipped/.exec(t);
        if (c) closing(c);
      });
      const remote = `vscode-remote://127.0.0.1:${server.port}`;
      const payload = JSON.stringify([
        ['extensionDevelopmentPath', `${remote}${extDir}`],
        ['extensionTestsPath', `${remote}${suite}`],
      ]);
      try {
        await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`);
        let timer;
        const c = await Promise.race([
          closed,
          new Promise((_, rej) => {
            timer = setTimeout(() => rej(new Error(`no closing line from the suite in 120 s; it printed ${JSON.stringify(lines)}`)), 120_000);
          }),
        ]).finally(() => clearTimeout(timer));
        assert(Number(c[2]) === 0 && Number(c[1]) > 0, `the suite says "${c[0]}": ${lines.filter((l) => l.startsWith('failed')).join('; ')}`);
        return `${c[0]} (${lines
          .filter((l) => l.startsWith('passed'))
          .map((l) => l.split(/\s+/)[1])
          .join(', ')} passed)`;
      } finally {
        await shot('', new Workbench(page, folder)).catch(() => {});
        await context.close();
      }
    },
  },
];

// Workspace settings as a user edits them: F1 → Preferences: Open Workspace Settings (JSON), replace, save.
Workbench.prototype.setWorkspaceSettings = async function (obj) {
  const file = join(this.folder, '.vscode/settings.json');
  await this.command('Preferences: Open Workspace Settings (JSON)');
  await this.activeTab('settings.json');
  await this.page.waitForSelector('.editor-group-container.active .monaco-editor.focused', { timeout: 10_000 });
  const text = JSON.stringify(obj, null, 2);
  // select all and delete until the editor is empty
  await until(
    'settings.json to be emptied',
    async () => {
      await this.page.keyboard.press('Control+A');
      await this.page.keyboard.press('Delete');
      const t = await this.page.$eval('.editor-group-container.active .monaco-editor .view-lines', (e) => e.textContent.replace(/\u00a0/g, ' ').trim());
      return t === '';
    },
    { timeout: 10_000 },
  );
  // paste, as a user would (typed text gets auto-closed brackets and auto-indent)
  await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await this.page.keyboard.press('Control+V');
  await this.save(file, (t) => {
    try {
      return JSON.stringify(JSON.parse(t)) === JSON.stringify(obj);
    } catch {
      return false;
    }
  });
  await this.page.waitForSelector('.editor-group-container.active .tab.active:not(.dirty)', { timeout: 10_000 });
};

// ---------- main ---------------------------------------------------------------------------------------------------

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'seaworthy-e2e-'));
  const ws = join(tmp, 'workspace');
  const untrusted = join(tmp, 'untrusted');
  cpSync(join(root, 'test/e2e/fixtures/workspace'), ws, { recursive: true });
  cpSync(join(root, 'test/e2e/fixtures/untrusted'), untrusted, { recursive: true });
  const extensions = join(tmp, 'extensions');
  const baseSettings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'editor.hover.delay': 300,
    'files.autoSave': 'off',
    'workbench.enableExperiments': false,
    'chat.commandCenter.enabled': false,
    'window.commandCenter': false,
  };
  const mkUserData = (name, settings) => {
    const d = join(tmp, name);
    mkdirSync(join(d, 'User'), { recursive: true });
    writeFileSync(join(d, 'User/settings.json'), JSON.stringify({ ...baseSettings, ...settings }, null, 2));
    return d;
  };
  const trusted = { userData: mkUserData('user-data', { 'security.workspace.trust.enabled': false }), extensions };
  const withTrust = {
    userData: mkUserData('user-data-trust', { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'always' }),
    extensions,
  };
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  log(`vsix ${vsix}; workspace ${ws}`);
  installExtension(trusted);
  const extDir = join(
    extensions,
    readdirSync(extensions).find((d) => d.startsWith('seaworthy.seaworthy-')),
  );

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  const results = [];
  const selected = scenarios.filter((s) => !only || only.includes(s.id));
  const runOne = async (s, ctx) => {
    if (s.skip) {
      results.push({ s, status: 'skipped', detail: s.skip });
      log(`SKIP ${s.id} ${s.title}: ${s.skip}`);
      return;
    }
    const t0 = Date.now();
    let shots = 0;
    const shot = async (suffix = '', wb = ctx.wb) => {
      shots++;
      return wb.screenshot(`${s.id}-${s.name}${suffix ? `-${suffix}` : ''}`);
    };
    let failed = false;
    try {
      const detail = await s.run({ ...ctx, shot });
      results.push({ s, status: 'passed', detail, ms: Date.now() - t0 });
      log(`PASS ${s.id} ${s.title} (${((Date.now() - t0) / 1000).toFixed(1)} s): ${detail}`);
    } catch (e) {
      failed = true;
      results.push({ s, status: 'failed', detail: e.message, ms: Date.now() - t0 });
      log(`FAIL ${s.id} ${s.title}: ${e.message}`);
    } finally {
      if (!s.ownPage && (failed || shots === 0)) await shot(failed ? 'failed' : '').catch((e) => log(`no screenshot: ${e.message}`));
      await ctx.page?.keyboard.press('Escape').catch(() => {});
    }
  };

  let server;
  try {
    const main = selected.filter((s) => !s.untrusted);
    if (main.some((s) => !s.skip)) {
      server = await startCodeServer(trusted, ws, { trust: false });
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, permissions: ['clipboard-read', 'clipboard-write'] });
      const page = await context.newPage();
      const wb = new Workbench(page, ws);
      await wb.open(server.url);
      await wb.screenshot('0-workbench');
      for (const s of main.filter((x) => !x.ownPage)) {
        await runOne(s, { wb, page, ws, extDir });
        if (!s.skip) await wb.closeAllEditors().catch((e) => log(`could not close editors: ${e.message}`));
      }
      await context.close();
      for (const s of main.filter((x) => x.ownPage)) await runOne(s, { browser, server, extDir, tmp });
      await stop(server.child);
    } else for (const s of main) await runOne(s, {});
    const rest = selected.filter((s) => s.untrusted);
    if (rest.length) {
      server = await startCodeServer(withTrust, untrusted, { trust: true });
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, permissions: ['clipboard-read', 'clipboard-write'] });
      const page = await context.newPage();
      const wb = new Workbench(page, untrusted);
      await wb.open(server.url);
      // the trust prompt: answer as a cautious user does
      const no = page.getByRole('button', { name: "No, I don't trust the authors" });
      await no.waitFor({ timeout: 60_000 });
      await wb.screenshot('6b-trust-prompt');
      await no.click();
      await page.waitForSelector('.monaco-dialog-box', { state: 'hidden', timeout: 10_000 });
      for (const s of rest) await runOne(s, { wb, page, ws: untrusted, extDir });
      await context.close();
      await stop(server.child);
    }
  } finally {
    await browser.close();
    for (const c of children) await stop(c);
    if (!keep) rmSync(tmp, { recursive: true, force: true });
    else log(`kept ${tmp}`);
  }

  const count = (st) => results.filter((r) => r.status === st).length;
  console.log('');
  for (const r of results)
    console.log(
      `${r.status.padEnd(7)} ${r.s.id.padEnd(3)} ${r.s.title}${r.status === 'passed' ? '' : ` — ${r.status === 'skipped' ? 'skipped: ' : ''}${r.detail}`}`,
    );
  console.log(`screenshots: ${outDir}`);
  console.log(`suite time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`);
  process.exitCode = count('failed') > 0 ? 1 : 0;
}

process.on('SIGINT', async () => {
  for (const c of children) c.kill('SIGTERM');
  process.exit(130);
});
main().catch(async (e) => {
  console.error(e.stack ?? e);
  for (const c of children) await stop(c);
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(1);
});
