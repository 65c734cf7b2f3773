import { error } from '@sveltejs/kit';
import type { Component } from 'svelte';
import type { PageLoad } from './$types';

// Each lesson compiles to its own chunk; only the one asked for is loaded.
const lessons = import.meta.glob<{ default: Component }>('/lessons/*/*/*.svx');

export const load: PageLoad = async ({ data }) => {
	const lesson = lessons[data.lesson.file];
	if (!lesson) error(404, 'This lesson could not be found.');
	return { ...data, Lesson: (await lesson()).default };
};
