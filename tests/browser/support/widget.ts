/**
 * Drives a widget through its frame the way a reader does: by its labelled buttons, and reads
 * its state from the root's data attributes (data-status, data-step, data-metrics, …).
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export function widget(page: Page, id: string): Locator {
  return page.locator(`[data-widget="${id}"]`);
}

export async function status(w: Locator): Promise<string | null> {
  return w.getAttribute('data-status');
}

export async function stepCount(w: Locator): Promise<number> {
  return Number((await w.getAttribute('data-step')) ?? 'NaN');
}

export async function metrics(w: Locator): Promise<Record<string, number>> {
  const raw = await w.getAttribute('data-metrics');
  const parsed = raw ? (JSON.parse(raw) as Record<string, number> | null) : null;
  return parsed ?? {};
}

export async function waitForAttr(
  w: Locator,
  name: string,
  predicate: (value: string | null) => boolean,
  timeoutMs = 60_000,
): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  let value = await w.getAttribute(name);
  while (!predicate(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting on ${name}; last value ${value}`);
    await new Promise((r) => setTimeout(r, 100));
    value = await w.getAttribute(name);
  }
  return value;
}

export function button(w: Locator, name: string): Locator {
  return w.getByRole('button', { name, exact: true }).first();
}

/** Play, pause, step and reset, asserting each one's visible effect. */
export async function driveTransport(w: Locator): Promise<void> {
  await w.scrollIntoViewIfNeeded();
  await waitForAttr(w, 'data-status', (s) => s !== null && s !== 'error');
  await waitForAttr(w, 'data-backend', (b) => b !== null && b !== '', 120_000);
  await button(w, 'Play').click();
  await waitForAttr(w, 'data-step', (s) => Number(s) >= 1);
  // A demo that converges within a progress tick is already done: nothing left to pause.
  if ((await status(w)) === 'running') await button(w, 'Pause').click();
  await waitForAttr(w, 'data-status', (s) => s === 'paused' || s === 'done');
  const before = await stepCount(w);
  if ((await status(w)) === 'paused') {
    await button(w, 'Step').click();
    await waitForAttr(w, 'data-step', (s) => Number(s) === before + 1);
  }
  await button(w, 'Reset').click();
  await waitForAttr(w, 'data-step', (s) => Number(s) === 0);
  // Every trainer steps, including one that was already done before it could be paused: after
  // Reset, one Step is exactly one step, and the widget rests there.
  await waitForAttr(w, 'data-status', (s) => s === 'paused' || s === 'idle');
  await button(w, 'Step').click();
  await waitForAttr(w, 'data-step', (s) => Number(s) === 1);
  await waitForAttr(w, 'data-status', (s) => s === 'paused' || s === 'done');
  expect(await stepCount(w)).toBe(1);
}

/** Present mode on and off again: the Present button, then Escape. */
export async function togglePresent(w: Locator): Promise<void> {
  await button(w, 'Present').click();
  await waitForAttr(w, 'data-presenting', (v) => v === 'true');
  await w.press('Escape');
  await waitForAttr(w, 'data-presenting', (v) => v === 'false');
}
