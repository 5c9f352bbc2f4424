// The forms of the buyer page, on a desktop and on a phone: sign in and come
// back to the page you were going to (never to another site), record each
// kind of evidence and see it on the page, keep a promise on a date, break
// one only after a step that says what it costs, agree a new date, mark
// expectations, a refused form coming back with what was typed, the upload
// form's seller and aliases, help and the icon; every page fits the screen,
// passes axe-core, and its buttons and controls are big enough to tap.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
	base, user, password, fixtures, env, step, check, shot, launch, newPage, finish, fits,
	accessible, candor, desktop, phone,
} from './lib.mjs';

const state = {};  // what one step leaves for the next

// Throws listing the controls smaller than 44 px in height (or width) that
// a finger must hit: buttons, the disclosure steps, the file input, selects,
// text fields, header and help links.
async function tappable(page, what) {
	const small = await page.evaluate(() => {
		const sel = 'button, summary, input[type=file], select, input[type=text], input[type=date], ' +
			'input[type=password], header.top a, ul.links a' + (innerWidth < 600 ? ', main li > a' : '');
		return [...document.querySelectorAll(sel)].filter((e) => {
			const r = e.getBoundingClientRect();
			return r.width > 0 && r.height > 0 && (r.height < 43.5 || r.width < 43.5);
		}).slice(0, 8).map((e) => {
			const r = e.getBoundingClientRect();
			return `${e.tagName.toLowerCase()}${e.name ? `[name=${e.name}]` : ''} "${(e.textContent || '').trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`;
		});
	});
	check(small.length === 0, `${what}: too small to tap: ${small.join('; ')}`);
}

// Throws when the file input's button is covered by another element.
async function uploadReachable(page) {
	const hit = await page.evaluate(() => {
		const f = document.querySelector('input[type=file]');
		f.scrollIntoView({ block: 'center' });
		const r = f.getBoundingClientRect();
		const e = document.elementFromPoint(r.left + 12, r.top + r.height / 2);
		return e === f || f.contains(e) ? '' : `${e && e.tagName} ${e && e.className}`;
	});
	check(hit === '', `the upload button is covered by ${hit}`);
}

// Dates never break in two: each span.date is one line.
async function datesWhole(page, what) {
	const broken = await page.evaluate(() => [...document.querySelectorAll('.date')]
		.filter((e) => e.getClientRects().length > 1 || getComputedStyle(e).whiteSpace !== 'nowrap')
		.map((e) => e.textContent).slice(0, 5));
	check(broken.length === 0, `${what}: dates broken across lines: ${broken.join(', ')}`);
}

async function look(page, what, name) {
	await fits(page, what);
	await accessible(page, what);
	await tappable(page, what);
	await shot(page, name);
}

// waitForURL, saying where the page is when it times out
async function waitAt(page, re) {
	try {
		await page.waitForURL(re);
	} catch (e) {
		throw new Error(`waited for ${re}, the page is at ${page.url()}`);
	}
}

const rowText = (page, text) => page.locator('tr[id^=commitment-]', { hasText: text }).textContent();

