/**
 * 县管校聘 (三(四)2) and 学区内调配 (三(四)3): the county hires the teacher, the central school places
 * them at a member school and may move them across the 学区 — "学校人" becomes "学区人". A placement
 * is a core TEACHER post (so the national measures count the teacher at the school) plus a row
 * naming the 学区. A move ends the old post the day before and opens a new one.
 *
 * A move outside the 学区 is refused as BAD_USER_INPUT on `input.toSchoolCode`, not as a rule: the
 * catalogue has no rule for it, and the teacher's 学区 is simply where the move is allowed to go.
 */
import { and, eq, isNull } from 'drizzle-orm';
import {
  addDays,
  badInput,
  createPost,
  getPerson,
  getSchool,
  inForceOn,
  membersOn,
  tables as core,
  updatePost,
  type Db,
  type PostRow,
  type Registry,
  type SchoolGroupRow,
} from '@gongzhi/core';
import { teacherPlacements } from '../tables.js';
import { assertMemberOn } from './records.js';
import type { PlacementKind } from '../domain.js';

export type PlacementRow = typeof teacherPlacements.$inferSelect;
export interface Placement {
  placement: PlacementRow;
  post: PostRow;
}


/** The teacher's placement in force on a date, in any 学区. */
export async function placementOn(db: Db, personId: string, date: string): Promise<Placement | null> {
  const [row] = await db
    .select({ placement: teacherPlacements, post: core.posts })
    .from(teacherPlacements)
    .innerJoin(core.posts, eq(core.posts.id, teacherPlacements.postId))
    .where(and(eq(core.posts.personId, personId), isNull(core.posts.archivedAt), inForceOn(core.posts.validFrom, core.posts.validTo, date)));
  return row ?? null;
}

async function open(db: Db, registry: Registry, group: SchoolGroupRow, personId: string, schoolCode: string, validFrom: string, kind: PlacementKind): Promise<Placement> {
  const post = await createPost(db, registry, { personId, role: 'TEACHER', schoolCode, validFrom });
  const [placement] = await db.insert(teacherPlacements).values({ postId: post.id, groupId: group.id, kind }).returning();
  return { placement: placement!, post };
}

export async function placeTeacher(db: Db, registry: Registry, group: SchoolGroupRow, input: { personId: string; schoolCode: string; validFrom: string }): Promise<Placement> {
  await getPerson(db, input.personId);
  await assertMemberOn(db, group, input.schoolCode, input.validFrom, 'input.schoolCode');
  const current = await placementOn(db, input.personId, input.validFrom);
  if (current)
    throw badInput('input.personId', {
      zh: `该教师在 ${input.validFrom} 已聘任在学校 ${current.post.schoolCode}，请用 moveHuayuankouTeacher 调配`,
      en: `the teacher is already placed at school ${current.post.schoolCode} on ${input.validFrom}; use moveHuayuankouTeacher`,
    });
  return open(db, registry, group, input.personId, input.schoolCode, input.validFrom, 'PLACEMENT');
}

/** Move a placed teacher to another member school of their 学区 from `date` (their first day there). */
export async function moveTeacher(db: Db, registry: Registry, group: SchoolGroupRow, current: Placement, input: { toSchoolCode: string; date: string }): Promise<Placement> {
  const school = await getSchool(db, input.toSchoolCode);
  if (current.post.schoolCode === input.toSchoolCode)
    throw badInput('input.toSchoolCode', { zh: `该教师已在 ${school.name}`, en: `the teacher is already at ${school.name}` });
  if (input.date <= current.post.validFrom)
    throw badInput('input.date', { zh: `调配日期应晚于到校日期 ${current.post.validFrom}`, en: `a move must come after the placement began (${current.post.validFrom})` });
  if (!(await membersOn(db, group.id, input.date)).some((m) => m.schoolCode === input.toSchoolCode))
    throw badInput(
      'input.toSchoolCode',
      {
        zh: `${school.name} 不是「${group.name}」的成员学校：中心校在本学区内统一调配教师（三(四)3）；调往其他学区须由县里重新安置（placeHuayuankouTeacher）`,
        en: `${school.name} is not a member of ${group.name}: the central school moves teachers within its 学区 (三(四)3); a move to another 学区 is a new placement by the county (placeHuayuankouTeacher)`,
      },
      { groupId: group.id, schoolCode: input.toSchoolCode },
    );
  await updatePost(db, registry, current.post.id, { validTo: addDays(input.date, -1) });
  return open(db, registry, group, current.post.personId, input.toSchoolCode, input.date, 'TRANSFER');
}
