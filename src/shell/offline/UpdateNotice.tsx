/**
 * "New version available — reload": shown when a new deployment's service worker is waiting.
 * The live region is always in the page (empty until then), so screen readers announce it.
 */
import { useState } from 'react';
import { useUpdateState } from './updateStore';

export function UpdateNotice() {
  const { apply } = useUpdateState();
  const [dismissed, setDismissed] = useState<(() => void) | null>(null);
  const visible = apply !== null && dismissed !== apply;
  return (
    <div className="update-notice-region" role="status" aria-live="polite">
      {visible ? (
        <div className="update-notice" data-update-notice="">
          <span>New version available</span>
          <button type="button" className="update-notice-reload" onClick={apply}>
            Reload
          </button>
          <button type="button" className="update-notice-dismiss" aria-label="Not now" onClick={() => setDismissed(() => apply)}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
