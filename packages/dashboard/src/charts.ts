/**
 * ECharts, tree-shaken to the charts the dashboard draws, rendered as SVG: sharp in print, and its
 * labels are text a test (or a screen reader) can find.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, SVGRenderer]);

const charts = new Set<echarts.ECharts>();

export function chart(el: HTMLElement, option: echarts.EChartsCoreOption, height = 320): echarts.ECharts {
  el.style.height = `${height}px`;
  const width = el.clientWidth || el.parentElement?.clientWidth || 900;
  const c = echarts.init(el, undefined, { renderer: 'svg', width: Math.max(320, width), height });
  c.setOption({ animation: false, textStyle: { fontFamily: 'Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif' }, ...option });
  charts.add(c);
  return c;
}

export function disposeCharts(root: HTMLElement) {
  for (const c of [...charts]) {
    const dom = c.getDom();
    if (root.contains(dom)) {
      c.dispose();
      charts.delete(c);
    }
  }
}

window.addEventListener('resize', () => {
  for (const c of charts) {
    const w = c.getDom().clientWidth;
    if (w) c.resize({ width: w });
  }
});

export const RED = '#c0392b';
export const GREEN = '#2e8b57';
export const BLUE = '#2f6db5';
export const GREY = '#b8bfc8';
export const AMBER = '#d68910';
