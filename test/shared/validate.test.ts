import { describe, expect, it } from 'vitest';
import { InvalidInput, isMethod, validateParams } from '../../src/shared/validate.js';

describe('request validation', () => {
  it('accepts well-formed calls', () => {
    expect(validateParams('setManualMood', 'happy')).toBe('happy');
    expect(validateParams('recommend', { emotion: 'sad', length: 5, exclude: ['a'] })).toEqual({
      emotion: 'sad',
      length: 5,
      exclude: ['a'],
    });
    expect(validateParams('updateSettings', { volume: 0.5, mode: 'live' })).toEqual({ volume: 0.5, mode: 'live' });
    expect(validateParams('getState', null)).toBeNull();
  });

  it('rejects what a renderer should never send', () => {
    expect(() => validateParams('setManualMood', 'ecstatic')).toThrow(InvalidInput);
    expect(() => validateParams('recommend', { emotion: 'sad', length: 1e9 })).toThrow(/length/);
    expect(() => validateParams('updateSettings', { volume: 3 })).toThrow(/volume/);
    expect(() => validateParams('updateSettings', { __proto__: 1, evil: true })).toThrow(/unknown field/);
    expect(() => validateParams('updateSettings', { cameraSource: '' })).toThrow(/camera/);
    expect(() => validateParams('getState', { x: 1 })).toThrow(/no parameters/);
    expect(isMethod('constructor')).toBe(false);
    expect(isMethod('snapshot')).toBe(true);
  });
});
