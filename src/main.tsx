import { createRoot } from 'react-dom/client';

// Placeholder until the shell lands (src/shell).
createRoot(document.getElementById('root')!).render(<h1>From EM to Diffusion</h1>);
