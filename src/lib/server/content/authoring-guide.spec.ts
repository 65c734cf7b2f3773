import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileProblems } from './check/compile';
import { QUESTION_TYPES, quizFile } from './quiz-schema';
import { courseFrontmatter, lessonFrontmatter, moduleFrontmatter } from './schema';

// docs/authoring.md is all an instructor reads: its examples must work as written.

const guide = readFileSync('docs/authoring.md', 'utf8');

/** The fenced code blocks of one numbered section of the guide, by language. */
function blocks(section: number, language: string): string[] {
	const start = guide.indexOf(`\n## ${section}. `);
	// Examples contain `## ` headings of their own: a section ends where the next one starts.
	const end = guide.indexOf(`\n## ${section + 1}. `, start + 1);
	const text = guide.slice(start, end === -1 ? undefined : end);
	return [...text.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map(
		(m) => m[1]!
	);
}

const frontmatter = (block: string) => parse(/^---\n([\s\S]*?)\n---/.exec(block)![1]!) as unknown;

describe('the examples in docs/authoring.md', () => {
	it('write a valid course.md, module.md and lesson frontmatter', () => {
		expect(courseFrontmatter.safeParse(frontmatter(blocks(3, 'yaml')[0]!)).error).toBeUndefined();
		expect(moduleFrontmatter.safeParse(frontmatter(blocks(4, 'yaml')[0]!)).error).toBeUndefined();
		expect(lessonFrontmatter.safeParse(frontmatter(blocks(5, 'yaml')[0]!)).error).toBeUndefined();
	});

	it('write a valid quiz file', () => {
		expect(quizFile.safeParse(parse(blocks(7, 'yaml')[0]!)).error).toBeUndefined();
	});

	it('give one valid, pasteable question of every type, and a case', () => {
		const questions = blocks(8, 'yaml').flatMap((block) => parse(block) as { type: string }[]);
		const quiz = quizFile.safeParse({ id: 'guide-quiz', title: 'Guide', questions });

		expect(quiz.error).toBeUndefined();
		expect(new Set(questions.map((q) => q.type))).toEqual(new Set([...QUESTION_TYPES, 'case']));
	});

	it('write lesson markup and components that compile', async () => {
		const markup = [...blocks(5, 'svx'), ...blocks(6, 'svx')];
		expect(markup.length).toBeGreaterThanOrEqual(9);
		for (const block of markup) {
			const lesson = `---\nid: guide-lesson\ntitle: Guide\nminutes: 1\n---\n\n${block}`;
			expect(await compileProblems(lesson, 'guide.svx'), block).toEqual([]);
		}
	});
});
