/** Buttons for drawing a point set and training the diffusion model on it. */
export function DrawControls(props: {
  drawing: boolean;
  count: number;
  usingDrawn: boolean;
  onStart(): void;
  onFit(): void;
  onClear(): void;
}) {
  const { drawing, count, usingDrawn, onStart, onFit, onClear } = props;
  return (
    <div className="widget-extra-controls" style={{ display: 'flex', gap: '0.5em', flexWrap: 'wrap', alignItems: 'center' }}>
      {drawing ? (
        <>
          <span>{count} points drawn: press and drag on the plot.</span>
          <button type="button" onClick={onFit} disabled={count < 5}>
            Train on these points
          </button>
        </>
      ) : (
        <button type="button" onClick={onStart}>
          Draw points
        </button>
      )}
      {drawing || usingDrawn ? (
        <button type="button" onClick={onClear}>
          Back to the dataset
        </button>
      ) : null}
    </div>
  );
}
