/**
 * The four views. Each renders into a container from data the caller loaded (one or two GraphQL
 * requests per view, see queries.ts), so the printable report can render them all at once.
 * Nothing here knows a regime: rules, plugins and their documents come from the API.
 */
import { AMBER, BLUE, chart, GREEN, GREY, RED } from './charts';
import { append, h, json, num, pct, STAGE_ZH, STATUS_ZH, SUBJECT_ZH } from './format';
import type { BalanceReport, BalanceSchool, Compliance, ExchangeRow, Finding, GroupBalance, Rule, Stage, TrendPoint } from './queries';

const badge = (status: string) => h('span', { class: `badge s-${status}` }, STATUS_ZH[status as keyof typeof STATUS_ZH] ?? status);

function subjects(f: Finding) {
  if (f.subjects.length === 0) return h('span', { class: 'muted' }, '—');
  return h(
    'ul',
    { class: 'subjects' },
    ...f.subjects.map((s) => h('li', { 'data-subject': s.key }, h('span', { class: 'stype' }, SUBJECT_ZH[s.type] ?? s.type), ' ', s.name ?? s.key, s.name && s.type === 'School' ? h('span', { class: 'muted' }, ` ${s.key}`) : null)),
  );
}

/** The regimes of a report, in the report's rule order: core's national standard first. */
export function regimesOf(c: Compliance) {
  const plugins = new Map(c.installedPlugins.map((p) => [p.id, p]));
  const order: string[] = [];
  for (const s of c.complianceReport.summary) if (!order.includes(s.rule.plugin)) order.push(s.rule.plugin);
  return order.map((id) => {
    const p = plugins.get(id);
    const docs = [...new Set(c.complianceReport.summary.filter((s) => s.rule.plugin === id).map((s) => s.rule.cite.doc))];
    return { id, title: p ? p.title : id === 'core' ? '国家标准：县域义务教育优质均衡' : id, doc: p?.policyDocument ?? docs.join('、'), issuer: p?.issuer ?? (id === 'core' ? '教育部' : '') };
  });
}

export function renderCompliance(root: HTMLElement, c: Compliance, year: string, onMore?: () => Promise<void>) {
  const r = c.complianceReport;
  const t = r.totals;
  const byRule = new Map<string, Finding[]>();
  for (const f of [...r.failing.nodes, ...r.warnings.nodes]) {
    const list = byRule.get(f.rule.id) ?? [];
    list.push(f);
    byRule.set(f.rule.id, list);
  }
  append(root, 
    h('h2', {}, `${c.locality?.name ?? ''} ${year} 学年 合规情况`),
    h(
      'div',
      { class: 'cards' },
      ...(['fail', 'warn', 'pass', 'notApplicable'] as const).map((k) =>
        h('div', { class: `card c-${k}`, 'data-total': k }, h('div', { class: 'n' }, String(t[k])), h('div', {}, { fail: '不符合', warn: '提示', pass: '符合', notApplicable: '不适用' }[k])),
      ),
    ),
    r.failing.totalCount > r.failing.nodes.length || r.warnings.totalCount > r.warnings.nodes.length
      ? h(
          'p',
          { class: 'warn' },
          `不符合事项共 ${r.failing.totalCount} 条、提示 ${r.warnings.totalCount} 条，已列出 ${r.failing.nodes.length} 条、${r.warnings.nodes.length} 条（各规则的计数为全部）。`,
          onMore ? moreButton(onMore) : null,
        )
      : null,
  );
  for (const regime of regimesOf(c)) {
    const rules = r.summary.filter((s) => s.rule.plugin === regime.id);
    const sec = h('section', { class: 'regime', 'data-regime': regime.id }, h('h3', {}, regime.title, h('span', { class: 'muted' }, `　${regime.doc}${regime.issuer ? `（${regime.issuer}）` : ''}`)));
    const table = h(
      'table',
      { class: 'rules' },
      h('thead', {}, h('tr', {}, ...['规则', '依据', '结论', '符合', '不符合', '提示', '不适用'].map((x) => h('th', {}, x)))),
    );
    const body = h('tbody');
    for (const s of rules) {
      body.append(
        h(
          'tr',
          { 'data-rule': s.rule.id, 'data-fail': s.fail, 'data-warn': s.warn, 'data-pass': s.pass, 'data-na': s.notApplicable },
          h('td', {}, h('div', {}, s.rule.title), h('div', { class: 'muted small' }, s.rule.id, s.rule.inPrinciple ? '　原则上（可备案例外）' : '', s.rule.enforce === 'WRITE' ? '　写入时强制' : '')),
          h('td', { class: 'nowrap' }, `${s.rule.cite.doc} ${s.rule.cite.clause}`),
          h('td', {}, badge(s.status)),
          h('td', { class: 'num' }, String(s.pass)),
          h('td', { class: 'num fail' }, String(s.fail)),
          h('td', { class: 'num' }, String(s.warn)),
          h('td', { class: 'num' }, String(s.notApplicable)),
        ),
      );
    }
    table.append(body);
    sec.append(table);
    for (const s of rules) {
      const list = byRule.get(s.rule.id);
      if (list?.length) sec.append(ruleFindings(s.rule, list));
    }
    root.append(sec);
  }
}

