// Merging two contacts from the web, on a desktop and on a phone: from the
// buyer page's "Merge into another contact" link to the list of candidates
// (the same account first, a search box), the two side by side with a
// radio for the field they hold differently, the merge, the kept buyer's
// page saying "Merged #A into #B" and its undo bringing both back; a merge
// the rules refuse (different accounts) comes back with the reason.  Every
// page fits the screen, passes axe-core, and its controls can be tapped.
import { base, step, check, shot, launch, newPage, finish, fits, accessible, candor, desktop,
	phone, signIn, user } from './lib.mjs';

// Throws listing the controls a finger must hit that are under 44 px.
async function tappable(page, what) {
	const small = await page.evaluate(() => {
		const sel = 'button, select, input[type=text], header.top a, ul.pick a, a.fix, ' +
			'table.merge label' + (innerWidth < 600 ? ', main li > a' : '');
		return [...document.querySelectorAll(sel)].filter((e) => {
			const r = e.getBoundingClientRect();
			return r.width > 0 && r.height > 0 && (r.height < 43.5 || r.width < 43.5);
		}).slice(0, 8).map((e) => {
			const r = e.getBoundingClientRect();
			return `${e.tagName.toLowerCase()} "${(e.textContent || '').trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`;
		});
	});
	check(small.length === 0, `${what}: too small to tap: ${small.join('; ')}`);
}

async function look(page, what, name) {
	await fits(page, what);
	await accessible(page, what);
	await tappable(page, what);
	await shot(page, name);
}

const idOf = (name) => JSON.parse(candor('contact', 'show', name, '--json')).id;
const shown = (name) => candor('contact', 'show', name);

async function flow(browser, view, tag) {
	const ctx = await browser.newContext(view);
	const page = await newPage(ctx);
	const kept = `Dana Reyes ${tag}`, gone = `D. Reyes ${tag}`, other = `Lee Park ${tag}`;
	candor('contact', 'add', kept, '--account', 'North', '--role', 'CFO');
	candor('contact', 'add', gone, '--account', 'North', '--email', `dana.${tag}@northwind.example`);
	candor('contact', 'add', other, '--account', 'South');
	candor('log', gone, '--at', '2026-11-18', `intro call ${tag}`);
	const into = idOf(kept), from = idOf(gone);

	try {
		await step(`${tag}: the buyer page links the merge`, async () => {
			await page.goto(`${base}/buyers/${from}`);
			if (new URL(page.url()).pathname === '/login') await signIn(page);
			await Promise.all([page.waitForURL(/\/merge\?from=/),
				page.getByRole('link', { name: 'Merge into another contact' }).click()]);
			check(new URL(page.url()).searchParams.get('from') === String(from), `at ${page.url()}`);
		});

		await step(`${tag}: the candidates, the same account first; the search box narrows them`, async () => {
			const heads = await page.locator('main h2').allTextContents();
			check(heads[0] === 'At North', `the first list is ${heads[0]}`);
			check(await page.locator('ul.pick').first().getByRole('link', { name: kept }).count() === 1,
				`${kept} is not among the same account's contacts`);
			check(await page.getByRole('link', { name: other }).count() === 1, `${other} is not listed`);
			await look(page, `${tag} merge candidates`, `${tag}-merge-pick`);
			await page.getByLabel('Name or email').fill(`Lee Park ${tag}`);
			await Promise.all([page.waitForURL(/q=/), page.getByRole('button', { name: 'Search' }).click()]);
			check(await page.getByRole('link', { name: kept }).count() === 0, 'the search did not narrow');
			check(await page.getByRole('link', { name: other }).count() === 1, 'the search lost the match');
		});

		await step(`${tag}: a merge across accounts comes back with the reason, nothing changed`, async () => {
			await Promise.all([page.waitForURL(/into=/), page.getByRole('link', { name: other }).click()]);
			await page.locator('input[name=keep_name][value=into]').check();
			await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: /^Merge #/ }).click()]);
			const alert = await page.getByRole('alert').textContent();
			check(/different accounts: move one first\. Nothing was changed/.test(alert), `said: ${alert}`);
			check(!/--/.test(alert), `command-line advice on the page: ${alert}`);
			await look(page, `${tag} refused merge`, `${tag}-merge-refused`);
			check(shown(gone).includes(`intro call ${tag}`), 'the refused merge moved the call');
		});

		await step(`${tag}: side by side, the name chosen, merged; the kept buyer says so`, async () => {
			await page.goto(`${base}/merge?from=${from}`);
			await Promise.all([page.waitForURL(/into=/),
				page.locator('ul.pick').first().getByRole('link', { name: kept }).click()]);
			check(await page.locator('input[name=keep_name]').count() === 2, 'no radio pair for the name');
			check(await page.locator('input[name=keep_role], input[name=keep_email]').count() === 0,
				'a radio for a field only one of them has');
			await look(page, `${tag} merge compare`, `${tag}-merge-compare`);
			await page.getByLabel(kept, { exact: true }).check();
			await Promise.all([page.waitForURL(new RegExp(`/buyers/${into}\\?merged=\\d+$`)),
				page.getByRole('button', { name: `Merge #${from} into #${into}` }).click()]);
			const status = await page.getByRole('status').first().textContent();
			check(status.includes(`Merged #${from} into #${into}`), `said: ${status}`);
			const s = shown(kept);
			check(s.includes(`intro call ${tag}`) && s.includes(`dana.${tag}@northwind.example`),
				`the kept contact lacks the merged evidence:\n${s}`);
			await look(page, `${tag} buyer page after the merge`, `${tag}-merged`);
		});

		await step(`${tag}: undo brings both back as they were`, async () => {
			await Promise.all([page.waitForURL(new RegExp(`/buyers/${from}\\?unmerged=\\d+$`)),
				page.getByRole('button', { name: 'Undo the merge' }).click()]);
			const status = await page.getByRole('status').first().textContent();
			check(/is undone/.test(status), `said: ${status}`);
			check(shown(gone).includes(`intro call ${tag}`), 'the call did not come back');
			check(!shown(kept).includes(`dana.${tag}@`), 'the kept contact still has the email');
			await look(page, `${tag} buyer page after the undo`, `${tag}-unmerged`);
		});
	} finally {
		await ctx.close();
	}
}

const browser = await launch();
try {
	candor('account', 'add', 'North', '--owner', user);
	candor('account', 'add', 'South', '--owner', user);
	await flow(browser, desktop, 'desktop');
	await flow(browser, phone, 'phone');
} finally {
	await finish(browser);
}
