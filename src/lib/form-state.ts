/**
 * What a failed form action sent back, read the same way on every page: a message for the top of
 * the form, a message per field, and the values to refill (never a secret).
 */
export interface FormState {
	message?: string;
	errors: Record<string, string>;
	values: Record<string, string>;
}

export function formState(form: unknown): FormState {
	const f = (form ?? {}) as { message?: unknown; errors?: unknown; values?: unknown };
	return {
		message: typeof f.message === 'string' ? f.message : undefined,
		errors: (f.errors ?? {}) as Record<string, string>,
		values: (f.values ?? {}) as Record<string, string>
	};
}
