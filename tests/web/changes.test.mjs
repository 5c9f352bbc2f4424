// The buyer page's "Recent changes" card, on a desktop and on a phone: a
// promise kept through its form reads "Ann marked promise '...' kept, 20 Nov"
// at the top of the card; "Undo this" undoes it and comes back to the buyer
// page with a line saying what was undone; when a later change to the same
// records is in the way the card says so instead (with that change's own
// undo).  Every state of the card fits the screen, passes axe-core, and its
// buttons are big enough to tap.  Run by tests/web/run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
	base, user, shots, step, check, shot, launch, newPage, finish, fits, accessible, signIn, candor,
	desktop, phone,
} from './lib.mjs';

async function waitAt(page, re) {
	try {
		await page.waitForURL(re);
	} catch (e) {
		throw new Error(`waited for ${re}, the page is at ${page.url()}`);
	}
}

// The card's buttons and links must take a finger: 44 px both ways.
async function tappable(page, what) {
	const small = await page.evaluate(() => [...document.querySelectorAll('#changes button')]
		.filter((e) => {
			const r = e.getBoundingClientRect();
			return r.height < 43.5 || r.width < 43.5;
		}).map((e) => `"${e.textContent}" ${Math.round(e.getBoundingClientRect().width)}x` +
			`${Math.round(e.getBoundingClientRect().height)}`));
	check(small.length === 0, `${what}: too small to tap: ${small.join('; ')}`);
}

const card = (page) => page.locator('#changes');

async function look(page, what, name) {
	await page.locator('#changes').scrollIntoViewIfNeeded();
	await fits(page, what);
	await accessible(page, what);
	await tappable(page, what);
	await shot(page, name);
	await card(page).screenshot({ path: path.join(shots, `${name}-card.png`) });
}

const firstChange = async (page) => (await card(page).locator('ul.recent > li').first().textContent())
	.replace(/\s+/g, ' ').trim();

