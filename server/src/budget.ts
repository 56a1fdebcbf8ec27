// A time budget for a lint: past it, the lint is stopped wherever it is and abandoned.
//
// Why the lint stays on the thread that answers hovers, under a watchdog, rather than moving to a worker thread: the
// hover, the code actions, the fixes, digest drift and ShellCheck all read the document's model, which would then be
// built twice (once in the worker for the rules, once here for everything else) or copied across, and every text and
// result would cross threads; on 2 CPUs that makes every keystroke's lint slower for the sake of inputs that the
// engine does not make slow (its rules are linear in their input: test/linear.test.ts). Instead V8's watchdog (the `timeout`
// of node:vm, a thread that terminates the running JavaScript, regular expressions included) stops a lint that runs
// past its budget. Ordinary files pay one watchdog start per lint (~0.05 ms); a hostile one costs the budget once
// per version, after which the other documents are served again.
import { Script } from 'node:vm';

/**
 * What a lint may cost in the editor before it is abandoned for that version of the document: far above what real
 * files cost (a 3,000-line file lints in well under a second, and took 2 s on a machine loaded tenfold), far below a
 * freeze.
 */
export const DEFAULT_LINT_BUDGET_MS = 5000;

export class BudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`stopped after ${budgetMs} ms`);
  }
}

const slot = globalThis as { __seaworthyBudgeted?: () => unknown };
const runSlot = new Script('globalThis.__seaworthyBudgeted()', { filename: 'seaworthy-budget' });

/**
 * Runs `work` and returns what it returns, or throws BudgetExceeded when it runs past `ms` milliseconds (its
 * JavaScript is terminated at once). `ms` of 0 or less, or not finite, runs it without a budget. Work that was
 * stopped may have been inside tree-sitter's WebAssembly: callers start the shell parser afresh
 * (reloadShellParser) before parsing again.
 */
export function withinBudget<T>(work: () => T, ms: number): T {
  if (!(ms > 0) || !Number.isFinite(ms)) return work();
  const outer = slot.__seaworthyBudgeted;
  slot.__seaworthyBudgeted = work;
  try {
    return runSlot.runInThisContext({ timeout: Math.max(1, Math.ceil(ms)), displayErrors: false }) as T;
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new BudgetExceeded(ms);
    throw e;
  } finally {
    slot.__seaworthyBudgeted = outer;
  }
}

/** What one item of withinBudgetEach came to: its value, or what it threw (BudgetExceeded when it ran past the budget). */
export type Outcome<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

/**
 * Runs `work` on each item, each within `ms` milliseconds as withinBudget would, but under one watchdog for as many
 * items as fit: starting a watchdog costs a thread, which on a loaded machine is a scheduler's wait, paid per file by
 * a CLI run over hundreds of files. When the watchdog stops an item that did not start with it, that item had less
 * than its budget: it runs again from its start under a watchdog of its own, so an item is reported past the budget
 * only when it alone ran past it. After every stop `afterStop` runs (the shell parser starts afresh) before any more
 * work. What an item throws is its outcome and the others go on.
 */
export async function withinBudgetEach<T, R>(items: readonly T[], work: (item: T) => R, ms: number, afterStop: () => Promise<void>): Promise<Outcome<R>[]> {
  const out: Outcome<R>[] = [];
  const runFrom = () => {
    for (let i = out.length; i < items.length; i++) {
      try {
        out.push({ ok: true, value: work(items[i]) });
      } catch (error) {
        out.push({ ok: false, error });
      }
    }
  };
  while (out.length < items.length) {
    const first = out.length;
    try {
      withinBudget(runFrom, ms);
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      await afterStop();
      // the item that was running had the whole budget only when it was the first under this watchdog
      if (out.length === first) out.push({ ok: false, error: e });
    }
  }
  return out;
}
