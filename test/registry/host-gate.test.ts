// A registry that cannot be reached costs a few connections, not one per image asked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RegistryError } from '../../server/src/registry/errors';
import { HostGate } from '../../server/src/registry/hostGate';

const later = <T>(ms: number, f: () => T): Promise<T> => new Promise((resolve, reject) => setTimeout(() => (async () => f())().then(resolve, reject), ms));

describe('requests to a registry that has not answered yet', () => {
  it('an unreachable registry: 4 requests go out, the other 36 fail at once with their reason', async () => {
    const gate = new HostGate();
    let made = 0;
    let most = 0;
    let now = 0;
    const asks = Array.from({ length: 40 }, () =>
      gate.run('https://registry.invalid', () => {
        made++;
        most = Math.max(most, ++now);
        return later(50, () => {
          now--;
          throw new RegistryError('offline', 'cannot reach registry.invalid (ENOTFOUND)');
        });
      }),
    );
    const outcomes = await Promise.allSettled(asks);
    assert.equal(made, 4);
    assert.equal(most, 4);
    assert.ok(outcomes.every((o) => o.status === 'rejected' && (o.reason as Error).message === 'cannot reach registry.invalid (ENOTFOUND)'));
  });

  it('once it has answered, every request goes at once; another origin is not held up by a silent one', async () => {
    const gate = new HostGate();
    let concurrent = 0;
    let most = 0;
    let started = 0;
    let startedBeforeAnswer = 0;
    const ask = (origin: string, ms: number) =>
      gate.run(origin, () => {
        started++;
        most = Math.max(most, ++concurrent);
        return later(ms, () => {
          if (startedBeforeAnswer === 0) startedBeforeAnswer = started;
          concurrent--;
          return origin;
        });
      });
    const first = await Promise.all(Array.from({ length: 10 }, () => ask('https://a.example', 20)));
    assert.deepEqual(new Set(first), new Set(['https://a.example']));
    assert.equal(startedBeforeAnswer, 4, 'before its first answer, 4 at a time');
    most = 0;
    await Promise.all(Array.from({ length: 10 }, () => ask('https://a.example', 20)));
    assert.equal(most, 10, 'after it, all at once');
    const silent = gate.run('https://b.example', () => new Promise(() => undefined));
    void silent;
    assert.equal(await ask('https://c.example', 1), 'https://c.example');
  });

  it('an answer that is an error from the registry (not a failure to reach it) opens the way for the others', async () => {
    const gate = new HostGate();
    let made = 0;
    const asks = Array.from({ length: 8 }, (_, i) =>
      gate.run('https://r.example', () => {
        made++;
        return later(10, () => {
          if (i === 0) throw new RegistryError('protocol', 'r.example sent more than the 4194304 bytes accepted');
          return i;
        });
      }),
    );
    const outcomes = await Promise.allSettled(asks);
    assert.equal(made, 8);
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 7);
  });
});
