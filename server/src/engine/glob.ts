// Glob matching in time linear in the text: a glob is compiled to a small automaton whose states are followed all at
// once (one pass over the text, each state visited at most once per character). Globs come from files in the
// repository (.dockerignore, .seaworthy.yaml); translated to regular expressions, as picomatch and
// @balena/dockerignore do, `*a*a*a*a*a*a*a*b` backtracked for minutes against a name of 64 characters.

/** What one state of the automaton does: take one character it accepts, or branch without taking any. */
type State =
  | { readonly kind: 'char'; readonly accepts: (c: string) => boolean; next: number }
  | { readonly kind: 'split'; next: number; other: number }
  | { readonly kind: 'match' };

/** A piece of automaton under construction: where it starts, and the states whose `next` is still to be tied. */
interface Piece {
  readonly start: number;
  readonly ends: { state: number; field: 'next' | 'other' }[];
}

class Builder {
  readonly states: State[] = [];

  char(accepts: (c: string) => boolean): Piece {
    const state = this.states.push({ kind: 'char', accepts, next: -1 }) - 1;
    return { start: state, ends: [{ state, field: 'next' }] };
  }

  /** Nothing: a piece that takes no character. */
  empty(): Piece {
    const state = this.states.push({ kind: 'split', next: -1, other: -1 }) - 1;
    // both branches go the same way; the second is tied to where the first goes
    return {
      start: state,
      ends: [
        { state, field: 'next' },
        { state, field: 'other' },
      ],
    };
  }

  seq(pieces: readonly Piece[]): Piece {
    if (pieces.length === 0) return this.empty();
    for (let i = 0; i + 1 < pieces.length; i++) this.tie(pieces[i], pieces[i + 1].start);
    return { start: pieces[0].start, ends: pieces.at(-1)!.ends };
  }

  /** Any number of repetitions of a piece, none included. */
  star(p: Piece): Piece {
    const state = this.states.push({ kind: 'split', next: p.start, other: -1 }) - 1;
    this.tie(p, state);
    return { start: state, ends: [{ state, field: 'other' }] };
  }

  optional(p: Piece): Piece {
    const state = this.states.push({ kind: 'split', next: p.start, other: -1 }) - 1;
    return { start: state, ends: [...p.ends, { state, field: 'other' }] };
  }

  alt(pieces: readonly Piece[]): Piece {
    let acc = pieces[0];
    for (const p of pieces.slice(1)) {
      const state = this.states.push({ kind: 'split', next: acc.start, other: p.start }) - 1;
      acc = { start: state, ends: [...acc.ends, ...p.ends] };
    }
    return acc;
  }

  tie(p: Piece, to: number): void {
    for (const e of p.ends) (this.states[e.state] as { next: number; other: number })[e.field] = to;
  }

  /** The matcher of a piece: whether the whole text is taken by it. */
  finish(p: Piece): (text: string) => boolean {
    const match = this.states.push({ kind: 'match' }) - 1;
    this.tie(p, match);
    const states = this.states;
    // an empty() split whose `other` was tied to nothing goes where `next` goes
    for (const s of states) if (s.kind === 'split' && s.other === -1) s.other = s.next;
    // the step each state was last added in; steps count on across calls, so nothing is cleared per call (clearing
    // cost the size of the glob for every text: a long pattern against many short names was quadratic)
    const seen = new Float64Array(states.length).fill(-1);
    let generation = 0;
    return (text) => {
      let current: number[] = [];
      generation++;
      const add = (list: number[], start: number) => {
        const stack = [start];
        while (stack.length) {
          const s = stack.pop()!;
          if (s < 0 || seen[s] === generation) continue;
          seen[s] = generation;
          const st = states[s];
          if (st.kind === 'split') stack.push(st.other, st.next);
          else list.push(s);
        }
      };
      add(current, p.start);
      for (let i = 0; i < text.length && current.length > 0; i++) {
        const c = text[i];
        const next: number[] = [];
        generation++;
        for (const s of current) {
          const st = states[s];
          if (st.kind === 'char' && st.accepts(c)) add(next, st.next);
        }
        current = next;
      }
      return current.some((s) => states[s].kind === 'match');
    };
  }
}

