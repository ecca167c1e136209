/**
 * 导出: what a bureau files upward, as one XLSX with Chinese headers — the rules' verdicts, every
 * failing or warned finding with its citation, the balance indicators and schools of both stages,
 * and the exchange rates. ExcelJS is loaded only when a report is exported.
 */
import ExcelJS from 'exceljs';
import { json, STAGE_ZH, STATUS_ZH, SUBJECT_ZH } from './format';
import type { BalanceReport, Compliance, ExchangeRow } from './queries';
import { regimesOf } from './views';

export interface ExportInput {
  place: string;
  code: string;
  year: string;
  compliance: Compliance;
  balance: BalanceReport[];
  exchange: ExchangeRow[];
}

/** The sheets and their header rows: the test reads them back. */
export const SHEETS = {
  rules: { name: '规则汇总', header: ['体制', '规则编号', '规则', '依据文件', '条款', '结论', '符合', '不符合', '提示', '不适用'] },
  findings: { name: '不符合及提示事项', header: ['规则编号', '规则', '结论', '对象类型', '对象', '代码', '实测值', '要求值', '说明', '依据', '条文', '例外批准人', '例外文号', '例外理由'] },
  indicators: { name: '均衡指标', header: ['学段', '指标', '名称', '单位', '标准值', '全域值', '差异系数', '差异系数上限', '是否在上限内', '达标学校数', '评估学校数', '主要差异来源'] },
  schools: { name: '学校指标', header: ['学段', '学校', '学校标识码', '学生数', 'L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', '达标项数', '是否达标'] },
  exchange: { name: '交流轮岗', header: ['范围', '类别', '专任教师', '符合交流条件教师', '交流轮岗教师', '其中骨干教师', '交流比例', '骨干占比', '交流比例要求', '骨干占比要求', '是否达标'] },
} as const;

export async function buildWorkbook(x: ExportInput): Promise<Blob> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '共治 Gongzhi 教育局看板';
  wb.created = new Date();
  const sheet = (def: { name: string; header: readonly string[] }) => {
    const ws = wb.addWorksheet(def.name, { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.addRow([`${x.place}（${x.code}）${x.year} 学年 — ${def.name}`]).font = { bold: true, size: 13 };
    const hr = ws.addRow([...def.header]);
    hr.font = { bold: true };
    hr.eachCell((c) => {
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    });
    ws.columns.forEach((col, i) => {
      col.width = Math.max(10, Math.min(40, (def.header[i]?.length ?? 4) * 2 + 4));
    });
    return ws;
  };
  const r = x.compliance.complianceReport;
  const regimes = new Map(regimesOf(x.compliance).map((g) => [g.id, g.title]));
  const rules = new Map(r.summary.map((s) => [s.rule.id, s.rule]));

  const ws1 = sheet(SHEETS.rules);
  for (const s of r.summary) ws1.addRow([regimes.get(s.rule.plugin) ?? s.rule.plugin, s.rule.id, s.rule.title, s.rule.cite.doc, s.rule.cite.clause, STATUS_ZH[s.status], s.pass, s.fail, s.warn, s.notApplicable]);

  const ws2 = sheet(SHEETS.findings);
  for (const f of [...r.failing.nodes, ...r.warnings.nodes]) {
    const rule = rules.get(f.rule.id);
    const subs = f.subjects.length ? f.subjects : [{ type: '', key: '', name: '' }];
    ws2.addRow([
      f.rule.id,
      rule?.title ?? '',
      STATUS_ZH[f.status],
      subs.map((s) => SUBJECT_ZH[s.type] ?? s.type).join('、'),
      subs.map((s) => s.name ?? s.key).join('、'),
      subs.filter((s) => s.type !== 'Person').map((s) => s.key).join('、'),
      json(f.measured),
      json(f.expected),
      f.message ?? '',
      rule ? `${rule.cite.doc} ${rule.cite.clause}` : '',
      rule?.cite.text ?? '',
      f.exception?.approvedBy ?? '',
      f.exception?.documentRef ?? '',
      f.exception?.reason ?? '',
    ]);
  }

  const ws3 = sheet(SHEETS.indicators);
  const ws4 = sheet(SHEETS.schools);
  for (const b of x.balance) {
    for (const i of b.indicators)
      ws3.addRow([STAGE_ZH[b.stage], i.indicator, i.title, i.unit, i.threshold, round(i.overallValue), i.cv === null ? '' : round(i.cv, 4), i.cvLimit, i.isCvWithinLimit === null ? '' : i.isCvWithinLimit ? '是' : '否', i.schoolsMeeting, b.schoolCount, i.topContributors.slice(0, 3).map((c) => `${c.school.name} ${(c.shareOfVariance * 100).toFixed(1)}%`).join('；')]);
    for (const s of b.schools) {
      const v = (id: string) => {
        const x = s.indicators.find((i) => i.indicator === id);
        return x ? round(x.value) : '';
      };
      ws4.addRow([STAGE_ZH[b.stage], s.school.name, s.school.code, s.students, v('L1'), v('L2'), v('L3'), v('L4'), v('L5'), v('L6'), v('L7'), s.metCount, s.passes ? '是' : '否']);
    }
  }

  const ws5 = sheet(SHEETS.exchange);
  for (const row of x.exchange) {
    const t = row.rate;
    ws5.addRow([row.scope, row.kind, t.teachers, t.eligibleTeachers, t.exchanged, t.backboneExchanged, round(t.rate, 4), round(t.backboneShare, 4), t.minRate, t.minBackboneShare, t.passes ? '是' : '否']);
  }
  for (const col of [7, 8, 9, 10]) ws5.getColumn(col).numFmt = '0.0%';

  const buf = await wb.xlsx.writeBuffer();
  return new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;
