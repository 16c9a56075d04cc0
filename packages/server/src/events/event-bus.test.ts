import { describe, expect, it } from 'vitest';
import { DomainEvents } from './event-bus.js';
import { domainEvent } from './catalogue.js';

function logger() {
  const errors: { obj: Record<string, unknown>; msg: string }[] = [];
  return { errors, log: { error: (obj: Record<string, unknown>, msg: string) => errors.push({ obj, msg }) } };
}

describe('domain events', () => {
  it('runs listeners in registration order, each awaited before the next', async () => {
    const { log } = logger();
    const events = new DomainEvents(log as never);
    const seen: string[] = [];
    let finish!: () => void;
    const slowDone = new Promise<void>((r) => (finish = r));
    events.on('agent.limits_changed', 'slow', async () => {
      seen.push('slow started');
      await slowDone;
      seen.push('slow');
    });
    events.on('agent.limits_changed', 'fast', () => void seen.push('fast'));
    const emitted = events.emit('agent.limits_changed', { accountId: 'a', userId: 'u' });
    // The slow listener waits; the event loop turns, and the next listener still has not run.
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['slow started']);
    finish();
    await emitted;
    expect(seen).toEqual(['slow started', 'slow', 'fast']);
  });

  it('a failing listener is logged and neither fails the emit nor stops the next listeners', async () => {
    const { log, errors } = logger();
    const events = new DomainEvents(log as never);
    const seen: string[] = [];
    events.on('session.ended', 'throws', () => {
      throw new Error('boom');
    });
    events.on('session.ended', 'rejects', async () => Promise.reject(new Error('later boom')));
    events.on('session.ended', 'after', () => void seen.push('after'));
    await expect(events.emit('session.ended', { userId: 'u' })).resolves.toBeUndefined();
    expect(seen).toEqual(['after']);
    expect(errors.map((e) => e.obj.listener)).toEqual(['throws', 'rejects']);
    expect(errors[0]!.obj.event).toBe('session.ended');
  });

  it('an event nobody listens to is fine', async () => {
    const events = new DomainEvents(logger().log as never);
    await expect(events.emit('visitor.socket_closed', { visitorId: 'v' })).resolves.toBeUndefined();
  });

  it('emits what a transaction collected, in order', async () => {
    const events = new DomainEvents(logger().log as never);
    const seen: string[] = [];
    events.on('visitor.socket_closed', 'a', (p) => void seen.push(`closed ${p.visitorId}`));
    events.on('session.ended', 'b', (p) => void seen.push(`ended ${p.userId}`));
    await events.emitAll([
      domainEvent('session.ended', { userId: '1' }),
      domainEvent('visitor.socket_closed', { visitorId: '2' }),
      domainEvent('session.ended', { userId: '3' }),
    ]);
    expect(seen).toEqual(['ended 1', 'closed 2', 'ended 3']);
  });
});
