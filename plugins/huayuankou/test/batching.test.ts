import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { FORM, OTHER_TOWN, TEST_TOWN, YEAR, person, school, start } from './helpers.js';

/**
 * Every relation is batched: the SQL statements of a nested query over 中心校学区 grow with its depth,
 * never with the rows. Two townships of different size, the same query, the same count.
 */
let s: TestServer;

const TEN = ['PRINCIPAL_TEAM', 'TEACHER_ALLOCATION', 'TEACHING_QUALITY', 'EVALUATION_STANDARDS', 'MORAL_EDUCATION', 'PE_AND_ARTS', 'FUNDING', 'LAYOUT_PLANNING', 'FACILITIES_EQUIPMENT', 'INFORMATISATION'];
const KINDS = ['SPORTS_GROUND', 'LIBRARY', 'LABORATORY', 'SCIENCE_ACTIVITY_ROOM'];
const FROM = '2023-09-01';

/** How much of each record a 学区 of the data set gets. */
interface Size {
  districts: number;
  villageSchools: number;
  teachingPoints: number;
  specialitiesPerSchool: number;
  targets: number;
  facilities: number;
  usesPerFacility: number;
  teachers: number;
}

async function ok(query: string, i: Record<string, unknown>) {
  const r = await s.gql(query, { i });
  expect(r.errors).toBeUndefined();
  return r.data;
}

/** Builds the 学区 of one township through the API, each with every kind of record the plugin keeps. */
async function seedTownship(townshipCode: string, n: Size) {
  for (let d = 0; d < n.districts; d++) {
    const central = await school(s, { townshipCode, name: `中心校${townshipCode}-${d}` });
    const villages: string[] = [];
    for (let i = 0; i < n.villageSchools; i++) villages.push(await school(s, { townshipCode }));
    const points: string[] = [];
    for (let i = 0; i < n.teachingPoints; i++) points.push(await school(s, { townshipCode, schoolType: '218' }));
    const members = [central, ...villages, ...points];
    const formed = await ok(FORM, { name: `学区${townshipCode}-${d}`, leadSchoolCode: central, memberSchoolCodes: [...villages, ...points], validFrom: FROM });
    const districtId = formed.formHuayuankouCentralSchoolDistrict.district.groupId as string;

    for (const schoolCode of members)
      for (let k = 0; k < n.specialitiesPerSchool; k++)
        await ok(`mutation($i: RecordHuayuankouSpecialityInput!) { recordHuayuankouSpeciality(input: $i) { speciality { id } } }`, { schoolCode, name: `特色${k}`, validFrom: FROM });
    for (const integration of TEN.slice(0, n.targets))
      await ok(`mutation($i: SetHuayuankouIntegrationTargetInput!) { setHuayuankouIntegrationTarget(input: $i) { integrationTarget { status } } }`, {
        groupId: districtId,
        schoolYear: YEAR,
        integration,
        target: `${integration} 目标`,
        status: 'IN_PROGRESS',
      });
    await ok(`mutation($i: RecordPlanInput!) { recordPlan(input: $i) { plan { id } } }`, { groupId: districtId, kind: 'WORK_PLAN', title: `学区工作计划${d}`, schoolYear: YEAR, filedOn: FROM });
    await ok(`mutation($i: SetHuayuankouDistrictBrandInput!) { setHuayuankouDistrictBrand(input: $i) { brand { name } } }`, { groupId: districtId, name: `品牌${d}`, validFrom: FROM });

    for (let f = 0; f < n.facilities; f++) {
      const host = members[f % members.length]!;
      const made = await ok(`mutation($i: RecordHuayuankouSharedFacilityInput!) { recordHuayuankouSharedFacility(input: $i) { facility { id } } }`, {
        groupId: districtId,
        hostSchoolCode: host,
        kind: KINDS[f % KINDS.length],
        name: `场所${f}`,
        validFrom: FROM,
      });
      const facilityId = made.recordHuayuankouSharedFacility.facility.id as string;
      for (let u = 0; u < n.usesPerFacility; u++)
        await ok(`mutation($i: RecordHuayuankouFacilityUseInput!) { recordHuayuankouFacilityUse(input: $i) { use { sessions } } }`, {
          facilityId,
          schoolCode: members[(f + u) % members.length],
          schoolYear: YEAR,
          sessions: u + 1,
        });
    }

    for (const duty of ['GUIDANCE_STATION_HEAD', 'MORAL_EDUCATION_OFFICER'])
      await ok(`mutation($i: AppointHuayuankouDutyInput!) { appointHuayuankouDuty(input: $i) { post { id } } }`, { groupId: districtId, personId: await person(s, `${duty}${d}`), duty, validFrom: FROM });
    for (let t = 0; t < n.teachers; t++)
      await ok(`mutation($i: PlaceHuayuankouTeacherInput!) { placeHuayuankouTeacher(input: $i) { placement { id } } }`, {
        groupId: districtId,
        personId: await person(s, `教师${d}-${t}`),
        schoolCode: members[t % members.length],
        validFrom: FROM,
      });
  }
}

