import { describe, expect, it } from 'vitest';
import { uuidOf } from '../src/ids.js';

const UUID = '6e7bdc9f-a0a5-4e68-8916-3099af8ace88';
const global = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

describe('uuidOf: ids as clients send them', () => {
  it('takes a UUID as it is, and the UUID inside a Relay global ID', () => {
    expect(uuidOf(UUID)).toBe(UUID);
    expect(uuidOf(global('BeihaiXuequ', UUID))).toBe(UUID);
  });

  it('refuses a global ID of a type not asked for, and anything that is neither', () => {
    expect(uuidOf(global('School', UUID), (t) => t === 'Person')).toBeNull();
    expect(uuidOf(global('Person', 'not-a-uuid'))).toBeNull();
    expect(uuidOf('not-a-group')).toBeNull();
    expect(uuidOf('')).toBeNull();
  });
});
