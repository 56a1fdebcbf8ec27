import { baseFamily } from '../engine/facts/baseImage';
import { commandName, effectiveWords, runCommands } from '../engine/facts/commands';
import { shortName } from '../engine/imageRef';
import { pipInstall } from '../engine/facts/langPackages';
import { rootBase, stageChain, type RunCommand, type Stage, type Word } from '../engine/model';
import { defineRule } from '../engine/rule';

// Packages with C/C++/Rust extensions whose wheels are built for glibc (manylinux) first: on musl pip finds no wheel
// for many of their versions and compiles from source
const NATIVE = new Set([
  'numpy',
  'pandas',
  'scipy',
  'grpcio',
  'grpcio-tools',
  'cryptography',
  'lxml',
  'psycopg2',
  'pillow',
  'matplotlib',
  'scikit-learn',
  'scikit-image',
  'pyarrow',
  'orjson',
  'uvloop',
  'gevent',
  'pynacl',
  'bcrypt',
  'h5py',
  'shapely',
  'mysqlclient',
  'numba',
  'llvmlite',
  'pyzmq',
  'statsmodels',
  'opencv-python',
  'opencv-python-headless',
  'tensorflow',
  'torch',
  'pydantic-core',
  'confluent-kafka',
  'psutil',
]);

/** The package operands of `pip install` / `python -m pip install`, or none. */
function pipInstallOperands(cmd: RunCommand): Word[] {
  const pip = pipInstall(cmd);
  if (!pip) return [];
  const { words, install: i } = pip;
  const out: Word[] = [];
  for (let j = i + 1; j < words.length; j++) {
    const v = words[j].value ?? '';
    // options that take a value: -r file, -c file, -i url, --target dir …
    if (
      /^(-[rcieft]|--(requirement|constraint|index-url|extra-index-url|find-links|target|prefix|root|platform|python-version|only-binary|no-binary))$/.test(v)
    )
      j++;
    else if (!v.startsWith('-')) out.push(words[j]);
  }
  return out;
}

/** `numpy==1.26`, `Pillow[extra]>=10`, `scikit_learn` -> the normalised project name. */
const projectName = (spec: string) =>
  spec
    .split(/[[<>=!~;@ ]/)[0]
    .toLowerCase()
    .replace(/[_.]+/g, '-');

/** The stage chain runs Python on musl: a python:*-alpine base, or Alpine with python3 installed by apk. */
function alpinePython(stage: Stage): boolean {
  if (baseFamily(stage) !== 'alpine') return false;
  const base = rootBase(stage);
  if (base.kind === 'image' && shortName(base.ref) === 'python') return true;
  return stageChain(stage).some((s) =>
    runCommands(s).some((c) => commandName(c) === 'apk' && effectiveWords(c).some((w) => /^(python3?|py3-pip)([=~<>].*)?$/.test(w.value ?? ''))),
  );
}

/** `python:3.12-alpine3.20` -> `python:3.12-slim`; `python:<version>-slim` when the base is plain Alpine. */
function slimBase(stage: Stage): string {
  const base = rootBase(stage);
  const version = base.kind === 'image' && shortName(base.ref) === 'python' ? base.ref.tag?.replace(/-?alpine[\d.]*/, '') : undefined;
  return `python:${version || '<version>'}-slim`;
}

export default defineRule({
  id: 'alpine-python-native-wheels',
  aliases: [],
  category: 'size',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Use a `python:<version>-slim` base for Python apps that install compiled packages (numpy, pandas, grpcio, cryptography, lxml…). Fires on `pip install` of such a package on an Alpine (musl) base.',
    why: 'Most binary wheels on PyPI are built for glibc. On Alpine pip often finds none for the pinned version and compiles from source: builds that take tens of minutes, fail without gcc and headers, and end up larger than the Debian-slim image they were meant to beat.',
    example: 'FROM python:3.12-alpine\nRUN pip install --no-cache-dir numpy pandas\nCMD ["python"]',
    instead: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir numpy pandas\nCMD ["python"]',
  },
  check({ model, report }) {
    const verdict = new Map<Stage, boolean>();
    for (const cmd of runCommands(model)) {
      const stage = cmd.instruction.stage;
      if (!stage) continue;
      const natives = pipInstallOperands(cmd).filter((w) => NATIVE.has(projectName(w.value ?? '')));
      if (natives.length === 0) continue;
      if (!verdict.has(stage)) verdict.set(stage, alpinePython(stage));
      if (!verdict.get(stage)) continue;
      for (const word of natives) {
        report({
          range: word.range,
          message: `\`${projectName(word.value!)}\` on Alpine (musl) often has no prebuilt wheel, so pip compiles it from source with a compiler toolchain; \`${slimBase(stage)}\` installs the prebuilt one`,
        });
      }
    }
  },
});
