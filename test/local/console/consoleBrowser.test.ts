import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startLocalServer, type LocalServer } from '../../../local/startLocalServer';
import { CHROMIUM_PATH, describeWithChromium } from '../../support/chromium';
import { colourCounts, decodePng } from '../../support/pngPixels';
import { CONSOLE_CLOCK, consoleExamplesDir } from './consoleExamples';

/**
 * The local console in a real headless Chromium: what an operator sees on a
 * route's page (the week heatmap actually drawn, the exceptions, the IVR graph),
 * a simulated call placed from the form, and that call's timeline.
 */
let server: LocalServer;
let browser: Browser;
let page: Page;
const examples = consoleExamplesDir();

describeWithChromium('the local console in a browser', () => {
  beforeAll(async () => {
    server = await startLocalServer({ port: 0, dynamoPort: 0, examplesDir: examples.dir, clockOverride: CONSOLE_CLOCK });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    examples.remove();
  });

  it('draws the main number week as a heatmap: weekday business hours in one colour, the rest in another', async () => {
    // Act
    await page.goto(`${server.url}/console/routes/main-number`);
    const png = await page.locator('#week-heatmap').screenshot();

    // Assess: two legend entries, and the drawn pixels in their colours split 5×8 hours against the rest.
    const legend = await page.locator('#heatmap-legend > span').allTextContents();
    expect(legend).toEqual(['voicemail b7e2… (fallback)', 'ring device a3f1… → voicemail b7e2… (rule:business-hours)']);
    const counts = colourCounts(decodePng(png));
    const voicemail = counts.get('#4e79a7') ?? 0;
    const frontDesk = counts.get('#f28e2b') ?? 0;
    expect(voicemail).toBeGreaterThan(10_000);
    expect(frontDesk / voicemail).toBeCloseTo((5 * 8 * 4) / (7 * 96 - 5 * 8 * 4), 1);
    expect(await page.locator('#week-heatmap rect.slot').count()).toBe(7 * 96);
  });

  it('shows the coming holiday and the IVR as a graph of steps', async () => {
    // Act
    await page.goto(`${server.url}/console/routes/office`);

    // Assess
    expect(await page.locator('#exceptions tr').allTextContents()).toEqual(['2026-12-25all day: voicemail b7e2…']);
    const columns = page.locator('#ivr-graph > .column');
    expect(await columns.count()).toBe(3);
    expect(await columns.nth(1).locator('.node h3').allTextContents()).toEqual(['step menu']);
    expect(await columns.nth(2).locator('.node h3').allTextContents()).toEqual(['step support']);
    expect(await page.locator('#node-entry .edge').allTextContents()).toEqual([
      'vip → ring device a3f1… (caller +4930111)',
      'christmas → voicemail b7e2… (time: yearly 12/25)',
      'lunch → voicemail b7e2… (time: weekly Mon–Fri 12:00–13:00)',
      'open → step menu (time: weekly Mon–Fri 09:00–17:00)',
      'otherwise → voicemail b7e2… (fallback)',
    ]);
    expect(await page.locator('#step-menu .edge').allTextContents()).toEqual([
      '1 → ring group "Sales"',
      '2 → step support',
      '3 misses → voicemail b7e2… (onFailure)',
    ]);
    // Heatmap colours for the VIP view: one answer all week.
    await page.goto(`${server.url}/console/routes/office?from=%2B4930111`);
    expect(await page.locator('#heatmap-legend > span').allTextContents()).toEqual(['ring device a3f1… (rule:vip)']);
  });

  it('places a simulated call at the time of a clicked cell and links to its timeline', async () => {
    // Prepare
    await page.goto(`${server.url}/console/routes/sales-support`);

    // Act: Saturday 03:00 (the cell's middle), press 2 at the menu.
    await page
      .locator('#week-heatmap rect.slot')
      .nth(5 * 96 + 12)
      .click();
    await page.fill('#call-form input[name=digits]', '2');
    await page.click('#call-form button[type=submit]');
    await page.waitForSelector('#transcript[data-status]');

    // Assess
    expect(await page.inputValue('#call-form input[name=at]')).toBe('2026-11-28T08:07:30.000Z');
    const transcript = await page.locator('#transcript').textContent();
    expect(transcript).toContain('collect menu (up to 1 digit): pressed 2');
    expect(transcript).toContain('ring user f0e1…');
    expect(await page.locator('#transcript').getAttribute('data-status')).toBe('completed');

    await page.click('#timeline-link a');
    await page.waitForSelector('#timeline');
    const rows = page.locator('#timeline tr.entry');
    expect(await rows.count()).toBe(2);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-outcome')))).toEqual(['rule:greeting', 'option:menu.2']);
    const cells = (await rows.nth(1).locator('td').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(cells[2]).toBe('2026-11-28T08:07:30.000Z');
    expect(cells[3]).toBe('GET step menu (input)');
    expect(cells[5]).toBe('200 ring user f0e1… → voicemail b7e2…');
    expect(cells[7]).toMatch(/^\d+(\.\d)? ms$/);
  });

  it('lists the recent calls, newest first', async () => {
    // Act
    await page.goto(`${server.url}/console/calls`);

    // Assess
    const first = page.locator('#calls tr').nth(1);
    expect(await first.locator('td').nth(1).textContent()).toBe('sales-support');
    expect(await first.locator('td').nth(4).textContent()).toBe('option:menu.2: ring user f0e1… → voicemail b7e2…');
  });

  it("adds the route's IVR funnel up from the calls it kept: a choice, two wrong keys, a silence, retries exhausted", async () => {
    // Prepare: after the caller who pressed 2, one who presses 9, nothing, then 7.
    await page.goto(`${server.url}/console/routes/sales-support`);
    await page.fill('#call-form input[name=digits]', '9,,7');

    // Act
    await page.click('#call-form button[type=submit]');
    await page.waitForSelector('#transcript[data-status]');
    await page.goto(`${server.url}/console/routes/sales-support`);

    // Assess
    const cells = await page.locator('#funnel-table tr[data-step="menu"] td').allTextContents();
    expect(cells).toEqual(['menu', '2', '1: 0, 2: 1', '2', '1', '1', '0']);
  });
});
