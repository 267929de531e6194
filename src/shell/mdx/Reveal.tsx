/**
 * Content the reader reveals on demand: answers to "check yourself" questions and solutions to
 * exercises. The hidden content stays in the DOM (`hidden`), so it prints and can be searched.
 */
import { createContext, useContext, useId, useState, type ReactNode } from 'react';
import { anchorFor, qualifiedNumber } from './numbering';
import { useChapter } from './ChapterContext';

function Reveal({ show, hide, className, children }: { show: string; hide: string; className: string; children?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  return (
    <div className={className}>
      <button type="button" className="reveal-button" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
        {open ? hide : show}
      </button>
      <div id={bodyId} className="reveal-body" hidden={!open}>
        {children}
      </div>
    </div>
  );
}

export function CheckYourself({ question, children }: { question: ReactNode; children?: ReactNode }) {
  return (
    <aside className="callout callout-check">
      <p className="callout-heading">
        <span className="callout-label">Check yourself</span>
      </p>
      <p className="check-question">{question}</p>
      <Reveal show="Show answer" hide="Hide answer" className="check-answer">
        {children}
      </Reveal>
    </aside>
  );
}

const ExerciseContext = createContext<string | null>(null);

export function Exercise({ id, number, title, children }: { id?: string; number?: string; title?: ReactNode; children?: ReactNode }) {
  const chapter = useChapter();
  const label = qualifiedNumber(chapter.number, number);
  return (
    <section className="exercise" id={anchorFor('Exercise', id, number ?? '')} aria-label={`Exercise ${label}`}>
      <p className="callout-heading">
        <span className="callout-label">Exercise {label}</span>
        {title ? <span className="callout-title"> · {title}</span> : null}
      </p>
      <ExerciseContext.Provider value={label}>{children}</ExerciseContext.Provider>
    </section>
  );
}

export function Solution({ children }: { children?: ReactNode }) {
  const exercise = useContext(ExerciseContext);
  const suffix = exercise ? ` to exercise ${exercise}` : '';
  return (
    <Reveal show={`Show solution${suffix}`} hide="Hide solution" className="solution">
      {children}
    </Reveal>
  );
}