const notSlash = (c: string) => c !== '/';
const anyChar = () => true;

/** The longest `[…]` class read as one (see readClass). */
const MAX_CLASS_LENGTH = 256;

/**
 * `[abc]`, `[a-z]`, `[!a]` / `[^a]` at `at` (the `[`): the test and the index after `]`, or undefined when unclosed.
 * `slash`: whether a class may take a `/` (picomatch: never; Docker's reading as a regular expression: yes).
 */
function readClass(
  glob: string,
  at: number,
  fold: (c: string) => string,
  negations: string,
  slash = false,
): { accepts: (c: string) => boolean; end: number } | undefined {
  // a class longer than this is read as an unclosed `[`, a literal: no real class is, and each unclosed `[` would
  // otherwise be read to the end of the glob (thousands of them: quadratic)
  const limit = Math.min(glob.length, at + MAX_CLASS_LENGTH);
  let i = at + 1;
  const negated = negations.includes(glob[i] ?? '') && glob[i] !== undefined;
  if (negated) i++;
  const ranges: [string, string][] = [];
  let first = true;
  while (i < limit && (glob[i] !== ']' || first)) {
    first = false;
    let lo = glob[i];
    if (lo === '\\' && i + 1 < glob.length) lo = glob[++i];
    let hi = lo;
    if (glob[i + 1] === '-' && glob[i + 2] !== undefined && glob[i + 2] !== ']') {
      hi = glob[i + 2] === '\\' && i + 3 < glob.length ? glob[i + 3] : glob[i + 2];
      i += glob[i + 2] === '\\' ? 3 : 2;
    }
    ranges.push([fold(lo), fold(hi)]);
    i++;
  }
  if (i >= limit) return undefined;
  const inside = (c: string) => ranges.some(([lo, hi]) => c >= lo && c <= hi);
  return { accepts: (c) => (slash || c !== '/') && inside(fold(c)) !== negated, end: i + 1 };
}

/** Brace alternatives nest at most this deep; deeper, a `{` is an ordinary character (the parser recurses on them). */
const MAX_BRACE_DEPTH = 16;

/**
 * A matcher of whole texts (paths, image names) against a glob as picomatch reads it with `dot: true`: `*` any run
 * of characters but `/`, `?` one such character, `[a-z]` / `[!a]` classes, `{a,b}` alternatives, `\` escapes, and
 * `**` as a whole path segment any number of segments (`a/**` takes `a` too, `**\/b` takes `b`). `nocase` folds case.
 */
