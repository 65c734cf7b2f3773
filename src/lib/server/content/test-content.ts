import { stringify } from 'yaml';
import { buildCatalogue, type ContentSources, type Course, type Quiz } from './catalogue';

// Content for specs, written the way authors write it (YAML text), and indexed by the real
// catalogue. Each spec overrides only what it is about.

export const ROOT = '/lessons';

export function markdown(frontmatter: object, body = ''): string {
	return `---\n${stringify(frontmatter)}---\n${body}`;
}

export const course = {
	id: 'course-c',
	title: 'Course C',
	summary: 'A small course for tests.',
	ceHours: 0.5,
	courseType: 'Home Study',
	passingGrade: 75
};

export function lesson(id: string, extra: Record<string, unknown> = {}): string {
	return markdown({ id, title: `Lesson ${id}`, minutes: 5, ...extra }, '\nSome prose.\n');
}

/** A quiz with one question of every type, a case group and feedback, as an author writes it. */
export function everyTypeQuiz(extra: Record<string, unknown> = {}) {
	return {
		id: 'every-type',
		title: 'Every type',
		questions: [
			{
				id: 'q-single',
				type: 'single',
				prompt: 'Which section holds what the patient reports?',
				options: [
					{ id: 'single-subjective', text: 'Subjective', correct: true },
					{ id: 'single-objective', text: 'Objective', feedback: 'Objective is what you measure.' },
					{ id: 'single-plan', text: 'Plan' }
				],
				explanation: 'Reports are subjective.'
			},
			{
				id: 'q-multiple',
				type: 'multiple',
				prompt: 'Which count as timed minutes?',
				options: [
					{ id: 'multi-friction', text: 'Friction', correct: true },
					{ id: 'multi-release', text: 'Release', correct: true },
					{ id: 'multi-charting', text: 'Charting' }
				],
				explanation: 'Only hands-on time counts.'
			},
			{
				id: 'q-true-false',
				type: 'true-false',
				prompt: 'Seven minutes alone bill one unit.',
				answer: false,
				explanation: 'Eight minutes are needed.'
			},
			{
				id: 'q-matching',
				type: 'matching',
				prompt: 'Match each entry to its SOAP section.',
				pairs: [
					{ id: 'pair-pain', left: 'Pain 6 of 10', right: 'Subjective' },
					{
						id: 'pair-rom',
						left: 'Rotation 45 degrees',
						right: 'Objective',
						feedback: 'Measured.'
					},
					{ id: 'pair-next', left: 'Reassess in a week', right: 'Plan' }
				],
				distractors: ['Billing'],
				explanation: 'Reported, measured, planned.'
			},
			{
				id: 'q-ordering',
				type: 'ordering',
				prompt: 'Put the steps in order.',
				items: [
					{ id: 'step-stop', text: 'Stop' },
					{ id: 'step-refer', text: 'Refer' },
					{ id: 'step-document', text: 'Document' }
				],
				explanation: 'Safety first, paperwork last.'
			},
			{
				id: 'q-numeric',
				type: 'numeric',
				prompt: 'How many units for 38 minutes?',
				answer: 3,
				tolerance: 0.5,
				unit: 'units',
				explanation: 'Two full units and 8 minutes.'
			},
			{
				id: 'q-short-text',
				type: 'short-text',
				prompt: 'Which CPT code is massage therapy?',
				accept: ['97124'],
				pattern: 'cpt\\s*97124',
				explanation: 'It is 97124.'
			},
			{
				id: 'q-hotspot',
				type: 'hotspot',
				prompt: 'Click the back of the knee.',
				image: 'images/body.svg',
				alt: 'A body seen from behind',
				width: 400,
				height: 800,
				regions: [
					{
						id: 'region-knee',
						label: 'Back of the knee',
						polygon: [
							[150, 580],
							[190, 580],
							[190, 620],
							[150, 620]
						],
						correct: true
					},
					{
						id: 'region-calf',
						label: 'Middle of the calf',
						polygon: [
							[150, 640],
							[190, 640],
							[190, 700],
							[150, 700]
						],
						feedback: 'That is the calf.'
					}
				],
				explanation: 'The popliteal fossa is behind the knee.'
			},
			{
				id: 'case-office',
				type: 'case',
				title: 'An office worker',
				vignette: 'A 42-year-old with neck pain.',
				questions: [
					{
						id: 'case-first',
						type: 'single',
						prompt: 'Who diagnoses?',
						options: [
							{ id: 'case-physician', text: 'The physician', correct: true },
							{ id: 'case-therapist', text: 'The therapist' }
						],
						explanation: 'Diagnosis is the physician’s.'
					},
					{
						id: 'case-second',
						type: 'numeric',
						prompt: 'Units for 53 minutes?',
						answer: 4,
						explanation: 'Three full units and 8 minutes.'
					}
				]
			}
		],
		...extra
	};
}

/** One course, one module with lessons a (with the every-type quiz) and b, unless overridden. */
export function contentSources(
	files: Record<string, string | undefined> = {},
	images: Record<string, string> = { '01-c/images/body.svg': '/assets/body.svg' }
): ContentSources {
	const all: Record<string, string | undefined> = {
		'01-c/course.md': markdown(course, '\nOverview.\n'),
		'01-c/01-m/module.md': markdown({ id: 'module-m', title: 'Module M' }),
		'01-c/01-m/01-a.svx': lesson('lesson-a'),
		'01-c/01-m/01-a.quiz.yaml': stringify(everyTypeQuiz()),
		'01-c/01-m/02-b.svx': lesson('lesson-b'),
		...files
	};
	const prefixed = (record: Record<string, string | undefined>) =>
		Object.fromEntries(
			Object.entries(record).flatMap(([path, text]) =>
				text === undefined ? [] : [[`${ROOT}/${path}`, text]]
			)
		);
	return { root: ROOT, files: prefixed(all), images: prefixed(images) };
}

export function testCourse(files: Record<string, string | undefined> = {}): Course {
	const [built] = buildCatalogue(contentSources(files), false);
	if (!built) throw new Error('test setup: no course built');
	return built;
}

/** The every-type quiz of lesson a, indexed as the app indexes it. */
export function testQuiz(extra: Record<string, unknown> = {}): { course: Course; quiz: Quiz } {
	const built = testCourse({ '01-c/01-m/01-a.quiz.yaml': stringify(everyTypeQuiz(extra)) });
	const quiz = built.lessons[0]?.quiz;
	if (!quiz) throw new Error('test setup: lesson a has no quiz');
	return { course: built, quiz };
}
