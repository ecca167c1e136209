/**
 * The fund's arithmetic (annex 1 二(三), 三(二)3, 三(六)) on its own: the worked example of the issue, and
 * a property test over random terms — charges kept plus refunds always equal what was paid, no fen lost
 * or made, each refund within one fen of the exact unused share and never below it (多退少不补).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fenToYuan, settleWithdrawal, statementTotals, summerGrossFen, termCharge, waivedFen, type StatementLine } from '../../src/after-school/money.js';

describe('hezhang.withdrawal-refund (annex 1 三(六)二): settled on actual use, to the fen', () => {
  it('7 of 20 paid sessions attended → 13/20 of the fee back', () => {
    const paid = termCharge(1500, 20).chargedFen; // 15.00 yuan a session × 20 = 300.00
    expect(paid).toBe(30000);
    expect(settleWithdrawal(paid, 20, 7)).toEqual({ refundFen: 19500, keptFen: 10500, sessionsUsed: 7 });
  });
  it('a part-fen of refund goes to the family (rounds up), and kept is the complement', () => {
    // 10001 × 13/20 = 6500.65 → 6501 back, 3500 kept.
    expect(settleWithdrawal(10001, 20, 7)).toEqual({ refundFen: 6501, keptFen: 3500, sessionsUsed: 7 });
  });
  it('nothing used → all back; all used (or more) → nothing back and nothing more asked', () => {
    expect(settleWithdrawal(999, 3, 0).refundFen).toBe(999);
    expect(settleWithdrawal(999, 3, 3).refundFen).toBe(0);
    expect(settleWithdrawal(999, 3, 5)).toEqual({ refundFen: 0, keptFen: 999, sessionsUsed: 3 });
  });
  it('refuses a float or a negative sum', () => {
    expect(() => settleWithdrawal(10.5, 2, 1)).toThrow(RangeError);
    expect(() => settleWithdrawal(-1, 2, 1)).toThrow(RangeError);
  });
});

describe('hezhang.fee-waiver (annex 1 二(三)): a waiver by sum or by share', () => {
  it('a sum takes at most the fee; a share rounds up for the family', () => {
    expect(waivedFen(30000, { amountFen: 50000 })).toBe(30000);
    expect(waivedFen(30001, { shareBp: 5000 })).toBe(15001);
    expect(termCharge(1500, 20, { shareBp: 10000 })).toEqual({ grossFen: 30000, waivedFen: 30000, chargedFen: 0 });
  });
});

describe('hezhang.summer-care-limits (annex 1 三(二)3): per hour at the term-time hourly rate', () => {
  it('a 120-minute session rate of 15.00 → 7.50 an hour; 6 h × 15 days = 675.00; part-fen rounds down', () => {
    expect(summerGrossFen(1500, 120, 6 * 60 * 15)).toBe(67500);
    expect(summerGrossFen(1001, 120, 60)).toBe(500); // 500.5 → 500
  });
});

describe('reconciliation property (annex 1 三(六)二 多退少不补): kept + refunds = paid, over random terms', () => {
  const enrolment = fc.record({
    sessionFen: fc.integer({ min: 0, max: 100_000 }),
    sessions: fc.integer({ min: 0, max: 120 }),
    waiver: fc.option(fc.oneof(fc.record({ amountFen: fc.integer({ min: 0, max: 2_000_000 }) }), fc.record({ shareBp: fc.integer({ min: 0, max: 10000 }) })), { nil: null }),
    attended: fc.integer({ min: 0, max: 150 }),
    withdraws: fc.boolean(),
  });
  it('no fen lost or made, per pupil and in the term totals', () => {
    fc.assert(
      fc.property(fc.array(enrolment, { maxLength: 60 }), (term) => {
        let paidTotal = 0;
        const lines: StatementLine[] = term.map((e) => {
          const fee = termCharge(e.sessionFen, e.sessions, e.waiver as never);
          paidTotal += fee.chargedFen;
          const s = e.withdraws ? settleWithdrawal(fee.chargedFen, e.sessions, e.attended) : { keptFen: fee.chargedFen, refundFen: 0, sessionsUsed: e.sessions };
          expect(Number.isSafeInteger(s.refundFen) && s.refundFen >= 0 && s.keptFen >= 0).toBe(true);
          expect(s.keptFen + s.refundFen).toBe(fee.chargedFen);
          expect(fee.grossFen - fee.waivedFen).toBe(fee.chargedFen);
          if (e.withdraws && e.sessions > 0) {
            // The refund is the exact unused share rounded up: never below it, less than one fen above.
            const unused = e.sessions - Math.min(e.attended, e.sessions);
            const exactTimesN = BigInt(fee.chargedFen) * BigInt(unused);
            expect(BigInt(s.refundFen) * BigInt(e.sessions) >= exactTimesN).toBe(true);
            expect(BigInt(s.refundFen - 1) * BigInt(e.sessions) < exactTimesN || s.refundFen === 0).toBe(true);
          }
          return { ...fee, refundFen: s.refundFen, keptFen: s.keptFen };
        });
        const t = statementTotals(lines);
        expect(t.reconciles).toBe(true);
        expect(t.keptFen + t.refundFen).toBe(paidTotal);
        expect(t.chargedFen).toBe(paidTotal);
      }),
      { numRuns: 500 },
    );
  });
  it('a statement whose lines do not add up is caught', () => {
    expect(statementTotals([{ grossFen: 100, waivedFen: 0, chargedFen: 100, refundFen: 30, keptFen: 71 }]).reconciles).toBe(false);
  });
  it('fen print as yuan without floats', () => {
    expect(fenToYuan(30000)).toBe('300.00');
    expect(fenToYuan(6501)).toBe('65.01');
    expect(fenToYuan(7)).toBe('0.07');
  });
});
