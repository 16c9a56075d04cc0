import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, replayQueue, type CommandHandlers } from './commands';

function handlers() {
  const calls: unknown[][] = [];
  const h: CommandHandlers = {
    open: () => calls.push(['open']),
    close: () => calls.push(['close']),
    visitor: (args) => calls.push(['visitor', args]),
    goal: (...args) => calls.push(['goal', ...args]),
    on: (name, fn) => calls.push(['on', name, typeof fn]),
    warn: vi.fn(),
  };
  return { h, calls };
}

// What the snippet stores: the `arguments` object of each call.
function queued(...calls: unknown[][]): unknown[] {
  return calls.map((c) =>
    (function (..._: unknown[]) {
      // eslint-disable-next-line prefer-rest-params
      return arguments;
    })(...c),
  );
}

describe('replayQueue', () => {
  it('runs the queued calls in order, from arguments objects', () => {
    const { h, calls } = handlers();
    replayQueue(queued(['visitor', { name: 'Ann' }], ['open'], ['close'], ['open']), createDispatcher(h));
    expect(calls).toEqual([['visitor', [{ name: 'Ann' }]], ['open'], ['close'], ['open']]);
  });

  it('accepts no queue or a malformed one', () => {
    const { h, calls } = handlers();
    const dispatch = createDispatcher(h);
    replayQueue(undefined, dispatch);
    replayQueue({ length: 2 }, dispatch);
    replayQueue([null, 42, 'open', ['open']], dispatch);
    expect(calls).toEqual([['open']]);
  });
});

describe('createDispatcher', () => {
  it('hands goals on to goal.js as they are, and takes `on` with a name and a function (GOL-4, GOL-5)', () => {
    const { h, calls } = handlers();
    const dispatch = createDispatcher(h);
    dispatch(['goal', 'Order', 'twelve']);
    dispatch(['goal']);
    dispatch(['on', 'chat.started', () => {}]);
    dispatch(['on', 'chat.started']);
    expect(calls).toEqual([
      ['goal', ['Order', 'twelve']],
      ['goal', []],
      ['on', 'chat.started', 'function'],
    ]);
    expect(h.warn).toHaveBeenCalledExactlyOnceWith('parley: unknown command "on"');
  });

  it('warns about unknown commands and never throws', () => {
    const { h, calls } = handlers();
    const dispatch = createDispatcher(h);
    expect(() => dispatch(['explode'])).not.toThrow();
    expect(() => dispatch([])).not.toThrow();
    expect(() => dispatch([{ toString: null }])).not.toThrow();
    expect(calls).toEqual([]);
    expect(h.warn).toHaveBeenCalledTimes(3);
  });

  it('turns a failing handler into a warning', () => {
    const { h } = handlers();
    h.open = () => {
      throw new Error('boom');
    };
    expect(() => createDispatcher(h)(['open'])).not.toThrow();
    expect(h.warn).toHaveBeenCalledWith(expect.stringContaining('boom'));
  });

  it('hands visitor calls on to visitor.js as they are (it checks them)', () => {
    const { h, calls } = handlers();
    createDispatcher(h)(['visitor', 'Ann']);
    expect(calls).toEqual([['visitor', ['Ann']]]);
    expect(h.warn).not.toHaveBeenCalled();
  });
});
