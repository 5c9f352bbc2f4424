// The Calendar page, on a desktop and on a phone: reached from the header,
// a feed link made and shown once (its address opens the feed), then
// stopped; the page fits the screen, passes axe-core, and its buttons and
// links can be tapped.
import { base, step, check, shot, launch, newPage, finish, fits, accessible, candor, desktop,
	phone, signIn, user } from './lib.mjs';

async function tappable(page, what) {
	const small = await page.evaluate(() => [...document.querySelectorAll('button, header.top a, input[type=text]')]
		.filter((e) => {
			const r = e.getBoundingClientRect();
			return r.width > 0 && r.height > 0 && (r.height < 43.5 || r.width < 43.5);
		}).map((e) => `${e.tagName.toLowerCase()} "${(e.textContent || '').trim().slice(0, 30)}"`));
	check(small.length === 0, `${what}: too small to tap: ${small.join('; ')}`);
}

async function look(page, what, name) {
	await fits(page, what);
	await accessible(page, what);
	await tappable(page, what);
	await shot(page, name);
}

async function flow(browser, view, tag) {
	const ctx = await browser.newContext(view);
	const page = await newPage(ctx);
	try {
		await step(`${tag}: the header links the Calendar page`, async () => {
			await page.goto(base + '/');
			if (new URL(page.url()).pathname === '/login') await signIn(page);
			await Promise.all([page.waitForURL(/\/calendar$/),
				page.locator('header.top').getByRole('link', { name: 'Calendar' }).click()]);
			await look(page, `${tag} calendar page`, `${tag}-calendar`);
		});
		await step(`${tag}: a feed link is made and shown once; it opens the feed`, async () => {
			await Promise.all([page.waitForLoadState('load'),
				page.getByRole('button', { name: 'Make a feed link' }).click()]);
			const addr = await page.getByLabel('Feed address').inputValue();
			check(/\/calendar\.ics\?token=[^&\s]+$/.test(addr), `the address is ${addr}`);
			await look(page, `${tag} new feed link`, `${tag}-calendar-made`);
			const r = await page.request.get(addr.replace(/^https?:\/\/[^/]+/, base), {
				headers: { cookie: '' } });
			check(r.status() === 200 && (await r.text()).includes('BEGIN:VCALENDAR'),
				`the feed answered ${r.status()}`);
			await page.goto(base + '/calendar');
			check(await page.getByLabel('Feed address').count() === 0, 'the address is shown again');
			state[tag] = addr;
		});
		await step(`${tag}: the feed is stopped`, async () => {
			const before = await page.getByRole('button', { name: 'Stop the feed' }).count();
			check(before >= 1, 'no Stop the feed button');
			await Promise.all([page.waitForURL(/\/calendar$/),
				page.getByRole('button', { name: 'Stop the feed' }).first().click()]);
			check(await page.getByRole('button', { name: 'Stop the feed' }).count() === before - 1,
				'the feed is still listed');
			const r = await page.request.get(state[tag].replace(/^https?:\/\/[^/]+/, base));
			check(r.status() === 401, `a stopped feed answered ${r.status()}`);
		});
	} finally {
		await ctx.close();
	}
}

const state = {};
const browser = await launch();
try {
	candor('account', 'add', 'North', '--owner', user);
	await flow(browser, desktop, 'desktop');
	await flow(browser, phone, 'phone');
} finally {
	await finish(browser);
}
