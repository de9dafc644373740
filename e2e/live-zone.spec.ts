import { expect, test } from '@playwright/test';
import { card, openInbox } from './support/app';
import { startVoiceApp, type VoiceApp } from './support/voice/voice-app';

// An offer that arrives during a live call: its Accept and the call's Hang up
// must both be on screen without scrolling, at the widths agents use.

let app: VoiceApp;
test.afterEach(async () => {
  await app?.close();
});

for (const viewport of [
  { width: 400, height: 860 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test(`an offer during a live call shows its Accept beside the call's controls (${viewport.width} px)`, async ({ page }) => {
    app = await startVoiceApp();
    await page.setViewportSize(viewport);
    await openInbox(page, app as unknown as Parameters<typeof openInbox>[1]);
    const callRegion = page.getByRole('region', { name: 'Call' });
    await expect(callRegion.getByText('Phone: ready for calls')).toBeVisible({ timeout: 15_000 });

    await app.inboundCall('+14155550111', 'Grace Hopper');
    await card(page, 'Grace Hopper').getByRole('button', { name: /^Accept/ }).click();
    await expect(callRegion.getByText(/On a call with Grace Hopper/)).toBeVisible({ timeout: 20_000 });

    const { engine, ready } = app.emulator;
    const sms = engine.createTask({ Attributes: JSON.stringify({ caller_name: 'Kenji Watanabe', from: '+14155550142', reason: 'Cannot log in after the password reset' }), WorkflowSid: ready.workflowSid, TaskChannel: 'sms' });
    expect(sms.ok).toBe(true);
    await expect(card(page, 'Kenji Watanabe').getByRole('timer')).toBeVisible();
    await expect(card(page, 'Kenji Watanabe').getByRole('button', { name: /^Accept/ })).toBeInViewport({ ratio: 1 });
    await expect(callRegion.getByRole('button', { name: 'Hang up' })).toBeInViewport({ ratio: 1 });
    await expect(callRegion.getByRole('button', { name: 'Mute' })).toBeInViewport({ ratio: 1 });
  });
}
