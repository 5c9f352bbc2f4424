// The pipeline board as a salesperson's start page: the first-run page of
// an empty database, then search, the seller by part of the name, a sort
// that changes the order, the strip of what is overdue and due today, a
// reason on every card (READY and DECIDED too), an unknown filter said as
// such; on a desktop and on a phone, each page no wider than the screen
// and without serious accessibility violations.  Run by tests/web/run
// (today is 2026-11-20 there; the user Ann is a seller).
import {
	base, step, check, shot, launch, newPage, finish, signIn, fits, accessible, candor,
	desktop, phone,
} from './lib.mjs';

// The names on the cards of a column (its aria-label), in order.
const column = (page, stage) => page.locator(`section.col[aria-label="${stage}"] a.buyer strong`).allTextContents();
const cardText = (page, name) => page.locator('a.buyer', { hasText: name }).textContent();

const longAccount = 'Contoso-International-Holdings-Worldwide-Manufacturing-Group';
const longUrl = 'https://contoso.example/shared/pilot/line-2/results-and-the-plan-for-the-second-plant.pdf';
const ids = {};

function setUp() {
	candor('account', 'add', longAccount, '--owner', 'Ann');
	candor('account', 'add', 'Fabrikam', '--owner', 'Ann');
	candor('contact', 'add', 'José Núñez', '--account', longAccount,
		'--email', 'jose.nunez.with.a.long.unbroken.address@contoso-international.example');
	candor('contact', 'add', 'Priya Shah', '--account', longAccount);
	candor('contact', 'add', 'Marco Bianchi', '--account', 'Fabrikam');
	candor('contact', 'add', 'Rita Ready', '--account', 'Fabrikam');
	// José: spoken to long ago, a promise due today; Priya: lately, one overdue
	candor('log', 'José', '--kind', 'call', '--at', '2026-10-01', 'first call');
	candor('log', 'Priya', '--kind', 'call', '--at', '2026-11-10', 'first call');
	ids.today = candor('promise', 'José', '--at', '2026-10-01', '--due', '2026-11-20',
		`send the pilot summary to ${longUrl}`).trim();
	ids.late = candor('promise', 'Priya', '--at', '2026-11-10', '--due', '2026-11-18', 'send the pricing').trim();
	candor('log', 'Marco', '--kind', 'call', '--at', '2026-09-01', 'first call');
	candor('decide', 'Marco', 'bought', '--at', '2026-11-12');
	candor('log', 'Rita', '--kind', 'call', '--at', '2026-10-20', 'first call');
	candor('log', 'Rita', '--kind', 'meeting', '--at', '2026-10-30', '--said', 'candor:can I be honest with you', 'walk-through');
	candor('log', 'Rita', '--kind', 'email', '--inbound', '--at', '2026-10-31', 'she sent their numbers');
	for (const k of ['bothering', 'tried', 'worried', 'hoped', 'objection', 'criteria', 'concern', 'motivation'])
		candor('learn', 'Rita', '--kind', k, '--at', '2026-10-30', `what she said about ${k}`);
	for (let i = 1; i <= 3; i++) {
		const p = candor('promise', 'Rita', '--at', '2026-10-20', '--due', '2026-10-28', `step ${i}`).trim();
		candor('kept', p, '--at', '2026-10-27');
	}
	candor('value', 'Rita', 'given', '--at', '2026-10-25', 'a benchmark of their line');
	candor('fit', 'Rita', '--verdict', 'good', '--at', '2026-11-15', 'fits their plant');
}

