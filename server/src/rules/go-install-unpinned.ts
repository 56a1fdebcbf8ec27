import { broadCopies } from '../engine/facts/buildContext';
import { toolCall } from '../engine/facts/langPackages';
import { stageChain, type DockerfileModel, type Instruction, type Stage, type Word } from '../engine/model';
import { defineRule } from '../engine/rule';

// queries that move with every release; `@none` (go get: remove) and real versions or commits do not
const FLOATING = /@(latest|upgrade|patch)$/;
// packages of the build context or of the toolchain itself, which no `@version` applies to
const LOCAL = /^(\.|\/|~)|\.go$|^(std|cmd|all|tool)$/;

/** The packages a `go install`, `go get` or `go run` fetches by module path; `go run` takes one, the rest are its arguments. */
function modulePackages(words: readonly Word[], sub: string): readonly Word[] {
  return sub === 'run' ? words.slice(0, 1) : words;
}

/**
 * A go.mod is in the build (bind-mounted, or copied in earlier): `go install pkg` and `go run pkg` then build the
 * version go.mod requires. `go get pkg` still upgrades it to the newest release.
 */
function goModInBuild(model: DockerfileModel, ins: Instruction): boolean {
  if (ins.flags.some((f) => f.name === 'mount' && (f.value ?? '').includes('go.mod'))) return true;
  const chain: (DockerfileModel | Stage)[] = ins.stage ? stageChain(ins.stage) : [model];
  return chain.some((scope) => {
    const before = scope.instructions.filter((i) => i.range.start.line < ins.range.start.line && !i.onbuild);
    const copies = before.filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && i.args.some((w) => /(^|\/)go\.mod$/.test(w.value ?? '')));
    return copies.length > 0 || broadCopies(scope).some((c) => before.includes(c.ins));
  });
}

export default defineRule({
  id: 'go-install-unpinned',
  aliases: [{ tool: 'hadolint', code: 'DL3062', relation: 'same' }],
  category: 'reproducibility',
  severity: 'information',
  fixable: 'never',
  docs: {
    what: 'Pin the module version of what `go install`, `go get` and `go run` fetch (`golang.org/x/tools/gopls@v0.16.2`). Fires on `@latest` and on a module path without `@version`, except where `go install`/`go run` take the version from a go.mod copied or mounted into the build; packages of the build context (`./cmd/app`, `.`) and `go install tool` are left alone.',
    why: '`@latest` (and a missing version outside a module) resolves the newest release when the image is built: the same Dockerfile yields a different tool next week, possibly one that no longer builds or behaves differently. A version or commit makes the build reproducible and its upgrades deliberate.',
    example: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@latest',
    instead: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      for (const cmd of ins.run?.commands ?? []) {
        const call = toolCall(cmd, 'go');
        const sub = call?.sub?.value;
        if (!call || (sub !== 'install' && sub !== 'get' && sub !== 'run')) continue;
        let inModule: boolean | undefined;
        for (const w of modulePackages(call.operands, sub)) {
          // a variable may carry the version (`pkg@${VERSION}`) or the whole path: only a literal `@latest` is known
          const spec = w.value ?? (w.text.includes('@') ? w.text : undefined);
          if (spec === undefined || LOCAL.test(spec) || (spec.includes('@') && !FLOATING.test(spec))) continue;
          if (!spec.includes('@') && sub !== 'get' && (inModule ??= goModInBuild(model, ins))) continue;
          report({ range: w.range, message: `\`go ${sub} ${spec}\` resolves the newest release at build time, so each build may get a different one` });
        }
      }
    }
  },
});
