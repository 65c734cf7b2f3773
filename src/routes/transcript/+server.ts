import { requireUser } from '$lib/server/auth/guards';
import { transcriptPdf } from '$lib/server/certificates/documents';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

// The signed-in graduate's CE transcript: every valid certificate with hours and totals.
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const pdf = await transcriptPdf(getDb(), user.id);
	return new Response(pdf as Uint8Array<ArrayBuffer>, {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Disposition': 'attachment; filename="mmpa-ce-transcript.pdf"',
			'Cache-Control': 'private, no-store'
		}
	});
};
