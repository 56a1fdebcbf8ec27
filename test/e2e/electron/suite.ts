// Extension-host suite for @vscode/test-electron (started by test/e2e/electron/run.mjs, bundled by esbuild; not part of
// the unit run, which only picks up *.test.ts). The same scenarios as the code-server runner where an API reaches them:
// diagnostics through languages.onDidChangeDiagnostics, hover through vscode.executeHoverProvider, quick fixes through
// vscode.executeCodeActionProvider. Every wait is on an event or a file's content, with a deadline; nothing sleeps.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

const ws = process.env.SEAWORTHY_E2E_WORKSPACE ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';

function withDeadline<T>(what: string, ms: number, body: (done: (v: T) => void) => vscode.Disposable | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let sub: vscode.Disposable | undefined;
    const timer = setTimeout(() => {
      sub?.dispose();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    sub = body((v) => {
      clearTimeout(timer);
      sub?.dispose();
      resolve(v);
    });
  });
}

const seaworthy = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'seaworthy');
const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

/** Resolves with the Seaworthy diagnostics of `uri` once `ok` accepts them (now, or on a later onDidChangeDiagnostics). */
function diagnostics(uri: vscode.Uri, ok: (codes: string[]) => boolean, what: string, ms = 15_000): Promise<vscode.Diagnostic[]> {
  return withDeadline(what, ms, (done) => {
    const check = () => {
      const ds = seaworthy(uri);
      if (ok(ds.map(codeOf))) {
        done(ds);
        return true;
      }
      return false;
    };
    if (check()) return undefined;
    return vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
  });
}

