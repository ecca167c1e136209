import { describe, expect, it } from 'vitest';
import { LoaderCache } from '../src/loaders.js';
import type { Db } from '../src/db.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LoaderCache: one batch per level, however the database times its answers', () => {
  it('loads asked for by two sibling batches that finish at different moments go out as one batch', async () => {
    const cache = new LoaderCache({} as Db);
    const batches: string[][] = [];
    // Two relations of one level, answered 5 ms and 40 ms after they were asked (a network database).
    const fast = cache.get<string, string>('fast', async (_db, keys) => (await sleep(5), keys.map((k) => `${k}-child`)));
    const slow = cache.get<string, string>('slow', async (_db, keys) => (await sleep(40), keys.map((k) => `${k}-child`)));
    // The level below, asked for by both.
    const child = cache.get<string, string>('child', async (_db, keys) => (batches.push([...keys]), keys.map((k) => k.toUpperCase())));
    const [a, b] = await Promise.all([fast.load('a').then((k) => child.load(k)), slow.load('b').then((k) => child.load(k))]);
    expect([a, b]).toEqual(['A-CHILD', 'B-CHILD']);
    expect(batches).toEqual([['a-child', 'b-child']]);
  });

  it('a failing batch does not hold the next level back', async () => {
    const cache = new LoaderCache({} as Db);
    const broken = cache.get<string, string>('broken', async () => {
      throw new Error('database gone');
    });
    const next = cache.get<string, string>('next', async (_db, keys) => keys.map((k) => k));
    await expect(broken.load('x')).rejects.toThrow('database gone');
    await expect(next.load('y')).resolves.toBe('y');
  });

  it('past the request deadline no batch goes out: its loads fail with TIMEOUT', async () => {
    let sent = 0;
    const late = new LoaderCache({} as Db, { deadline: Date.now() - 1 });
    const loader = late.get<string, string>('late', async (_db, keys) => (sent++, keys.map((k) => k)));
    await expect(loader.load('x')).rejects.toMatchObject({ extensions: { code: 'TIMEOUT' } });
    expect(sent).toBe(0);
    const onTime = new LoaderCache({} as Db, { deadline: Date.now() + 60_000 });
    await expect(onTime.get<string, string>('onTime', async (_db, keys) => keys.map((k) => k)).load('y')).resolves.toBe('y');
  });

  it('now() answers at once what the request holds (primed, or loaded by a batch), and a promise otherwise; a write forgets it', async () => {
    const cache = new LoaderCache({} as Db);
    let sent = 0;
    const loader = cache.get<{ code: string }, string | Error>(
      'now',
      async (_db, keys) => (sent++, keys.map((k) => (k.code === 'bad' ? new Error('no such row') : k.code.toUpperCase()))),
      (k) => k.code,
    );
    loader.prime({ code: 'p' }, 'primed');
    expect(loader.now({ code: 'p' })).toBe('primed');
    const pending = loader.now({ code: 'a' });
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).resolves.toBe('A');
    expect(loader.now({ code: 'a' })).toBe('A');
    // An error is not kept for now(): it comes back through the load, as a rejection.
    await expect(loader.now({ code: 'bad' })).rejects.toThrow('no such row');
    const stillBad = loader.now({ code: 'bad' });
    expect(stillBad).toBeInstanceOf(Promise);
    await expect(stillBad).rejects.toThrow('no such row');
    expect(sent).toBe(2);
    cache.clear();
    const again = loader.now({ code: 'a' });
    expect(again).toBeInstanceOf(Promise);
    await expect(again).resolves.toBe('A');
    expect(sent).toBe(3);
  });
});
