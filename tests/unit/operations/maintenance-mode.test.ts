import { describe, expect, it } from 'vitest';
import { MaintenanceMode } from '#modules/operations/domain/maintenance-mode.js';

describe('MaintenanceMode', () => {
  const at = new Date('2026-03-01T12:00:00Z');

  it('starts off, never changed', () => {
    expect(MaintenanceMode.initial.enabled).toBe(false);
    expect(MaintenanceMode.initial.changedAt).toBeNull();
  });

  it('records when it is switched on', () => {
    const on = MaintenanceMode.initial.switchTo(true, at);
    expect(on.enabled).toBe(true);
    expect(on.changedAt).toEqual(at);
  });

  it('keeps the original change time when switched to the state already in force', () => {
    const on = MaintenanceMode.initial.switchTo(true, at);
    const again = on.switchTo(true, new Date('2026-03-02T00:00:00Z'));
    expect(again).toBe(on);
    expect(again.changedAt).toEqual(at);
  });
});
