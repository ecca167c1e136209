/** Query fields: a school's attendance week (二(一)3), its pupils (pii only), a school's education groups. */
import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import { asOfOrToday, addDays, getSchool, keysetConnection, schoolLoader, zDate, zSchoolCode, type PluginSchemaApi, type SchoolGroupRow } from '@gongzhi/core';
import { attendance, attendanceWeeks, pupils } from '../tables.js';
import { countyGroupsLoader } from '../repo.js';
import { canReadPupils } from './pupils.js';
import type { HezhangTypes } from './types.js';

interface Week {
  schoolCode: string;
  countyCode: string;
  weekStart: string;
}

export function addQueries({ builder, refs }: PluginSchemaApi, h: HezhangTypes) {
  const cursorOf = (r: { personId: string; day: string }) => Buffer.from(`${r.personId}|${r.day}`).toString('base64url');

  const WeekRef = builder.objectRef<Week>('HezhangAttendanceWeek').implement({
    description: '一周考勤 — a school’s attendance for a week (Monday to Sunday), and whether it was published (二(一)3 每周公布一次).',
    fields: (t) => ({
      school: t.field({ type: refs.School, description: 'The school.', resolve: async (w, _, ctx) => (await schoolLoader(ctx).load(w.schoolCode))! }),
      weekStart: t.field({ type: 'Date', description: 'The Monday.', resolve: (w) => w.weekStart }),
      publishedAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When it was published; null while it is not.',
        resolve: async (w, _, ctx) => (await ctx.db.select().from(attendanceWeeks).where(and(eq(attendanceWeeks.schoolCode, w.schoolCode), eq(attendanceWeeks.weekStart, w.weekStart))))[0]?.publishedAt ?? null,
      }),
      summary: t.field({
        type: builder.objectRef<{ days: number; absences: number }>('HezhangAttendanceWeekSummary').implement({
          description: 'Counts of the week’s recorded days.',
          fields: (s) => ({ days: s.exposeInt('days', { description: 'Staff-days recorded.' }), absences: s.exposeInt('absences', { description: 'Of which absences.' }) }),
        }),
        description: 'How many staff-days were recorded, and how many were absences (counted in SQL).',
        resolve: async (w, _, ctx) => {
          const [r] = await ctx.db
            .select({ days: sql<number>`count(*)::int`, absences: sql<number>`count(${attendance.absenceKind})::int` })
            .from(attendance)
            .where(and(eq(attendance.schoolCode, w.schoolCode), sql`${attendance.day} between ${w.weekStart}::date and ${addDays(w.weekStart, 6)}::date`));
          return { days: Number(r?.days ?? 0), absences: Number(r?.absences ?? 0) };
        },
      }),
      days: t.connection(
        {
        type: h.AttendanceDay,
        description: 'The week’s days, by person then day (keyset-paginated).',
        resolve: (w, args, ctx) =>
          keysetConnection(
            args,
            cursorOf,
            async ({ after, limit }) => {
              const [p, d] = after ? Buffer.from(after, 'base64url').toString().split('|') : [];
              return ctx.db
                .select()
                .from(attendance)
                .where(
                  and(
                    eq(attendance.schoolCode, w.schoolCode),
                    sql`${attendance.day} between ${w.weekStart}::date and ${addDays(w.weekStart, 6)}::date`,
                    p ? or(gt(attendance.personId, p), and(eq(attendance.personId, p), gt(attendance.day, d!))) : undefined,
                  ),
                )
                .orderBy(asc(attendance.personId), asc(attendance.day))
                .limit(limit);
            },
            async () => 0,
          ) as never,
        },
        { name: 'HezhangAttendanceDayConnection', description: 'A page of a week’s attendance days.' },
        { name: 'HezhangAttendanceDayEdge', description: 'An attendance day and its cursor.' },
      ),
    }),
  });

  const PupilConnection = builder.connectionObject({ type: h.Pupil, name: 'HezhangPupilConnection', description: 'A page of pupils.', fields: (c) => ({ totalCount: c.int({ description: 'All the school’s pupils (counted only when asked for).', resolve: (conn) => (conn as unknown as { totalCount: () => Promise<number> }).totalCount() }) }) }, { name: 'HezhangPupilEdge', description: 'A pupil and its cursor.' });

  builder.queryFields((t) => ({
    hezhangAttendanceWeek: t.field({
      type: WeekRef,
      description: '一周考勤 — a school’s week of attendance (二(一)3): its days, counts and publication. Reads the index (school, day): fast at 2 million rows a year.',
      args: {
        schoolCode: t.arg({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
        weekStart: t.arg({ type: 'Date', required: true, validate: zDate.refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, 'a week starts on a Monday'), description: 'The Monday the week starts.' }),
      },
      resolve: async (_, a, ctx) => {
        const s = await getSchool(ctx.db, a.schoolCode);
        return { schoolCode: s.code, countyCode: s.countyCode, weekStart: a.weekStart };
      },
    }),
    // Minors' data is @inaccessible, as core's personal fields: absent from the published supergraph,
    // so no router or contract reaches it; only this subgraph's own endpoint, with the `pii` scope.
    hezhangPupils: t.field({
      inaccessible: true,
      type: PupilConnection,
      nullable: true,
      description: '学生 — a school’s pupils with their skills (二(二)2). Minors’ data: null without the `pii` scope for the school’s county; each pupil returned is audited.',
      args: {
        schoolCode: t.arg({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
        first: t.arg.int({ description: 'Page size (at most 500).' }),
        after: t.arg.string({ description: 'The cursor after which the page starts.' }),
      },
      resolve: async (_, a, ctx) => {
        const s = await getSchool(ctx.db, a.schoolCode);
        if (!canReadPupils(ctx, s.countyCode)) return null;
        const conn = await keysetConnection(
          a,
          (p: typeof pupils.$inferSelect) => p.pupilRef,
          ({ after, limit }) =>
            ctx.db
              .select()
              .from(pupils)
              .where(and(eq(pupils.schoolCode, s.code), after ? gt(pupils.pupilRef, after) : undefined))
              .orderBy(asc(pupils.pupilRef), asc(pupils.id))
              .limit(limit),
          async () => Number((await ctx.db.select({ n: sql<number>`count(*)::int` }).from(pupils).where(eq(pupils.schoolCode, s.code)))[0]?.n ?? 0),
        );
        for (const e of conn.edges) canReadPupils(ctx, s.countyCode, e.node.id, 'pupil');
        return conn as never;
      },
    }),
  }));

  builder.objectField(refs.School, 'hezhangEducationGroups', (t) =>
    t.field({
      type: [refs.SchoolGroup],
      description: '教育集团 — the Hezhang education groups the school is in on a date (today by default): the senior group that lists it, the compulsory group its township puts it in (none for a county-town school).',
      args: { asOf: t.arg({ type: 'Date', description: 'The day asked about; today when omitted.' }) },
      resolve: async (s, args, ctx) => ((await countyGroupsLoader(ctx).load({ id: s.countyCode, asOf: asOfOrToday(ctx, args.asOf) })).get(s.code) ?? []) as SchoolGroupRow[],
    }),
  );
}
