/** A form field as a string: missing fields and file uploads read as ''. */
export function textField(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

// Deliberately loose: one @, something on both sides, a dot in the domain. Mail delivery is the
// real test; a stricter pattern only turns away valid addresses.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailProblem(email: string): string | undefined {
	if (email.length === 0) return 'Enter your e-mail address.';
	if (email.length > 254 || !EMAIL.test(email)) return 'Enter a valid e-mail address.';
	return undefined;
}

export function nameProblem(name: string): string | undefined {
	if (name.length === 0) return 'Enter your name.';
	if ([...name].length > 200) return 'Use at most 200 characters for your name.';
	return undefined;
}
