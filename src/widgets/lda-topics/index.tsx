/**
 * lda-topics (chapter 10): LDA fitted in the worker to the State of the Union passages by batch
 * variational EM, online EM and SVI (or SVI at several κ, τ₀, B). Chart: held-out log predictive
 * per word against documents seen; list: the chosen run's topics as words, emerging as
 * minibatches stream; buttons: held-out passages, whose topic proportions ϑ̂ the run shows.
 */
import { useMemo, useState } from 'react';
import { ldaRaceParams, type LdaRaceSnapshot } from '../../core/lda/raceDemo';
import { useWidget, WidgetFrame } from '../frame';
import { MetricChart } from '../plots';
import type { WidgetProps } from '../registry';
import { DocPanel } from './DocPanel';
import { formatDocsRate, leadingTopics, raceHistory, RUN_COLORS } from './logic';
import { TopicTable } from './TopicTable';

export default function LdaTopicsWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: ldaRaceParams, preset, demo: 'lda-race', liveParams: ['doc'] });
  const snap = w.trainer?.snapshot as LdaRaceSnapshot | null | undefined;
  const [picked, setPicked] = useState<number | null>(null);
  const runs = snap?.labels.length ?? 0;
  const run = picked !== null && picked < runs ? picked : Math.max(0, runs - 1);
  const history = useMemo(() => (snap ? raceHistory(snap.traceDocs, snap.traceHeldOut) : []), [snap]);
  const series = useMemo(() => (snap ? snap.labels.map((label, i) => ({ key: `run${i}`, label, color: RUN_COLORS[i], dashed: i === 0 })) : []), [snap]);
  const m = w.trainer?.metrics;
  return (
    <WidgetFrame
      widget={w}
      title="Topics of the State of the Union: batch EM, online EM and SVI"
      controls={['race', 'k', 'batch', 'kappa', 'tau0', 'passes', 'evalDocs', 'evalEvery', 'doc']}
      statusExtra={<span data-testid="lda-docs-rate">{formatDocsRate(m?.docsPerSecond)}</span>}
      caption={
        <>
          Every run sees the same documents per step. Batch EM changes its topics only at the end of each pass over the 13,459 training passages; online EM
          and SVI update them after every minibatch of B, with weight ρ<sub>t</sub> = (τ₀ + t)<sup>−κ</sup>. The score is the held-out log predictive per
          word by document completion (higher is better). Click a passage to see its topic proportions; click a run&apos;s name to list its topics.
        </>
      }
    >
      <MetricChart history={history} series={series} xLabel="documents seen (each run)" yLabel="held-out log predictive / word" emptyText="Loading the corpus…" ariaLabel="Held-out log predictive per word against documents seen, one line per run" />
      {snap ? (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(300px, 1fr))', gap: '1em', alignItems: 'start', marginTop: '0.5em' }}>
          <div>
            <div role="group" aria-label="Whose topics" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.3em', marginBottom: '0.4em' }}>
              {snap.labels.map((label, i) => (
                <button key={label} type="button" data-run={i} aria-pressed={i === run} onClick={() => setPicked(i)} style={{ borderColor: RUN_COLORS[i] }}>
                  {label}
                  {m && Number.isFinite(m[`heldOut${i}`]) ? ` ${m[`heldOut${i}`].toFixed(3)}` : ''}
                </button>
              ))}
            </div>
            <TopicTable topics={snap.topics[run]} alpha={snap.alpha[run]} highlight={leadingTopics(snap.docTheta[run], 0.2)} />
          </div>
          <DocPanel snap={snap} run={run} color={RUN_COLORS[run]} onPick={(d) => w.setValue('doc', d)} />
        </div>
      ) : null}
    </WidgetFrame>
  );
}
