/**
 * The chapter list. The current chapter is marked (aria-current) and lists its sections, read
 * from the rendered h2s. On wide screens it is a column; on phones a drawer the header opens.
 */
import { useEffect } from 'react';
import { bookPages, chapters } from '../manifest';
import { chapterPath, homePath } from '../router';
import type { Section } from '../pages/ChapterPage';
import { useActiveSection } from './useActiveSection';

interface SidebarProps {
  currentSlug?: string;
  isHome: boolean;
  sections: Section[];
  open: boolean;
  onClose: () => void;
}

export function Sidebar({ currentSlug, isHome, sections, open, onClose }: SidebarProps) {
  const activeSection = useActiveSection(sections.map((s) => s.id));
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, onClose]);

  const sectionProps = { sections, activeSection, onClose };
  return (
    <>
      <nav id="sidebar" className={open ? 'sidebar open' : 'sidebar'} aria-label="Chapters">
        <a className="sidebar-home" href={homePath()} aria-current={isHome ? 'page' : undefined}>
          Front page
        </a>
        <ol className="sidebar-chapters">
          {chapters.map((chapter) => {
            const current = chapter.slug === currentSlug;
            return (
              <li key={chapter.slug} className={current ? 'current' : undefined}>
                <a href={chapterPath(chapter.slug)} aria-current={current ? 'page' : undefined}>
                  <span className="sidebar-number">{chapter.number}</span> {chapter.title}
                </a>
                {current ? <SectionList label={`Sections of chapter ${chapter.number}`} {...sectionProps} /> : null}
              </li>
            );
          })}
        </ol>
        <ul className="sidebar-pages">
          {bookPages.map((page) => {
            const current = page.slug === currentSlug;
            return (
              <li key={page.slug} className={current ? 'current' : undefined}>
                <a href={chapterPath(page.slug)} aria-current={current ? 'page' : undefined}>
                  {page.title}
                </a>
                {current ? <SectionList label={`Sections of ${page.title}`} {...sectionProps} /> : null}
              </li>
            );
          })}
        </ul>
      </nav>
      {open ? <div className="sidebar-backdrop" onClick={onClose} aria-hidden="true" /> : null}
    </>
  );
}

/** The current page's sections (its h2s), under its sidebar link. */
function SectionList({ label, sections, activeSection, onClose }: { label: string; sections: Section[]; activeSection?: string; onClose: () => void }) {
  if (sections.length === 0) return null;
  return (
    <ul className="sidebar-sections" aria-label={label}>
      {sections.map((section) => (
        <li key={section.id}>
          <a href={`#${section.id}`} onClick={onClose} aria-current={section.id === activeSection ? 'location' : undefined}>
            {section.title}
          </a>
        </li>
      ))}
    </ul>
  );
}
