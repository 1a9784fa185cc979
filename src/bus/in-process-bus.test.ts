// The in-process bus on its own: subscriptions take their subject, failures are retried with a growing backoff,
// dead-lettered after the max, deliveries that never settle lose their lock, and a resubmission published while the
// previous generation is still settling is delivered once that settles (not dropped as a duplicate).
import { describe, expect, it } from 'vitest';
import type { DeliveryLedger, SettledAttempt } from './delivery-ledger.js';
import { InProcessServiceBus, backoffDelay } from './in-process-bus.js';
import type { BusMessage } from './service-bus.js';

class MemoryLedger implements DeliveryLedger {
  readonly attempts: SettledAttempt[] = [];
  gate: Promise<void> | undefined;
  async settle(attempt: SettledAttempt): Promise<void> {
    this.attempts.push(attempt);
    await this.gate;
  }
}

const message = (overrides: Partial<BusMessage> = {}): BusMessage => ({
  messageId: 'm-1',
  correlationId: 'c-1',
  subject: 'SaveCase',
  environment: 'test',
  body: {},
  generation: 0,
  deliveryCount: 0,
  maxDeliveryCount: 3,
  ...overrides,
});

function bus(ledger: DeliveryLedger, lockDurationMs = 1000) {
  return new InProcessServiceBus({ ledger, retry: { baseDelayMs: 2, maxDelayMs: 8 }, lockDurationMs, random: () => 0.5 });
}

describe('InProcessServiceBus', () => {
  it('grows the backoff exponentially up to the cap, half of it jittered', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(policy, n, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([1, 2, 3].map((n) => backoffDelay(policy, n, () => 0.999999))).toEqual([100, 200, 400]);
  });

  it('delivers each message to the subscription of its subject only, and dead-letters after the max', async () => {
    const ledger = new MemoryLedger();
    const subject = bus(ledger);
    const seen: string[] = [];
    subject.subscribe({ name: 'archive', subject: 'SaveCase', consumer: () => Promise.reject(new Error('down')) });
    subject.subscribe({ name: 'lantern', subject: 'StatusChanged', consumer: (m) => (seen.push(m.messageId), Promise.resolve()) });
    subject.publish([message(), message({ messageId: 'm-2', subject: 'StatusChanged' }), message()]);
    await subject.idle();
    expect(seen).toEqual(['m-2']);
    expect(ledger.attempts.filter((a) => a.messageId === 'm-1').map((a) => [a.attempt, a.outcome, a.deadLetterReason])).toEqual([
      [1, 'failed', null],
      [2, 'failed', null],
      [3, 'dead-lettered', 'MaxDeliveryCountExceeded'],
    ]);
    await subject.close();
  });

  it('fails a delivery its consumer does not settle within the lock duration', async () => {
    const ledger = new MemoryLedger();
    const subject = bus(ledger, 20);
    subject.subscribe({ name: 'archive', subject: 'SaveCase', consumer: (_, signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))) });
    subject.publish([message({ maxDeliveryCount: 1 })]);
    await subject.idle();
    expect(ledger.attempts[0]).toMatchObject({ outcome: 'dead-lettered', error: expect.stringMatching(/did not settle the delivery within 20 ms/) as unknown });
    await subject.close();
  });

  it('delivers a later generation published while the earlier one settles, and ignores a repeat of the same', async () => {
    const ledger = new MemoryLedger();
    let open = () => undefined as void;
    ledger.gate = new Promise((resolve) => (open = resolve));
    const subject = bus(ledger);
    const delivered: number[] = [];
    subject.subscribe({ name: 'archive', subject: 'SaveCase', consumer: (m) => (delivered.push(m.generation), Promise.resolve()) });
    subject.publish([message()]);
    await new Promise((resolve) => setImmediate(resolve)); // delivered, now settling
    subject.publish([message(), message({ generation: 1 })]);
    ledger.gate = undefined;
    open();
    await subject.idle();
    expect(delivered).toEqual([0, 1]);
    await subject.close();
  });

  it('stops on close: a delivery in progress is aborted and not settled', async () => {
    const ledger = new MemoryLedger();
    const subject = bus(ledger);
    let started = () => undefined as void;
    const running = new Promise<void>((resolve) => (started = resolve));
    subject.subscribe({ name: 'archive', subject: 'SaveCase', consumer: (_, signal) => (started(), new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))))) });
    subject.publish([message()]);
    await running;
    await subject.close();
    expect(ledger.attempts).toEqual([]);
  });
});
