import { useContext, useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { ReadyContext } from '../ready';
import { init, type ChartInstance, type ChartOption } from './echarts';

declare global {
  interface Window {
    /** every chart on screen by id, for end-to-end tests (convertToPixel, then a real click) */
    __callkpiCharts?: Record<string, ChartInstance>;
  }
}

export interface PointClick {
  /** index of the category under the click */
  index: number;
}

interface Props {
  id: string;
  option: ChartOption;
  height?: number;
  /** the axis that holds the categories: a click anywhere in a category's band selects it */
  categoryAxis?: 'x' | 'y';
  categories?: number;
  onPoint?: (p: PointClick) => void;
}

// A chart that misses its 'finished' event (e.g. drawn while hidden) must not hold the page's
// readiness forever.
const FINISH_FALLBACK_MS = 3000;

export function Chart({ id, option, height = 300, categoryAxis = 'x', categories, onPoint }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const inst = useRef<ChartInstance | null>(null);
  const ready = useContext(ReadyContext);
  const click = useRef(onPoint);
  click.current = onPoint;
  const axis = useRef({ categoryAxis, categories });
  axis.current = { categoryAxis, categories };

  useLayoutEffect(() => {
    const chart = init(el.current!, null, { renderer: 'svg' });
    inst.current = chart;
    (window.__callkpiCharts ??= {})[id] = chart;
    chart.on('finished', () => ready.end(id));
    // Clicks anywhere in a category's band (not only on the bar's pixels) drill into it.
    chart.getZr().on('click', (e) => {
      const pt = [e.offsetX, e.offsetY];
      if (!click.current || !chart.containPixel({ gridIndex: 0 }, pt)) return;
      const [x, y] = chart.convertFromPixel({ gridIndex: 0 }, pt) as number[];
      const n = axis.current.categories ?? Infinity;
      const index = Math.round((axis.current.categoryAxis === 'y' ? y : x) ?? NaN);
      if (Number.isFinite(index) && index >= 0 && index < n) click.current({ index });
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el.current!);
    return () => {
      ro.disconnect();
      ready.end(id);
      if (window.__callkpiCharts?.[id] === chart) delete window.__callkpiCharts[id];
      chart.dispose();
      inst.current = null;
    };
  }, [id, ready]);

  useLayoutEffect(() => {
    ready.begin(id);
    inst.current?.setOption(option, { notMerge: true });
    const t = setTimeout(() => ready.end(id), FINISH_FALLBACK_MS);
    return () => clearTimeout(t);
  }, [option, id, ready]);

  useEffect(() => {
    el.current?.classList.toggle('clickable', !!onPoint);
  }, [onPoint]);

  return <div class="chart" data-chart={id} ref={el} style={{ height: `${height}px` }} />;
}
