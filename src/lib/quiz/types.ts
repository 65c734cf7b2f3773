// What the browser receives of a quiz. Before submission: prompts, texts and form field names,
// with positions standing in for ids, so a page carries neither the key nor anything to match it
// against. After submission: the review of that attempt, key and explanations included.

export type Point = readonly [number, number];

/** One choice of a radio group, checkbox list or select menu: its position and its text. */
export interface Choice {
	value: string;
	text: string;
}

export interface QuizImage {
	src: string;
	alt: string;
	width: number;
	height: number;
}

interface Presented {
	/** The form field name (`q3`); matching rows and ordering items add `-1`, `-2`, … */
	name: string;
	/** Numbered across the attempt, case questions included. */
	number: number;
	prompt: string;
}

export type PresentedQuestion = Presented &
	(
		| { type: 'single' | 'multiple' | 'true-false'; options: Choice[] }
		| { type: 'matching'; rows: { name: string; text: string }[]; choices: Choice[] }
		| { type: 'ordering'; items: { name: string; text: string }[] }
		| { type: 'numeric'; unit: string | null }
		| { type: 'short-text' }
		| {
				type: 'hotspot';
				/** Null when the image has gone from the course since this attempt began. */
				image: QuizImage | null;
				/** The keyboard and no-JavaScript way to answer: the regions by label. */
				regions: Choice[];
				/** `npm run dev` only, for authors: the regions' outlines (never the key). */
				preview?: { label: string; polygon: Point[] }[];
		  }
	);

export interface CaseGroup<Q> {
	type: 'case';
	/** Unique within the attempt, for keyed lists: `case-1`. */
	key: string;
	title: string | null;
	vignette: string;
	questions: Q[];
}

export type PresentedItem = PresentedQuestion | CaseGroup<PresentedQuestion>;

interface Reviewed {
	number: number;
	prompt: string;
	correct: boolean;
	explanation: string;
}

export type ReviewedQuestion = Reviewed &
	(
		| {
				type: 'single' | 'multiple' | 'true-false';
				options: { text: string; chosen: boolean; correct: boolean; feedback: string | null }[];
		  }
		| {
				type: 'matching';
				rows: {
					left: string;
					chosen: string | null;
					answer: string;
					correct: boolean;
					feedback: string | null;
				}[];
		  }
		| {
				type: 'ordering';
				/** In the correct order, each with the position the student gave it. */
				items: { text: string; given: number | null }[];
		  }
		| { type: 'numeric'; given: string; answer: number; tolerance: number; unit: string | null }
		| { type: 'short-text'; given: string; accepted: string[] }
		| {
				type: 'hotspot';
				image: QuizImage | null;
				point: Point | null;
				/** The label of the region the answer landed in, if any. */
				chosen: string | null;
				regions: {
					label: string;
					polygon: Point[];
					correct: boolean;
					chosen: boolean;
					feedback: string | null;
				}[];
		  }
	);

export type ReviewedItem = ReviewedQuestion | CaseGroup<ReviewedQuestion>;
