/** Site header: skip link, book title, the phone-only contents button, search, theme toggle. */
import { homePath } from '../router';
import { SearchButton } from '../search/SearchButton';
import { ThemeToggle } from './ThemeToggle';

export function Header({ navOpen, onToggleNav }: { navOpen: boolean; onToggleNav: () => void }) {
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <button
        type="button"
        className="icon-button nav-toggle"
        aria-expanded={navOpen}
        aria-controls="sidebar"
        aria-label={navOpen ? 'Close the chapter list' : 'Open the chapter list'}
        onClick={onToggleNav}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path d="M4 6h16M4 12h16M4 18h16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
      <a className="site-title" href={homePath()}>
        From EM to Diffusion
      </a>
      <div className="header-actions">
        <SearchButton />
        <ThemeToggle />
      </div>
    </header>
  );
}