function moreButton(onMore: () => Promise<void>) {
  const b = h('button', { type: 'button', id: 'more-findings', class: 'secondary' }, '加载更多');
  b.addEventListener('click', () => {
    b.disabled = true;
    void onMore();
  });
  return b;
}

function clauseBox(rule: Rule) {
  return h(
    'aside',
    { class: 'clause' },
    h('div', { class: 'cite' }, `${rule.cite.doc} ${rule.cite.clause}`),
    rule.cite.text ? h('blockquote', { 'data-clause-text': rule.id }, rule.cite.text) : h('p', { class: 'muted' }, '（未收录该条款原文，请查阅文件）'),
  );
}

function ruleFindings(rule: Rule, list: Finding[]) {
  const fails = list.filter((f) => f.status === 'FAIL');
  const warns = list.filter((f) => f.status === 'WARN');
  const rows = list.map((f) =>
    h(
      'tr',
      { class: 'finding', 'data-status': f.status, 'data-rule': rule.id },
      h('td', {}, badge(f.status)),
      h('td', {}, subjects(f)),
      h('td', { class: 'val' }, json(f.measured)),
      h('td', { class: 'val' }, json(f.expected)),
      h(
        'td',
        {},
        f.message ?? '',
        f.exception
          ? h('div', { class: 'exception', 'data-exception': f.exception.exceptionId }, `已备案例外：${f.exception.approvedBy} 批准，${f.exception.documentRef}；理由：${f.exception.reason}（${f.exception.recordedOn} 备案${f.exception.schoolYear ? `，适用 ${f.exception.schoolYear} 学年` : ''}）`)
          : null,
      ),
    ),
  );
  return h(
    'details',
    { class: 'findings', open: fails.length > 0 && fails.length <= 12, 'data-findings': rule.id },
    h('summary', {}, `${rule.title}：不符合 ${fails.length} 项${warns.length ? `，提示 ${warns.length} 项` : ''}`),
    h(
      'div',
      { class: 'finding-grid' },
      h('table', { class: 'findings-table' }, h('thead', {}, h('tr', {}, ...['结论', '对象', '实测值', '要求值', '说明'].map((x) => h('th', {}, x)))), h('tbody', {}, ...rows)),
      clauseBox(rule),
    ),
  );
}

const shortTitle = (t: string) => t.replace(/^每百名学生拥有/, '').replace(/^生均/, '生均').slice(0, 12);

