import { describe, expect, it } from 'vitest';
import { changeDates, inForceOnDate, referenceDate, succession } from '../src/dated.js';

const r = (id: string, validFrom: string, validTo: string | null = null) => ({ id, validFrom, validTo });

describe('dated records', () => {
  it('succession: the record in force ends the day before; the same day corrects; one before a later record ends when it starts', () => {
    const history = [r('a', '2020-09-01', '2024-08-31'), r('b', '2024-09-01')];
    expect(succession(history, '2022-03-01')).toEqual({ sameDay: null, close: [{ row: history[0], validTo: '2022-02-28' }], validTo: '2024-08-31' });
    expect(succession(history, '2024-09-01')).toMatchObject({ sameDay: history[1], close: [], validTo: null });
    expect(succession(history, '2025-01-01', '2025-06-30')).toMatchObject({ close: [{ row: history[1], validTo: '2024-12-31' }], validTo: '2025-06-30' });
    expect(succession([], '2020-01-01')).toEqual({ sameDay: null, close: [], validTo: null });
  });

  it('inForceOnDate picks the record in force, the latest to start if several overlap', () => {
    const history = [r('a', '2020-09-01', '2022-08-31'), r('b', '2022-09-01')];
    expect(inForceOnDate(history, '2021-01-01')?.id).toBe('a');
    expect(inForceOnDate(history, '2030-01-01')?.id).toBe('b');
    expect(inForceOnDate(history, '2019-01-01')).toBeNull();
  });

  it('referenceDate: the year’s last day, today while it runs, its first day for a year to come', () => {
    expect(referenceDate('2020-2021', '2026-12-01')).toBe('2021-08-31');
    expect(referenceDate('2026-2027', '2026-12-01')).toBe('2026-12-01');
    expect(referenceDate('2030-2031', '2026-12-01')).toBe('2030-09-01');
  });

  it('changeDates: every day in the range on which a period starts or ends (the day after its last)', () => {
    expect(changeDates({ from: '2020-09-01', to: null }, [r('a', '2020-09-01', '2021-08-31'), r('b', '2019-01-01', '2023-12-31')])).toEqual(['2020-09-01', '2021-09-01', '2024-01-01']);
    expect(changeDates({ from: '2020-09-01', to: '2021-12-31' }, [r('a', '2022-01-01')])).toEqual(['2020-09-01']);
  });
});
