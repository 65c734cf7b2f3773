import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { quizFile, type QuizDefinition } from './quiz-schema';

// A quiz's version is the hash of its content as validated: reformatting or comments never make
// a new version, and a stored copy can be checked against the version it is filed under.

/** The first 16 hex digits of the SHA-256 of the quiz as validated: formatting never counts. */
export function quizVersion(definition: QuizDefinition): string {
	return versionOf(JSON.stringify(definition));
}

/** The version of a quiz definition serialized as JSON (as `quiz_version` stores it). */
export function versionOf(json: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(json))).slice(0, 16);
}

/** Validates a stored quiz definition (an old version), or undefined when it no longer parses. */
export function parseStoredDefinition(json: string): QuizDefinition | undefined {
	try {
		const result = quizFile.safeParse(JSON.parse(json));
		return result.success ? result.data : undefined;
	} catch {
		return undefined;
	}
}
