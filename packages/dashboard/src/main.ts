/**
 * 共治 教育局看板 — the shell: sign-in, the locality picker (only what the token covers), the school
 * year and stage, the four views, export and print. State lives here; views.ts draws.
 */
import './style.css';
import { ApiError, readClaims, requests, setToken, type TokenClaims } from './api';
import { disposeCharts } from './charts';
import { h, LEVEL_ZH, STAGE_ZH } from './format';
import { loadBalance, loadCompliance, loadExchange, loadGroupBalance, loadGroups, loadScope, moreFindings, type Group, type Loc, type Stage } from './queries';
import { renderBalance, renderCompliance, renderExchange, renderGroup } from './views';

type Tab = 'compliance' | 'balance' | 'exchange' | 'group';
const TABS: [Tab, string][] = [
  ['compliance', '合规'],
  ['balance', '均衡'],
  ['exchange', '交流轮岗'],
  ['group', '学区/集团'],
];

/** The school year of a date (1 Sep – 31 Aug), in Beijing time. */
function currentSchoolYear(now = new Date()) {
  const d = new Date(now.getTime() + 8 * 3600_000);
  const y = d.getUTCFullYear() - (d.getUTCMonth() < 8 ? 1 : 0);
  return `${y}-${y + 1}`;
}

const state = {
  claims: null as TokenClaims | null,
  roots: [] as Loc[],
  path: [] as Loc[],
  groups: [] as Group[],
  group: null as Group | null,
  year: currentSchoolYear(),
  stage: 'PRIMARY' as Stage,
  tab: 'compliance' as Tab,
  seq: 0,
};

let locSeq = 0;
const wholeProvince = new Set<string>();
const cache = new Map<string, Promise<unknown>>();
function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

const $ = <T extends HTMLElement>(sel: string) => document.querySelector(sel) as T;
const demoToken = document.querySelector<HTMLMetaElement>('meta[name="gongzhi-demo-token"]')?.content || '';

const selected = () => state.path[state.path.length - 1] ?? null;
const counties = (l: Loc) => (l.children ?? []).filter((c) => !c.isArchived && c.level === 'COUNTY');
const childrenOf = (l: Loc) => (l.children ?? []).filter((c) => !c.isArchived && c.level !== 'TOWNSHIP');

function showError(e: unknown) {
  const msg = e instanceof ApiError ? `${e.message}${e.code ? `（${e.code}）` : ''}` : e instanceof Error ? e.message : String(e);
  return h('p', { class: 'error', role: 'alert' }, `出错了：${msg}`);
}

// ---------- sign-in ----------

async function signIn(token: string) {
  const err = $('#signin-error');
  err.textContent = '';
  const claims = readClaims(token.trim());
  if (!claims) {
    err.textContent = '令牌格式不对：应为服务器签发的 JWT（三段，以“.”分隔）。';
    return;
  }
  setToken(token.trim());
  try {
    state.roots = await loadScope(claims.localities);
  } catch (e) {
    setToken(null);
    err.textContent = e instanceof ApiError ? `登录失败：${e.message}` : `登录失败：${String(e)}`;
    return;
  }
  if (state.roots.length === 0) {
    setToken(null);
    err.textContent = '该令牌没有可查看的地区。';
    return;
  }
  state.claims = claims;
  sessionStorage.setItem('gongzhi-token', token.trim());
  cache.clear();
  $('#signin').hidden = true;
  $('#app').hidden = false;
  $('#who').textContent = `${claims.sub}${claims.pii.length ? '' : '（无个人信息权限）'}`;
  state.path = state.roots.length === 1 ? [state.roots[0]!] : [];
  state.group = null;
  renderPicker();
  await localityChanged();
}

function signOut() {
  setToken(null);
  sessionStorage.removeItem('gongzhi-token');
  cache.clear();
  state.claims = null;
  $('#app').hidden = true;
  $('#signin').hidden = false;
}

// ---------- picker ----------

