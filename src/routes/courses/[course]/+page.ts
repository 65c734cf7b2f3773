import { error } from '@sveltejs/kit';
import type { Component } from 'svelte';
import type { PageLoad } from './$types';

const overviews = import.meta.glob<{ default: Component }>('/lessons/*/course.md');
const intros = import.meta.glob<{ default: Component }>('/lessons/*/*/module.md');

export const load: PageLoad = async ({ data }) => {
	const overview = overviews[data.course.file];
	if (!overview) error(404, 'This course has no overview.');
	// A module.md may carry an introduction below its frontmatter; most are empty.
	const modules = await Promise.all(
		data.modules.map(async (m) => ({ ...m, Intro: (await intros[m.file]?.())?.default ?? null }))
	);
	return { ...data, modules, Overview: (await overview()).default };
};
