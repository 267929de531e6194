/**
 * Buttons for drawing a point set on a 2-D plot and using it instead of a toy dataset
 * (EM in chapter 2, the diffusion model in chapter 8; see useDrawnPoints). `useLabel` names what
 * the points are for.
 */
export function DrawPointsControls(props: {
  drawing: boolean;
  count: number;
  usingDrawn: boolean;
  useLabel: string;
  onStart(): void;
  onFit(): void;
  onClear(): void;
}) {
  const { drawing, count, usingDrawn, useLabel, onStart, onFit, onClear } = props;
  return (
    <div className="widget-extra-controls" style={{ display: 'flex', gap: '0.5em', flexWrap: 'wrap', alignItems: 'center' }}>
      {drawing ? (
        <>
          <span>{count} points drawn: press and drag on the plot.</span>
          <button type="button" className="wf-button wf-small" onClick={onFit} disabled={count < 5}>
            {useLabel}
          </button>
        </>
      ) : (
        <button type="button" className="wf-button wf-small" onClick={onStart}>
          Draw points
        </button>
      )}
      {drawing || usingDrawn ? (
        <button type="button" className="wf-button wf-small" onClick={onClear}>
          Back to the dataset
        </button>
      ) : null}
    </div>
  );
}
