// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionRecord, SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			/** Fully signed in: password and, where required, the second factor. */
			user: SessionUser | null;
			/** Password given, second factor (or staff's two-factor setup) still missing. */
			pendingUser: SessionUser | null;
			session: SessionRecord | null;
			/** Ties the request's log lines together; echoed in the X-Request-Id header. */
			requestId: string;
		}
		interface Error {
			message: string;
		}
	}
}

declare module '*.svx' {
	import type { Component } from 'svelte';
	const component: Component;
	export default component;
	export const metadata: Record<string, unknown>;
}

declare module '*.md' {
	import type { Component } from 'svelte';
	const component: Component;
	export default component;
	export const metadata: Record<string, unknown>;
}

export {};