/** The indicator furthest from balance: the largest CV relative to its limit. */
export function furthest(b: BalanceReport) {
  return [...b.indicators].filter((i) => i.cv !== null).sort((a, z) => z.cv! / z.cvLimit - a.cv! / a.cvLimit)[0];
}

export function renderBalance(root: HTMLElement, b: BalanceReport, trend: TrendPoint[], place: string, stage: Stage) {
  root.append(h('h2', {}, `${place} ${b.schoolYear} 学年 ${STAGE_ZH[stage]} 均衡情况`));
  const far = furthest(b);
  append(root, 
    h(
      'div',
      { class: 'cards' },
      h('div', { class: 'card' }, h('div', { class: 'n' }, String(b.schoolCount)), h('div', {}, '评估学校')),
      h('div', { class: 'card c-pass' }, h('div', { class: 'n' }, String(b.passingSchools)), h('div', {}, '学校达标')),
      h('div', { class: 'card c-fail' }, h('div', { class: 'n' }, String(b.failingSchools)), h('div', {}, '学校未达标')),
      h('div', { class: `card ${b.isBalanced ? 'c-pass' : 'c-fail'}` }, h('div', { class: 'n' }, b.isBalanced ? '是' : '否'), h('div', {}, '达到优质均衡')),
    ),
    far
      ? h(
          'p',
          { class: 'headline', 'data-furthest': far.indicator },
          `离均衡最远的指标：${far.indicator} ${far.title}，差异系数 ${num(far.cv, 3)}（上限 ${num(far.cvLimit)}）。主要拉大差异的学校：`,
          far.topContributors.slice(0, 3).map((c) => `${c.school.name}（占方差 ${pct(c.shareOfVariance)}）`).join('、') || '—',
        )
      : null,
  );
  const cvEl = h('div', { class: 'chart', id: 'chart-cv', 'data-indicators': b.indicators.map((i) => i.indicator).join(',') });
  const dotEl = h('div', { class: 'chart', id: 'chart-dots' });
  const trendEl = h('div', { class: 'chart', id: 'chart-trend' });
  root.append(h('h3', {}, '各指标校际差异系数'), cvEl);
  chart(cvEl, cvOption(b, null));
  if (b.schoolCount === 0) {
    // Every indicator still has its axis and limit; there is simply nothing to measure yet.
    root.append(h('p', { class: 'muted', 'data-no-schools': '' }, '该地区该学年该学段没有可评估的学校（没有学校年度统计数据），差异系数无从计算。'), h('h3', {}, '各指标情况'), indicatorTable(b));
    return;
  }
  root.append(h('h3', {}, '各校指标达成度（数值 ÷ 标准值，每个点为一所学校）'), dotEl);
  chart(dotEl, dotsOption(b.schools, b, null), 360);

  root.append(h('h3', {}, '各指标情况与主要差异来源'), indicatorTable(b));
  const years = trend.filter((p) => p.schoolCount > 0);
  root.append(h('h3', {}, '差异系数历年变化'));
  if (years.length > 1) {
    root.append(trendEl);
    chart(trendEl, trendOption(years));
  } else root.append(h('p', { class: 'muted' }, '只有一个学年的数据，暂无趋势。'));
  root.append(h('h3', {}, '学校明细'), schoolTable(b.schools, b));
}

