// The time budget of a lint: one watchdog may serve many files, but each file keeps a budget of its own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BudgetExceeded, withinBudgetEach } from '../server/src/budget';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
  return ms;
};

describe('withinBudgetEach', () => {
  it('runs items that each fit the budget although together they do not: none is reported, each value is kept', async () => {
    let stops = 0;
    const out = await withinBudgetEach([60, 60, 60, 60], busy, 100, async () => {
      stops++;
    });
    assert.deepEqual(
      out.map((o) => (o.ok ? o.value : 'stopped')),
      [60, 60, 60, 60],
    );
    // the watchdog stopped a later item at least once: it ran again under a watchdog of its own
    assert.ok(stops >= 1, `${stops} stops`);
  });

  it('reports the item that alone runs past the budget, calls afterStop before going on, and runs the items after it', async () => {
    const events: string[] = [];
    const out = await withinBudgetEach(
      ['a', 'forever', 'b'],
      (x) => {
        events.push(x);
        if (x === 'forever') for (;;);
        return x.toUpperCase();
      },
      200,
      async () => {
        events.push('afterStop');
      },
    );
    assert.equal(out.length, 3);
    assert.deepEqual(out[0], { ok: true, value: 'A' });
    assert.ok(!out[1].ok && out[1].error instanceof BudgetExceeded);
    assert.deepEqual(out[2], { ok: true, value: 'B' });
    // 'forever' started after 'a' under the first watchdog, so it was run again alone before it was reported
    assert.deepEqual(events, ['a', 'forever', 'afterStop', 'forever', 'afterStop', 'b']);
  });

  it('keeps what an item throws as its outcome, and the other items run', async () => {
    const out = await withinBudgetEach(
      [1, 2, 3],
      (n) => {
        if (n === 2) throw new RangeError('too deep');
        return n;
      },
      1000,
      async () => assert.fail('nothing ran past the budget'),
    );
    assert.deepEqual(out[0], { ok: true, value: 1 });
    assert.ok(!out[1].ok && out[1].error instanceof RangeError);
    assert.deepEqual(out[2], { ok: true, value: 3 });
  });
});
