import type { ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { Chart } from '../charts/Chart';
import type { ChartOption } from '../charts/echarts';
import { DrillContext, type DrillRequest } from '../drill';
import { Card, type CsvData } from './Card';

interface Props {
  id: string;
  title: string;
  info?: string;
  option: ChartOption;
  csv: CsvData;
  height?: number;
  categoryAxis?: 'x' | 'y';
  /** the categories drawn, in axis order: the click's index picks one */
  categories?: readonly string[];
  /** the rows behind category `index`, or null where there are none to list */
  drill?: (index: number) => DrillRequest | null;
  wide?: boolean;
  footer?: ComponentChildren;
}

/** The one chart panel: title, definitions, CSV of its data, and a click that drills to rows. */
export function ChartCard(p: Props) {
  const open = useContext(DrillContext);
  const onPoint = p.drill
    ? ({ index }: { index: number }) => {
        const req = p.drill!(index);
        if (req) open(req);
      }
    : undefined;
  return (
    <Card title={p.title} info={p.info} csv={p.csv} wide={p.wide} class="chart-card">
      <Chart
        id={p.id}
        option={p.option}
        height={p.height}
        categoryAxis={p.categoryAxis}
        categories={p.categories?.length}
        onPoint={onPoint}
      />
      {p.drill && <p class="hint">Click a bar or point to list the calls behind it.</p>}
      {p.footer}
    </Card>
  );
}
