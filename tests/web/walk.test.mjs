// The walk a salesperson makes on a first day: sign in, add an account and a
// buyer, upload a call, accept what it proposed, keep the promise, and see
// the stage move; on a desktop and on a phone.  Run by tests/web/run (see
// lib.mjs for what it sets up).
import path from 'node:path';
import {
	base, user, password, shots, fixtures, say, step, check, shot, launch, newPage, finish,
	accessible,
} from './lib.mjs';

const state = {};
// What the buyer page shows: the header line (stage, trust), the gates, the
// trust polyline of the SVG chart and its title.
async function buyerState(page) {
	return page.evaluate(() => {
		const q = (s) => document.querySelector(s);
		const head = q('main h1 + p.muted');
		return {
			header: head ? head.textContent : '',
			stage: head && head.querySelector('strong') ? head.querySelector('strong').textContent : '',
			gates: [...document.querySelectorAll('.gate')].map((g) => g.textContent).join('|'),
			trustPoints: (q('svg.chart polyline[data-series="trust"]') || { getAttribute: () => '' })
				.getAttribute('points'),
			reliabilityPoints: (q('svg.chart polyline[data-series="reliability"]') ||
				{ getAttribute: () => '' }).getAttribute('points'),
			chartTitle: q('svg.chart title') ? q('svg.chart title').textContent : '',
		};
	});
}

