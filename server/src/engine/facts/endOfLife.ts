// End-of-life dates of the releases base images are built on (operating systems and language runtimes), and the
// reading of an image reference into those releases: `python:3.8-slim-buster` is Python 3.8 on Debian 10.
//
// Where the dates come from: each project's own release policy page (Debian's LTS page, Ubuntu's release cycle,
// Alpine's releases page, nodejs.org's release schedule, Python's devguide "Status of Python versions", Ruby's branch
// maintenance page, php.net's supported versions, Go's release policy (a release is supported until the second newer
// one ships), Microsoft's .NET support policy, CentOS's end-of-life notices), as summarised on endoflife.date.
// The date is the end of all free security updates (Debian: the end of LTS; Ubuntu: the end of standard support,
// since ESM needs a subscription container images do not carry). A date given to the month only ("2026-10") is one
// the project announced by month; it is printed as given.
//
// How to update: add the new release with its announced date, keep each list oldest first, and run the rule's tests.
// The rule compares with the date of the lint, so a release drops out of support without a code change.

import { isDockerHub, type ImageRef } from '../imageRef';

export interface Release {
  /** "3.8", "16", "10" */
  readonly version: string;
  /** "buster", "focal"; shown after the version */
  readonly codename?: string;
  /** YYYY-MM-DD, or YYYY-MM when announced by month */
  readonly eol: string;
}

export interface Product {
  readonly name: string;
  /** oldest first */
  readonly releases: readonly Release[];
}

const r = (version: string, eol: string, codename?: string): Release => ({ version, eol, codename });

