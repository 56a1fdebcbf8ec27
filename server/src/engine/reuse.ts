// What instruction-scoped rules (Rule.scope) found, kept from one lint of a document to the next: after an edit, an
// instruction whose text is as it was (at the same column, read with the same escape character, its RUN in a shell
// of the same kind) gets the same reports from such a rule, moved to its new line, without running the rule on it.
//
// What is kept are the rule's reports as it made them: the severity a setting gives, the `# check=error=true`
// directive, suppression comments and the masking of secrets are applied by lint() to kept and new reports alike, so
// a comment added above an unchanged instruction or a changed setting take effect at once. A kept report holds no fix
// (a fix's builder holds the model it was made for): its fix is built when asked for by running the rule on the
// instruction again.
import type { DockerfileModel, Instruction } from './model';
import type { Report, Rule } from './rule';
import type { Range } from './text';

interface Kept {
  /** the line of the instruction the reports were made on (their ranges are on that line and below) */
  readonly line: number;
  /** the reports without their fix */
  readonly reports: readonly Report[];
  /** whether each report had a fix */
  readonly fixable: readonly boolean[];
}

interface Reuse {
  readonly escape: string;
  readonly eol: string;
  /** the key of every instruction of that lint */
  readonly keys: ReadonlySet<string>;
  /** the rules that ran (and did not throw) */
  readonly ran: ReadonlySet<Rule>;
  /** per instruction key, what each rule reported there (only instructions with reports) */
  readonly byKey: ReadonlyMap<string, ReadonlyMap<Rule, Kept>>;
}

/** A top-level instruction with its ONBUILD trigger, if any. */
interface Group {
  readonly key: string;
  readonly line: number;
  readonly members: readonly Instruction[];
  /** the last lint had an instruction with the same key */
  readonly unchanged: boolean;
  /** what rules reported on it then */
  readonly kept: ReadonlyMap<Rule, Kept> | undefined;
}

const keptFor = new WeakMap<DockerfileModel, Reuse>();

export class InstructionFindings {
  private groupList: Group[] | undefined;
  private readonly before: Reuse | undefined;
  private readonly ran = new Set<Rule>();
  private readonly byKey = new Map<string, Map<Rule, Kept>>();

  /** `previous`: the model of the document's last lint, whose findings may be kept */
  constructor(
    private readonly model: DockerfileModel,
    previous: DockerfileModel | undefined,
  ) {
    const before = previous && keptFor.get(previous);
    this.before = before && before.escape === model.directives.escape && before.eol === model.eol ? before : undefined;
  }

  /** The reports of an instruction-scoped rule, in the order its `check` makes them. Throws what the rule throws. */
  reports(rule: Rule): Report[] {
    const checkInstruction = rule.checkInstruction!;
    const reuse = this.before?.ran.has(rule) ?? false;
    const made: [string, Kept][] = [];
    const out: Report[] = [];
    for (const g of this.groups()) {
      if (reuse && g.unchanged) {
        const kept = g.kept?.get(rule);
        if (!kept) continue;
        const delta = g.line - kept.line;
        kept.reports.forEach((r, i) => out.push(this.revived(rule, g, r, i, delta, kept.fixable[i])));
        made.push([g.key, kept]);
        continue;
      }
      const reports: Report[] = [];
      for (const ins of g.members) checkInstruction(ins, { model: this.model, report: (r) => reports.push(r) });
      if (reports.length === 0) continue;
      out.push(...reports);
      made.push([g.key, { line: g.line, reports: reports.map(({ fix, ...r }) => r), fixable: reports.map((r) => r.fix !== undefined) }]);
    }
    // kept only once the rule ran through
    this.ran.add(rule);
    for (const [key, kept] of made) {
      let rules = this.byKey.get(key);
      if (!rules) this.byKey.set(key, (rules = new Map()));
      if (!rules.has(rule)) rules.set(rule, kept);
    }
    return out;
  }

  /** Keeps what this lint found for the next lint of the same document. */
  keep(): void {
    if (!this.groupList) return;
    keptFor.set(this.model, {
      escape: this.model.directives.escape,
      eol: this.model.eol,
      keys: new Set(this.groupList.map((g) => g.key)),
      ran: this.ran,
      byKey: this.byKey,
    });
  }

  private groups(): Group[] {
    if (this.groupList) return this.groupList;
    const { text, lines } = this.model;
    const list: { start: Instruction['range']['start']; end: Instruction['range']['end']; members: Instruction[] }[] = [];
    for (const ins of this.model.instructions) {
      if (ins.onbuild && list.length) list.at(-1)!.members.push(ins);
      else list.push({ start: ins.range.start, end: ins.range.end, members: [ins] });
    }
    const before = this.before;
    return (this.groupList = list.map(({ start, end, members }) => {
      // a RUN (or an ONBUILD's RUN trigger) is read in the shell of its place
      const shell = `${members[0].run?.foreignShell ? 'f' : 'p'}${members[1]?.run?.foreignShell ? 'f' : 'p'}`;
      const key = `${start.character}${shell}${text.slice(lines.offsetAt(start), lines.offsetAt(end))}`;
      const unchanged = before?.keys.has(key) ?? false;
      return { key, line: start.line, members, unchanged, kept: unchanged ? before!.byKey.get(key) : undefined };
    }));
  }

  /** A kept report on the instruction now at `g`: moved by `delta` lines; its fix built from the rule run again. */
  private revived(rule: Rule, g: Group, r: Report, index: number, delta: number, fixable: boolean): Report {
    const moved = delta === 0 ? r : { ...r, range: shift(r.range, delta) };
    if (!fixable) return moved;
    return {
      ...moved,
      fix: () => {
        const again: Report[] = [];
        for (const ins of g.members) rule.checkInstruction!(ins, { model: this.model, report: (x) => again.push(x) });
        return again[index]?.fix?.();
      },
    };
  }
}

const shift = (range: Range, delta: number): Range => ({
  start: { line: range.start.line + delta, character: range.start.character },
  end: { line: range.end.line + delta, character: range.end.character },
});
