// What every browser test file shares: TAP steps, the browser, signing in,
// the two viewports, "is the page wider than the screen" and an axe-core
// accessibility check.  A test file is tests/web/NAME.test.mjs; tests/web/run
// gives each one a fresh database, a user and a server, and sets:
//
//   CANDOR_URL, CANDOR_USER, CANDOR_PASSWORD, CANDOR_SHOTS (the screenshot
//   folder), CANDOR_FIXTURES, CHROMIUM (the browser binary), CANDOR (the
//   candor binary, already pointed at the test's database by CANDOR_DB).
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const env = (k) => {
	if (!process.env[k]) throw new Error(`${k} is not set: run through tests/web/run`);
	return process.env[k];
};
export const base = env('CANDOR_URL');
export const user = env('CANDOR_USER');
export const password = env('CANDOR_PASSWORD');
export const shots = env('CANDOR_SHOTS');
export const fixtures = env('CANDOR_FIXTURES');

// The viewports every flow is walked in.
export const desktop = { viewport: { width: 1280, height: 900 } };
export const phone = {
	viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
};

let n = 0, failed = 0;
export const say = (line) => process.stdout.write(line + '\n');

// One TAP line per step.  After a failure the rest are still tried, but a
// step that depends on an earlier one says so instead of timing out.
export async function step(name, fn) {
	n++;
	try {
		await fn();
		say(`ok ${n} - ${name}`);
	} catch (e) {
		failed++;
		say(`not ok ${n} - ${name}`);
		for (const l of String(e && e.message || e).split('\n').slice(0, 12))
			say(`#   ${l}`);
	}
}
export function check(cond, msg) {
	if (!cond) throw new Error(msg);
}
export const shot = (page, name) =>
	page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

// Run the candor binary on the test's database (to set up what a flow
// starts from); returns its standard output.
export function candor(...args) {
	return execFileSync(env('CANDOR'), args, { encoding: 'utf8' });
}

// The browser, and the 5xx answers any page gave (checked by finish()).
export const serverErrors = [];
export async function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		// playwright gives every launch a new empty --user-data-dir of its own
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
		timeout: 30000,
	});
}
export async function newPage(ctx) {
	const page = await ctx.newPage();
	page.setDefaultTimeout(10000);
	page.on('response', (r) => {
		if (r.status() >= 500) serverErrors.push(`${r.status()} ${r.url()}`);
	});
	return page;
}

// Sign in through the form (the page ends where the server sends it).
export async function signIn(page, name = user, pw = password) {
	if (new URL(page.url()).pathname !== '/login') await page.goto(base + '/login');
	await page.fill('input[name=name]', name);
	await page.fill('input[name=password]', pw);
	await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
}

// Throws when the document is wider than the window (it scrolls sideways).
export async function fits(page, what) {
	const w = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
	}));
	check(w.scroll <= w.inner + 1,
		`${what} scrolls sideways: ${w.scroll}px wide in a ${w.inner}px window`);
}

// axe-core over the page as it stands; throws listing the serious and
// critical violations.  Returns every violation (for a summary line).
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export async function accessible(page, what) {
	await page.evaluate(axeSource);
	const found = await page.evaluate(async () => {
		// eslint-disable-next-line no-undef
		const r = await axe.run(document, { resultTypes: ['violations'] });
		return r.violations.map((v) => ({
			id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
			where: v.nodes.slice(0, 3).map((x) => x.target.join(' ')),
		}));
	});
	const bad = found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	say(`# axe ${what}: ${found.length} violations (${bad.length} serious or critical)` +
		(found.length ? ': ' + found.map((v) => `${v.id}/${v.impact}`).join(', ') : ''));
	check(bad.length === 0, bad.map((v) =>
		`${v.impact}: ${v.id} (${v.help}) on ${v.nodes} element(s), e.g. ${v.where.join(' | ')}`).join('\n'));
	return found;
}

// The last steps of every file: no 5xx, then the exit code.
export async function finish(browser) {
	await step('no page answered with a server error', async () => {
		check(serverErrors.length === 0, serverErrors.join('\n'));
	});
	await browser.close();
	process.exitCode = failed ? 1 : 0;
}
