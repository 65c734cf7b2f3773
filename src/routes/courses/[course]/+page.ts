import { error } from '@sveltejs/kit';
import type { Component } from 'svelte';
import type { PageLoad } from './$types';

const overviews = import.meta.glob<{ default: Component }>('/lessons/*/course.md');

export const load: PageLoad = async ({ data }) => {
	const overview = overviews[data.course.file];
	if (!overview) error(404, 'This course has no overview.');
	return { ...data, Overview: (await overview()).default };
};
