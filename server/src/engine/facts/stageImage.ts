// What the image a stage builds carries when it ends: its base image's config (what a registry told the host) with the
// instructions of the stage, and of the stages it is built FROM, applied on top as the builder applies them: USER,
// ENV, HEALTHCHECK, ENTRYPOINT and CMD (an ENTRYPOINT resets the CMD it inherits), WORKDIR, EXPOSE. Written once:
// rules ask here rather than each walking the chain and the base's config. Without facts (offline, network off, an
// untrusted workspace, an image no registry knows) only what the file says is known, as before.
import type { ImageRef } from '../imageRef';
import {
  BASE_WORKDIR,
  instructionsBefore,
  normalizePath,
  rootBase,
  stageChain,
  userAt,
  variableAt,
  workdirAt,
  type DockerfileModel,
  type Instruction,
  type Stage,
} from '../model';
import type { RuleContext } from '../rule';
import { stagePlatforms } from './buildPlatforms';
import { imageEnv, shIsBash, type ImageConfig, type ImageFacts } from './imageConfig';

/** Where a setting of the image comes from: an instruction of this file, or the base image's config. */
export type Origin = { readonly from: 'file'; readonly ins: Instruction } | { readonly from: 'base' };

export interface Setting<T> {
  readonly value: T;
  readonly origin: Origin;
}

/** The base at the root of a stage's chain, and what a registry said about it. */
export interface StageBase {
  readonly ref: ImageRef;
  /** the reference as the FROM line resolves it (`python:3.12-slim`): what messages name */
  readonly name: string;
  /** the platform its facts are for: the stage's first (FROM --platform, else the first target) */
  readonly platform: string;
  /** undefined when no registry was asked or it did not answer */
  readonly facts: ImageFacts | undefined;
}

/** What rules and fixes need to look a base image up. */
export type FactsLookup = Pick<RuleContext, 'registry' | 'platforms'>;

export interface StageImage {
  /** undefined for scratch, or a FROM whose image cannot be resolved */
  readonly base: StageBase | undefined;
  /** the base's config for `base.platform`; undefined when unknown */
  readonly config: ImageConfig | undefined;
  /** the user it runs as ("" is root); undefined when neither the file nor a known base config says */
  readonly user: Setting<string> | undefined;
  /** its HEALTHCHECK, test words first (`NONE`, `CMD`, `CMD-SHELL`); undefined when it has none or none is known */
  readonly healthcheck: Setting<readonly string[]> | undefined;
  /** the words its ENTRYPOINT starts (a shell form: `/bin/sh -c …`); undefined when it has none or none is known */
  readonly entrypoint: Setting<readonly string[]> | undefined;
  readonly cmd: Setting<readonly string[]> | undefined;
  /** the ports it exposes: the base's first, then the file's */
  readonly exposedPorts: readonly Setting<string>[];
  /** its working directory, an absolute path; undefined when it depends on something unknown */
  readonly workdir: Setting<string> | undefined;
  /** the value of an environment variable: the file's last ENV, else the base's; undefined when unset or unknown */
  env(name: string): Setting<string> | undefined;
  /**
   * whether the base's /bin/sh is bash (a RHEL-family base, or one whose history links it): RUN lines of a stage
   * without SHELL then run in bash (ShellCheck's dialect); undefined when the base is not known
   */
  readonly shIsBash: boolean | undefined;
  /** the SHELL the base image's config sets (Docker format), which RUN lines of a stage without its own SHELL use */
  readonly baseShell: readonly string[] | undefined;
}

/** The base a stage is built on at the root of its chain, with its facts (undefined for scratch and unresolved FROMs). */
export function stageBase(stage: Stage, lookup: FactsLookup): StageBase | undefined {
  const base = rootBase(stage);
  if (base.kind !== 'image') return undefined;
  const owner = stageChain(stage).at(-1)!;
  const platform = stagePlatforms(owner, lookup.platforms)[0] ?? lookup.platforms.build;
  return { ref: base.ref, name: base.ref.raw, platform, facts: lookup.registry.image(base.ref, platform) };
}

const BASE: Origin = { from: 'base' };

