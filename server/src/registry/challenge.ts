// WWW-Authenticate as registries send it (RFC 7235 auth-params): `Bearer realm="…",service="…",scope="…"` or
// `Basic realm="…"`.

export interface Challenge {
  readonly scheme: 'bearer' | 'basic';
  readonly params: Readonly<Record<string, string>>;
}

export function parseChallenges(header: string | undefined): Challenge[] {
  if (!header) return [];
  const out: Challenge[] = [];
  // scheme, then comma-separated name=value pairs whose values may be quoted (with \-escapes)
  const token = /\s*([A-Za-z][\w-]*)(?:\s+|$)/y;
  const param = /\s*([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]*))\s*(,)?/y;
  let i = 0;
  while (i < header.length) {
    token.lastIndex = i;
    const t = token.exec(header);
    if (!t) break;
    i = token.lastIndex;
    const params: Record<string, string> = Object.create(null) as Record<string, string>; // names come from the registry
    for (;;) {
      param.lastIndex = i;
      const p = param.exec(header);
      if (!p) break;
      params[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3];
      i = param.lastIndex;
      if (!p[4]) break;
    }
    const scheme = t[1].toLowerCase();
    if (scheme === 'bearer' || scheme === 'basic') out.push({ scheme, params });
    while (i < header.length && /[\s,]/.test(header[i])) i++;
  }
  return out;
}
