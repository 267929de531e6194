/**
 * Argument parsing for `npm run lab -- <demo> [--name value ...] [--steps N] [--seed S]
 * [--backend wasm|cpu] [--every K] [--json]`. Demo settings are validated by the demo's own
 * param table (parseParams), so the CLI clamps and explains exactly as a widget's URL does.
 */
export interface LabOptions {
  demo: string | null;
  steps: number | null;
  seed: number;
  backend: 'wasm' | 'cpu';
  json: boolean;
  every: number;
  help: boolean;
  /** Demo settings, still raw strings: the demo's table validates them. */
  params: Record<string, string>;
}

const RESERVED = new Set(['steps', 'seed', 'backend', 'json', 'every', 'help']);

export function parseLabArgs(argv: readonly string[]): LabOptions {
  const opts: LabOptions = {
    demo: null,
    steps: null,
    seed: 1,
    backend: 'wasm',
    json: false,
    every: 0,
    help: false,
    params: {},
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      if (opts.demo !== null) throw new Error(`Unexpected argument "${arg}": only one demo id may be given`);
      opts.demo = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const flag = name === 'json' || name === 'help';
    let value: string | undefined = eq >= 0 ? arg.slice(eq + 1) : undefined;
    if (value === undefined && !flag) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) value = 'true';
      else {
        value = next;
        i++;
      }
    }
    if (!RESERVED.has(name)) {
      opts.params[name] = value ?? 'true';
      continue;
    }
    switch (name) {
      case 'json':
        opts.json = value === undefined || value === 'true';
        break;
      case 'help':
        opts.help = true;
        break;
      case 'backend':
        if (value !== 'wasm' && value !== 'cpu') throw new Error(`--backend must be wasm or cpu, not "${value}"`);
        opts.backend = value;
        break;
      default: {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} needs a non-negative integer, not "${value}"`);
        if (name === 'steps') opts.steps = n;
        else if (name === 'seed') opts.seed = n;
        else opts.every = n;
      }
    }
  }
  return opts;
}