/** The words an ENTRYPOINT or CMD starts: its exec form, or the default shell running its shell form. */
function startWords(ins: Instruction): string[] {
  if (ins.json?.valid) return ins.json.words.map((w) => w.value ?? w.text);
  return ['/bin/sh', '-c', ins.args.map((a) => a.text).join(' ')];
}

/** The image a stage builds (the final image for the final stage). */
export function stageImage(model: DockerfileModel, stage: Stage, lookup: FactsLookup): StageImage {
  const base = stageBase(stage, lookup);
  const config = base?.facts?.config;
  // scratch starts empty (root, nothing to start, /); an image we know nothing about starts unknown
  const known = config !== undefined || rootBase(stage).kind === 'scratch';
  let healthcheck: Setting<readonly string[]> | undefined = config?.healthcheck ? { value: config.healthcheck.test, origin: BASE } : undefined;
  let entrypoint: Setting<readonly string[]> | undefined = config?.entrypoint?.length ? { value: config.entrypoint, origin: BASE } : undefined;
  let cmd: Setting<readonly string[]> | undefined = config?.cmd?.length ? { value: config.cmd, origin: BASE } : undefined;
  const exposedPorts: Setting<string>[] = (config?.exposedPorts ?? []).map((p) => ({ value: p, origin: BASE }));
  // an ENTRYPOINT clears the CMD its stage inherited (from the base, or the stage it is built FROM), not one the
  // stage set itself (BuildKit's cmdSet)
  let cmdSet = false;
  for (const ins of instructionsBefore(model, stage)) {
    const origin: Origin = { from: 'file', ins };
    if (ins.keyword === 'FROM') cmdSet = false;
    else if (ins.keyword === 'HEALTHCHECK') {
      const none = ins.args[0]?.value?.toUpperCase() === 'NONE';
      healthcheck = { value: none ? ['NONE'] : ['CMD-SHELL', ins.args.map((a) => a.text).join(' ')], origin };
    } else if (ins.keyword === 'ENTRYPOINT') {
      entrypoint = { value: startWords(ins), origin };
      if (!cmdSet) cmd = undefined;
    } else if (ins.keyword === 'CMD') {
      cmd = { value: startWords(ins), origin };
      cmdSet = true;
    } else if (ins.keyword === 'EXPOSE') for (const a of ins.args) exposedPorts.push({ value: a.value ?? a.text, origin });
  }
  const fileUser = userAt(model, stage);
  const user = fileUser
    ? { value: fileUser.user, origin: { from: 'file', ins: fileUser.ins } as Origin }
    : known
      ? { value: config?.user ?? '', origin: BASE }
      : undefined;
  return {
    base,
    config,
    user,
    healthcheck,
    entrypoint,
    cmd,
    exposedPorts,
    workdir: workdirOf(model, stage, config, known),
    env: (name) => envOf(model, stage, config, name),
    shIsBash: config ? shIsBash(config) : undefined,
    baseShell: config?.shell,
  };
}

/** The working directory the model resolves, with the base's own (its config's WorkingDir, else /) in place of the unknown start. */
function workdirOf(model: DockerfileModel, stage: Stage, config: ImageConfig | undefined, known: boolean): Setting<string> | undefined {
  const dir = workdirAt(model, stage);
  if (dir === undefined) return undefined;
  const setter = instructionsBefore(model, stage)
    .filter((i) => i.keyword === 'WORKDIR')
    .at(-1);
  if (!dir.startsWith(BASE_WORKDIR)) return { value: dir, origin: setter ? { from: 'file', ins: setter } : BASE };
  if (!known) return undefined;
  const value = normalizePath(`${config?.workingDir || '/'}/${dir.slice(BASE_WORKDIR.length)}`);
  return { value, origin: setter ? { from: 'file', ins: setter } : BASE };
}

function envOf(model: DockerfileModel, stage: Stage, config: ImageConfig | undefined, name: string): Setting<string> | undefined {
  const set = variableAt(model, stage, name);
  if (set) return set.value === undefined ? undefined : { value: set.value, origin: { from: 'file', ins: set.ins } };
  const value = config && imageEnv(config, name);
  return value === undefined ? undefined : { value, origin: BASE };
}

/** "`python:3.12-slim` (the base image)": how messages name where an inherited setting comes from. */
export const fromBase = (image: StageImage): string => (image.base ? `the base image \`${image.base.name}\`` : 'the base image');
