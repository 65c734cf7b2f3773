import { createRawSnippet } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import BodyMap from './BodyMap.svelte';
import Callout from './Callout.svelte';
import Figure from './Figure.svelte';
import Flashcard from './Flashcard.svelte';
import KnowledgeCheck from './KnowledgeCheck.svelte';
import Media from './Media.svelte';
import Reveal from './Reveal.svelte';

// What the server renders is what a student without JavaScript gets.

const text = (html: string) => createRawSnippet(() => ({ render: () => html }));

describe('lesson components, rendered on the server', () => {
	it('Callout spells out its kind in the heading', () => {
		const { body } = render(Callout, {
			props: { kind: 'contraindication', title: 'Suspected DVT', children: text('<p>Stop.</p>') }
		});

		expect(body).toMatch(
			/<h3[^>]*><span class="callout-label[^"]*">Contraindication:<\/span> Suspected DVT(<!---->)?<\/h3>/
		);
		expect(body).toContain('role="note"');
	});

	it('Figure shows the image with its alt text and the caption', () => {
		const { body } = render(Figure, {
			props: { src: '/chart.svg', alt: 'A bar chart of units', caption: 'Figure 1. Units' }
		});

		expect(body).toContain('<img src="/chart.svg" alt="A bar chart of units"');
		expect(body).toMatch(/<figcaption[^>]*>Figure 1. Units<\/figcaption>/);
	});

	it('Media plays video with a captions track and folds the transcript under it', () => {
		const { body } = render(Media, {
			props: {
				kind: 'video',
				src: '/demo.mp4',
				captions: '/demo.vtt',
				title: 'Ischemic compression',
				children: text('<p>The therapist locates the taut band.</p>')
			}
		});

		expect(body).toMatch(
			/<track kind="captions" src="\/demo\.vtt" srclang="en" label="Captions" default/
		);
		expect(body).toMatch(/<details[^>]*><summary[^>]*>Transcript<\/summary>/);
		expect(body).toContain('The therapist locates the taut band.');
	});

	it('KnowledgeCheck keeps its answer in a <details> and offers no button before JavaScript runs', () => {
		const { body } = render(KnowledgeCheck, {
			props: {
				question: 'Who diagnoses?',
				options: ['The therapist', 'The physician'],
				answer: 2,
				explanation: 'Diagnosis is the physician’s.'
			}
		});

		expect(body).toMatch(
			/<summary[^>]*>Show the answer<\/summary> <p[^>]*>“The physician”. Diagnosis is the physician’s.<\/p>/
		);
		expect(body).not.toContain('<button');
		expect(body.match(/type="radio"/g)).toHaveLength(2);
	});

	it('Reveal and Flashcard open on request with native <details>', () => {
		const reveal = render(Reveal, {
			props: { summary: 'Show it', children: text('<p>Four.</p>') }
		});
		const card = render(Flashcard, {
			props: { front: 'Objective?', children: text('<p>Measured.</p>') }
		});

		expect(reveal.body).toMatch(/<details class="reveal[^"]*"><summary[^>]*>Show it<\/summary>/);
		expect(card.body).toMatch(/<details class="flashcard[^"]*"><summary/);
		expect(card.body).toContain('Measured.');
	});

	it('BodyMap numbers every area on the image and lists it by name, with a switch per layer', () => {
		const { body } = render(BodyMap, {
			props: {
				src: '/body.svg',
				alt: 'A body from behind',
				caption: 'Trigger point and referral',
				width: 400,
				height: 800,
				layers: [
					{ name: 'Trigger point', areas: [{ label: 'Upper trapezius', point: [156, 152] }] },
					{
						name: 'Referral zone',
						areas: [
							{
								label: 'Neck to ear',
								polygon: [
									[1, 1],
									[9, 1],
									[9, 9]
								]
							}
						]
					}
				]
			}
		});

		expect(body.match(/<input type="checkbox" checked[^>]*data-layer="\d"/g)).toHaveLength(2);
		expect(body).toMatch(/<li value="1">Upper trapezius<\/li>/);
		expect(body).toMatch(/<li value="2">Neck to ear<\/li>/);
		expect(body).toMatch(/<svg[^>]*role="img"/);
		expect(body).toContain('<polygon points="1,1 9,1 9,9"');
	});
});
