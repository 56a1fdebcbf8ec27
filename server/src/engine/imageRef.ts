// Image references as Docker reads them: [registry[:port]/]path[:tag][@digest], normalised the way
// `docker pull` does (python -> docker.io/library/python:latest).

export interface ImageRef {
  /** as written (after ARG substitution) */
  readonly raw: string;
  /** registry host as written, e.g. "ghcr.io", "localhost:5000"; undefined = Docker Hub */
  readonly registry: string | undefined;
  /** repository path as written, without registry, tag or digest ("python", "library/python", "org/app") */
  readonly path: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

export function parseImageRef(raw: string): ImageRef | undefined {
  if (!raw || /\s/.test(raw)) return undefined;
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || /[A-Z]/.test(first)) {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon !== -1) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) return undefined;
  }
  if (!rest || !/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(rest)) return undefined;
  return { raw, registry, path: rest, tag, digest };
}

const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

export const isDockerHub = (ref: ImageRef): boolean => ref.registry === undefined || DOCKER_HUB_ALIASES.has(ref.registry);

/** docker.io/library/python:latest for "python" */
export function normalizedName(ref: ImageRef): { registry: string; repository: string } {
  if (isDockerHub(ref)) return { registry: 'docker.io', repository: ref.path.includes('/') ? ref.path : `library/${ref.path}` };
  return { registry: ref.registry!, repository: ref.path };
}

/** the last path component: "python" for docker.io/library/python, "static" for gcr.io/distroless/static */
export const shortName = (ref: ImageRef): string => ref.path.slice(ref.path.lastIndexOf('/') + 1);