function cvOption(b: BalanceReport, compare: { label: string; report: BalanceReport } | null) {
  const cats = b.indicators.map((i) => `${i.indicator}\n${shortTitle(i.title)}`);
  const limit = b.indicators[0]?.cvLimit ?? 0.5;
  const series: object[] = [
    {
      name: compare ? '学区/集团' : '差异系数',
      type: 'bar',
      data: b.indicators.map((i) => ({ value: i.cv === null ? null : Number(i.cv.toFixed(4)), itemStyle: { color: i.cv !== null && i.cv > i.cvLimit ? RED : BLUE } })),
      label: { show: true, position: 'top', formatter: (p: { value: number }) => num(p.value, 3) },
      markLine: { symbol: 'none', data: [{ yAxis: limit, name: '上限' }], lineStyle: { color: RED, type: 'dashed' }, label: { formatter: `上限 ${limit}` } },
    },
  ];
  if (compare)
    series.push({
      name: compare.label,
      type: 'bar',
      data: compare.report.indicators.map((i) => (i.cv === null ? null : Number(i.cv.toFixed(4)))),
      itemStyle: { color: GREY },
      label: { show: true, position: 'top', formatter: (p: { value: number }) => num(p.value, 3) },
    });
  return {
    tooltip: { trigger: 'axis' },
    legend: compare ? { top: 0 } : undefined,
    grid: { left: 50, right: 70, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: cats, axisLabel: { interval: 0, fontSize: 11, lineHeight: 16, margin: 14 } },
    yAxis: { type: 'value', name: '差异系数', max: (v: { max: number }) => Math.max(limit * 1.2, Math.ceil((Number.isFinite(v.max) ? v.max : 0) * 12) / 10) },
    series,
  };
}

function dotsOption(schools: BalanceSchool[], b: BalanceReport, highlight: Set<string> | null) {
  const ids = b.indicators.map((i) => i.indicator);
  const cats = b.indicators.map((i) => `${i.indicator}\n${shortTitle(i.title)}`);
  const unit = new Map(b.indicators.map((i) => [i.indicator, i.unit]));
  const point = (s: BalanceSchool, v: BalanceSchool['indicators'][number], k: number) => ({
    // Spread the dots of one indicator across its column, the same way on every render.
    value: [ids.indexOf(v.indicator) + ((k % 9) / 8 - 0.5) * 0.5, Number(v.ratio.toFixed(4))],
    name: s.school.name,
    detail: `${s.school.name}<br/>${v.indicator}：${num(v.value)} ${unit.get(v.indicator) ?? ''}（标准 ${num(v.threshold)}）`,
    itemStyle: { color: highlight ? (highlight.has(s.school.code) ? (v.isMet ? GREEN : RED) : GREY) : v.isMet ? GREEN : RED, opacity: highlight && !highlight.has(s.school.code) ? 0.5 : 0.85 },
  });
  const all = schools.flatMap((s, k) => s.indicators.map((v) => point(s, v, k)));
  return {
    tooltip: { trigger: 'item', formatter: (p: { data: { detail: string } }) => p.data.detail },
    grid: { left: 50, right: 90, top: 20, bottom: 60 },
    xAxis: {
      type: 'value',
      min: -0.5,
      max: ids.length - 0.5,
      // One label and tick per indicator, at the middle of its column of dots.
      axisLabel: { customValues: ids.map((_, i) => i), formatter: (v: number) => cats[v] ?? '', fontSize: 11, lineHeight: 16, margin: 14 },
      axisTick: { customValues: ids.map((_, i) => i) },
      splitLine: { show: false },
    },
    yAxis: { type: 'value', name: '达成度', axisLine: { onZero: false }, axisLabel: { formatter: (v: number) => pct(v, 0) } },
    series: [
      {
        type: 'scatter',
        symbolSize: 7,
        data: all,
        markLine: {
          symbol: 'none',
          data: [
            { yAxis: 1, name: '标准值', lineStyle: { color: GREEN }, label: { formatter: '标准值 100%' } },
            { yAxis: 0.85, name: '85%', lineStyle: { color: AMBER, type: 'dashed' }, label: { formatter: '底线 85%' } },
          ],
        },
      },
    ],
  };
}

