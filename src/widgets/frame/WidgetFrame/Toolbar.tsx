/** Copy link, PNG, SVG, Present and Help buttons in the frame's header. */
import { useState } from 'react';

interface Props {
  presenting: boolean;
  canExport: boolean;
  onCopyLink(): Promise<boolean>;
  onExport(format: 'png' | 'svg'): void;
  onPresent(): void;
  onHelp(): void;
}

export function Toolbar({ presenting, canExport, onCopyLink, onExport, onPresent, onHelp }: Props) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    const ok = await onCopyLink();
    setCopied(ok ? 'yes' : 'no');
    setTimeout(() => setCopied(null), 2000);
  };
  return (
    <div className="wf-toolbar" role="group" aria-label="Figure">
      <button type="button" className="wf-button wf-small" onClick={copy} aria-label="Copy link">
        {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Copy failed' : 'Copy link'}
      </button>
      <button type="button" className="wf-button wf-small" onClick={() => onExport('png')} disabled={!canExport} aria-label="PNG">
        PNG
      </button>
      <button type="button" className="wf-button wf-small" onClick={() => onExport('svg')} disabled={!canExport} aria-label="SVG">
        SVG
      </button>
      <button
        type="button"
        className="wf-button wf-small"
        aria-label="Present"
        aria-pressed={presenting}
        title={presenting ? 'Leave present mode (Esc)' : 'Present (f)'}
        onClick={onPresent}
      >
        {presenting ? 'Exit' : 'Present'}
      </button>
      <button type="button" className="wf-button wf-small" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={onHelp}>
        ?
      </button>
      <span className="wf-sr-only" aria-live="polite">
        {copied === 'yes' ? 'Link copied' : copied === 'no' ? 'Could not copy the link' : ''}
      </span>
    </div>
  );
}