function renderPicker() {
  const box = $('#picker');
  box.replaceChildren();
  const levels: Loc[][] = [state.roots];
  for (let i = 0; i < state.path.length && i < 2; i++) {
    const kids = childrenOf(state.path[i]!);
    if (kids.length) levels.push(kids);
  }
  levels.forEach((options, i) => {
    const level = options[0]?.level ?? 'COUNTY';
    const sel = h('select', { id: `sel-${i}`, 'data-level': level, 'aria-label': LEVEL_ZH[level] ?? level });
    sel.append(h('option', { value: '' }, i === 0 ? '— 请选择 —' : '— 全部 —'));
    for (const o of options) sel.append(h('option', { value: o.code, selected: state.path[i]?.code === o.code }, o.name));
    sel.addEventListener('change', () => {
      const pick = options.find((o) => o.code === sel.value);
      state.path = state.path.slice(0, i);
      if (pick) state.path.push(pick);
      state.group = null;
      renderPicker();
      void localityChanged();
    });
    box.append(h('label', {}, LEVEL_ZH[level] ?? level, sel));
  });
  const gsel = h('select', { id: 'sel-group', 'aria-label': '学区/集团', disabled: state.groups.length === 0 });
  gsel.append(h('option', { value: '' }, state.groups.length ? '— 全部 —' : '（无）'));
  for (const g of state.groups) gsel.append(h('option', { value: g.id, selected: state.group?.id === g.id }, `${g.name}（${g.kindTitle}）`));
  gsel.addEventListener('change', () => {
    state.group = state.groups.find((g) => g.id === gsel.value) ?? null;
    if (state.group) state.tab = 'group';
    void render();
  });
  box.append(h('label', {}, '学区/集团', gsel));
}

async function localityChanged() {
  const loc = selected();
  state.groups = [];
  const seq = ++locSeq;
  const view = render();
  if (loc) {
    try {
      const groups = await cached(`groups|${loc.code}`, () => loadGroups(loc.code));
      if (seq !== locSeq) return;
      state.groups = groups;
      renderPicker();
    } catch {
      /* the picker works without groups; the view shows the error if the API is down */
    }
  }
  await view;
}

// ---------- views ----------

async function render() {
  const seq = ++state.seq;
  const view = $('#view');
  for (const b of document.querySelectorAll<HTMLButtonElement>('#tabs button')) b.setAttribute('aria-selected', String(b.dataset.tab === state.tab));
  $('#stage').hidden = state.tab === 'compliance' || state.tab === 'exchange';
  const loc = selected();
  disposeCharts(view);
  view.removeAttribute('data-loaded');
  view.replaceChildren(h('p', { class: 'loading' }, '正在加载…'));
  if (!loc) {
    view.replaceChildren(h('p', { class: 'muted' }, '请选择地区。'));
    return;
  }
  // A province's report runs every rule over all its counties: only when asked for.
  if (loc.level === 'PROVINCE' && childrenOf(loc).length > 0 && !wholeProvince.has(loc.code)) {
    const b = h('button', { type: 'button', id: 'whole-province', class: 'secondary' }, `查看${loc.name}全省`);
    b.addEventListener('click', () => {
      wholeProvince.add(loc.code);
      void render();
    });
    view.replaceChildren(h('p', {}, '请选择市（州）或县（区）；全省汇总计算量较大。 ', b));
    return;
  }
  const out = h('div', {});
  try {
    await renderTab(state.tab, out, loc);
  } catch (e) {
    if (seq !== state.seq) return;
    disposeCharts(out);
    view.replaceChildren(showError(e));
    return;
  }
  if (seq !== state.seq) {
    disposeCharts(out);
    return;
  }
  disposeCharts(view);
  view.replaceChildren(out);
  // Charts size themselves on the now visible container.
  window.dispatchEvent(new Event('resize'));
  view.dataset.loaded = `${state.tab}|${loc.code}|${state.group?.id ?? ''}`;
}

const complianceOf = (code: string, year: string) => cached(`c|${code}|${year}`, () => loadCompliance(code, year));
const balanceOf = (code: string, year: string, stage: Stage) => cached(`b|${code}|${year}|${stage}`, () => loadBalance(code, year, stage));
const exchangeOf = (loc: Loc, year: string) => cached(`x|${loc.code}|${year}`, () => loadExchange(loc.code, year, loc.level === 'COUNTY' ? [] : counties(loc)));