export const PRODUCTS = {
  debian: {
    name: 'Debian',
    releases: [
      r('6', '2016-02-29', 'squeeze'),
      r('7', '2018-05-31', 'wheezy'),
      r('8', '2020-06-30', 'jessie'),
      r('9', '2022-06-30', 'stretch'),
      r('10', '2024-06-30', 'buster'),
      r('11', '2026-08-31', 'bullseye'),
      r('12', '2028-06-30', 'bookworm'),
      r('13', '2030-06-30', 'trixie'),
    ],
  },
  ubuntu: {
    name: 'Ubuntu',
    releases: [
      r('12.04', '2017-04-28', 'precise'),
      r('14.04', '2019-04-30', 'trusty'),
      r('16.04', '2021-04-30', 'xenial'),
      r('18.04', '2023-05-31', 'bionic'),
      r('20.04', '2025-05-31', 'focal'),
      r('22.10', '2023-07-20', 'kinetic'),
      r('23.04', '2024-01-25', 'lunar'),
      r('23.10', '2024-07-11', 'mantic'),
      r('24.10', '2025-07-10', 'oracular'),
      r('25.04', '2026-01', 'plucky'),
      r('22.04', '2027-04', 'jammy'),
      r('24.04', '2029-04', 'noble'),
    ],
  },
  alpine: {
    name: 'Alpine',
    releases: [
      r('3.5', '2018-11-01'),
      r('3.6', '2019-05-01'),
      r('3.7', '2019-11-01'),
      r('3.8', '2020-05-01'),
      r('3.9', '2020-11-01'),
      r('3.10', '2021-05-01'),
      r('3.11', '2021-11-01'),
      r('3.12', '2022-05-01'),
      r('3.13', '2022-11-01'),
      r('3.14', '2023-05-01'),
      r('3.15', '2023-11-01'),
      r('3.16', '2024-05-23'),
      r('3.17', '2024-11-22'),
      r('3.18', '2025-05-09'),
      r('3.19', '2025-11-01'),
      r('3.20', '2026-04-01'),
      r('3.21', '2026-11-01'),
      r('3.22', '2027-05-01'),
    ],
  },
  centos: { name: 'CentOS', releases: [r('6', '2020-11-30'), r('8', '2021-12-31'), r('stream8', '2024-05-31'), r('7', '2024-06-30'), r('stream9', '2027-05')] },
  node: {
    name: 'Node.js',
    releases: [
      r('4', '2018-04-30'),
      r('6', '2019-04-30'),
      r('8', '2019-12-31'),
      r('10', '2021-04-30'),
      r('11', '2019-06-01'),
      r('12', '2022-04-30'),
      r('13', '2020-06-01'),
      r('14', '2023-04-30'),
      r('15', '2021-06-01'),
      r('16', '2023-09-11'),
      r('17', '2022-06-01'),
      r('18', '2025-04-30'),
      r('19', '2023-06-01'),
      r('20', '2026-04-30'),
      r('21', '2024-06-01'),
      r('22', '2027-04-30'),
      r('23', '2025-06-01'),
      r('24', '2028-04-30'),
      r('25', '2026-06-01'),
    ],
  },
  python: {
    name: 'Python',
    releases: [
      r('3.3', '2017-09-29'),
      r('3.4', '2019-03-18'),
      r('2.7', '2020-01-01'),
      r('3.5', '2020-09-30'),
      r('3.6', '2021-12-23'),
      r('3.7', '2023-06-27'),
      r('3.8', '2024-10-07'),
      r('3.9', '2025-10-31'),
      r('3.10', '2026-10'),
      r('3.11', '2027-10'),
      r('3.12', '2028-10'),
      r('3.13', '2029-10'),
      r('3.14', '2030-10'),
    ],
  },
  ruby: {
    name: 'Ruby',
    releases: [
      r('2.3', '2019-03-31'),
      r('2.4', '2020-03-31'),
      r('2.5', '2021-04-05'),
      r('2.6', '2022-04-12'),
      r('2.7', '2023-03-31'),
      r('3.0', '2024-04-23'),
      r('3.1', '2025-03-26'),
      r('3.2', '2026-03'),
      r('3.3', '2027-03'),
      r('3.4', '2028-03'),
    ],
  },
  php: {
    name: 'PHP',
    releases: [
      r('5.5', '2016-07-21'),
      r('5.6', '2018-12-31'),
      r('7.0', '2019-01-10'),
      r('7.1', '2019-12-01'),
      r('7.2', '2020-11-30'),
      r('7.3', '2021-12-06'),
      r('7.4', '2022-11-28'),
      r('8.0', '2023-11-26'),
      r('8.1', '2025-12-31'),
      r('8.2', '2026-12-31'),
      r('8.3', '2027-12-31'),
      r('8.4', '2028-12-31'),
    ],
  },
  golang: {
    name: 'Go',
    releases: [
      r('1.15', '2021-08-16'),
      r('1.16', '2022-03-15'),
      r('1.17', '2022-08-02'),
      r('1.18', '2023-02-01'),
      r('1.19', '2023-08-08'),
      r('1.20', '2024-02-06'),
      r('1.21', '2024-08-13'),
      r('1.22', '2025-02-11'),
      r('1.23', '2025-08-12'),
      r('1.24', '2026-02'),
      r('1.25', '2026-08'),
      r('1.26', '2027-02'),
      r('1.27', '2027-08'),
    ],
  },
  dotnet: {
    name: '.NET',
    releases: [
      r('2.1', '2021-08-21'),
      r('5.0', '2022-05-10'),
      r('3.1', '2022-12-13'),
      r('7.0', '2024-05-14'),
      r('6.0', '2024-11-12'),
      r('8.0', '2026-11-10'),
      r('9.0', '2026-11-10'),
      r('10.0', '2028-11-14'),
    ],
  },
} satisfies Record<string, Product>;

export type ProductId = keyof typeof PRODUCTS;

/** Development branches: never a release, never security-supported, changing under a build every day. */
const UNSTABLE: Readonly<Record<string, readonly string[]>> = {
  debian: ['sid', 'unstable', 'testing', 'experimental', 'rc-buggy'],
  ubuntu: ['devel', 'rolling'],
  alpine: ['edge'],
  fedora: ['rawhide'],
};

const CODENAMES = new Map<string, [ProductId, Release]>(
  (['debian', 'ubuntu'] as const).flatMap((p) =>
    PRODUCTS[p].releases.filter((x) => x.codename).map((x) => [x.codename!, [p, x]] as [string, [ProductId, Release]]),
  ),
);