const browser = await launch();
try {
	const views = [];
	for (const [label, view] of [['desktop', desktop], ['phone', phone]]) {
		const ctx = await browser.newContext(view);
		const page = await newPage(ctx);

		views.push([label, ctx, page]);
		await step(`${label}: signed in, an empty database shows how to start`, async () => {
			await page.goto(base + '/');
			await signIn(page);
			await page.goto(base + '/');
			check(/Welcome to Candor/.test(await page.locator('main').textContent()),
				`the first page says: ${await page.locator('main').textContent()}`);
			check(await page.locator('form[action="/accounts"] input[name=name]').count() === 1,
				'no form to add an account on the first-run page');
			check(await page.locator('a[href="/help#import"]').count() === 1, 'no link to /help#import');
			check(/candor import contacts/.test(await page.locator('main').textContent()),
				'the first-run page does not say how to import contacts');
			check(await page.locator('.board').count() === 0, 'an empty board instead of how to start');
			await shot(page, `first-run-${label}`);
			await fits(page, `the first-run page (${label})`);
			await accessible(page, `first-run page (${label})`);
		});
	}
	setUp();
	for (const [label, ctx, page] of views) {

		await step(`${label}: the board fits, with a reason on every card`, async () => {
			await page.goto(base + '/');
			const cards = await page.locator('a.buyer').count();
			check(cards === 4, `${cards} cards on the board, not 4`);
			const reasons = await page.locator('a.buyer').evaluateAll((as) =>
				as.map((a) => (a.querySelector('.reason, .why') || { textContent: '' }).textContent));
			check(reasons.every((r) => r.length > 10), `a card without a reason: ${JSON.stringify(reasons)}`);
			check(/bought on 2026-11-12/.test(await cardText(page, 'Marco Bianchi')),
				`the DECIDED card says: ${await cardText(page, 'Marco Bianchi')}`);
			check(/every gate open since 2026-11-15: ask what would make it safe to choose now/
				.test(await cardText(page, 'Rita Ready')), `the READY card says: ${await cardText(page, 'Rita Ready')}`);
			const over = await page.evaluate(() => [...document.querySelectorAll('a.buyer, .strip li')]
				.filter((e) => e.scrollWidth > e.clientWidth + 1 ||
					e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
				.map((e) => e.textContent.slice(0, 40)));
			check(over.length === 0, `text runs out of: ${over.join(' | ')}`);
			await shot(page, `board-${label}`);
			await fits(page, `the board (${label})`);
			await accessible(page, `board (${label})`);
		});

		await step(`${label}: the strip shows what is overdue and what is due today, each a link to its row`, async () => {
			await page.goto(base + '/');
			const overdue = await page.locator('.strip .due-overdue li').allTextContents();
			const today = await page.locator('.strip .due-today li').allTextContents();
			check(overdue.length === 1 && /send the pricing/.test(overdue[0]), `overdue: ${JSON.stringify(overdue)}`);
			check(today.length === 1 && /pilot summary/.test(today[0]), `due today: ${JSON.stringify(today)}`);
			await Promise.all([page.waitForNavigation(), page.click('.strip .due-today li a')]);
			check(page.url().endsWith(`#commitment-${ids.today}`), `the link went to ${page.url()}`);
			check(await page.locator(`#commitment-${ids.today}`).count() === 1,
				`the buyer page has no row commitment-${ids.today}`);
		});

		await step(`${label}: search by name without accents, and by account`, async () => {
			await page.goto(base + '/');
			await page.fill('input[name=q]', 'jose nunez');
			await Promise.all([page.waitForNavigation(), page.click('form.filters button')]);
			const names = await page.locator('a.buyer strong').allTextContents();
			check(names.length === 1 && names[0] === 'José Núñez', `search "jose nunez" found ${JSON.stringify(names)}`);
			check(await page.locator('input[name=q]').inputValue() === 'jose nunez', 'the search box lost what was typed');
			await page.fill('input[name=q]', 'FABRIKAM');
			await Promise.all([page.waitForNavigation(), page.click('form.filters button')]);
			const fab = (await page.locator('a.buyer strong').allTextContents()).sort();
			check(JSON.stringify(fab) === JSON.stringify(['Marco Bianchi', 'Rita Ready']), `account search: ${JSON.stringify(fab)}`);
			await fits(page, `a search (${label})`);
		});

		await step(`${label}: the seller filter takes part of a name`, async () => {
			await page.goto(base + '/');
			await page.fill('input[name=seller]', 'an');
			await Promise.all([page.waitForNavigation(), page.click('form.filters button')]);
			check(await page.locator('a.buyer').count() === 4, 'seller "an" does not find Ann\'s buyers');
		});

		await step(`${label}: the sort changes the order, and the form keeps it`, async () => {
			await page.goto(base + '/');
			const stage = await page.locator('section.col', { hasText: 'Priya Shah' }).getAttribute('aria-label');
			const same = await column(page, stage);
			check(same.includes('José Núñez'), `José and Priya are not in one column: ${JSON.stringify(same)}`);
			await page.selectOption('select[name=sort]', 'due');
			await Promise.all([page.waitForNavigation(), page.click('form.filters button')]);
			const byDue = (await column(page, stage)).filter((n) => n === 'José Núñez' || n === 'Priya Shah');
			await page.selectOption('select[name=sort]', 'contact');
			await Promise.all([page.waitForNavigation(), page.click('form.filters button')]);
			const byContact = (await column(page, stage)).filter((n) => n === 'José Núñez' || n === 'Priya Shah');
			check(JSON.stringify(byDue) === JSON.stringify(['Priya Shah', 'José Núñez']), `by due date: ${byDue}`);
			check(JSON.stringify(byContact) === JSON.stringify(['José Núñez', 'Priya Shah']), `by last contact: ${byContact}`);
			check(await page.locator('select[name=sort]').inputValue() === 'contact', 'the form forgot the sort');
			check(/last contact 2026-10-01/.test(await cardText(page, 'José Núñez')), 'the card does not say the last contact');
			await shot(page, `board-by-contact-${label}`);
			await fits(page, `the board by last contact (${label})`);
		});

		await step(`${label}: an unknown filter value is said, and no one is shown`, async () => {
			for (const [q, want] of [['?account=abc', /no account 'abc' among those you may see/],
				['?account=999', /no account '999' among those you may see/],
				['?seller=nobody', /no buyer's seller matches 'nobody'/],
				['?sort=sideways', /'sideways' is not a sort/]]) {
				await page.goto(base + '/' + q);
				const alert = page.locator('[role=alert]');
				check(await alert.count() === 1, `${q}: no message`);
				check(want.test(await alert.textContent()), `${q} says: ${await alert.textContent()}`);
				check(await page.locator('a.buyer').count() === 0, `${q} still shows buyers`);
			}
			await shot(page, `unknown-filter-${label}`);
			await fits(page, `an unknown filter's page (${label})`);
			await accessible(page, `unknown filter page (${label})`);
		});
		await ctx.close();
	}
} finally {
	await finish(browser);
}