async function renderTab(tab: Tab, out: HTMLElement, loc: Loc) {
  if (tab === 'compliance') {
    const c = await complianceOf(loc.code, state.year);
    // The next page of each long list, appended to the cached report, then the view again.
    const more = async () => {
      const r = c.complianceReport;
      const [f, w] = await Promise.all([
        r.failing.pageInfo.hasNextPage ? moreFindings(loc.code, state.year, 'FAIL', r.failing.pageInfo.endCursor) : null,
        r.warnings.pageInfo.hasNextPage ? moreFindings(loc.code, state.year, 'WARN', r.warnings.pageInfo.endCursor) : null,
      ]);
      if (f) r.failing = { ...f, nodes: [...r.failing.nodes, ...f.nodes] };
      if (w) r.warnings = { ...w, nodes: [...r.warnings.nodes, ...w.nodes] };
      await render();
    };
    renderCompliance(out, c, state.year, more);
  }
  else if (tab === 'balance') {
    const b = await balanceOf(loc.code, state.year, state.stage);
    out.dataset.view = 'balance';
    document.body.append(out); // charts need a laid-out container
    out.classList.add('offscreen');
    renderBalance(out, b.balanceReport, b.balanceTrend, loc.name, state.stage);
    out.classList.remove('offscreen');
  } else if (tab === 'exchange') {
    const rows = await exchangeOf(loc, state.year);
    document.body.append(out);
    out.classList.add('offscreen');
    renderExchange(out, rows, loc.name, state.year);
    out.classList.remove('offscreen');
  } else {
    const g = state.group;
    if (!g) {
      out.append(h('h2', {}, `${loc.name} 的学区/集团`));
      if (state.groups.length === 0) out.append(h('p', { class: 'muted' }, '该地区暂无学区/集团（各体制组建的学区、总校、教育集团、中心校学区都会列在这里）。'));
      else {
        out.append(h('p', {}, '在上方“学区/集团”中选择一个，查看其学校与全域学校的对比：'));
        const ul = h('ul', { class: 'group-list' });
        for (const x of state.groups)
          ul.append(
            h('li', {}, h('a', { href: '#', 'data-group': x.id }, `${x.name}（${x.kindTitle}，${x.locality.name}）`)),
          );
        ul.addEventListener('click', (ev) => {
          const a = (ev.target as HTMLElement).closest('a');
          if (!a) return;
          ev.preventDefault();
          state.group = state.groups.find((x) => x.id === a.dataset.group) ?? null;
          renderPicker();
          void render();
        });
        out.append(ul);
      }
      return;
    }
    // Two requests: the group's own report, and its locality's (cached from the balance view).
    const [gb, county] = await Promise.all([cached(`g|${g.id}|${state.year}|${state.stage}`, () => loadGroupBalance(g.id, state.year, state.stage)), balanceOf(g.locality.code, state.year, state.stage)]);
    if (!gb) throw new Error('找不到该学区/集团');
    document.body.append(out);
    out.classList.add('offscreen');
    renderGroup(out, gb, county.balanceReport, state.stage);
    out.classList.remove('offscreen');
  }
}

// ---------- export and print ----------

async function exportXlsx() {
  const loc = selected();
  if (!loc) return;
  const btn = $<HTMLButtonElement>('#export');
  btn.disabled = true;
  btn.textContent = '正在导出…';
  try {
    const [{ buildWorkbook }, c, primary, junior, x] = await Promise.all([
      import('./export'),
      complianceOf(loc.code, state.year),
      balanceOf(loc.code, state.year, 'PRIMARY'),
      balanceOf(loc.code, state.year, 'JUNIOR'),
      exchangeOf(loc, state.year),
    ]);
    // What is filed upward is complete: every page of findings, not only those on screen.
    const r = c.complianceReport;
    const rest = async (status: 'FAIL' | 'WARN', page: typeof r.failing) => {
      const nodes = [...page.nodes];
      let p = page;
      while (p.pageInfo.hasNextPage && p.pageInfo.endCursor) {
        p = await moreFindings(loc.code, state.year, status, p.pageInfo.endCursor);
        nodes.push(...p.nodes);
      }
      return { ...p, totalCount: page.totalCount, nodes };
    };
    const [failing, warnings] = await Promise.all([rest('FAIL', r.failing), rest('WARN', r.warnings)]);
    const full = { ...c, complianceReport: { ...r, failing, warnings } };
    const blob = await buildWorkbook({ place: loc.name, code: loc.code, year: state.year, compliance: full, balance: [primary.balanceReport, junior.balanceReport], exchange: x });
    const a = h('a', { href: URL.createObjectURL(blob), download: `共治看板_${loc.name}_${state.year}.xlsx` });
    document.body.append(a);
    a.click();
    a.remove();
  } catch (e) {
    $('#view').prepend(showError(e));
  } finally {
    btn.disabled = false;
    btn.textContent = '导出 XLSX';
  }
}

