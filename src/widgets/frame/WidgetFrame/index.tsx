/**
 * <WidgetFrame>: the one frame around every live figure. Draws the state from `useWidget`:
 * title and toolbar, notices, the figure, controls from the param table, transport and status,
 * caption; wires keyboard shortcuts, present mode, export and the URL link.
 */
import { createContext, useCallback, useContext, useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ParamTable } from '../../../core/params';
import { downloadBlob, figuresToPng, figuresToSvg } from '../exportFigure';
import { FrameContext } from '../frameContext';
import { shortcutFor } from '../shortcuts';
import type { WidgetState } from '../types';
import { ParamControls } from '../controls/ParamControls';
import { HelpDialog } from './HelpDialog';
import { Notices } from './Notices';
import { StatusLine } from './StatusLine';
import { Toolbar } from './Toolbar';
import { Transport } from './Transport';
import { useFigureRegistry } from './useFigureRegistry';
import { usePresentMode } from './usePresentMode';
import '../frame.css';

export interface WidgetFrameProps<T extends ParamTable> {
  widget: WidgetState<T>;
  title: ReactNode;
  caption?: ReactNode;
  /** Which params get controls, in this order; default all, in table order. */
  controls?: readonly (keyof T & string)[];
  extraControls?: ReactNode;
  /** Extra items for the status line (e.g. documents per second), after the step count. */
  statusExtra?: ReactNode;
  children: ReactNode;
}

/**
 * True when the build renders a widget for its still (src/shell/serverEntry.tsx): the frame then
 * writes only its title and caption as a figure, with no controls, for the prerendered page.
 */
export const StillFrameContext = createContext(false);

export function WidgetFrame<T extends ParamTable>(props: WidgetFrameProps<T>) {
  const { widget, title, caption, controls, extraControls, statusExtra, children } = props;
  const { trainer, presenting, id } = widget;
  const [root, setRoot] = useState<HTMLElement | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const titleId = useId();
  const present = usePresentMode(root, presenting, widget.setPresenting);
  const { figures, count: figureCount, registerFigure } = useFigureRegistry();
  const widgetRootRef = widget.rootRef;
  // Stable, so React does not detach and re-attach the root on every render.
  const attachRoot = useCallback(
    (el: HTMLElement | null) => {
      setRoot(el);
      widgetRootRef(el);
    },
    [widgetRootRef],
  );

  const context = useMemo(
    () => ({ visible: widget.visible, presenting, reducedMotion: widget.reducedMotion, registerFigure }),
    [widget.visible, presenting, widget.reducedMotion, registerFigure],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const action = shortcutFor(e, {
      targetIsControl: isControl(e.target),
      hasDemo: trainer !== null,
      presenting,
      helpOpen,
    });
    if (!action) return;
    e.preventDefault();
    if (action === 'toggle-play' && trainer) {
      if (trainer.status === 'running') trainer.pause();
      else trainer.play();
    } else if (action === 'step') trainer?.stepForward(1);
    else if (action === 'reset') trainer?.reset();
    else if (action === 'present') (presenting ? present.leave : present.enter)();
    else if (action === 'leave') present.leave();
    else if (action === 'help') setHelpOpen(true);
  };

  const background = () => (root ? getComputedStyle(root).backgroundColor : undefined);
  const onExport = async (format: 'png' | 'svg') => {
    const list = figures.current;
    if (list.length === 0) return;
    const blob =
      format === 'png'
        ? await figuresToPng(list, background())
        : new Blob([await figuresToSvg(list, background())], { type: 'image/svg+xml' });
    downloadBlob(blob, `${id}.${format}`);
  };
  const onCopyLink = async () => {
    try {
      await navigator.clipboard.writeText(widget.shareLink());
      return true;
    } catch {
      return false;
    }
  };

  const still = useContext(StillFrameContext);
  if (still) {
    return (
      <figure className="widget-still-figure">
        <figcaption>
          <strong className="widget-still-title">{title}</strong>
          {caption ? <> {caption}</> : null}
        </figcaption>
      </figure>
    );
  }
  const status = trainer?.status ?? 'idle';
  return (
    <FrameContext.Provider value={context}>
      <section
        ref={attachRoot}
        className={`wf-root${presenting ? ' wf-presenting' : ''}${widget.reducedMotion ? ' wf-reduced-motion' : ''}`}
        tabIndex={0}
        aria-labelledby={titleId}
        data-widget={id}
        data-status={status}
        data-step={trainer?.step ?? 0}
        data-backend={trainer?.backend ?? ''}
        data-metrics={JSON.stringify(trainer?.metrics ?? null)}
        data-presenting={presenting ? 'true' : 'false'}
        onKeyDown={onKeyDown}
      >
        <header className="wf-header">
          <h3 className="wf-title" id={titleId}>
            {title}
          </h3>
          <Toolbar
            presenting={presenting}
            canExport={figureCount > 0}
            onCopyLink={onCopyLink}
            onExport={(f) => void onExport(f)}
            onPresent={presenting ? present.leave : present.enter}
            onHelp={() => setHelpOpen(true)}
          />
        </header>
        <Notices
          paramNotices={widget.notices}
          onDismissParam={widget.dismissNotice}
          trainerNotices={trainer?.notices ?? []}
          onDismissTrainer={(n) => trainer?.dismissNotice(n)}
        />
        <div className="wf-figure">{children}</div>
        <div className="wf-side">
          <div className="wf-controls">
            <ParamControls
              params={widget.params}
              values={widget.values}
              names={controls}
              onChange={(name, v) => widget.setValue(name as keyof T & string, v as never)}
            />
            {extraControls}
          </div>
          {trainer ? (
            <>
              <Transport
                trainer={trainer}
                speed={widget.speed}
                onSpeed={widget.setSpeed}
                seed={widget.seed}
                onSeed={widget.setSeed}
              />
              <StatusLine trainer={trainer} extra={statusExtra} />
            </>
          ) : null}
          {caption ? <div className="wf-caption">{caption}</div> : null}
        </div>
        <HelpDialog
          open={helpOpen}
          hasDemo={trainer !== null}
          onClose={() => {
            setHelpOpen(false);
            root?.focus();
          }}
        />
      </section>
    </FrameContext.Provider>
  );
}

function isControl(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'A', 'DIALOG'].includes(target.tagName);
}
