/**
 * The "?" overlay: a modal <dialog> (the browser traps focus inside and closes it on Esc);
 * focus returns to the widget when it closes.
 */
import { useEffect, useRef } from 'react';
import { SHORTCUTS } from '../shortcuts';

interface Props {
  open: boolean;
  hasDemo: boolean;
  onClose(): void;
}

export function HelpDialog({ open, hasDemo, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      dialog.querySelector<HTMLButtonElement>('button')?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);
  const rows = SHORTCUTS.filter((s) => hasDemo || !s.needsDemo);
  return (
    <dialog ref={ref} className="wf-help" aria-label="Keyboard shortcuts" onClose={onClose} onCancel={onClose}>
      <h2 className="wf-help-title">Keyboard shortcuts</h2>
      <p>When this figure has focus:</p>
      <table>
        <tbody>
          {rows.map((s) => (
            <tr key={s.action}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="wf-button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