/** Every relation of HuayuankouCentralSchoolDistrict, and the relations of the types it reaches. */
const NESTED = `query($l: DivisionCode!, $y: SchoolYear!) {
  huayuankouCentralSchoolDistricts(localityCode: $l) {
    id groupId kind kindTitle name validFrom validTo isSample isArchived
    locality { code name parent { code } }
    leadSchool { ...S }
    members { validFrom validTo school { ...S } }
    leadership { ...P }
    plans { id kind title }
    township { code name }
    centralSchool { ...S }
    villageSchools { ...S }
    teachingPoints { ...S }
    integrationTargets(schoolYear: $y) { integration title isRecorded target status note schoolYear district { groupId name } }
    brand { name description validFrom district { groupId name } }
    sharedFacilities {
      id kind name validFrom validTo
      district { groupId name }
      hostSchool { ...S }
      uses(schoolYear: $y) { schoolYear sessions school { ...S } }
    }
    guidanceStationHead { ...P }
    moralEducationOfficer { ...P }
    teachers { id kind validFrom validTo person { ...Person } school { ...S } district { groupId name } post { ...P } }
    # Core's reports on any SchoolGroup, the exchange rate included (one batch for every 学区 listed).
    balance(schoolYear: $y, stage: PRIMARY) { schoolCount studentCount passingSchools isBalanced indicators { __typename } schools(first: 50) { totalCount } excluded { reason school { code } } exchangeRate { teachers exchanged rate } }
    balanceTrend(stage: PRIMARY, fromYear: "2022-2023", toYear: $y) { schoolYear schoolCount }
  }
}
fragment S on School {
  code name schoolType { code } county { code } township { code }
  huayuankouSpecialities { id name validFrom validTo school { code } }
  groups { groupId kind }
}
fragment Person on Person { name posts { id role school { code } group { groupId } } exchanges { id } }
fragment P on Post { id role roleTitle validFrom validTo school { code } group { groupId name } person { ...Person } }`;

async function statementsFor(localityCode: string) {
  const r = await s.statementsFor(NESTED, { l: localityCode, y: YEAR }, { token: null });
  return { count: r.statements, districts: r.data.huayuankouCentralSchoolDistricts as any[] };
}

beforeAll(async () => {
  s = await start();
  await seedTownship(OTHER_TOWN, { districts: 2, villageSchools: 1, teachingPoints: 1, specialitiesPerSchool: 1, targets: 2, facilities: 1, usesPerFacility: 2, teachers: 1 });
  await seedTownship(TEST_TOWN, { districts: 6, villageSchools: 3, teachingPoints: 2, specialitiesPerSchool: 2, targets: 10, facilities: 3, usesPerFacility: 3, teachers: 4 });
});
afterAll(() => s?.close());

describe('batching', () => {
  it('a nested 中心校学区 query costs the same SQL statements for 2 districts as for 6', async () => {
    const small = await statementsFor(OTHER_TOWN);
    const large = await statementsFor(TEST_TOWN);

    // Data came back at every level, so the counts compare real work.
    expect(small.districts).toHaveLength(2);
    expect(large.districts).toHaveLength(6);
    for (const d of large.districts) {
      expect(d.township).toMatchObject({ code: TEST_TOWN });
      expect(d.members).toHaveLength(6);
      expect(d.leadership.map((p: { role: string }) => p.role).sort()).toEqual(['HUAYUANKOU_GUIDANCE_STATION_HEAD', 'HUAYUANKOU_MORAL_EDUCATION_OFFICER']);
      expect(d.plans).toHaveLength(1);
      expect(d.villageSchools).toHaveLength(3);
      expect(d.teachingPoints).toHaveLength(2);
      expect(d.centralSchool.huayuankouSpecialities).toHaveLength(2);
      expect(d.villageSchools[0].groups).toEqual([{ groupId: d.groupId, kind: 'huayuankou.central-district' }]);
      expect(d.integrationTargets.filter((t: { isRecorded: boolean }) => t.isRecorded)).toHaveLength(10);
      expect(d.brand.district.groupId).toBe(d.groupId);
      expect(d.sharedFacilities).toHaveLength(3);
      for (const f of d.sharedFacilities) expect(f.uses).toHaveLength(3);
      expect(d.guidanceStationHead.person.posts[0].group.groupId).toBe(d.groupId);
      expect(d.moralEducationOfficer.roleTitle).toBe('德育专干');
      expect(d.teachers).toHaveLength(4);
      expect(d.teachers[0].post.person.posts[0].school.code).toBe(d.teachers[0].school.code);
      // The balance runs over the six members (none has year figures here, so all six are listed as excluded).
      expect(d.balance.excluded).toHaveLength(6);
      expect(d.balanceTrend.map((r: { schoolYear: string }) => r.schoolYear)).toEqual(['2022-2023', YEAR]);
    }
    for (const d of small.districts) {
      expect(d.township).toMatchObject({ code: OTHER_TOWN });
      expect(d.members).toHaveLength(3);
      expect(d.teachers).toHaveLength(1);
      expect(d.sharedFacilities[0].uses).toHaveLength(2);
    }

    expect(large.count).toBe(small.count);
    // About one statement per level and relation (25 when written): the 学区, localities, schools,
    // memberships, posts, people, specialities, targets, brand, facilities, uses, placements, balance.
    expect(large.count).toBeLessThanOrEqual(30);
  });
});
