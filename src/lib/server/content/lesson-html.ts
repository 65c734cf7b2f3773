import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { dev } from '$app/environment';

/** A lesson's prose as HTML, and the styles of the lesson components it uses. */
export interface RenderedLesson {
	head: string;
	body: string;
}

// Lessons are rendered here, on the server, and reach the browser as HTML only: hydrating prose
// would ship every word a second time as JavaScript. The few interactive parts mount themselves
// as islands (see LessonBody.svelte).
const lessons = import.meta.glob<{ default: Component }>('/lessons/*/*/*.svx');

// A lesson's HTML depends only on its file, which a build never changes, so each is rendered
// once per process. The cache holds public course text, the same for every reader; it is bounded
// by the number of shipped lessons. In development every request renders afresh, so an edit
// shows on the next reload.
const rendered = new Map<string, Promise<RenderedLesson>>();

async function renderFile(file: string): Promise<RenderedLesson> {
	const load = lessons[file];
	if (!load) throw new Error(`no compiled lesson for ${file}`);
	const { head, body } = render((await load()).default);
	return { head, body };
}

/** The rendered lesson of a lesson file (its path under /lessons, as the content index holds it). */
export function renderLesson(file: string): Promise<RenderedLesson> {
	if (dev) return renderFile(file);
	let lesson = rendered.get(file);
	if (!lesson) {
		lesson = renderFile(file);
		lesson.catch(() => rendered.delete(file));
		rendered.set(file, lesson);
	}
	return lesson;
}
