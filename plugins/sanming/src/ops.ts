/** Writes of the Sanming regime, used by its mutations and its seed (inside the mutation's transaction). */
import { and, eq, isNull } from 'drizzle-orm';
import { addDays, badInput, createGroup, createPost, getGroup, tables as core, type Db, type Registry, type SchoolGroupRow } from '@gongzhi/core';
import { KIND, ROLE, type Authority } from './repo.js';
import { appointments, decisions, schoolAuthorities, zongxiaoProfiles } from './tables.js';

export interface FormInput {
  localityCode: string;
  name: string;
  level: string;
  legalPersons: string | null;
  leadSchoolCode: string;
  memberSchoolCodes: string[];
  validFrom: string;
  isSample?: boolean | null;
}

export async function formZongxiao(db: Db, input: FormInput): Promise<SchoolGroupRow> {
  const group = await createGroup(db, { kind: KIND, name: input.name, localityCode: input.localityCode, leadSchoolCode: input.leadSchoolCode, memberSchoolCodes: input.memberSchoolCodes, validFrom: input.validFrom, isSample: input.isSample });
  await db.insert(zongxiaoProfiles).values({ groupId: group.id, level: input.level, legalPersons: input.legalPersons });
  return group;
}

export async function getZongxiao(db: Db, id: string): Promise<SchoolGroupRow> {
  return getGroup(db, id, KIND);
}

/** Record a school's authority from a date (the same date again replaces it). */
export async function setAuthority(db: Db, schoolCode: string, authority: Authority, validFrom: string): Promise<void> {
  await db
    .insert(schoolAuthorities)
    .values({ schoolCode, authority, validFrom })
    .onConflictDoUpdate({ target: [schoolAuthorities.schoolCode, schoolAuthorities.validFrom], set: { authority, updatedAt: new Date() } });
}

export interface ConsultationInput {
  bureauCode: string;
  consultedOn: string;
  agreementReached: boolean;
  agreement?: string | null;
}

export interface DecisionInput {
  groupId: string;
  schoolCode: string;
  kind: string;
  subject: string;
  decidedOn: string;
  personId?: string | null;
  consultation?: ConsultationInput | null;
}

export async function recordDecision(db: Db, input: DecisionInput) {
  const [row] = await db
    .insert(decisions)
    .values({
      groupId: input.groupId,
      schoolCode: input.schoolCode,
      kind: input.kind,
      subject: input.subject,
      decidedOn: input.decidedOn,
      personId: input.personId ?? null,
      consultedBureauCode: input.consultation?.bureauCode ?? null,
      consultedOn: input.consultation?.consultedOn ?? null,
      agreementReached: input.consultation?.agreementReached ?? null,
      agreement: input.consultation?.agreement ?? null,
    })
    .returning();
  return row!;
}

/** The 总校长: the current one's post ends the day before, the new one starts (one transaction). */
export async function appointGeneralPrincipal(db: Db, registry: Registry, g: SchoolGroupRow, input: { personId: string; validFrom: string; appointedBy: string; documentRef?: string | null }) {
  const open = await db.select().from(core.posts).where(and(eq(core.posts.groupId, g.id), eq(core.posts.role, ROLE.GENERAL_PRINCIPAL), isNull(core.posts.archivedAt)));
  for (const p of open) {
    if (p.validFrom >= input.validFrom) throw badInput('input.validFrom', { zh: `现任总校长自 ${p.validFrom} 起任职，新任命须晚于该日`, en: `the current 总校长 serves from ${p.validFrom}; a new one starts later` });
    if (!p.validTo || p.validTo >= input.validFrom) await db.update(core.posts).set({ validTo: addDays(input.validFrom, -1), updatedAt: new Date() }).where(eq(core.posts.id, p.id));
  }
  const post = await createPost(db, registry, { personId: input.personId, role: ROLE.GENERAL_PRINCIPAL, groupId: g.id, validFrom: input.validFrom });
  await db.insert(appointments).values({ postId: post.id, appointedBy: input.appointedBy, documentRef: input.documentRef ?? null });
  return { post, ended: open.map((p) => p.id) };
}

/** A 执行校长 at a member: the personnel decision with its consultation, then the post and who appointed. */
export async function appointExecutivePrincipal(
  db: Db,
  registry: Registry,
  g: SchoolGroupRow,
  input: { schoolCode: string; personId: string; validFrom: string; appointedBy: string; documentRef?: string | null; consultation?: ConsultationInput | null },
) {
  const decision = await recordDecision(db, { groupId: g.id, schoolCode: input.schoolCode, kind: 'PERSONNEL', subject: `任命执行校长（${input.schoolCode}）`, decidedOn: input.validFrom, personId: input.personId, consultation: input.consultation });
  const post = await createPost(db, registry, { personId: input.personId, role: ROLE.EXECUTIVE_PRINCIPAL, schoolCode: input.schoolCode, validFrom: input.validFrom });
  await db.insert(appointments).values({ postId: post.id, appointedBy: input.appointedBy, documentRef: input.documentRef ?? null, decisionId: decision.id });
  return { post, decision };
}
