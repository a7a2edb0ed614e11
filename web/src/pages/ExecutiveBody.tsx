import { useMemo } from 'preact/hooks';
import { categoryChart } from '../charts/options';
import { COLORS } from '../charts/theme';
import { ChartCard } from '../components/ChartCard';
import { DataTable } from '../components/DataTable';
import { GoalCard } from '../components/GoalCard';
import { KpiTile } from '../components/KpiTile';
import { Warnings } from '../components/Warnings';
import { formatValue } from '../format';
import type { ExecutiveReport } from '../types';

const TILES = ['revenue', 'total_cost', 'net_profit', 'roi_pct', 'cpa', 'wins'] as const;

/** The month's money, goals, revenue projection and campaign ranking. */
export function ExecutiveBody({ r, currency }: { r: ExecutiveReport; currency: string | null }) {
  const ranked = r.rows;
  const names = ranked.map((x) => String(x.campaign ?? ''));
  const revenueGoal = r.goals.find((g) => g.scope === '*' && g.metric === 'revenue');
  const p = r.revenue_projection;
  const rankOption = useMemo(
    () =>
      categoryChart({
        categories: names,
        horizontal: true,
        currency,
        legend: false,
        series: [
          {
            name: 'Net profit',
            metric: 'net_profit',
            data: ranked.map((x) => x.net_profit as number | null),
            colors: ranked.map((x) => ((x.net_profit as number) < 0 ? COLORS.loss : COLORS.net)),
          },
        ],
      }),
    [r, currency],
  );
  const projCats = ['To date', 'Month end'];
  const projOption = useMemo(
    () =>
      categoryChart({
        categories: projCats,
        horizontal: true,
        currency,
        legend: false,
        ...(p.low !== null && p.high !== null && p.high > p.low
          ? { band: { from: p.low, to: p.high, label: '80% range' } }
          : {}),
        series: [
          {
            name: 'Revenue',
            metric: 'revenue',
            data: [p.actual, p.projection],
            colors: [COLORS.revenue, '#93c5fd'],
            ...(revenueGoal
              ? {
                  markLine: {
                    value: revenueGoal.target,
                    label: `Goal ${formatValue(revenueGoal.target, 'money', currency, { compact: true })}`,
                  },
                }
              : {}),
          },
        ],
      }),
    [r, currency],
  );
  const whole = { title: 'All calls of the month', from: r.from, to: r.to, timezone: r.timezone, where: {} };
  return (
    <>
      <div class="tiles">
        {TILES.map((m) => (
          <KpiTile
            key={m}
            metric={m}
            value={r.totals[m]}
            currency={currency}
            definitions={r.definitions}
            tone={m === 'net_profit' && (r.totals[m] ?? 0) < 0 ? 'bad' : undefined}
          />
        ))}
      </div>
      <Warnings warnings={r.warnings} />
      {r.goals.length > 0 && (
        <section class="section">
          <h2 class="section-title">Goals of {r.period}</h2>
          <div class="goals">
            {r.goals.map((g) => (
              <GoalCard
                key={`${g.scope}|${g.metric}`}
                goal={g}
                currency={currency}
                definitions={r.definitions}
              />
            ))}
          </div>
        </section>
      )}
      <div class="grid-2">
        <ChartCard
          id="executive-projection"
          title="Revenue: month to date and month-end projection"
          info={`${p.method}`}
          option={projOption}
          height={220}
          categoryAxis="y"
          categories={projCats}
          drill={() => whole}
          csv={{
            filename: `executive-projection-${r.period}.csv`,
            columns: ['period', 'actual', 'projection', 'low', 'high', 'goal'],
            rows: [{ period: r.period, ...p, goal: revenueGoal?.target ?? null }],
          }}
        />
        <ChartCard
          id="executive-campaigns"
          title="Campaigns by net profit"
          info={`Net profit = ${r.definitions.net_profit ?? ''}`}
          option={rankOption}
          height={Math.max(220, 44 * names.length + 40)}
          categoryAxis="y"
          categories={names}
          drill={(i) => ({
            ...whole,
            title: `Calls of campaign ${names[i]}`,
            where: { campaign: names[i]! },
          })}
          csv={{
            filename: `executive-campaigns-${r.period}.csv`,
            columns: ['campaign', 'net_profit', 'revenue', 'total_cost'],
            rows: ranked,
          }}
          footer={
            <p class="rank-note">
              <span class="good">▲ Earning most: {r.top_campaigns.join(', ') || '–'}</span>
              <span class="bad">▼ Earning least: {r.bottom_campaigns.join(', ') || '–'}</span>
            </p>
          }
        />
      </div>
      <DataTable
        id="executive-campaign"
        title="Campaign ranking"
        rows={ranked}
        rowKey={(x) => String(x.campaign ?? '')}
        currency={currency}
        definitions={r.definitions}
        totals={r.totals}
        columns={[
          { key: 'net_rank', label: '#', kind: 'metric', unit: 'count' },
          { key: 'campaign', label: 'Campaign', kind: 'dim' },
          { key: 'revenue' },
          { key: 'total_cost' },
          { key: 'net_profit' },
          { key: 'roi_pct' },
          { key: 'cpa' },
          { key: 'wins' },
          {
            key: 'seat_hour_rank',
            unit: 'count',
            info: 'rank by margin per seat hour: where one more agent hour earns most',
          },
          {
            key: 'at_loss',
            label: 'At loss',
            kind: 'dim',
            render: (x) => (x.at_loss ? <span class="bad">✕ loss</span> : <span class="good">✓ profit</span>),
          },
        ]}
      />
    </>
  );
}
