/**
 * Inline TeX as readable plain text for the search index and its snippets: `p_\theta(z \mid x)`
 * → `p_θ(z | x)`. Not a TeX renderer: Greek letters and common relations become Unicode, font
 * and accent commands keep their argument, other commands and braces go.
 */
const SYMBOLS: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η',
  theta: 'θ', vartheta: 'θ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π',
  rho: 'ρ', sigma: 'σ', tau: 'τ', upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  mid: '|', parallel: '‖', Vert: '‖', le: '≤', leq: '≤', ge: '≥', geq: '≥', ne: '≠', neq: '≠', approx: '≈',
  sim: '~', propto: '∝', to: '→', rightarrow: '→', leftarrow: '←', infty: '∞', times: '×', cdot: '·',
  in: '∈', subset: '⊂', subseteq: '⊆', sum: 'Σ', prod: 'Π', int: '∫', partial: '∂', nabla: '∇', star: '⋆', dagger: '†', ell: 'ℓ',
  ldots: '…', dots: '…', cdots: '⋯', pm: '±', top: '⊤', log: 'log', exp: 'exp', min: 'min', max: 'max',
  arg: 'arg', det: 'det', tr: 'tr', quad: ' ', qquad: ' ',
};

const KEEP_ARGUMENT = /\\(?:mathrm|mathbf|mathbb|mathcal|mathsf|mathit|boldsymbol|bm|text|textrm|textbf|operatorname|hat|bar|tilde|widehat|widetilde|overline|vec|dot)\s*\{([^{}]*)\}/g;

export function texToText(tex: string): string {
  let text = tex;
  for (let pass = 0; pass < 3; pass++) text = text.replace(KEEP_ARGUMENT, '$1');
  return text
    .replace(/\\(?:left|right|big|Big|bigg|Bigg)\b/g, '')
    .replace(/\\([A-Za-z]+)/g, (_m, name: string) => SYMBOLS[name] ?? ' ')
    .replace(/\\[,;:! ]|~/g, ' ')
    .replace(/\\\\/g, ' ')
    .replace(/\\([{}_^%$#&|])/g, '$1')
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