function trendOption(years: TrendPoint[]) {
  const ids = years[years.length - 1]!.indicators.map((i) => i.indicator);
  const limit = years[years.length - 1]!.indicators[0]?.cvLimit ?? 0.5;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 70, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: years.map((y) => y.schoolYear) },
    yAxis: { type: 'value', name: '差异系数' },
    series: ids.map((id, k) => ({
      name: id,
      type: 'line',
      data: years.map((y) => {
        const cv = y.indicators.find((i) => i.indicator === id)?.cv;
        return cv === null || cv === undefined ? null : Number(cv.toFixed(4));
      }),
      markLine: k === 0 ? { symbol: 'none', data: [{ yAxis: limit }], lineStyle: { color: RED, type: 'dashed' }, label: { formatter: `上限 ${limit}` } } : undefined,
    })),
  };
}

function indicatorTable(b: BalanceReport) {
  return h(
    'table',
    { class: 'indicators' },
    h('thead', {}, h('tr', {}, ...['指标', '名称', '标准值', '全域值', '差异系数', '上限', '达标学校', '主要差异来源（占方差）'].map((x) => h('th', {}, x)))),
    h(
      'tbody',
      {},
      ...b.indicators.map((i) =>
        h(
          'tr',
          { 'data-indicator': i.indicator },
          h('td', {}, i.indicator),
          h('td', {}, i.title, h('div', { class: 'muted small' }, i.unit)),
          h('td', { class: 'num' }, num(i.threshold)),
          h('td', { class: 'num' }, num(i.overallValue)),
          h('td', { class: `num ${i.isCvWithinLimit === false ? 'fail' : ''}` }, num(i.cv, 3)),
          h('td', { class: 'num' }, num(i.cvLimit)),
          h('td', { class: 'num' }, `${i.schoolsMeeting}/${b.schoolCount}`),
          h('td', { class: 'small' }, i.topContributors.map((c) => `${c.school.name} ${pct(c.shareOfVariance)}`).join('；')),
        ),
      ),
    ),
  );
}

function schoolTable(schools: BalanceSchool[], b: BalanceReport, highlight?: Set<string>) {
  const ids = b.indicators.map((i) => i.indicator);
  return h(
    'table',
    { class: 'schools' },
    h('thead', {}, h('tr', {}, h('th', {}, '学校'), h('th', {}, '学生数'), ...ids.map((i) => h('th', {}, i)), h('th', {}, '达标项'), h('th', {}, '结论'))),
    h(
      'tbody',
      {},
      ...schools.map((s) =>
        h(
          'tr',
          { 'data-school': s.school.code, class: highlight?.has(s.school.code) ? 'hl' : undefined },
          h('td', {}, s.school.name),
          h('td', { class: 'num' }, String(s.students)),
          ...ids.map((id) => {
            const v = s.indicators.find((x) => x.indicator === id);
            return h('td', { class: `num ${v && !v.isMet ? 'fail' : ''}` }, v ? num(v.value) : '—');
          }),
          h('td', { class: 'num' }, `${s.metCount}/${ids.length}`),
          h('td', {}, badge(s.passes ? 'PASS' : 'FAIL')),
        ),
      ),
    ),
  );
}