async function flow(browser, view, tag) {
	const ctx = await browser.newContext(view);
	const page = await newPage(ctx);
	const buyer = `Dana ${tag}`, promise = `send the pricing ${tag}`;
	candor('account', 'add', `North ${tag}`, '--owner', user);
	candor('contact', 'add', buyer, '--account', `North ${tag}`);
	const id = JSON.parse(candor('contact', 'show', buyer, '--json')).id;
	const pid = candor('promise', buyer, '--at', '2026-11-10', '--due', '2026-11-25', promise).trim();
	const url = `${base}/buyers/${id}`;

	try {
		await signIn(page);

		await step(`${tag}: a promise kept on the web is the card's newest change, in words`, async () => {
			await page.goto(url);
			const row = page.locator(`#commitment-${pid}`);
			await row.locator('summary', { hasText: 'Kept…' }).click();
			await page.locator(`#f-kept-${pid}-at`).fill('2026-11-19');
			await Promise.all([page.waitForNavigation(), row.locator('button', { hasText: 'Record as kept' }).click()]);
			await page.goto(url);
			const t = await firstChange(page);
			check(t.startsWith(`${user} marked promise '${promise}' kept, 20 Nov`), `the newest change reads "${t}"`);
			check(await card(page).locator('h2').textContent() === 'Recent changes', 'no Recent changes heading');
			const all = card(page).locator('a', { hasText: `All changes to ${buyer}` });
			check(await all.getAttribute('href') === `/buyers/${id}/changes`, 'no link to all the changes');
			check(await card(page).locator('button', { hasText: 'Undo this' }).count() === 1, 'not one Undo this');
			check(!/kept_late|renegotiated|commitment|event #/.test(await card(page).textContent()),
				'the card shows codes');
			await look(page, `${tag} buyer page, recent changes`, `${tag}-changes-card`);
		});

		await step(`${tag}: Undo this comes back to the buyer page and says what was undone`, async () => {
			await Promise.all([waitAt(page, new RegExp(`/buyers/${id}\\?undone=\\d+$`)),
				card(page).locator('button', { hasText: 'Undo this' }).click()]);
			const done = page.locator('[role=status]#undone');
			check(await done.isVisible(), 'no confirmation line');
			const said = (await done.textContent()).replace(/\s+/g, ' ');
			check(said.startsWith(`Undone: ${user} marked promise '${promise}' kept`), `the confirmation reads "${said}"`);
			const state = await page.locator(`#commitment-${pid} td[data-label=State]`).textContent();
			check(/^open/.test(state.trim()), `after the undo the promise is "${state.trim()}"`);
			const t = await firstChange(page);
			check(t.startsWith(`${user} undid: marked promise '${promise}' kept`), `the newest change reads "${t}"`);
			await fits(page, `${tag} buyer page after undo`);
			await accessible(page, `${tag} buyer page after undo`);
			await shot(page, `${tag}-undone`);
		});

		await step(`${tag}: an undo that would be refused is not offered; the card says why`, async () => {
			const csv = path.join(os.tmpdir(), `candor-changes-${process.pid}-${tag}.csv`);
			fs.writeFileSync(csv, '"Record ID","First Name","Last Name","Company Name","Contact owner"\n' +
				`"9","Lee","Park ${tag}","Acme ${tag}","${user}"\n`);
			candor('import', 'contacts', csv);
			fs.unlinkSync(csv);
			candor('edit', 'account', `Acme ${tag}`, '--name', `Acme ${tag} Ltd`);
			const lee = JSON.parse(candor('contact', 'show', `Lee Park ${tag}`, '--json')).id;
			await page.goto(`${base}/buyers/${lee}`);
			check(await card(page).locator('button', { hasText: 'Undo this' }).count() === 0,
				'Undo this is offered for an undo the app refuses');
			const why = (await card(page).locator('#undo-refused').textContent()).replace(/\s+/g, ' ');
			check(why.includes(`changed the account 'Acme ${tag} Ltd': the name 'Acme ${tag}' -> 'Acme ${tag} Ltd'`),
				`the reason reads "${why}"`);
			await look(page, `${tag} buyer page, undo refused`, `${tag}-undo-refused`);
			await Promise.all([waitAt(page, /\?undone=\d+$/),
				card(page).locator('button', { hasText: 'Undo that first' }).click()]);
			check(/^Undone: .*changed the account/.test(await page.locator('#undone').textContent()),
				'no confirmation of the account change undone');
			check(await card(page).locator('button', { hasText: 'Undo this' }).count() === 1,
				'the import cannot be undone after what was in its way was');
		});

		await step(`${tag}: the buyer's edit page moves them among her accounts; it fits and passes axe`, async () => {
			await page.goto(url);
			await Promise.all([waitAt(page, /\/edit\?kind=contact/),
				page.locator(`a[href="/edit?kind=contact&id=${id}"]`).click()]);
			const accounts = await page.locator('select[name=account] option').allTextContents();
			check(accounts.includes(`North ${tag}`) && accounts.includes(`Acme ${tag} Ltd`) ||
				accounts.includes(`Acme ${tag}`), `the account choices: ${JSON.stringify(accounts)}`);
			await page.locator('select[name=account]').selectOption({ label: accounts.find((a) => a.startsWith('Acme')) });
			await fits(page, `${tag} contact edit page`);
			await accessible(page, `${tag} contact edit page`);
			await shot(page, `${tag}-contact-edit`);
			await Promise.all([waitAt(page, new RegExp(`/buyers/${id}$`)), page.locator('button', { hasText: 'Save' }).click()]);
			check((await page.locator('main h1 + p').textContent()).startsWith('Acme'), 'the buyer is not at the new account');
			const t = await firstChange(page);
			check(t.startsWith(`${user} changed the buyer '${buyer}': the account 'North ${tag}' -> 'Acme`), `the newest change reads "${t}"`);
		});
	} finally {
		await ctx.close();
	}
}

const browser = await launch();
await flow(browser, desktop, 'desktop');
await flow(browser, phone, 'phone');
await finish(browser);
