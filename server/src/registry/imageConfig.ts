// Reads an image config blob (OCI or Docker format) into ImageConfig: only strings where strings belong, and every
// list and string bounded, so a registry's (or a cache file's) odd or huge answer cannot reach the rules as anything
// but a smaller, well-typed config.
import type { ImageConfig, ImageHealthcheck, ImageHistoryStep } from '../engine/facts/imageConfig';

const MAX_ITEMS = 1000;
const MAX_STRING = 8 * 1024;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.slice(0, MAX_STRING) : undefined);
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v)
    ? v
        .slice(0, MAX_ITEMS)
        .filter((s): s is string => typeof s === 'string')
        .map((s) => s.slice(0, MAX_STRING))
    : undefined;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

function env(v: unknown): [string, string][] {
  return (strings(v) ?? []).map((entry) => {
    const eq = entry.indexOf('=');
    return (eq === -1 ? [entry, ''] : [entry.slice(0, eq), entry.slice(eq + 1)]) as [string, string];
  });
}

function labels(v: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (!isObject(v)) return out;
  for (const [k, value] of Object.entries(v).slice(0, MAX_ITEMS)) if (typeof value === 'string') out[k.slice(0, MAX_STRING)] = value.slice(0, MAX_STRING);
  return out;
}

function healthcheck(v: unknown): ImageHealthcheck | undefined {
  if (!isObject(v)) return undefined;
  const test = strings(v.Test ?? v.test);
  if (!test?.length) return undefined;
  return { test, intervalNs: num(v.Interval), timeoutNs: num(v.Timeout), startPeriodNs: num(v.StartPeriod), retries: num(v.Retries) };
}

function history(v: unknown): ImageHistoryStep[] {
  if (!Array.isArray(v)) return [];
  return v
    .slice(0, MAX_ITEMS)
    .filter(isObject)
    .map((h) => ({ createdBy: str(h.created_by ?? h.createdBy) ?? '', emptyLayer: h.empty_layer === true || h.emptyLayer === true }));
}

/**
 * The runtime config of an image config blob (`{ architecture, os, config: { User, Env, … }, history }`), or
 * undefined when it is not one. Docker-format configs keep Healthcheck, Shell and a copy in `container_config`; only
 * `config` counts.
 */
export function readImageConfig(blob: unknown): ImageConfig | undefined {
  if (!isObject(blob)) return undefined;
  const c = isObject(blob.config) ? blob.config : {};
  return {
    user: str(c.User),
    exposedPorts: isObject(c.ExposedPorts)
      ? Object.keys(c.ExposedPorts)
          .slice(0, MAX_ITEMS)
          .map((p) => p.slice(0, 64))
      : [],
    env: env(c.Env),
    entrypoint: strings(c.Entrypoint),
    cmd: strings(c.Cmd),
    workingDir: str(c.WorkingDir) || undefined,
    healthcheck: healthcheck(c.Healthcheck),
    shell: strings(c.Shell),
    stopSignal: str(c.StopSignal) || undefined,
    labels: labels(c.Labels),
    os: str(blob.os),
    architecture: str(blob.architecture),
    variant: str(blob.variant),
    history: history(blob.history),
  };
}

/**
 * An ImageConfig read back from JSON we wrote (the facts cache): the same checks, since a cache file may have been
 * damaged or replaced. Undefined when it is not one.
 */
export function readStoredConfig(v: unknown): ImageConfig | undefined {
  if (!isObject(v)) return undefined;
  const pairs = Array.isArray(v.env)
    ? v.env.filter((p): p is [string, string] => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string')
    : [];
  return readImageConfig({
    os: v.os,
    architecture: v.architecture,
    variant: v.variant,
    history: Array.isArray(v.history) ? v.history : [],
    config: {
      User: v.user,
      ExposedPorts: Array.isArray(v.exposedPorts) ? Object.fromEntries(strings(v.exposedPorts)!.map((p) => [p, {}])) : undefined,
      Env: pairs.map(([n, value]) => `${n}=${value}`),
      Entrypoint: v.entrypoint,
      Cmd: v.cmd,
      WorkingDir: v.workingDir,
      Healthcheck: isObject(v.healthcheck)
        ? {
            Test: v.healthcheck.test,
            Interval: v.healthcheck.intervalNs,
            Timeout: v.healthcheck.timeoutNs,
            StartPeriod: v.healthcheck.startPeriodNs,
            Retries: v.healthcheck.retries,
          }
        : undefined,
      Shell: v.shell,
      StopSignal: v.stopSignal,
      Labels: v.labels,
    },
  });
}
