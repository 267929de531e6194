/** Play/Pause, Step, Reset, the speed cap and the seed: shown only for widgets that train. */
import { useId, useState } from 'react';
import type { Trainer } from '../types';
import { MAX_SEED } from '../urlState';

export const SPEED_CHOICES: readonly (number | null)[] = [1, 5, 20, 60, null];

interface Props {
  trainer: Trainer;
  speed: number | null;
  onSpeed(speed: number | null): void;
  seed: number;
  onSeed(seed: number): void;
}

export function Transport({ trainer, speed, onSpeed, seed, onSeed }: Props) {
  const speedId = useId();
  const seedId = useId();
  const running = trainer.status === 'running';
  const [seedDraft, setSeedDraft] = useState<string | null>(null);
  const commitSeed = () => {
    if (seedDraft === null) return;
    const x = Number(seedDraft);
    setSeedDraft(null);
    if (seedDraft.trim() !== '' && Number.isFinite(x)) onSeed(x);
  };
  return (
    <div className="wf-transport" role="group" aria-label="Training">
      <button
        type="button"
        className="wf-button wf-play"
        aria-label={running ? 'Pause' : 'Play'}
        title={running ? 'Pause (space)' : 'Play (space)'}
        disabled={trainer.status === 'error'}
        onClick={() => (running ? trainer.pause() : trainer.play())}
      >
        <span aria-hidden="true">{running ? '❚❚' : '▶'}</span>
      </button>
      <button type="button" className="wf-button" aria-label="Step" title="Step (→)" onClick={() => trainer.stepForward(1)}>
        <span aria-hidden="true">▶❘</span>
      </button>
      <button type="button" className="wf-button" aria-label="Reset" title="Reset (r)" onClick={() => trainer.reset()}>
        <span aria-hidden="true">↺</span>
      </button>
      <span className="wf-field">
        <label htmlFor={speedId}>Speed</label>
        <select
          id={speedId}
          value={speed === null ? 'max' : String(speed)}
          onChange={(e) => onSpeed(e.currentTarget.value === 'max' ? null : Number(e.currentTarget.value))}
        >
          {SPEED_CHOICES.map((s) => (
            <option key={s ?? 'max'} value={s ?? 'max'}>
              {s === null ? 'max' : `${s} steps/s`}
            </option>
          ))}
        </select>
      </span>
      <span className="wf-field">
        <label htmlFor={seedId}>Seed</label>
        <input
          id={seedId}
          type="number"
          className="wf-number wf-seed"
          min={0}
          max={MAX_SEED}
          step={1}
          value={seedDraft ?? String(seed)}
          onChange={(e) => setSeedDraft(e.currentTarget.value)}
          onBlur={commitSeed}
          onKeyDown={(e) => e.key === 'Enter' && commitSeed()}
        />
        <button type="button" className="wf-button wf-small" aria-label="New seed" onClick={() => onSeed(randomSeed())}>
          New seed
        </button>
      </span>
    </div>
  );
}

function randomSeed(): number {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return buf[0] % 1_000_000; // short enough to read aloud and type
}
