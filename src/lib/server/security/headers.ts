/**
 * Headers on every response the app renders (the CSP comes from `kit.csp` in svelte.config.js).
 * Nothing is prerendered, so every page passes through here; adapter-node serves only the build's
 * static assets without the app's hooks.
 */
export const PERMISSIONS_POLICY = [
	'accelerometer=()',
	'camera=()',
	'display-capture=()',
	'geolocation=()',
	'gyroscope=()',
	'hid=()',
	'magnetometer=()',
	'microphone=()',
	'midi=()',
	'payment=()',
	'serial=()',
	'usb=()',
	'fullscreen=(self)'
].join(', ');

export function applySecurityHeaders(
	headers: Headers,
	options: { https: boolean; personal: boolean }
) {
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'same-origin');
	headers.set('Permissions-Policy', PERMISSIONS_POLICY);
	headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	// Belt and braces for browsers that ignore CSP frame-ancestors.
	headers.set('X-Frame-Options', 'DENY');
	if (options.https) headers.set('Strict-Transport-Security', 'max-age=31536000');
	// A page rendered for a signed-in person is theirs alone: no shared or back-button caches.
	if (options.personal && !headers.has('Cache-Control')) {
		headers.set('Cache-Control', 'private, no-store');
	}
}
