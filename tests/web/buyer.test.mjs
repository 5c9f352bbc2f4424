// The buyer page and the conversation page, on a desktop and on a phone:
// every kind of evidence shown, each number opening into its records, each
// gate's evidence, the chart's marks (at the events' dates, a drop on the
// day a promise broke, a label on tap), legible text at 360 px, and the
// conversation page's heading, legend and metrics.  Run by tests/web/run.
import path from 'node:path';
import {
	base, fixtures, step, check, shot, launch, newPage, finish, accessible, fits, signIn, candor,
	desktop, phone,
} from './lib.mjs';

// The data, through the CLI, on the test's database (its today: 2026-11-20).
const id = (...args) => candor(...args).trim();
candor('account', 'add', 'Northwind', '--owner', 'Ann');
candor('account', 'add', 'Fabrikam', '--owner', 'Ann');
candor('contact', 'add', 'Dana Reyes', '--account', 'Northwind', '--role', 'CFO', '--email',
	'dana.reyes.finance@northwind.example');
candor('contact', 'add', 'Marco Bianchi', '--account', 'Fabrikam');
candor('contact', 'add', 'Lee Chen', '--account', 'Northwind');
const S = ['--seller', 'Ann'];
candor('log', 'Dana Reyes', ...S, '--kind', 'call', '--at', '2026-10-06', 'intro call');
candor('learn', 'Dana Reyes', '--kind', 'bothering', '--at', '2026-10-06', 'close takes nine days');
candor('learn', 'Dana Reyes', '--kind', 'hoped', '--at', '2026-10-06', 'close in five days');
const p1 = id('promise', 'Dana Reyes', '--at', '2026-10-06', '--due', '2026-10-10', 'send the case study');
candor('kept', p1, '--at', '2026-10-09');
candor('value', 'Dana Reyes', 'given', '--at', '2026-10-09', 'a benchmark of close times');
candor('log', 'Dana Reyes', ...S, '--kind', 'email', '--inbound', '--at', '2026-10-12', 'she sent their close calendar');
candor('value', 'Dana Reyes', 'received', '--at', '2026-10-12', 'their close calendar');
candor('log', 'Dana Reyes', ...S, '--kind', 'meeting', '--at', '2026-10-20', '--said',
	'candor:can I be honest with you', 'walked through the reconciliations');
candor('expect', 'Dana Reyes', '--at', '2026-10-20', '--by', '2026-11-06', 'a pilot plan within two weeks');
const p2 = id('promise', 'Dana Reyes', '--at', '2026-10-20', '--due', '2026-10-31', 'introduce a reference CFO');
candor('broken', p2, '--at', '2026-11-04', '--note', 'the reference declined');
candor('fit', 'Dana Reyes', '--verdict', 'partial', '--at', '2026-11-10', 'good for close, weak for audit');
const call = id('import', path.join(fixtures, 'discovery-call.vtt'), '--with', 'Dana Reyes', ...S,
	'--at', '2026-11-16');
candor('log', 'Marco Bianchi', ...S, '--kind', 'call', '--at', '2026-09-01', 'store review');
candor('decide', 'Marco Bianchi', 'bought', '--at', '2026-09-10', '--note', 'signed for 60 stores');
candor('log', 'Lee Chen', ...S, '--kind', 'call', '--at', '2026-09-10', 'IT review');

const pages = {};
async function buyerUrl(page, name) {
	if (!pages[name]) {
		await page.goto(base + '/');
		pages[name] = await page.locator('a', { hasText: name }).first().getAttribute('href');
	}
	return base + pages[name];
}

// The points of a series of the chart, as [x, y] pairs.
const points = (page, series) => page.locator(`svg.chart polyline[data-series="${series}"]`)
	.getAttribute('points').then((p) => p.trim().split(/\s+/).map((xy) => xy.split(',').map(Number)));