export function renderExchange(root: HTMLElement, rows: ExchangeRow[], place: string, year: string) {
  root.append(h('h2', {}, `${place} ${year} 学年 教师交流轮岗`));
  const first = rows[0]!.rate;
  root.append(
    h('p', { class: 'muted' }, `标准：每年交流轮岗教师不低于符合交流条件教师的 ${pct(first.minRate, 0)}，其中骨干教师不低于交流轮岗教师的 ${pct(first.minBackboneShare, 0)}（教督〔2017〕6号 第七条（十一））。`),
    h(
      'table',
      { class: 'exchange' },
      h('thead', {}, h('tr', {}, ...['范围', '类别', '专任教师', '符合交流条件', '交流轮岗', '其中骨干', '交流比例', '骨干占比', '结论'].map((x) => h('th', {}, x)))),
      h(
        'tbody',
        {},
        ...rows.map((r) =>
          h(
            'tr',
            { 'data-exchange': r.code },
            h('td', {}, r.scope),
            h('td', {}, r.kind),
            h('td', { class: 'num' }, String(r.rate.teachers)),
            h('td', { class: 'num' }, String(r.rate.eligibleTeachers)),
            h('td', { class: 'num' }, String(r.rate.exchanged)),
            h('td', { class: 'num' }, String(r.rate.backboneExchanged)),
            h('td', { class: `num ${r.rate.rate < r.rate.minRate ? 'fail' : ''}` }, pct(r.rate.rate)),
            h('td', { class: `num ${r.rate.backboneShare < r.rate.minBackboneShare ? 'fail' : ''}` }, pct(r.rate.backboneShare)),
            h('td', {}, r.rate.teachers === 0 ? h('span', { class: 'muted' }, '无教师数据') : badge(r.rate.passes ? 'PASS' : 'FAIL')),
          ),
        ),
      ),
    ),
  );
  const el = h('div', { class: 'chart', id: 'chart-exchange' });
  root.append(el);
  chart(el, {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => pct(v) },
    legend: { top: 0 },
    grid: { left: 60, right: 90, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: rows.map((r) => r.scope), axisLabel: { interval: 0, fontSize: 11, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => pct(v, 0) } },
    series: [
      { name: '交流比例', type: 'bar', data: rows.map((r) => Number(r.rate.rate.toFixed(4))), itemStyle: { color: BLUE }, markLine: { symbol: 'none', data: [{ yAxis: first.minRate }], lineStyle: { color: BLUE, type: 'dashed' }, label: { formatter: `${pct(first.minRate, 0)}` } } },
      { name: '骨干占比', type: 'bar', data: rows.map((r) => Number(r.rate.backboneShare.toFixed(4))), itemStyle: { color: AMBER }, markLine: { symbol: 'none', data: [{ yAxis: first.minBackboneShare }], lineStyle: { color: AMBER, type: 'dashed' }, label: { formatter: `${pct(first.minBackboneShare, 0)}` } } },
    ],
  });
}

export function renderGroup(root: HTMLElement, g: GroupBalance, county: BalanceReport, stage: Stage) {
  const b = g.balance;
  append(root, h('h2', {}, `${g.name}（${g.kindTitle}）${b.schoolYear} 学年 ${STAGE_ZH[stage]}：与${g.locality.name}全域对比`), g.leadSchool ? h('p', {}, `牵头学校：${g.leadSchool.name}`) : null);
  if (b.schoolCount === 0) {
    root.append(h('p', { class: 'muted' }, '该学区/集团该学年该学段没有可评估的学校。'));
    return;
  }
  const members = new Set(b.schools.map((s) => s.school.code));
  root.append(
    h('p', {}, `评估学校 ${b.schoolCount} 所（${g.locality.name}共 ${county.schoolCount} 所），达标 ${b.passingSchools} 所。`),
    h('h3', {}, '差异系数：学区/集团 与 全域'),
  );
  const cv = h('div', { class: 'chart', id: 'chart-group-cv' });
  const dots = h('div', { class: 'chart', id: 'chart-group-dots' });
  root.append(cv, h('h3', {}, `各校指标达成度（彩色为本${g.kindTitle}学校，灰色为${g.locality.name}其他学校）`), dots);
  chart(cv, cvOption(b, { label: `${g.locality.name}全域`, report: county }));
  const countySchools = county.schools;
  const extra = b.schools.filter((s) => !countySchools.some((c) => c.school.code === s.school.code));
  chart(dots, dotsOption([...countySchools, ...extra], county, members), 360);
  const years = g.balanceTrend.filter((p) => p.schoolCount > 0);
  if (years.length > 1) {
    const tr = h('div', { class: 'chart', id: 'chart-group-trend' });
    root.append(h('h3', {}, '学区/集团差异系数历年变化'), tr);
    chart(tr, trendOption(years));
  }
  root.append(h('h3', {}, '成员学校'), schoolTable(b.schools, b, members));
}
