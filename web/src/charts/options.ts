import { unitOf } from '../catalog';
import { formatValue } from '../format';
import type { Unit } from '../types';
import { encodeHTML, type ChartOption } from './echarts';
import { FONT, PALETTE } from './theme';

// Builds the ECharts option of a category chart (bars and lines over campaigns, lists, agents,
// dates or hours). Tooltips are HTML in ECharts: every text in them goes through encodeHTML, and
// the figures through the same formatting as the tables.

export interface SeriesSpec {
  name: string;
  /** the metric id: its unit formats the axis and the tooltip */
  metric: string;
  data: (number | null)[];
  type?: 'bar' | 'line';
  stack?: string;
  yAxis?: 0 | 1;
  color?: string;
  dashed?: boolean;
  /** per-point colors (e.g. red bars for losses) */
  colors?: string[];
  markLine?: { value: number; label: string };
}

export interface Marker {
  /** the category the mark sits on */
  at: string;
  label: string;
}

export interface CategoryChart {
  categories: string[];
  series: SeriesSpec[];
  currency?: string | null;
  /** bars run left to right with categories down the side */
  horizontal?: boolean;
  /** a slider for long series (hours, many days) */
  zoom?: boolean;
  /** with zoom: open on the last this many categories (the rest a drag away) */
  zoomLast?: number;
  markers?: Marker[];
  /** a shaded range on the value axis (e.g. a projection's 80 % interval) */
  band?: { from: number; to: number; label: string };
  legend?: boolean;
}

const unitOfSeries = (s: SeriesSpec | undefined): Unit | undefined => (s ? unitOf(s.metric) : undefined);

type TooltipParam = {
  seriesIndex: number;
  marker: string;
  seriesName: string;
  value: unknown;
  axisValueLabel: string;
};

function tooltip(spec: CategoryChart) {
  return (raw: unknown): string => {
    const params = (Array.isArray(raw) ? raw : [raw]) as TooltipParam[];
    const head = params[0] ? `<b>${encodeHTML(params[0].axisValueLabel)}</b>` : '';
    const lines = params.map((p) => {
      const s = spec.series[p.seriesIndex];
      const v = formatValue(p.value, unitOfSeries(s), spec.currency);
      return `${p.marker}${encodeHTML(p.seriesName)}&nbsp;&nbsp;<b style="float:right;margin-left:16px">${encodeHTML(v)}</b>`;
    });
    return [head, ...lines].join('<br/>');
  };
}

function valueAxis(unit: Unit | undefined, currency: string | null | undefined, show: boolean) {
  return {
    type: 'value' as const,
    show,
    splitLine: { lineStyle: { color: '#e5e7eb' } },
    axisLabel: {
      color: '#64748b',
      formatter: (v: number) => formatValue(v, unit, currency, { compact: true }),
    },
  };
}

const truncate = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function categoryChart(spec: CategoryChart): ChartOption {
  const units = [
    unitOfSeries(spec.series.find((s) => (s.yAxis ?? 0) === 0)),
    unitOfSeries(spec.series.find((s) => s.yAxis === 1)),
  ];
  const twoAxes = spec.series.some((s) => s.yAxis === 1);
  const catAxis = {
    type: 'category' as const,
    data: spec.categories,
    axisTick: { alignWithLabel: true },
    axisLabel: {
      color: '#475569',
      hideOverlap: true,
      formatter: (v: string) => truncate(v, spec.horizontal ? 24 : 14),
    },
    axisLine: { lineStyle: { color: '#cbd5e1' } },
  };
  const values = [valueAxis(units[0], spec.currency, true), valueAxis(units[1], spec.currency, twoAxes)];
  const markers = spec.markers ?? [];
  const series = spec.series.map((s, i) => ({
    name: s.name,
    type: s.type ?? 'bar',
    data: s.colors ? s.data.map((v, j) => ({ value: v, itemStyle: { color: s.colors![j] } })) : s.data,
    ...(s.stack ? { stack: s.stack } : {}),
    ...(spec.horizontal ? {} : { yAxisIndex: s.yAxis ?? 0 }),
    ...(s.color
      ? {
          itemStyle: { color: s.color },
          lineStyle: { color: s.color, ...(s.dashed ? { type: 'dashed' as const } : {}) },
        }
      : {}),
    ...(s.type === 'line'
      ? { symbolSize: 6, showSymbol: spec.categories.length <= 62, connectNulls: false }
      : { barMaxWidth: 42 }),
    emphasis: { focus: 'series' as const },
    ...(i === 0 && (markers.length || s.markLine)
      ? { markLine: markLine(markers, s.markLine, spec.horizontal) }
      : {}),
    ...(i === 0 && spec.band ? { markArea: markArea(spec.band, spec.horizontal) } : {}),
  }));
  return {
    color: PALETTE,
    textStyle: { fontFamily: FONT },
    animationDuration: 300,
    animationDurationUpdate: 200,
    grid: {
      left: 8,
      right: twoAxes ? 8 : 20,
      top: spec.legend === false ? 16 : 40,
      bottom: spec.zoom ? 56 : 8,
      containLabel: true,
    },
    legend:
      spec.legend === false
        ? { show: false }
        : { top: 0, left: 0, type: 'scroll', textStyle: { color: '#334155' } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: spec.series.some((s) => s.type === 'line') ? 'line' : 'shadow' },
      confine: true,
      formatter: tooltip(spec),
    },
    xAxis: spec.horizontal ? { ...values[0], type: 'value' } : catAxis,
    yAxis: spec.horizontal ? { ...catAxis, inverse: true } : values,
    ...(spec.zoom ? { dataZoom: zoom(spec) } : {}),
    series,
  } as ChartOption;
}

// Label formatters are functions: a string would be read as a template ({b}, {c}) from stored text.
function markLine(markers: Marker[], line: SeriesSpec['markLine'], horizontal = false) {
  return {
    silent: true,
    symbol: 'none',
    animation: false,
    lineStyle: { color: '#94a3b8', type: 'dashed' as const },
    label: { color: '#475569', fontSize: 11 },
    data: [
      ...markers.map((m) => ({ xAxis: m.at, label: { formatter: () => m.label, position: 'end' as const } })),
      ...(line
        ? [
            {
              [horizontal ? 'xAxis' : 'yAxis']: line.value,
              label: { formatter: () => line.label, position: 'insideEndTop' as const },
            },
          ]
        : []),
    ],
  };
}

function markArea(band: NonNullable<CategoryChart['band']>, horizontal = false) {
  const axis = horizontal ? 'xAxis' : 'yAxis';
  return {
    silent: true,
    itemStyle: { color: 'rgba(37, 99, 235, 0.10)' },
    label: { formatter: () => band.label, color: '#1e40af', position: 'insideTop' as const },
    data: [[{ [axis]: band.from }, { [axis]: band.to }]],
  };
}

function zoom(spec: CategoryChart) {
  const n = spec.categories.length;
  const from = spec.zoomLast && n > spec.zoomLast ? n - spec.zoomLast : 0;
  const window = { startValue: from, endValue: Math.max(0, n - 1) };
  return [
    { type: 'slider' as const, height: 22, bottom: 8, ...window },
    { type: 'inside' as const, ...window },
  ];
}