async function walk(browser, name, viewport) {
	const ctx = await browser.newContext(viewport);
	const page = await newPage(ctx);
	const onPhone = name === 'phone';
	await page.goto(base + '/login');
	await signIn(page);

	await step(`${name}: the buyer page shows every kind of evidence, with dates`, async () => {
		await page.goto(await buyerUrl(page, 'Dana Reyes'));
		const text = await page.locator('main').textContent();
		for (const want of ['dana.reyes.finance@northwind.example', '2026-10-09 you gave: a benchmark of close times',
			'2026-10-12 they gave: their close calendar', '2026-11-10 partial: good for close, weak for audit',
			'a pilot plan within two weeks, by 2026-11-06', 'no decision yet'])
			check(text.includes(want), `the buyer page does not say "${want}"`);
		const said = page.locator('#timeline span[id^=signal-] mark.candor');
		check(await said.count() === 1, 'the --said candour of the meeting is not under it in the timeline');
		check(/can I be honest with you/.test(await said.textContent()), 'the logged candour is not quoted');
		await shot(page, `${name}-buyer`);
		await fits(page, `${name} buyer page`);
		await accessible(page, `${name} buyer page`);
	});

	await step(`${name}: a gate shows its evidence, open or shut`, async () => {
		const trust = page.locator('#gate-trust');
		check(/trust shut/.test(await trust.textContent()), 'the TRUST gate is not shut');
		const broken = trust.locator('li', { hasText: 'was broken on 2026-11-04' });
		check(await broken.count() === 1, 'the TRUST gate does not name the broken promise');
		const href = await broken.locator('a').getAttribute('href');
		check(href === `#commitment-${p2}`, `the broken promise's evidence links to ${href}`);
		await broken.locator('a').click();
		check(await page.locator(`#commitment-${p2}`).isVisible(), 'the promise the link points to is not shown');
		const like = page.locator('#gate-like');
		check(/like open/.test(await like.textContent()), 'the LIKE gate is not open');
		const why = like.locator('li', { hasText: 'they reached out on 2026-10-12' });
		check(await why.count() === 1, `the open LIKE gate does not say what opened it: ${await like.textContent()}`);
	});

	await step(`${name}: a number opens into its records`, async () => {
		await page.goto(await buyerUrl(page, 'Dana Reyes'));
		await Promise.all([page.waitForURL(/open=reliability#why-reliability$/),
			page.locator('main h1 + p a', { hasText: /^reliability / }).click()]);
		const rel = page.locator('#why-reliability');
		check(await rel.evaluate((d) => d.open), 'the reliability details are not open after its link');
		const item = rel.locator('li', { hasText: 'broken' });
		check(await item.count() === 1, 'reliability does not list the broken promise');
		const t = await item.textContent();
		check(/^lowered 2026-11-04:/.test(t), `the broken promise reads "${t}"`);
		check(await item.locator(`a[href="#commitment-${p2}"]`).count() === 1, 'it does not link to the promise');
		const intimacy = page.locator('#why-intimacy');
		check(!await intimacy.evaluate((d) => d.open), 'intimacy is open before it is asked');
		await intimacy.locator('summary').click();
		check(await intimacy.evaluate((d) => d.open), 'intimacy does not open on a click or tap');
		check(await intimacy.locator('li', { hasText: 'can I be honest with you' }).isVisible(),
			'intimacy does not show the candour that raised it');
		await fits(page, `${name} buyer page, numbers open`);
	});

	await step(`${name}: the chart marks each event at its date; a broken promise drops on its day`, async () => {
		for (const d of ['2026-10-06', '2026-10-09', '2026-10-20', '2026-11-04', '2026-11-16'])
			check(await page.locator(`svg.chart a.mark[data-at="${d}"]`).count() === 1, `no mark on ${d}`);
		const mark = page.locator('svg.chart a.mark[data-at="2026-11-04"]');
		const cx = Number(await mark.locator('circle').last().getAttribute('cx'));
		const at = (await points(page, 'trust')).filter(([x]) => Math.abs(x - cx) < 0.05);
		check(at.length >= 2, `the trust line has ${at.length} point(s) on the broken promise's day`);
		check(at[at.length - 1][1] > at[0][1] + 1, `trust does not drop there: ${JSON.stringify(at)}`);
		check(await page.locator('svg.chart polygon[data-series="reliability-uncertainty"]').count() === 1,
			'no uncertainty band');
		check(/lower is better/.test(await page.locator('svg.chart').textContent()),
			'self-orientation is not explained on the chart');
	});

	await step(`${name}: a mark's label on ${onPhone ? 'tap' : 'focus'}, and the list under the chart`, async () => {
		const mark = page.locator('svg.chart a.mark[data-at="2026-11-04"]');
		const title = await mark.locator('title').textContent();
		check(/promise broken: introduce a reference CFO \(trust 0\.\d\d → 0\.\d\d\)/.test(title), `the mark's label: "${title}"`);
		if (onPhone) {
			await mark.locator('circle').last().tap();
		} else {
			await mark.focus();
			check(await page.evaluate(() => document.activeElement.classList.contains('mark')), 'the mark takes no focus');
			await page.keyboard.press('Enter');
		}
		await page.waitForFunction(() => /^#ev-\d+$/.test(location.hash));
		const item = page.locator(await page.evaluate(() => location.hash));
		check(await item.isVisible(), 'the tapped event is not shown in the list');
		const box = await item.evaluate((e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, h: innerHeight }; });
		check(box.top >= -1 && box.bottom <= box.h + 1,
			`the tapped event is not scrolled into view (top ${Math.round(box.top)}, bottom ${Math.round(box.bottom)}, window ${box.h})`);
		check((await item.textContent()).includes('promise broken: introduce a reference CFO'),
			`the list item says "${await item.textContent()}"`);
		await shot(page, `${name}-chart-tapped`);
	});

	await step(`${name}: the chart's text is at least 11 px`, async () => {
		const sizes = await page.evaluate(() => {
			const svg = document.querySelector('svg.chart');
			const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
			return [...svg.querySelectorAll('text')].filter((t) => t.getBoundingClientRect().width > 0)
				.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
		});
		check(sizes.length >= 8, `only ${sizes.length} labels on the chart`);
		const small = Math.min(...sizes);
		check(small >= 11, `chart text is ${small.toFixed(1)} px`);
	});

	await step(`${name}: a silent buyer's chart shows cooling; a decided one says so`, async () => {
		await page.goto(await buyerUrl(page, 'Lee Chen'));
		check(await page.locator('svg.chart rect.cooling').count() === 1, 'no cooling on the chart of a buyer silent 71 days');
		const t = await page.locator('ol.events').textContent();
		check(/cooling: 30 days since the last two-way contact \(2026-09-10\)/.test(t), `the events: ${t}`);
		await page.goto(await buyerUrl(page, 'Marco Bianchi'));
		const d = page.locator('#gates .decided');
		check(/decided: bought on 2026-09-10: signed for 60 stores/.test(await d.textContent()),
			`the decided buyer's gates say "${await d.textContent()}"`);
		check(await page.locator('#gates .gate ul:empty').count() === 0, 'a gate with nothing said');
		await fits(page, `${name} decided buyer`);
		await accessible(page, `${name} decided buyer`);
	});

	await step(`${name}: the conversation page names the buyer and the date, with a legend`, async () => {
		await page.goto(`${base}/interactions/${call}`);
		const h1 = await page.locator('main h1').textContent();
		check(h1 === 'Call with Dana Reyes, 2026-11-16', `the heading is "${h1}"`);
		check(/from the file discovery-call\.vtt/.test(await page.locator('main h1 + p').textContent()),
			'the file name is not given as a detail');
		const shown = await page.locator('p.utt mark').evaluateAll((ms) => [...new Set(ms.map((m) => m.className))]);
		const legend = await page.locator('#legend li .swatch').evaluateAll((ms) => ms.map((m) => m.classList[1]));
		check(await page.locator('mark').first().evaluate((m) => m.closest('p.utt') !== null),
			'the first highlight on the page is not in the words');
		check(shown.length > 0, 'no highlights');
		for (const c of shown) check(legend.includes(c), `the legend does not explain "${c}"`);
		await page.locator('#questions summary').click();
		const qs = page.locator('#questions li a[href^="#utt-"]');
		check(await qs.count() >= 1, 'the question count does not open into the questions');
		await page.locator('#talk-share summary').click();
		check(await page.locator('#talk-share li a[href^="#utt-"]').count() >= 2, 'the talk share does not open into the words');
		await shot(page, `${name}-conversation`);
		await fits(page, `${name} conversation page`);
		await accessible(page, `${name} conversation page`);
	});

	await step(`${name}: a logged meeting says it has no transcript and shows its signal`, async () => {
		await page.goto(await buyerUrl(page, 'Dana Reyes'));
		await page.locator('#timeline a', { hasText: 'walked through the reconciliations' }).click();
		await page.waitForURL(/\/interactions\/\d+$/);
		check(await page.locator('main h1').textContent() === 'Meeting with Dana Reyes, 2026-10-20', 'the heading');
		const metrics = await page.locator('section', { has: page.locator('#h-met') }).textContent();
		check(/no transcript: logged by hand/.test(metrics), `the metrics card says "${metrics}"`);
		check(/can I be honest with you/.test(metrics), 'the logged signal is not shown');
		check(await page.locator('#h-words').count() === 0, 'an empty "What was said"');
		await fits(page, `${name} logged meeting`);
		await accessible(page, `${name} logged meeting`);
	});
	await ctx.close();
}

const browser = await launch();
try {
	await walk(browser, 'desktop', desktop);
	await walk(browser, 'phone', phone);
} finally {
	await finish(browser);
}