const browser = await launch();
try {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const page = await newPage(ctx);

	await step('anonymous visit goes to the sign-in page', async () => {
		await page.goto(base + '/');
		check(new URL(page.url()).pathname === '/login', `expected /login, at ${page.url()}`);
		check(await page.locator('input[name=password][type=password]').count() === 1,
			'no password field on the sign-in page');
		const w = await page.locator('input[name=name]').evaluate((e) => e.getBoundingClientRect().width);
		check(w < 640, `the sign-in form stretches across the screen (${Math.round(w)}px wide fields)`);
		await shot(page, 'sign-in');
		await accessible(page, 'sign-in page');
	});

	await step('a wrong password is refused with a message', async () => {
		await page.fill('input[name=name]', user);
		await page.fill('input[name=password]', 'not-the-password');
		await page.click('button:has-text("Sign in")');
		const alert = page.locator('[role=alert]');
		check(await alert.count() === 1, 'no role=alert message after a wrong password');
		check(/do not match/.test(await alert.textContent()), `alert says: ${await alert.textContent()}`);
	});

	await step('signed in', async () => {
		await page.fill('input[name=name]', user);
		await page.fill('input[name=password]', password);
		await page.click('button:has-text("Sign in")');
		await page.waitForURL(base + '/');
		const hdr = await page.locator('header.top').textContent();
		check(hdr.includes(`${user} (seller)`), `header does not name the user: "${hdr}"`);
		check(await page.locator('h1', { hasText: 'Pipeline' }).count() === 1, 'no Pipeline heading');
	});

	await step('added an account with the form', async () => {
		const form = page.locator('form[action="/accounts"]');
		await form.locator('input[name=name]').fill('Northwind');
		await form.locator('input[name=note]').fill('renewals team, 40 seats');
		await Promise.all([page.waitForURL(/\/\?account=\d+$/), form.locator('button').click()]);
		const opts = await page.locator('form[action="/contacts"] select[name=account] option').allTextContents();
		check(opts.includes('Northwind'), `the buyer form does not offer Northwind: ${JSON.stringify(opts)}`);
	});

	await step('added a buyer with the form', async () => {
		const form = page.locator('form[action="/contacts"]');
		await form.locator('input[name=name]').fill('Dana Reyes');
		await form.locator('select[name=account]').selectOption({ label: 'Northwind' });
		await form.locator('input[name=role]').fill('VP Customer Success');
		await Promise.all([page.waitForURL(/\/buyers\/\d+$/), form.locator('button').click()]);
		state.buyer = page.url();
		const h1 = await page.locator('main h1').textContent();
		check(h1 === 'Dana Reyes', `buyer page heading is "${h1}"`);
		check(await page.locator('svg.chart').count() === 1, 'no trust chart on the buyer page');
		state.initial = await buyerState(page);
	});

	await step('uploaded a transcript', async () => {
		check(state.buyer, 'no buyer page (an earlier step failed)');
		const form = page.locator('form[action$="/upload"]');
		const seller = await form.locator('input[name=seller]').inputValue();
		check(seller === user, `the seller field says "${seller}", not the signed-in user`);
		await form.locator('input[name=file]').setInputFiles(path.join(fixtures, 'discovery-call.vtt'));
		await form.locator('input[name=at]').fill('2026-11-16');
		await Promise.all([page.waitForURL(/\/interactions\/\d+$/), form.locator('button').click()]);
		state.talk = page.url();
	});

	await step('the conversation shows the words with signals highlighted', async () => {
		check(state.talk, 'no conversation page (an earlier step failed)');
		const stall = page.locator('mark.stall');
		check(await stall.count() >= 1, 'no <mark class="stall"> on the conversation page');
		const words = await stall.first().textContent();
		check(/let me think about it/i.test(words), `the stall mark covers "${words}"`);
		const title = await stall.first().getAttribute('title');
		check(/^stall: /.test(title || ''), `the stall mark's title is "${title}"`);
		const promise = page.locator('mark.commitment');
		check(await promise.count() >= 1, 'the seller\'s promise is not highlighted (mark.commitment)');
		const ann = page.locator('p.utt.side-seller .who').first();
		check(await ann.textContent() === user, 'the seller\'s lines are not on the seller side');
		await shot(page, 'conversation');
		await accessible(page, 'conversation page');
	});

	await step('keyboard: the signals can be reached with Tab', async () => {
		const first = page.locator('mark').first();
		const tabIndex = await first.evaluate((m) => m.tabIndex);
		check(tabIndex >= 0, `the first <mark> has tabIndex ${tabIndex}`);
		await page.locator('body').click({ position: { x: 1, y: 1 } });
		let reached = false;
		for (let i = 0; i < 40 && !reached; i++) {
			await page.keyboard.press('Tab');
			reached = await page.evaluate(() => document.activeElement &&
				document.activeElement.tagName === 'MARK');
		}
		check(reached, 'forty presses of Tab never reached a <mark>');
	});

	await step('accepted the proposed promise', async () => {
		const item = page.locator('li[id^=proposal-]', { hasText: 'case study' });
		check(await item.count() === 1, 'no proposal about the case study');
		const text = await item.textContent();
		check(/you promised/.test(text) && /due 2026-11-20/.test(text),
			`the proposal reads "${text}" (want "you promised", due Friday 2026-11-20)`);
		await Promise.all([page.waitForURL(/#proposal-\d+$/),
			item.locator('button', { hasText: 'Accept' }).click()]);
		const after = await page.locator('li[id^=proposal-]', { hasText: 'case study' }).textContent();
		check(/accepted/.test(after), `after Accept the proposal reads "${after}"`);
	});

	await step('the promise is open on the buyer page', async () => {
		await Promise.all([page.waitForURL(/\/buyers\/\d+$/),
			page.click('a:has-text("back to the buyer")')]);
		const row = page.locator('tr[id^=commitment-]', { hasText: 'case study' });
		check(await row.count() === 1, 'no promise row about the case study');
		check(/open/.test(await row.textContent()), `the row reads "${await row.textContent()}"`);
		state.before = await buyerState(page);
		await shot(page, 'buyer-before');
	});

	await step('marked the promise kept', async () => {
		const row = page.locator('tr[id^=commitment-]', { hasText: 'case study' });
		await row.locator('summary', { hasText: 'Kept' }).click();
		await Promise.all([page.waitForURL(/#commitment-\d+$/),
			row.locator('button', { hasText: 'Record as kept' }).click()]);
		const after = await page.locator('tr[id^=commitment-]', { hasText: 'case study' }).textContent();
		check(/kept/.test(after), `after Kept the row reads "${after}"`);
		check(await page.locator('tr[id^=commitment-] summary', { hasText: 'Kept' }).count() === 0,
			'the Kept step is still there');
		state.after = await buyerState(page);
		await shot(page, 'buyer-kept');
	});

	await step('the trust chart and the assessment changed', async () => {
		const { initial, before, after } = state;
		check(initial && before && after, 'missing a buyer page state (an earlier step failed)');
		check(after.trustPoints && after.trustPoints !== before.trustPoints,
			'the chart\'s trust line is the same before and after the promise was kept');
		check(after.reliabilityPoints !== before.reliabilityPoints,
			'the chart\'s reliability line did not move when a promise was kept');
		check(after.header !== before.header || after.gates !== before.gates,
			`neither the trust shown nor the gates changed: "${after.header}"`);
		check(before.header !== initial.header || before.gates !== initial.gates,
			'the uploaded call changed nothing on the buyer page');
		const trust = (h) => Number((/trust (\d+(?:\.\d+)?)/.exec(h) || [])[1]);
		say(`# stage: ${initial.stage} -> ${before.stage} (after the call) -> ${after.stage} (promise kept)`);
		say(`# trust: ${trust(initial.header)} -> ${trust(before.header)} -> ${trust(after.header)}`);
		check(trust(after.header) > trust(before.header),
			`trust did not rise when the promise was kept: ${trust(before.header)} -> ${trust(after.header)}`);
	});

	await step('accepted what was learned in the call (bothering, hoped)', async () => {
		await Promise.all([page.waitForURL(/\/interactions\/\d+$/),
			page.click('#timeline a[href^="/interactions/"]')]);
		for (const kind of ['bothering', 'hoped']) {
			const item = page.locator('li[id^=proposal-]', { has: page.locator('strong', { hasText: kind }) });
			check(await item.count() === 1, `no "${kind}" proposal on the conversation page`);
			await Promise.all([page.waitForURL(/#proposal-\d+$/),
				item.locator('button', { hasText: 'Accept' }).click()]);
			const t = await page.locator('li[id^=proposal-]', { has: page.locator('strong', { hasText: kind }) })
				.textContent();
			check(/accepted/.test(t), `after Accept the "${kind}" proposal reads "${t}"`);
		}
		await Promise.all([page.waitForURL(/\/buyers\/\d+$/), page.click('a:has-text("back to the buyer")')]);
		state.learned = await buyerState(page);
		const known = await page.locator('.known').allTextContents();
		check(known.some((k) => /drowning/.test(k)) && known.some((k) => /month ahead/.test(k)),
			`the discovery map does not show what was learned: ${JSON.stringify(known)}`);
	});

	await step('the stage moved on: the know gate opened', async () => {
		const { after, learned } = state;
		check(after && learned, 'missing a buyer page state (an earlier step failed)');
		say(`# stage: ${after.stage} -> ${learned.stage} (bothering and hoped known)`);
		check(/know open/.test(learned.gates), `the know gate is still shut: ${learned.gates.slice(0, 200)}`);
		check(learned.stage !== after.stage, `the stage stayed "${after.stage}"`);
		check(learned.trustPoints !== after.trustPoints || learned.chartTitle !== after.chartTitle ||
			learned.header !== after.header, 'nothing in the header or the chart changed');
		await shot(page, 'buyer');
		await accessible(page, 'buyer page');
	});

	await step('the board shows the buyer in a stage column', async () => {
		await page.click('header.top a:has-text("Candor")');
		await page.waitForURL(base + '/');
		const card = page.locator('.col a.buyer', { hasText: 'Dana Reyes' });
		check(await card.count() === 1, 'Dana Reyes is not on the board');
		const col = await card.evaluate((a) => a.closest('.col').getAttribute('aria-label'));
		const last = state.learned || state.after;
		check(last && col.toLowerCase() === last.stage.toLowerCase(),
			`the board has her under ${col}, the buyer page says ${last && last.stage}`);
		await shot(page, 'board');
		await accessible(page, 'board');
	});

	await step('the board fits a phone screen', async () => {
		const phone = await browser.newContext({
			viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
			storageState: await ctx.storageState(),
		});
		try {
			const p = await phone.newPage();
			await p.goto(base + '/');
			check(new URL(p.url()).pathname === '/', `the phone was sent to ${p.url()}`);
			const w = await p.evaluate(() => ({
				scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
			}));
			await p.screenshot({ path: path.join(shots, 'board-phone.png'), fullPage: true });
			check(w.scroll <= w.inner + 1,
				`the page scrolls sideways on a phone: ${w.scroll}px wide in a ${w.inner}px window`);
			const card = p.locator('a.buyer', { hasText: 'Dana Reyes' });
			check(await card.isVisible(), 'the buyer card is not visible on a phone');
		} finally {
			await phone.close();
		}
	});

	await step('signed out', async () => {
		await Promise.all([page.waitForURL(/\/login$/), page.click('header.top button:has-text("Sign out")')]);
		await page.goto(base + '/');
		check(new URL(page.url()).pathname === '/login', `after sign-out / went to ${page.url()}`);
	});

	await ctx.close();
} finally {
	await finish(browser);
}
