// Facts about the build context and dependency installs that several rules share: what COPY/ADD take from the
// context, and which commands restore dependencies from manifests.
import { commandName, effectiveWords, runCommands } from './commands';
import { unquote, type DockerfileModel, type Instruction, type RunCommand, type Stage, type Word } from '../model';

const WHOLE_CONTEXT = /^(\.|\.\/|\*|\.\/\*|\/?\.\/?)$/;

/** COPY/ADD instructions that send the whole build context (`COPY . .`), with the source word. */
export function broadCopies(scope: DockerfileModel | Stage): { ins: Instruction; source: Word }[] {
  const out: { ins: Instruction; source: Word }[] = [];
  for (const ins of scope.instructions) {
    if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.flags.some((f) => f.name === 'from')) continue;
    if (ins.heredocs.length > 0) continue;
    const sources = ins.isJsonForm ? [] : ins.args.slice(0, -1);
    const source = sources.find((w) => WHOLE_CONTEXT.test(w.value ?? ''));
    if (source) out.push({ ins, source });
  }
  return out;
}

/** The source words of a COPY/ADD (not the destination, not flags), exec-form (JSON) sources included; none for heredocs. */
export function copySources(ins: Instruction): { word: Word; path: string }[] {
  if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.heredocs.length > 0) return [];
  if (!ins.isJsonForm) return ins.args.slice(0, -1).map((word) => ({ word, path: unquote(word.value ?? word.text) }));
  return (ins.json?.words ?? []).slice(0, -1).map((word) => ({ word, path: word.value ?? '' }));
}

/** The ecosystem a command installs dependencies for, when it is a "restore dependencies from manifests" step. */
export function dependencyInstall(cmd: RunCommand): string | undefined {
  const words = effectiveWords(cmd);
  const name = commandName(cmd) ?? '';
  const args = words.slice(1).map((w) => w.value ?? '');
  const sub = args.find((a) => !a.startsWith('-'));
  const named = (from: number) => args.slice(from).some((a) => !a.startsWith('-'));
  switch (name) {
    case 'npm':
      return sub === 'ci' || ((sub === 'install' || sub === 'i') && !named(args.indexOf(sub) + 1) && !args.includes('-g')) ? 'npm' : undefined;
    case 'yarn':
      return sub === undefined || sub === 'install' ? 'yarn' : undefined;
    case 'pnpm':
      return sub === 'install' || sub === 'i' ? 'pnpm' : undefined;
    case 'pip':
    case 'pip3':
      return sub === 'install' && (args.includes('-r') || args.includes('--requirement') || args.some((a) => a.startsWith('-r'))) ? 'pip' : undefined;
    case 'poetry':
      return sub === 'install' ? 'poetry' : undefined;
    case 'uv':
      return sub === 'sync' ? 'uv' : undefined;
    case 'pipenv':
      return sub === 'install' || sub === 'sync' ? 'pipenv' : undefined;
    case 'go':
      return args[0] === 'mod' && args[1] === 'download' ? 'go' : undefined;
    case 'bundle':
    case 'bundler':
      return sub === 'install' || sub === undefined ? 'bundler' : undefined;
    case 'composer':
      return sub === 'install' ? 'composer' : undefined;
    case 'mvn':
    case 'mvnw':
    case './mvnw':
      return args.some((a) => /^dependency:(go-offline|resolve)/.test(a)) ? 'maven' : undefined;
    default:
      return undefined;
  }
}

export const dependencyInstalls = (scope: DockerfileModel | Stage) =>
  runCommands(scope).flatMap((cmd) => {
    const eco = dependencyInstall(cmd);
    return eco ? [{ cmd, ecosystem: eco }] : [];
  });
