/**
 * Held-out passages to click, and the chosen passage's topic proportions ϑ̂ under one run. The
 * passages are a group of toggle buttons (aria-pressed marks the chosen one): a button given the
 * role listitem may not carry aria-pressed (axe aria-allowed-attr).
 */
import { BarChart } from '../plots';
import type { LdaRaceSnapshot } from '../../core/lda/raceDemo';

export function DocPanel({ snap, run, color, onPick }: { snap: LdaRaceSnapshot; run: number; color: string; onPick: (doc: number) => void }) {
  const theta = snap.docTheta[run];
  return (
    <div>
      <div role="group" aria-label="Held-out passages" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.3em', fontSize: '0.8em' }}>
        {snap.choiceLabels.map((label, i) => {
          const d = snap.choiceDocs[i];
          return (
            <button key={d} type="button" data-doc={d} aria-pressed={d === snap.doc} onClick={() => onPick(d)}>
              {label}
            </button>
          );
        })}
      </div>
      <p data-testid="lda-doc" style={{ fontSize: '0.85em', margin: '0.4em 0' }}>
        Passage {snap.doc} ({snap.docLabel}): {snap.docWords.join(', ')}
      </p>
      <BarChart
        bars={Array.from(theta, (v, j) => ({ label: String(j + 1), value: v, color }))}
        domain={[0, 1]}
        height={150}
        yLabel="ϑ̂ (topic share)"
        formatValue={(v) => v.toFixed(2)}
        ariaLabel={`Topic proportions of held-out passage ${snap.doc} under ${snap.labels[run]}`}
      />
    </div>
  );
}
