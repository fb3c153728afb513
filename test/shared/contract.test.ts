import { describe, expect, it } from 'vitest';
import { dispatch, invoker, type Handlers } from '../../src/main/app/dispatch.js';
import { ApiError, EVENT_NAMES, EVENTS, METHODS, REQUESTS, isEventName, isMethod } from '../../src/shared/contract.js';

describe('the contract, declared once', () => {
  it('derives the method list from the request declarations', () => {
    expect([...METHODS].sort()).toEqual(Object.keys(REQUESTS).sort());
    expect(new Set(METHODS).size).toBe(METHODS.length);
    for (const m of METHODS) expect(isMethod(m)).toBe(true);
    expect(isMethod('hasOwnProperty')).toBe(false);
  });

  it('derives the event names, and every event a request may emit is one of them', () => {
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(EVENTS).sort());
    for (const m of METHODS) for (const e of REQUESTS[m].emits) expect(isEventName(e)).toBe(true);
    expect(isEventName('constructor')).toBe(false);
  });

  it('a typed in-process call runs the same validation and unwraps the result', async () => {
    const handlers = Object.fromEntries(METHODS.map((m) => [m, (p: unknown) => ({ method: m, params: p })])) as unknown as Handlers;
    const invoke = invoker(dispatch(handlers));
    expect(await invoke('setManualMood', 'happy')).toEqual({ method: 'setManualMood', params: 'happy' });
    const refused = await invoke('setManualMood', 'bored' as never).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('invalid-input');
    expect((refused as ApiError).message).toMatch(/emotion must be one of/);
  });
});
