/**
 * The after-school fund's arithmetic (annex 1 二(三), 三(二)3, 三(六)): pure functions over integer fen.
 *
 * Rounding, stated once and used everywhere:
 * - 多退少不补 (三(六)二): a part-fen is never kept from a family. A refund or a waiver rounds UP to the
 *   fen; a charge computed from a fraction (summer hours) rounds DOWN.
 * - A complement is never rounded on its own: what is kept is what was paid less the refund, what is
 *   charged is the gross less the waiver. So kept + refund = paid and charged + waived = gross hold
 *   exactly for every pupil, and so for every sum of pupils (a term statement reconciles to the fen).
 * Products are taken in BigInt so no intermediate passes 2^53.
 */

/** Integer fen, never a float. */
export type Fen = number;

function assertFen(v: number, what: string): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${what} must be a non-negative integer number of fen (got ${v})`);
}
function assertCount(v: number, what: string): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${what} must be a non-negative integer (got ${v})`);
}

/** ⌈a·b / c⌉ in integers. */
export function mulDivCeil(a: number, b: number, c: number): number {
  if (c <= 0) throw new RangeError('divisor must be positive');
  const p = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  return Number((p + d - 1n) / d);
}
/** ⌊a·b / c⌋ in integers. */
export function mulDivFloor(a: number, b: number, c: number): number {
  if (c <= 0) throw new RangeError('divisor must be positive');
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** A term's service fee before any waiver: the county's per-session rate times the sessions paid for (二(三)). */
export function termGrossFen(sessionFen: Fen, sessions: number): Fen {
  assertFen(sessionFen, 'sessionFen');
  assertCount(sessions, 'sessions');
  const v = sessionFen * sessions;
  assertFen(v, 'gross fee');
  return v;
}

/** A waiver recorded case by case (根据实际情况, 二(三)): a sum, or a share in basis points (10000 = all). */
export type Waiver = { amountFen: Fen; shareBp?: null } | { shareBp: number; amountFen?: null };

/** What a waiver takes off a gross fee: a sum (at most the fee), or a share rounded up to the fen. */
export function waivedFen(grossFen: Fen, waiver: Waiver | null | undefined): Fen {
  assertFen(grossFen, 'grossFen');
  if (!waiver) return 0;
  if (waiver.amountFen != null) {
    assertFen(waiver.amountFen, 'waiver amountFen');
    return Math.min(grossFen, waiver.amountFen);
  }
  const bp = waiver.shareBp!;
  if (!Number.isInteger(bp) || bp < 0 || bp > 10000) throw new RangeError(`waiver shareBp must be 0–10000 (got ${bp})`);
  return mulDivCeil(grossFen, bp, 10000);
}

export interface FeeBreakdown {
  /** rate × units: what the service costs before a waiver. */
  grossFen: Fen;
  /** What the recorded waiver takes off. */
  waivedFen: Fen;
  /** What the family pays: gross − waived. */
  chargedFen: Fen;
}

/** A term charge from the rate, the sessions and the pupil's waiver (if any). */
export function termCharge(sessionFen: Fen, sessions: number, waiver?: Waiver | null): FeeBreakdown {
  const grossFen = termGrossFen(sessionFen, sessions);
  const w = waivedFen(grossFen, waiver);
  return { grossFen, waivedFen: w, chargedFen: grossFen - w };
}

/**
 * Summer care (三(二)3): charged per hour at the term-time hourly rate. The county's rate is per session
 * of `sessionMinutes`; the hourly rate is sessionFen·60/sessionMinutes, and the charge for `minutes` of
 * care is ⌊sessionFen·minutes / sessionMinutes⌋ — rounded once, on the total, down (少不补).
 */
export function summerGrossFen(sessionFen: Fen, sessionMinutes: number, minutes: number): Fen {
  assertFen(sessionFen, 'sessionFen');
  assertCount(minutes, 'minutes');
  if (!Number.isInteger(sessionMinutes) || sessionMinutes <= 0) throw new RangeError('sessionMinutes must be a positive integer');
  return mulDivFloor(sessionFen, minutes, sessionMinutes);
}

/** A summer-care charge: the hours at the hourly rate, less the waiver. */
export function summerCharge(sessionFen: Fen, sessionMinutes: number, minutes: number, waiver?: Waiver | null): FeeBreakdown {
  const grossFen = summerGrossFen(sessionFen, sessionMinutes, minutes);
  const w = waivedFen(grossFen, waiver);
  return { grossFen, waivedFen: w, chargedFen: grossFen - w };
}

export interface Settlement {
  /** What the fund keeps for the sessions used: paid − refund. */
  keptFen: Fen;
  /** What goes back: the unused share of what was paid, rounded up to the fen. */
  refundFen: Fen;
  /** Sessions counted as used (attended), at most the sessions paid for. */
  sessionsUsed: number;
}

/**
 * Withdrawal (三(六)二: 据实结算并清退剩余费用): the fee is settled on actual use. Of `paidFen` for
 * `sessionsPaid` sessions, after `sessionsUsed` attended, the refund is
 * ⌈paid·(sessionsPaid − used)/sessionsPaid⌉ and the fund keeps the rest. 7 of 20 used → 13/20 back.
 * Use beyond what was paid for is not charged again (少不补): it counts as all used, refund 0.
 */
export function settleWithdrawal(paidFen: Fen, sessionsPaid: number, sessionsUsed: number): Settlement {
  assertFen(paidFen, 'paidFen');
  assertCount(sessionsPaid, 'sessionsPaid');
  assertCount(sessionsUsed, 'sessionsUsed');
  if (sessionsPaid === 0) return { keptFen: paidFen, refundFen: 0, sessionsUsed: 0 };
  const used = Math.min(sessionsUsed, sessionsPaid);
  const refundFen = mulDivCeil(paidFen, sessionsPaid - used, sessionsPaid);
  return { keptFen: paidFen - refundFen, refundFen, sessionsUsed: used };
}

/** One pupil's line of a term statement. */
export interface StatementLine {
  grossFen: Fen;
  waivedFen: Fen;
  chargedFen: Fen;
  refundFen: Fen;
  keptFen: Fen;
}

export interface StatementTotals extends StatementLine {
  lines: number;
  /** gross − waived = charged and kept + refund = charged, summed over the lines. */
  reconciles: boolean;
}

/** Totals of a term statement and whether they reconcile (they do whenever each line was built here). */
export function statementTotals(lines: readonly StatementLine[]): StatementTotals {
  const t = { grossFen: 0, waivedFen: 0, chargedFen: 0, refundFen: 0, keptFen: 0 };
  for (const l of lines) {
    t.grossFen += l.grossFen;
    t.waivedFen += l.waivedFen;
    t.chargedFen += l.chargedFen;
    t.refundFen += l.refundFen;
    t.keptFen += l.keptFen;
  }
  const reconciles = t.grossFen - t.waivedFen === t.chargedFen && t.keptFen + t.refundFen === t.chargedFen && lines.every((l) => l.grossFen - l.waivedFen === l.chargedFen && l.keptFen + l.refundFen === l.chargedFen);
  return { ...t, lines: lines.length, reconciles };
}

/** Fen as yuan for people and exports: 12345 → "123.45" (a string: never a float on the way). */
export function fenToYuan(fen: Fen): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