async function flow(browser, view, tag) {
	const ctx = await browser.newContext(view);
	const page = await newPage(ctx);
	const buyer = `Dana ${tag}`;
	candor('contact', 'add', buyer, '--account', 'North');
	const id = JSON.parse(candor('contact', 'show', buyer, '--json')).id;
	candor('promise', buyer, '--at', '2026-11-10', '--due', '2026-11-18', `send the case study ${tag}`);
	candor('promise', buyer, '--at', '2026-11-10', '--due', '2026-11-25', `book the demo ${tag}`);
	candor('promise', buyer, '--at', '2026-11-10', '--due', '2026-11-25', `send the contract ${tag}`);
	candor('expect', buyer, '--at', '2026-11-10', '--by', '2026-11-19', `intro to the CFO ${tag}`);
	candor('expect', buyer, '--at', '2026-11-10', '--by', '2026-11-19', `share the numbers ${tag}`);
	const url = `${base}/buyers/${id}`;
	const form = (a) => page.locator(`form[action="/buyers/${id}/${a}"]`);
	const submit = async (f, re = /#/) => {
		await Promise.all([page.waitForURL(re), f.locator('button').click()]);
	};

	try {
		await step(`${tag}: a page asked for before signing in comes back after it`, async () => {
			await page.goto(url);
			check(new URL(page.url()).pathname === '/login', `not sent to sign in: ${page.url()}`);
			check(new URL(page.url()).searchParams.get('next') === `/buyers/${id}`,
				`the sign-in page does not know where you were going: ${page.url()}`);
			await look(page, `${tag} sign-in page`, `${tag}-sign-in`);
			await page.fill('input[name=name]', user);
			await page.fill('input[name=password]', 'wrong-password');
			await page.click('button:has-text("Sign in")');
			check(await page.locator('input[name=name]').inputValue() === user,
				'a wrong password cleared the name');
			await page.fill('input[name=password]', password);
			await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
			check(page.url() === url, `after signing in at ${page.url()}, not ${url}`);
		});

		await step(`${tag}: the buyer page fits, reads well and can be tapped`, async () => {
			await page.goto(url);
			await look(page, `${tag} buyer page`, `${tag}-buyer`);
			await datesWhole(page, `${tag} buyer page`);
			await uploadReachable(page);
			const w = await page.locator('tr[id^=commitment-]').first()
				.evaluate((r) => r.getBoundingClientRect().right);
			check(w <= (view.viewport.width + 1), `the promise history is cut off at ${w}px`);
		});

		await step(`${tag}: each kind of record is recorded and shown`, async () => {
			let f = form('log');
			await f.locator('select[name=kind]').selectOption('meeting');
			await f.locator('textarea[name=text]').fill(`pricing talk ${tag}`);
			await f.locator('select[name=said_kind_1]').selectOption('stall');
			await f.locator('input[name=said_words_1]').fill('let me think about it');
			await submit(f, /#interaction-\d+$/);
			check(await page.locator('#timeline', { hasText: `pricing talk ${tag}` }).count() === 1,
				'the logged meeting is not in the timeline');
			const shown = candor('contact', 'show', buyer);
			check(shown.includes('they said (stall): "let me think about it"'),
				`what was said is not recorded as a stall:\n${shown}`);

			f = form('promise');
			await f.locator('input[name=text]').fill(`send the pricing sheet ${tag}`);
			await f.locator('input[name=due]').fill('2026-11-27');
			await submit(f, /#commitment-\d+$/);
			check(/open/.test(await rowText(page, `send the pricing sheet ${tag}`)), 'no open promise row');

			f = form('expect');
			await f.locator('input[name=text]').fill(`a pilot date ${tag}`);
			await f.locator('input[name=by]').fill('2026-11-30');
			await submit(f, /#expectation-\d+$/);
			check(await page.locator('li[id^=expectation-]', { hasText: `a pilot date ${tag}` }).count() === 1,
				'the expectation is not listed');

			f = form('fact');
			await f.locator('select[name=kind]').selectOption('criteria');
			await f.locator('input[name=text]').fill(`needs SSO ${tag}`);
			await submit(f, /#fact-\d+$/);
			check(await page.locator('.known', { hasText: `needs SSO ${tag}` }).count() === 1,
				'the fact is not on the discovery map');

			for (const [a, field, choice, text, words] of [
				['value', 'direction', 'received', 'text', 'they gave'],
				['fit', 'verdict', 'partial', 'text', 'partial'],
				['decision', 'decision', 'still_deciding', 'note', 'still deciding'],
			]) {
				f = form(a);
				await f.locator(`select[name=${field}]`).selectOption(choice);
				await f.locator(`input[name=${text}]`).fill(`${a} note ${tag}`);
				await submit(f, new RegExp(`#${a}-\\d+$`));
				const li = page.locator(`li[id^=${a}-]`, { hasText: `${a} note ${tag}` });
				check(await li.count() === 1, `the ${a} is not shown`);
				check((await li.textContent()).includes(words), `the ${a} reads "${await li.textContent()}"`);
			}
			await look(page, `${tag} buyer page with every kind`, `${tag}-recorded`);
		});

		await step(`${tag}: kept on a date after the due date is kept late`, async () => {
			const row = page.locator('tr[id^=commitment-]', { hasText: `send the case study ${tag}` });
			await row.locator('summary', { hasText: 'Kept' }).click();
			const date = row.locator('input[name=at]').first();
			check(await date.inputValue() === '2026-11-20', `Kept on defaults to "${await date.inputValue()}"`);
			await date.fill('2026-11-19');
			await Promise.all([page.waitForURL(/#commitment-\d+$/),
				row.locator('button', { hasText: 'Record as kept' }).click()]);
			const t = await rowText(page, `send the case study ${tag}`);
			check(/kept.late/.test(t) && /2026-11-19/.test(t), `the kept row reads "${t}"`);
		});

		await step(`${tag}: broken asks first, says what it costs, records the note`, async () => {
			const row = page.locator('tr[id^=commitment-]', { hasText: `book the demo ${tag}` });
			const button = row.locator('button', { hasText: 'Record as broken' });
			check(!(await button.isVisible()), 'the broken button shows before anything is asked');
			await row.locator('summary', { hasText: 'Broken' }).click();
			check(await button.isVisible(), 'opening Broken shows no button');
			check(/lowers your reliability/.test(await row.locator('.warn').textContent()),
				'the step does not say it lowers reliability');
			check(/open/.test(await rowText(page, `book the demo ${tag}`)), 'opening the step recorded it');
			await row.locator('details', { hasText: 'Broken' }).locator('input[name=note]')
				.fill(`the demo slot went ${tag}`);
			await row.locator('details', { hasText: 'Broken' }).locator('input[name=confirm]').check();
			await Promise.all([page.waitForURL(/#commitment-\d+$/), button.click()]);
			const t = await rowText(page, `book the demo ${tag}`);
			check(/broken/.test(t) && t.includes(`the demo slot went ${tag}`), `the broken row reads "${t}"`);
		});

		await step(`${tag}: a new date is agreed`, async () => {
			const row = page.locator('tr[id^=commitment-]', { hasText: `send the contract ${tag}` });
			await row.locator('summary', { hasText: 'New date' }).click();
			const step = row.locator('details', { hasText: 'New date' });
			await step.locator('input[name=due]').fill('2026-12-04');
			await step.locator('input[name=note]').fill(`legal review ${tag}`);
			await Promise.all([page.waitForURL(/#commitment-\d+$/),
				row.locator('button', { hasText: 'Agree the new date' }).click()]);
			const t = await rowText(page, `send the contract ${tag}`);
			check(/2026-12-04/.test(t) && t.includes(`legal review ${tag}`), `the row reads "${t}"`);
		});

		await step(`${tag}: expectations met and missed`, async () => {
			for (const [text, what, button] of [[`intro to the CFO ${tag}`, 'Met', 'They did it'],
				[`share the numbers ${tag}`, 'Missed', 'They did not']]) {
				const li = page.locator('li[id^=expectation-]', { hasText: text });
				await li.locator('summary', { hasText: what }).click();
				await Promise.all([page.waitForURL(/#expectation-\d+$/),
					li.locator('button', { hasText: button }).click()]);
				const t = await page.locator('li[id^=expectation-]', { hasText: text }).textContent();
				check(t.includes(what.toLowerCase()), `the expectation reads "${t}"`);
			}
		});

		await step(`${tag}: a refused form comes back with what was typed, the message by the field`, async () => {
			const f = form('promise');
			await f.locator('input[name=text]').fill(`too late ${tag}`);
			await f.locator('input[name=due]').fill('2026-11-01');
			const [resp] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
				f.locator('button').click()]);
			await page.waitForLoadState();
			check(resp.status() === 422, `the refusal is ${resp.status()}, not 422`);
			check(new URL(page.url()).pathname === `/buyers/${id}/promise`, `at ${page.url()}`);
			const g = form('promise');
			check(await g.locator('input[name=text]').inputValue() === `too late ${tag}`, 'the text was lost');
			const due = g.locator('input[name=due]');
			check(await due.getAttribute('aria-invalid') === 'true', 'the due date is not marked invalid');
			check(await due.evaluate((e) => e === document.activeElement), 'the refused field has no focus');
			const msg = page.locator(`#${await due.getAttribute('aria-describedby')}`);
			check(/^Due date .*before/.test(await msg.textContent()), `the message reads "${await msg.textContent()}"`);
			check(await page.locator('h1', { hasText: buyer }).count() === 1, 'not the buyer page');
			await look(page, `${tag} refused form`, `${tag}-refused`);
		});

		await step(`${tag}: the upload form names you, takes aliases, and a call is imported`, async () => {
			await page.goto(url);
			const f = form('upload');
			check(await f.locator('input[name=seller]').inputValue() === user, 'the seller is not the signed-in user');
			const vtt = fs.readFileSync(path.join(fixtures, 'discovery-call.vtt'), 'utf8')
				.replace('<v Ann>', '<v Annie>').replace('NOTE ', `NOTE ${tag}: `);
			state[`${tag}-vtt`] = vtt;
			await f.locator('input[name=file]').setInputFiles({ name: 'call.vtt', mimeType: 'text/vtt',
				buffer: Buffer.from(vtt) });
			await f.locator('input[name=aliases]').fill('Annie');
			await f.locator('input[name=at]').fill('2026-11-16');
			await Promise.all([page.waitForURL(/\/interactions\/\d+$/), f.locator('button').click()]);
			const who = await page.locator('p.utt.side-seller .who').allTextContents();
			check(who.length > 0 && who.every((w) => w === user), `the seller's lines: ${JSON.stringify(who)}`);
			await look(page, `${tag} conversation page`, `${tag}-conversation`);
			state[`${tag}-talk`] = page.url();
		});

		await step(`${tag}: a mistake is corrected, the correction undone; a deletion asks first and is undone`, async () => {
			await page.goto(url);
			const row = page.locator('tr[id^=commitment-]', { hasText: `book the demo ${tag}` });
			await Promise.all([waitAt(page, /\/edit\?/), row.locator('a', { hasText: 'edit' }).first().click()]);
			const text = page.locator('input[name=text]');
			check(await text.inputValue() === `book the demo ${tag}`, `the edit form shows "${await text.inputValue()}"`);
			await look(page, `${tag} edit page`, `${tag}-edit`);
			await text.fill(`book the pilot demo ${tag}`);
			await Promise.all([waitAt(page, /\/buyers\/\d+#commitment-\d+$/), page.locator('button', { hasText: 'Save' }).click()]);
			check(await page.locator('tr[id^=commitment-]', { hasText: `book the pilot demo ${tag}` }).count() === 1,
				'the corrected promise is not on the buyer page');
			await Promise.all([waitAt(page, /\/changes$/), page.locator('a', { hasText: 'Changes' }).first().click()]);
			check((await page.locator('main').textContent()).includes(`book the pilot demo ${tag}`),
				'the Changes page does not list the correction');
			await Promise.all([waitAt(page, /\/changes\?undone=\d+$/), page.locator('button', { hasText: 'Undo it' }).click()]);
			await page.goto(url);
			check(await page.locator('tr[id^=commitment-]', { hasText: `book the demo ${tag}` }).count() === 1,
				'after the undo the promise does not read as before');
			const fact = page.locator('#exchange li[id^=value-]', { hasText: `value note ${tag}` });
			check(await fact.count() === 1, 'no value recorded to delete (an earlier step failed)');
			await Promise.all([waitAt(page, /\/delete\?/), fact.locator('a', { hasText: 'delete' }).click()]);
			check(/Delete value #\d+/.test(await page.locator('h1').textContent()), 'the delete page does not ask');
			await look(page, `${tag} delete page`, `${tag}-delete`);
			await Promise.all([waitAt(page, /\/changes$/), page.locator('button', { hasText: 'Delete it' }).click()]);
			await page.goto(url);
			check(await page.locator('#exchange li[id^=value-]', { hasText: `value note ${tag}` }).count() === 0, 'the deleted value is still shown');
			await page.goto(`${url}/changes`);
			await Promise.all([waitAt(page, /undone=/), page.locator('button', { hasText: 'Undo it' }).click()]);
			await page.goto(url);
			check(await page.locator('#exchange li[id^=value-]', { hasText: `value note ${tag}` }).count() === 1, 'the undone deletion did not bring the value back');
		});

		await step(`${tag}: the same file again is refused with a link to its call, and taken when asked`, async () => {
			check(state[`${tag}-vtt`], 'no upload to repeat (an earlier step failed)');
			await page.goto(url);
			const send = async (again) => {
				const f = form('upload');
				await f.locator('input[name=file]').setInputFiles({ name: 'call.vtt', mimeType: 'text/vtt',
					buffer: Buffer.from(state[`${tag}-vtt`]) });
				await f.locator('input[name=aliases]').fill('Annie');
				if (again) await f.locator('input[name=again]').check();
				await Promise.all([page.waitForNavigation(), f.locator('button').click()]);
			};
			await send(false);
			const link = page.locator('a', { hasText: 'See the call it became' });
			check(await link.count() === 1, 'no link to the call the file became');
			check(new URL(await link.getAttribute('href'), base).href === state[`${tag}-talk`],
				`the link goes to ${await link.getAttribute('href')}, not ${state[`${tag}-talk`]}`);
			check(/already imported/.test(await page.locator('[role=alert]').first().textContent()),
				'the refusal does not say the file was imported already');
			await fits(page, `${tag} refused duplicate upload`);
			await send(true);
			check(/\/interactions\/\d+$/.test(page.url()) && page.url() !== state[`${tag}-talk`],
				`asked to import it again, the page is ${page.url()}`);
		});

		await step(`${tag}: next= never leads to another site`, async () => {
			for (const next of ['//evil.example/x', 'https://evil.example/x']) {
				const c = await browser.newContext(view);
				const p = await newPage(c);
				await p.goto(`${base}/login?next=${encodeURIComponent(next)}`);
				await p.fill('input[name=name]', user);
				await p.fill('input[name=password]', password);
				await Promise.all([p.waitForNavigation(), p.click('button:has-text("Sign in")')]);
				check(p.url() === base + '/', `next=${next} led to ${p.url()}`);
				await c.close();
			}
		});

		await step(`${tag}: the board fits`, async () => {
			await page.goto(base + '/');
			await fits(page, `${tag} board`);
			await accessible(page, `${tag} board`);
			await shot(page, `${tag}-board`);
		});

		await step(`${tag}: help and the icon answer; error pages speak to web users`, async () => {
			await page.goto(url);
			await Promise.all([page.waitForURL(/\/help$/), page.click('header.top a:has-text("Help")')]);
			check(await page.locator('#import').count() === 1, 'no #import section in help');
			await look(page, `${tag} help`, `${tag}-help`);
			const icon = await page.request.get(base + '/favicon.svg');
			check(icon.status() === 200 && /svg/.test(icon.headers()['content-type']), 'no icon');
			await page.goto(`${base}/buyers/9999`, { referer: url });
			const t = await page.locator('main').textContent();
			check(!/candor /.test(t), `the not-found page gives command-line advice: ${t}`);
			await Promise.all([page.waitForURL(url), page.click('a:has-text("Back to the page you were on")')]);
			await page.goto(`${base}/buyers/9999`);
			await fits(page, `${tag} not-found page`);
			await accessible(page, `${tag} not-found page`);
		});
	} finally {
		await ctx.close();
	}
}

async function admin(browser) {
	execFileSync(env('CANDOR'), ['user', 'add', 'Ada', '--role', 'admin'], { input: 'password-Ada-1\n' });
	const ctx = await browser.newContext(phone);
	const page = await newPage(ctx);
	try {
		await step('phone: the admin page fits', async () => {
			await page.goto(base + '/admin/users');
			await page.fill('input[name=name]', 'Ada');
			await page.fill('input[name=password]', 'password-Ada-1');
			await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
			check(new URL(page.url()).pathname === '/admin/users', `at ${page.url()}`);
			await look(page, 'phone admin page', 'phone-admin');
		});
	} finally {
		await ctx.close();
	}
}

const browser = await launch();
try {
	candor('account', 'add', 'North', '--owner', user);
	await flow(browser, desktop, 'desktop');
	await flow(browser, phone, 'phone');
	await admin(browser);
} finally {
	await finish(browser);
}