async function open(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(join(ws, rel)));
  await vscode.window.showTextDocument(doc);
  return doc;
}

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/** Writes a workspace setting and resolves once the extension host sees it (onDidChangeConfiguration). */
async function setWorkspaceSetting(section: string, key: string, value: unknown): Promise<void> {
  const seen = () => JSON.stringify(vscode.workspace.getConfiguration(section).inspect(key)?.workspaceValue) === JSON.stringify(value);
  const changed = withDeadline<void>(`${section}.${key} to change`, 10_000, (done) => {
    if (seen()) {
      done();
      return undefined;
    }
    return vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${section}.${key}`) && seen()) done();
    });
  });
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Workspace);
  await changed;
}

const scenarios: { id: string; title: string; skip?: string; run?: () => Promise<string> }[] = [
  {
    id: '1',
    title: 'open a Dockerfile with known problems: diagnostics with their codes',
    async run() {
      const doc = await open('Dockerfile');
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
      const ds = await diagnostics(doc.uri, (cs) => core.every((c) => cs.includes(c)), `the codes ${core.join(', ')}`, 10_000);
      return `${ds.length} diagnostics`;
    },
  },
  {
    id: '2',
    title: 'hover a squiggle: the rule documentation card',
    async run() {
      const doc = await open('Dockerfile');
      const [d] = (await diagnostics(doc.uri, (cs) => cs.includes('shell-form-cmd'), 'shell-form-cmd')).filter((x) => codeOf(x) === 'shell-form-cmd');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, d.range.start);
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert(/shell-form-cmd/.test(text) && /SIGTERM/.test(text) && /CMD \["/.test(text), `the hover card reads: ${text.slice(0, 300)}`);
      return `${text.length} characters of card`;
    },
  },
  {
    id: '3',
    title: 'quick fix on final-stage-root-user → Add non-root user; saved; diagnostic gone',
    async run() {
      const doc = await open('user/Dockerfile');
      const [d] = (await diagnostics(doc.uri, (cs) => cs.includes('final-stage-root-user'), 'final-stage-root-user')).filter(
        (x) => codeOf(x) === 'final-stage-root-user',
      );
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        d.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => a.title.startsWith('Add non-root user'));
      assert(fix, `no "Add non-root user" among ${actions.map((a) => a.title).join(' | ')}`);
      if (fix.edit) assert(await vscode.workspace.applyEdit(fix.edit), 'the edit was refused');
      if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      assert(await doc.save(), 'the save failed');
      const saved = readFileSync(doc.uri.fsPath, 'utf8');
      const lines = saved.split('\n');
      assert(/useradd|adduser/.test(saved), `no user is created:\n${saved}`);
      assert(
        lines.findIndex((l) => l.startsWith('USER ')) >= 0 && lines.findIndex((l) => l.startsWith('USER ')) < lines.findIndex((l) => l.startsWith('CMD ')),
        `USER does not come before CMD:\n${saved}`,
      );
      await diagnostics(doc.uri, (cs) => !cs.includes('final-stage-root-user'), 'final-stage-root-user to go');
      return 'user block saved';
    },
  },
  { id: '4', title: 'Seaworthy: Pin Base Image Digest against a loopback registry', skip: 'registry scenario not yet implemented' },
  {
    id: '5',
    title: 'editor.codeActionsOnSave fix-all: only safe fixes applied',
    async run() {
      await setWorkspaceSetting('editor', 'codeActionsOnSave', { 'source.fixAll.seaworthy': 'explicit' });
      try {
        const doc = await open('fixall/Dockerfile');
        await diagnostics(doc.uri, (cs) => cs.includes('apt-missing-yes') && cs.includes('pip-no-cache-dir'), 'the fixall problems');
        await vscode.commands.executeCommand('workbench.action.files.save');
        const saved = readFileSync(doc.uri.fsPath, 'utf8');
        assert(
          /apt-get install -y\b/.test(saved) && /pip install --no-cache-dir/.test(saved) && /rm -rf \/var\/lib\/apt\/lists/.test(saved),
          `safe fixes missing:\n${saved}`,
        );
        assert(!/--no-install-recommends/.test(saved) && !/^USER /m.test(saved) && /^CMD python app\.py$/m.test(saved), `an unsafe fix was applied:\n${saved}`);
        const left = await diagnostics(
          doc.uri,
          (cs) => cs.length > 0 && !cs.some((c) => ['apt-missing-yes', 'pip-no-cache-dir', 'apt-lists-not-cleaned'].includes(c)),
          'the safe problems to go',
        );
        for (const c of ['final-stage-root-user', 'apt-no-install-recommends', 'shell-form-cmd'])
          assert(
            left.some((x) => codeOf(x) === c),
            `${c} vanished`,
          );
        return `${left.length} problems left`;
      } finally {
        await setWorkspaceSetting('editor', 'codeActionsOnSave', undefined);
      }
    },
  },
  {
    id: '6',
    title: 'Containerfile and Dockerfile.prod are linted',
    async run() {
      const out: string[] = [];
      for (const rel of ['variants/Containerfile', 'variants/Dockerfile.prod']) {
        const doc = await open(rel);
        assert(doc.languageId === 'dockerfile', `${rel} opened as ${doc.languageId}`);
        const ds = await diagnostics(doc.uri, (cs) => cs.includes('final-stage-root-user'), `${rel}: final-stage-root-user`);
        out.push(`${rel}: ${ds.length}`);
      }
      return out.join(', ');
    },
  },
  { id: '6b', title: 'a Dockerfile in an untrusted folder', skip: 'needs a second window with workspace trust on; covered by the code-server runner' },
  {
    id: '7',
    title: 'seaworthy.rules turns a rule off without reloading the window',
    async run() {
      const doc = await open('settings/Dockerfile');
      await diagnostics(doc.uri, (cs) => cs.includes('apt-missing-yes'), 'apt-missing-yes');
      await setWorkspaceSetting('seaworthy', 'rules', { 'apt-missing-yes': 'off' });
      try {
        const ds = await diagnostics(doc.uri, (cs) => cs.length > 0 && !cs.includes('apt-missing-yes'), 'apt-missing-yes to go');
        return `${ds.length} diagnostics left`;
      } finally {
        await setWorkspaceSetting('seaworthy', 'rules', undefined);
      }
    },
  },
];

/** Entry point @vscode/test-electron calls inside the extension host. */
export async function run(): Promise<void> {
  const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'seaworthy');
  assert(ext, 'the Seaworthy extension is not loaded');
  let passed = 0,
    failed = 0,
    skipped = 0;
  for (const s of scenarios) {
    if (s.skip || !s.run) {
      skipped++;
      console.log(`skipped ${s.id} ${s.title}: ${s.skip}`);
      continue;
    }
    try {
      console.log(`passed  ${s.id} ${s.title}: ${await s.run()}`);
      passed++;
    } catch (e) {
      console.log(`failed  ${s.id} ${s.title}: ${(e as Error).message}`);
      failed++;
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (failed > 0) throw new Error(`${failed} e2e scenario(s) failed`);
}
