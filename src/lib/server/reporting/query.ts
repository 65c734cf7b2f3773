import { z } from 'zod';
import { dateInOrganisation, previousMonth } from '../dates';
import { readQuery } from '../forms';
import { completionFilter, type CompletionFilter } from './completions';

/**
 * The reporting page's filter. With no parameters at all it opens on what is reported most: last
 * month's completions by Florida licensees.
 */
export function reportingFilter(params: URLSearchParams, now = new Date()): CompletionFilter {
	if ([...params.keys()].length === 0) {
		return { ...previousMonth(dateInOrganisation(now)), state: 'FL', unreported: false };
	}
	return readQuery(params, completionFilter);
}

export const exportQuery = z.object({
	format: z
		.enum(['full', 'cebroker'], { error: 'Choose the full or the CE Broker format.' })
		.default('full'),
	batch: z
		.string({ error: 'Give one batch.' })
		.regex(/^[0-9a-f-]{36}$/, { error: 'That is not a report batch.' })
		.optional()
});
