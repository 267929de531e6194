/**
 * Boxed prose blocks of a textbook. Definitions and theorems are numbered per chapter at build
 * time; remarks and proofs are not. Each takes an optional title.
 */
import type { ReactNode } from 'react';
import { anchorFor, qualifiedNumber, type NumberedKind } from './numbering';
import { useChapter } from './ChapterContext';

interface BlockProps {
  id?: string;
  number?: string;
  title?: ReactNode;
  children?: ReactNode;
}

function NumberedBlock({ kind, className, id, number, title, children }: BlockProps & { kind: NumberedKind; className: string }) {
  const chapter = useChapter();
  return (
    <section className={`callout ${className}`} id={anchorFor(kind, id, number ?? '')} aria-label={`${kind} ${qualifiedNumber(chapter.number, number)}`}>
      <p className="callout-heading">
        <span className="callout-label">
          {`${kind} ${qualifiedNumber(chapter.number, number)}`}
        </span>
        {title ? <span className="callout-title"> ({title})</span> : null}
      </p>
      {children}
    </section>
  );
}

export function Definition(props: BlockProps) {
  return <NumberedBlock kind="Definition" className="callout-definition" {...props} />;
}

export function Theorem(props: BlockProps) {
  return <NumberedBlock kind="Theorem" className="callout-theorem" {...props} />;
}

export function Proof({ title, children }: { title?: ReactNode; children?: ReactNode }) {
  return (
    <div className="proof">
      <p className="callout-heading">
        <em>{title ?? 'Proof.'}</em>
      </p>
      {children}
      <p className="qed">
        <span role="img" aria-label="End of proof">
          ∎
        </span>
      </p>
    </div>
  );
}

function PlainBlock({ className, heading, title, children }: { className: string; heading: string; title?: ReactNode; children?: ReactNode }) {
  return (
    <aside className={`callout ${className}`}>
      <p className="callout-heading">
        <span className="callout-label">{title ?? heading}</span>
      </p>
      {children}
    </aside>
  );
}

export function Remark({ title, children }: { title?: ReactNode; children?: ReactNode }) {
  return (
    <PlainBlock className="callout-remark" heading="Remark" title={title}>
      {children}
    </PlainBlock>
  );
}

export function Prerequisites({ title, children }: { title?: ReactNode; children?: ReactNode }) {
  return (
    <PlainBlock className="callout-prerequisites" heading="Before you start" title={title}>
      {children}
    </PlainBlock>
  );
}

export function Summary({ title, children }: { title?: ReactNode; children?: ReactNode }) {
  return (
    <PlainBlock className="callout-summary" heading="Summary" title={title}>
      {children}
    </PlainBlock>
  );
}