export function globMatcher(globs: string | readonly string[], options: { nocase?: boolean } = {}): (text: string) => boolean {
  const fold = options.nocase ? (c: string) => c.toLowerCase() : (c: string) => c;
  const b = new Builder();
  const literal = (ch: string) => {
    const want = fold(ch);
    return b.char((c) => fold(c) === want);
  };
  let closing = new Map<number, number>();
  /** The glob from `at` up to an unnested `,` or `}` (when inside braces) or its end. */
  const parse = (glob: string, at: number, depth: number): { piece: Piece; end: number } => {
    const pieces: Piece[] = [];
    let i = at;
    while (i < glob.length) {
      const ch = glob[i];
      if (depth > 0 && (ch === ',' || ch === '}')) break;
      if (ch === '*') {
        let j = i;
        while (glob[j] === '*') j++;
        const segmentStart = i === 0 || glob[i - 1] === '/';
        const segmentEnd = j === glob.length || glob[j] === '/';
        if (j - i === 2 && segmentStart && segmentEnd) {
          if (glob[j] === '/') {
            // `**/`: any number of whole segments, none included
            pieces.push(b.optional(b.seq([b.star(b.char(anyChar)), literal('/')])));
            i = j + 1;
          } else if (i > 0) {
            // a trailing `/**`: the folder itself or anything below it (the `/` before it is already in pieces)
            const slash = pieces.pop()!;
            pieces.push(b.optional(b.seq([slash, b.star(b.char(anyChar))])));
            i = j;
          } else {
            pieces.push(b.star(b.char(anyChar)));
            i = j;
          }
        } else {
          pieces.push(b.star(b.char(notSlash)));
          i = j;
        }
        continue;
      }
      if (ch === '?') {
        pieces.push(b.char(notSlash));
        i++;
        continue;
      }
      if (ch === '[') {
        const cls = readClass(glob, i, fold, '!^');
        if (cls) {
          pieces.push(b.char(cls.accepts));
          i = cls.end;
          continue;
        }
      }
      if (ch === '{' && depth < MAX_BRACE_DEPTH && closing.has(i)) {
        const alternatives: Piece[] = [];
        let j = i + 1;
        for (;;) {
          const alt = parse(glob, j, depth + 1);
          alternatives.push(alt.piece);
          j = alt.end + 1;
          if (glob[alt.end] === '}' || alt.end >= glob.length) break;
        }
        pieces.push(alternatives.length > 1 ? b.alt(alternatives) : b.seq([literal('{'), alternatives[0], literal('}')]));
        i = j;
        continue;
      }
      if (ch === '\\' && i + 1 < glob.length) {
        pieces.push(literal(glob[i + 1]));
        i += 2;
        continue;
      }
      pieces.push(literal(ch));
      i++;
    }
    return { piece: b.seq(pieces), end: i };
  };
  const list = typeof globs === 'string' ? [globs] : globs;
  if (list.length === 0) return () => false;
  const matches = b.finish(
    b.alt(
      list.map((written) => {
        const g = written.replace(/^(?:\.\/)+(?=.)/, ''); // as picomatch: `./a` is `a`
        closing = closingBraces(g);
        return parse(g, 0, 0).piece;
      }),
    ),
  );
  // as picomatch: the empty text matches nothing
  return (text) => text !== '' && matches(text);
}

/** The index of the `}` that closes each `{` of a glob that has one (escaped braces skipped). */
function closingBraces(glob: string): Map<number, number> {
  const out = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === '{') open.push(i);
    else if (glob[i] === '}' && open.length) out.set(open.pop()!, i);
  }
  return out;
}

/** Wildcards (`*`, `?`, `[`) a .dockerignore pattern may have (see dockerignoreMatcher). */
const MAX_DOCKERIGNORE_WILDCARDS = 256;

/**
 * A matcher of one .dockerignore pattern as Docker reads it (moby's patternmatcher): `*` any run of characters but
 * `/`, `?` one such character, `[a-z]` / `[^a]` classes (passed into a regular expression there, so `[^a]` takes a
 * `/` too), `\` escapes, `**` any number of folders (`**\/` included); every other character stands for itself.
 */
export function dockerignoreMatcher(pattern: string): (path: string) => boolean {
  // Following the automaton costs the text's length times the wildcards awake at once, and every COPY source meets
  // every pattern: a pattern of thousands of wildcards (no one writes one) against long sources was quadratic in the
  // two files. Such a pattern matches nothing here, which can only make a finding go missing, never appear.
  if ((pattern.match(/[*?[]/g)?.length ?? 0) > MAX_DOCKERIGNORE_WILDCARDS) return () => false;
  const b = new Builder();
  const literal = (ch: string) => b.char((c) => c === ch);
  const pieces: Piece[] = [];
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i];
    if (ch === '*' && pattern[i + 1] === '*') {
      i += 2;
      if (pattern[i] === '/') i++;
      // `**` at the end takes everything; elsewhere, any number of folders (none included)
      pieces.push(i >= pattern.length ? b.star(b.char(anyChar)) : b.optional(b.seq([b.star(b.char(anyChar)), literal('/')])));
    } else if (ch === '*') {
      pieces.push(b.star(b.char(notSlash)));
      i++;
    } else if (ch === '?') {
      pieces.push(b.char(notSlash));
      i++;
    } else if (ch === '[' && readClass(pattern, i, (c) => c, '^', true)) {
      const cls = readClass(pattern, i, (c) => c, '^', true)!;
      pieces.push(b.char(cls.accepts));
      i = cls.end;
    } else if (ch === '\\' && i + 1 < pattern.length) {
      pieces.push(literal(pattern[i + 1]));
      i += 2;
    } else {
      pieces.push(literal(ch));
      i++;
    }
  }
  return b.finish(b.seq(pieces));
}
