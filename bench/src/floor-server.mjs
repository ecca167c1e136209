// The SQL floor: what a hand-written server answers the same workloads with — node:http, pg (a
// pool of 10, as Gongzhi's), one or two SQL statements a request, JSON shaped like Gongzhi's answer.
//   DATABASE_URL=postgres://… PORT=… node bench/src/floor-server.mjs
// GET /p1?county=&year=   P1 county dashboard: 50 schools × principal, staff count, the year's stats
// GET /p2?code=           P2 school detail: one school, its first 50 staff (and their count), its groups
// GET /p3?county=&after=  P3 a page of 100 schools after a cursor (the last code of the page before)
import http from 'node:http';
import pg from 'pg';

pg.types.setTypeParser(1082, (v) => v); // dates stay ISO strings, as in GraphQL
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
pool.on('error', () => {});
const port = Number(process.env.PORT ?? 4200);

/** Today in Shanghai: posts and memberships "in force" on it, as Gongzhi's default asOf. */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const IN_FORCE = (t, d) => `${t}.valid_from <= ${d} and (${t}.valid_to is null or ${t}.valid_to >= ${d})`;

const P1 = `
select s.code, s.name,
  (select coalesce(json_agg(json_build_object('person', json_build_object('name', pe.name, 'title', pe.title)) order by p.valid_from, p.id), '[]')
     from core.posts p join core.people pe on pe.id = p.person_id
    where p.school_code = s.code and p.role = 'PRINCIPAL' and ${IN_FORCE('p', '$3::date')} and p.archived_at is null) as principal,
  (select count(*)::int from core.posts p where p.school_code = s.code and ${IN_FORCE('p', '$3::date')} and p.archived_at is null) as staff_count,
  st.school_code is not null as has_stats, st.enrollment_primary, st.enrollment_junior, st.classes, st.teaching_aux_area_m2, st.multimedia_classrooms
from (select code, name from core.schools where county_code = $1 and archived_at is null order by code limit 50) s
left join core.school_year_stats st on st.school_code = s.code and st.school_year = $2
order by s.code`;

const P2_SCHOOL = `
select s.code, s.name, s.stages,
  (select coalesce(json_agg(json_build_object('name', g.name, 'kind', g.kind, 'validFrom', g.valid_from) order by g.name, g.id), '[]')
     from core.group_members m join core.school_groups g on g.id = m.group_id
    where m.school_code = s.code and ${IN_FORCE('m', '$2::date')} and ${IN_FORCE('g', '$2::date')} and g.archived_at is null) as groups
from core.schools s where s.code = $1`;
const P2_STAFF = `
select p.role, p.valid_from, p.stage, pe.name, pe.gender, pe.title, pe.backbone_level, count(*) over ()::int as total
from core.posts p join core.people pe on pe.id = p.person_id
where p.school_code = $1 and ${IN_FORCE('p', '$2::date')} and p.archived_at is null
order by p.role, p.valid_from, p.id
limit 50`;

const P3 = `
select code, name, stages, area, is_boarding, school_type,
  (select count(*)::int from core.schools where county_code = $1 and archived_at is null) as total
from core.schools
where county_code = $1 and archived_at is null and code > $2
order by code
limit 101`;

const handlers = {
  async '/p1'(q) {
    const { rows } = await pool.query(P1, [q.get('county'), q.get('year'), today()]);
    return {
      schools: {
        nodes: rows.map((r) => ({
          code: r.code,
          name: r.name,
          principal: { nodes: r.principal },
          staffCount: { totalCount: r.staff_count },
          yearStats: r.has_stats
            ? { enrollmentPrimary: r.enrollment_primary, enrollmentJunior: r.enrollment_junior, classes: r.classes, teachingAuxAreaM2: r.teaching_aux_area_m2, multimediaClassrooms: r.multimedia_classrooms }
            : null,
        })),
      },
    };
  },
  async '/p2'(q) {
    const d = today();
    const school = (await pool.query(P2_SCHOOL, [q.get('code'), d])).rows[0];
    if (!school) return { school: null };
    const staff = (await pool.query(P2_STAFF, [q.get('code'), d])).rows;
    return {
      school: {
        code: school.code,
        name: school.name,
        stages: school.stages,
        staff: {
          totalCount: staff[0]?.total ?? 0,
          nodes: staff.map((p) => ({ role: p.role, validFrom: p.valid_from, stage: p.stage, person: { name: p.name, gender: p.gender, title: p.title, backboneLevel: p.backbone_level } })),
        },
        groups: school.groups,
      },
    };
  },
  async '/p3'(q) {
    const after = q.get('after') ? Buffer.from(q.get('after'), 'base64url').toString() : '';
    const rows = (await pool.query(P3, [q.get('county'), after])).rows;
    const page = rows.slice(0, 100);
    return {
      schools: {
        totalCount: rows[0]?.total ?? 0,
        pageInfo: { hasNextPage: rows.length > 100, endCursor: page.length ? Buffer.from(page[page.length - 1].code).toString('base64url') : null },
        nodes: page.map((s) => ({ code: s.code, name: s.name, stages: s.stages, area: s.area, isBoarding: s.is_boarding, schoolType: { code: s.school_type } })),
      },
    };
  },
  async '/health'() {
    await pool.query('select 1');
    return { status: 'ok' };
  },
};

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const handler = handlers[url.pathname];
  try {
    if (!handler) throw Object.assign(new Error('not found'), { status: 404 });
    const data = await handler(url.searchParams);
    const body = JSON.stringify({ data });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  } catch (e) {
    res.writeHead(e.status ?? 500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ message: e.message }] }));
  }
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => console.log(`floor ready on http://127.0.0.1:${port} (node ${process.version}, pid ${process.pid})`));
const stop = async () => {
  server.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
