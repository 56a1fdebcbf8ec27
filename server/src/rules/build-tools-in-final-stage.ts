import { reachesFinalImage } from '../engine/facts/commands';
import { packageInstalls, packageName, removedAgain } from '../engine/facts/packageManagers';
import { defineRule } from '../engine/rule';

/** Compilers, build drivers and meta-packages that pull them in (apt, apk, yum/dnf names). */
const BUILD_TOOLS = new Set([
  'gcc',
  'g++',
  'gcc-c++',
  'cpp',
  'clang',
  'llvm',
  'make',
  'cmake',
  'ninja-build',
  'ninja',
  'autoconf',
  'automake',
  'libtool',
  'build-essential',
  'build-base',
  'alpine-sdk',
  'musl-dev',
  'gfortran',
  'rustc',
  'cargo',
  'golang',
  'go',
  'pkg-config',
  'pkgconf',
  'bison',
  'flex',
]);

/** Header packages: `libssl-dev` (apt, apk), `openssl-devel` (rpm). */
const isHeaders = (name: string) => /.-dev$|.-devel$/.test(name);

export default defineRule({
  id: 'build-tools-in-final-stage',
  aliases: [],
  category: 'size',
  severity: 'warning',
  fixable: 'never',
  checklist: { item: 'build-stage' },
  docs: {
    what: 'Compile in a build stage and `COPY --from` the result; keep compilers and `-dev` headers out of the final image. Fires on gcc, make, cmake, build-essential, build-base, `*-dev`/`*-devel` packages… installed in the final image and not removed in the same `RUN` (`apk del` of a `--virtual` group, `apt-get purge`).',
    why: 'A toolchain adds hundreds of MB to every pull and gives an attacker who gets a shell in the container a compiler. Removing it in a later `RUN` does not help: the bytes stay in the earlier layer.',
    example: 'FROM python:3.12-alpine\nRUN apk add --no-cache gcc musl-dev libffi-dev \\\n    && pip install --no-cache-dir cffi',
    instead:
      'FROM python:3.12-alpine AS build\nRUN apk add --no-cache gcc musl-dev libffi-dev \\\n    && pip wheel --no-cache-dir --wheel-dir /wheels cffi\n\nFROM python:3.12-alpine\nCOPY --from=build /wheels /wheels\nRUN pip install --no-cache-dir /wheels/*.whl',
  },
  check({ model, report }) {
    for (const install of packageInstalls(model)) {
      if (!reachesFinalImage(model, install.cmd.instruction)) continue;
      const removed = removedAgain(install);
      const tools = install.packages.filter((p) => {
        const name = packageName(p);
        return name !== undefined && (BUILD_TOOLS.has(name) || isHeaders(name)) && !removed(p);
      });
      if (tools.length === 0) continue;
      const names = tools.map((p) => `\`${packageName(p)}\``);
      const listed = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
      report({
        range: { start: tools[0].range.start, end: tools.at(-1)!.range.end },
        message: `${listed} stay${names.length === 1 ? 's' : ''} in the final image; compile in a build stage and \`COPY --from\` the result`,
      });
    }
  },
});
