import * as assert from 'node:assert/strict';
import { ConcurrencyLimiter } from '../../src/util/concurrencyLimiter';

/** A task whose end the test decides. */
function heldTask(): { task: () => Promise<void>; release: () => void } {
  let release!: () => void;
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { task: () => done, release };
}

describe('ConcurrencyLimiter', () => {
  it('never runs more tasks at once than its limit, and keeps the order of results', async () => {
    const limiter = new ConcurrencyLimiter(2);
    const held = [heldTask(), heldTask(), heldTask(), heldTask()];
    let running = 0;
    let highest = 0;
    const results = limiter.map([0, 1, 2, 3], async (index) => {
      running += 1;
      highest = Math.max(highest, running);
      await held[index]?.task();
      running -= 1;
      return index * 10;
    });
    for (const { release } of [...held].reverse()) {
      release();
    }
    assert.deepEqual(await results, [0, 10, 20, 30]);
    assert.equal(highest, 2);
  });

  it('hands a freed slot to the waiter, never to a caller that arrives in the same moment', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const first = heldTask();
    let inFlight = 1; // the first task, until its release
    let highest = 1;
    const started: string[] = [];
    const tracked = async (name: string): Promise<void> => {
      inFlight += 1;
      highest = Math.max(highest, inFlight);
      started.push(name);
      await Promise.resolve();
      inFlight -= 1;
    };
    const firstDone = first.task();
    void firstDone.then(() => {
      inFlight -= 1;
    });
    const running = limiter.run(() => firstDone);
    const waiting = limiter.run(() => tracked('waiter'));
    // Arrives in the very microtask in which the first task's slot is freed.
    const latecomer = firstDone.then(() => limiter.run(() => tracked('latecomer')));
    first.release();
    await Promise.all([running, waiting, latecomer]);
    assert.deepEqual(started, ['waiter', 'latecomer'], 'the waiter goes first');
    assert.equal(highest, 1, 'a limit of 1 means one task in flight');
  });

  it('takes an aborted waiter out of the queue without starting it, and passes the slot on', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const first = heldTask();
    const running = limiter.run(first.task);
    const controller = new AbortController();
    let abortedStarted = false;
    const aborted = limiter.run(() => {
      abortedStarted = true;
      return Promise.resolve();
    }, controller.signal);
    const next = limiter.run(() => Promise.resolve('next ran'));
    controller.abort(new Error('refreshed'));
    await assert.rejects(aborted, /refreshed/);
    first.release();
    await running;
    assert.equal(await next, 'next ran');
    assert.equal(abortedStarted, false);
  });

  it('refuses at once a task whose signal is already aborted', async () => {
    const limiter = new ConcurrencyLimiter(1);
    await assert.rejects(limiter.run(() => Promise.resolve(), AbortSignal.abort(new Error('gone'))), /gone/);
    assert.equal(await limiter.run(() => Promise.resolve(1)), 1, 'the refused task took no slot');
  });

  it('rejects a limit that is not a positive whole number', () => {
    assert.throws(() => new ConcurrencyLimiter(0), RangeError);
  });
});