/** What a base image is built on, read from its name and tag. */
export type Foundation =
  | { readonly kind: 'release'; readonly product: ProductId; readonly release: Release }
  | { readonly kind: 'unstable'; readonly distribution: string; readonly tag: string };

const versionOf = (tag: string, parts: 1 | 2): string | undefined => {
  const m = (parts === 1 ? /^v?(\d+)(?=$|[.-])/ : /^v?(\d+\.\d+)(?=$|[.-])/).exec(tag);
  return m?.[1];
};

function release(product: ProductId, version: string | undefined): Release | undefined {
  if (version === undefined) return undefined;
  return (PRODUCTS[product].releases as readonly Release[]).find((x) => x.version === version);
}

/** The official image a reference names: Docker Hub's `library/` images (or mirrors of them: `…/library/<name>`), .NET's images on MCR. */
function officialName(ref: ImageRef): string | undefined {
  if (ref.registry === 'mcr.microsoft.com') return /^dotnet\/(?:core\/)?(aspnet|runtime|runtime-deps|sdk)$/.test(ref.path) ? 'dotnet' : undefined;
  const m = /^(?:library\/)?([a-z0-9._-]+)$/.exec(ref.path) ?? /\/library\/([a-z0-9._-]+)$/.exec(ref.path);
  if (!m || (!isDockerHub(ref) && !ref.path.includes('library/'))) return undefined;
  return m[1];
}

/**
 * The releases an official image is built on: the runtime of its tag's version and the distribution its tag names
 * (`-buster`, `-alpine3.12`, `-focal`). Tags without a version (`latest`, `lts`, `slim`) say nothing.
 */
export function foundationsOf(ref: ImageRef): Foundation[] {
  const name = officialName(ref);
  const tag = ref.tag;
  if (!tag || !name) return [];
  const out: Foundation[] = [];
  const lower = tag.toLowerCase();
  const add = (product: ProductId, version: string | undefined) => {
    const found = release(product, version);
    if (found && !out.some((f) => f.kind === 'release' && f.product === product)) out.push({ kind: 'release', product, release: found });
  };
  const unstable = UNSTABLE[name];
  if (unstable?.some((u) => lower === u || lower.startsWith(`${u}-`))) return [{ kind: 'unstable', distribution: name, tag }];
  switch (name) {
    case 'debian':
      add('debian', versionOf(lower, 1));
      break;
    case 'ubuntu':
      add('ubuntu', versionOf(lower, 2));
      break;
    case 'alpine':
      add('alpine', versionOf(lower, 2));
      break;
    case 'centos': {
      const m = /^(?:centos)?(\d+)(?=$|[.-])/.exec(lower) ?? /^(stream\d+)/.exec(lower);
      add('centos', m?.[1]);
      break;
    }
    case 'node':
      add('node', versionOf(lower, 1));
      break;
    case 'python':
    case 'ruby':
    case 'php':
    case 'golang':
      add(name, versionOf(lower, 2));
      break;
    case 'dotnet':
      add('dotnet', versionOf(lower, 2));
      break;
  }
  // the distribution a language image's tag names
  for (const word of lower.split('-')) {
    const codename = CODENAMES.get(word);
    if (codename) add(codename[0], codename[1].version);
    const alpine = /^alpine(\d+\.\d+)$/.exec(word);
    if (alpine) add('alpine', alpine[1]);
  }
  return out;
}

/** A release's label: "Debian 10 (buster)", "Node.js 16". */
export const releaseName = (product: ProductId, x: Release): string => `${PRODUCTS[product].name} ${x.version}${x.codename ? ` (${x.codename})` : ''}`;

/** Past its end of life on `today` (YYYY-MM-DD)? A month-only date ends with that month. */
export const isPastEndOfLife = (x: Release, today: string): boolean => (x.eol.length === 7 ? today.slice(0, 7) > x.eol : today > x.eol);

/** The newest release of a product still supported on `today`, to suggest. */
export function newestSupported(product: ProductId, today: string): Release | undefined {
  const live = (PRODUCTS[product].releases as readonly Release[]).filter((x) => !isPastEndOfLife(x, today));
  return live.sort((a, b) => (a.eol < b.eol ? 1 : -1))[0];
}
