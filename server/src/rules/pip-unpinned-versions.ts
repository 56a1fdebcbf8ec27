import { hasToolOption, inlineEnv, toolCall } from '../engine/facts/langPackages';
import { envAt, type Word } from '../engine/model';
import { defineRule } from '../engine/rule';

const SPECIFIER = /(==|>=|<=|~=|!=|<|>)/;
const ARCHIVE = /\.(whl|tar\.gz|tgz|tar\.bz2|zip)$/i;
const VCS = /^(git|hg|svn|bzr)(\+[a-z-]+)?:/i;
// `pip install --upgrade pip setuptools wheel` refreshes the installer itself before the real install
const INSTALLER = /^(pip|setuptools|wheel)$/i;

/** Whether a requirement names a version, or is not a package index name at all (a path, an archive, a URL). */
function pinnedOrLocal(spec: string): boolean {
  if (SPECIFIER.test(spec) || ARCHIVE.test(spec)) return true;
  // a VCS URL is pinned by `@rev` after its host: `git+https://host/repo.git@v1.2#egg=x` (not by `git@` before it)
  if (VCS.test(spec)) return spec.replace(/^[^:]+:\/\/[^/]*/, '').includes('@');
  // PEP 508 direct references (`name @ https://…`), plain URLs and paths
  return spec.includes('@') || spec.includes('/') || spec === '.' || spec === '..' || spec.startsWith('~');
}

export default defineRule({
  id: 'pip-unpinned-versions',
  aliases: [{ tool: 'hadolint', code: 'DL3013', relation: 'same' }],
  category: 'reproducibility',
  severity: 'information',
  fixable: 'never',
  docs: {
    what: 'Pin the version of each package `pip install` names (`flask==3.0.3`), or install from a requirements or constraints file. Fires on a package name without a version specifier; paths, archives, URLs and VCS links with `@rev` are left alone, as is upgrading pip, setuptools and wheel themselves.',
    why: 'Without a version, every build installs whatever is newest on the index that day: two builds of the same commit can ship different code, and a release of a dependency can break a build nobody touched. A pinned version (or a lock file) makes the image reproducible and its changes reviewable.',
    example: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask gunicorn',
    instead: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3 gunicorn==22.0.0',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      for (const cmd of ins.run?.commands ?? []) {
        const call = toolCall(cmd, 'pip');
        if (call?.sub?.value !== 'install') continue;
        // a constraints file pins what the command line leaves open
        if (hasToolOption(call, '-c', '--constraint') || inlineEnv(cmd, 'PIP_CONSTRAINT') || envAt(model, ins, 'PIP_CONSTRAINT')) continue;
        const upgrade = hasToolOption(call, '-U', '--upgrade');
        const unpinned = call.operands.filter(
          (w): w is Word & { value: string } => w.value !== undefined && !pinnedOrLocal(w.value) && !(upgrade && INSTALLER.test(w.value)),
        );
        for (const w of unpinned) {
          report({ range: w.range, message: `\`${w.value}\` is installed without a version, so each build may get a different release` });
        }
      }
    }
  },
});