/** 打印: the compliance, balance and exchange views one after another, laid out for paper. */
async function printReport() {
  const loc = selected();
  if (!loc) return;
  const box = $('#print-all');
  disposeCharts(box);
  box.replaceChildren(h('p', {}, '正在准备打印…'));
  const parts = await Promise.all((['compliance', 'balance', 'exchange'] as Tab[]).map(async (t) => {
    const el = h('section', { class: 'print-part' });
    await renderTab(t, el, loc);
    return el;
  }));
  box.replaceChildren(h('h1', {}, `${loc.name} ${state.year} 学年 合规与均衡报告`), h('p', { class: 'muted' }, `共治 Gongzhi 教育局看板 · 打印于 ${new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`), ...parts);
  // On paper every finding shows: the folded lists open.
  for (const d of box.querySelectorAll('details')) d.open = true;
  const done = () => {
    disposeCharts(box);
    box.replaceChildren();
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

// ---------- boot ----------

function boot() {
  const app = document.querySelector('#root')!;
  app.replaceChildren(
    h(
      'header',
      {},
      h('h1', {}, '共治 · 教育局看板'),
      h('span', { class: 'spacer' }),
      h('span', { id: 'who', class: 'muted' }),
    ),
    h(
      'section',
      { id: 'signin' },
      h('h2', {}, '登录'),
      h('p', {}, '请粘贴教育局发给您的访问令牌。看板只读取令牌有权查看的地区。'),
      h('textarea', { id: 'token', rows: 4, placeholder: 'eyJhbGciOi…', 'aria-label': '访问令牌', spellcheck: 'false' }),
      h('div', { class: 'row' }, h('button', { id: 'signin-btn', type: 'button' }, '登录'), demoToken ? h('button', { id: 'demo-btn', type: 'button', class: 'secondary' }, '使用演示令牌') : null),
      h('p', { id: 'signin-error', class: 'error', role: 'alert' }),
    ),
    h(
      'div',
      { id: 'app', hidden: true },
      h(
        'div',
        { class: 'toolbar' },
        h('div', { id: 'picker' }),
        h('label', {}, '学年', h('select', { id: 'year', 'aria-label': '学年' }, ...[0, 1, 2, 3, 4].map((k) => {
          const a = Number(state.year.slice(0, 4)) - k;
          return h('option', { value: `${a}-${a + 1}` }, `${a}-${a + 1}`);
        }))),
        h('label', { id: 'stage' }, '学段', h('select', { id: 'stage-sel', 'aria-label': '学段' }, ...(['PRIMARY', 'JUNIOR'] as Stage[]).map((s) => h('option', { value: s }, STAGE_ZH[s])))),
        h('span', { class: 'spacer' }),
        h('button', { id: 'export', type: 'button' }, '导出 XLSX'),
        h('button', { id: 'print', type: 'button', class: 'secondary' }, '打印'),
        h('button', { id: 'signout', type: 'button', class: 'secondary' }, '退出'),
      ),
      h('nav', { id: 'tabs', role: 'tablist' }, ...TABS.map(([id, label]) => h('button', { type: 'button', role: 'tab', 'data-tab': id }, label))),
      h('main', { id: 'view' }),
    ),
    h('div', { id: 'print-all' }),
  );
  $('#signin-btn').addEventListener('click', () => void signIn($<HTMLTextAreaElement>('#token').value));
  document.querySelector('#demo-btn')?.addEventListener('click', () => void signIn(demoToken));
  $('#signout').addEventListener('click', signOut);
  $('#export').addEventListener('click', () => void exportXlsx());
  $('#print').addEventListener('click', () => void printReport());
  $('#year').addEventListener('change', (e) => {
    state.year = (e.target as HTMLSelectElement).value;
    void render();
  });
  $('#stage-sel').addEventListener('change', (e) => {
    state.stage = (e.target as HTMLSelectElement).value as Stage;
    void render();
  });
  $('#tabs').addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest('button');
    if (!b?.dataset.tab) return;
    state.tab = b.dataset.tab as Tab;
    void render();
  });
  const saved = sessionStorage.getItem('gongzhi-token');
  if (saved) void signIn(saved);
}

// For the browser test and the curious: which requests the page sent, and how long they took.
Object.assign(window, { gongzhi: { requests } });
boot();
