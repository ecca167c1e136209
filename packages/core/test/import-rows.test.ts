import { describe, expect, it } from 'vitest';
import { isResidentIdNumber, idNumberCheckChar } from '../src/import/id-number.js';
import { mapHeaders, parseDate, parseNonNegative } from '../src/import/columns.js';
import { parseStatsRow, STATS_COLUMNS } from '../src/import/stats.js';
import { parseStaffRow, staffNumberPersonId } from '../src/import/staff.js';

describe('import row parsing (shared by the CLI and importSchoolYearStats)', () => {
  it('checks 身份证号 with the GB 11643 check character', () => {
    expect(isResidentIdNumber('11010519491231002X')).toBe(true);
    expect(isResidentIdNumber('110105194912310021')).toBe(false);
    expect(isResidentIdNumber('110105194913310023')).toBe(false); // month 13
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
  });

  it('matches Chinese headers with units, 万元 scaling, and reports missing required columns', () => {
    const m = mapHeaders(['学校标识码', '学校名称', ' 办学类型 ', '县级行政区划代码', '*教学及辅助用房面积（平方米）', '教学仪器设备值（万元）', '备注'], STATS_COLUMNS);
    expect(m.index.get('teachingAuxAreaM2')).toBe(4);
    expect(m.scale.get('equipmentValueYuan')).toBe(10_000);
    expect(m.missing.map((c) => c.key)).toEqual(['sportsGroundAreaM2', 'multimediaClassrooms']);
    expect(m.unknown).toEqual(['备注']);
  });

  it('parses numbers and dates, refusing negatives and impossible dates', () => {
    expect(parseNonNegative('1,234.5')).toEqual({ ok: true, value: 1234.5 });
    expect(parseNonNegative('-1').ok).toBe(false);
    expect(parseNonNegative('2.5', { integer: true }).ok).toBe(false);
    expect(parseDate('2019/9/1')).toEqual({ ok: true, value: '2019-09-01' });
    expect(parseDate('2019-02-30').ok).toBe(false);
  });

  it('reports every bad cell of a stats row, and pupils in a stage the school type lacks', () => {
    const r = parseStatsRow({ row: 7, values: { schoolCode: '21529', name: '某小学', schoolType: '211', countyCode: '520527', enrollmentJunior: 30, teachingAuxAreaM2: -1, sportsGroundAreaM2: 'x', equipmentValueYuan: 1, multimediaClassrooms: 2 } });
    expect(r.row).toBeUndefined();
    expect(r.issues.map((i) => i.column)).toEqual(['schoolCode', 'teachingAuxAreaM2', 'sportsGroundAreaM2', 'enrollmentJunior']);
    expect(r.issues.every((i) => i.row === 7)).toBe(true);
  });

  it('keeps a file\'s equipment value in yuan (or 万元) as whole fen', () => {
    const base = { schoolCode: '2152990001', name: '某小学', schoolType: '211', countyCode: '520527', teachingAuxAreaM2: 1, sportsGroundAreaM2: 1, multimediaClassrooms: 2 };
    expect(parseStatsRow({ row: 2, values: { ...base, equipmentValueYuan: '1,234,567.89' } }).row?.equipmentValueFen).toBe(123_456_789);
    expect(parseStatsRow({ row: 2, values: { ...base, equipmentValueYuan: '240.5' } }, new Map([['equipmentValueYuan', 10_000]])).row?.equipmentValueFen).toBe(240_500_000);
  });

  it('maps roster labels (学历, 职称 before 2015, 骨干级别, 岗位) and derives a stable id from a staff number', () => {
    const r = parseStaffRow({ row: 2, values: { staffNumber: 'T1', name: '王芳', gender: '女', qualification: '大专', title: '小学高级', backboneLevel: '县级', subjects: '音乐、美术', schoolCode: '2152990001', role: '专任教师', stage: '小学' } }, '2024-09-01');
    expect(r.row).toMatchObject({ qualification: 'ASSOCIATE', title: 'FIRST_GRADE', backboneLevel: 'COUNTY', subjects: ['音乐', '美术'], role: 'TEACHER', stage: 'PRIMARY', validFrom: '2024-09-01' });
    expect(staffNumberPersonId('520527', 'T1')).toBe(staffNumberPersonId('520527', 'T1'));
    expect(staffNumberPersonId('520527', 'T1')).not.toBe(staffNumberPersonId('520521', 'T1'));
    expect(staffNumberPersonId('520527', 'T1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
