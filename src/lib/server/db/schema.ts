import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * The one typed schema. Timestamps are ISO 8601 strings in UTC (portable to PostgreSQL and
 * sortable as text); flags are integers 0/1 for the same reason.
 */
export interface DB {
	user: UserTable;
	session: SessionTable;
	enrollment: EnrollmentTable;
	lesson_progress: LessonProgressTable;
	quiz_attempt: QuizAttemptTable;
	quiz_response: QuizResponseTable;
	quiz_version: QuizVersionTable;
	certificate: CertificateTable;
	certificate_asset: CertificateAssetTable;
	certificate_pdf: CertificatePdfTable;
	course_instructor: CourseInstructorTable;
	audit_log: AuditLogTable;
	recovery_code: RecoveryCodeTable;
	password_reset: PasswordResetTable;
	rate_limit: RateLimitTable;
}

export type Role = 'student' | 'instructor' | 'admin';

export interface UserTable {
	id: string;
	/** Stored trimmed and lower-cased, so uniqueness and sign-in ignore case. */
	email: string;
	name: string;
	password_hash: string;
	role: Role;
	created_at: string;
	/** The full name as printed on certificates, when it differs from `name`. */
	certificate_name: string | null;
	license_number: string | null;
	/** Two-letter US state of the license. */
	license_state: string | null;
	/** The TOTP key, encrypted (see auth/secret-box.ts); null until two-factor is set up. */
	totp_key: string | null;
	/** The last TOTP time step accepted: a code works once. */
	totp_last_counter: number | null;
	/** When the account's personal data was erased on request; the CE record stays. */
	erased_at: string | null;
}

export interface SessionTable {
	/** SHA-256 of the cookie's token, hex: a leaked table cannot be replayed as cookies. */
	id: string;
	user_id: string;
	/** The hard end: 30 days sliding for students, 12 hours from sign-in for staff. */
	expires_at: string;
	created_at: string;
	/** Last request seen (written at most once a minute): the staff idle timeout. */
	last_seen_at: string | null;
	/** 1 once the second factor was given in this session. */
	two_factor_verified: Generated<number>;
	ip: string | null;
	user_agent: string | null;
}

export interface EnrollmentTable {
	user_id: string;
	course_id: string;
	enrolled_at: string;
	/** The lesson the student opened last: "continue where you left off". */
	last_lesson_id: string | null;
	last_activity_at: string | null;
}

export interface LessonProgressTable {
	user_id: string;
	course_id: string;
	lesson_id: string;
	opened_at: string;
	completed_at: string | null;
}

export interface QuizAttemptTable {
	/** Random id written into the quiz form: resubmitting the same form finds the same attempt. */
	id: string;
	user_id: string;
	course_id: string;
	/** The lesson of a lesson's quiz; `final-quiz` for a course's final quiz. */
	lesson_id: string;
	quiz_id: string;
	quiz_version: string;
	/** JSON: the questions and the order of everything this student was shown (quiz/layout.ts). */
	layout: string;
	started_at: string;
	submitted_at: string | null;
	correct_count: number | null;
	question_count: number;
	/** Percentage 0-100, rounded down. */
	score: number | null;
	passing_grade: number;
	passed: number | null;
}

export interface QuizResponseTable {
	attempt_id: string;
	question_id: string;
	/** JSON: the answer in terms of ids (quiz/grading.ts `Answer`; once an array of option ids). */
	selected: string;
	correct: number;
}

export interface QuizVersionTable {
	course_id: string;
	quiz_id: string;
	/** The hash of `definition`, as pinned by attempts. */
	version: string;
	/** JSON: the quiz as validated, to grade and review attempts taken on this version. */
	definition: string;
	created_at: string;
}

export interface CertificateTable {
	id: string;
	/** Unguessable public code used in the verification URL. */
	code: string;
	user_id: string;
	course_id: string;
	/**
	 * Snapshot of every printed field, so later edits of the course, the account or the issuer
	 * settings never change an issued certificate. Columns added after the first release are null
	 * on certificates issued before them (and on optional details that were not set).
	 */
	holder_name: string;
	holder_license_number: string | null;
	/** Two-letter US state of the license. */
	holder_license_state: string | null;
	course_title: string;
	ce_hours: number;
	course_type: string;
	ncbtmb_approval_number: string | null;
	florida_program_number: string | null;
	/** YYYY-MM-DD in the organisation's time zone. */
	completion_date: string;
	provider_name: string;
	provider_contact: string;
	provider_ncbtmb_number: string | null;
	provider_florida_number: string | null;
	signatory_name: string | null;
	signatory_title: string | null;
	/** SHA-256 of the signature image in certificate_asset. */
	signature_asset: string | null;
	logo_asset: string | null;
	/** Public origin at issue: the printed verification URL and the credential's ids. */
	site_url: string | null;
	issued_at: string;
	/** The certificate this one replaces (a reissue after a correction). */
	supersedes_id: string | null;
	/** Set when a reissue replaced this certificate; the replacement points back here. */
	superseded_at: string | null;
	revoked_at: string | null;
	revoked_reason: string | null;
	/** The admin who revoked it. Not a foreign key, like the audit log's actors. */
	revoked_by: string | null;
}

/** Images printed on certificates (signature, logo), stored once by content hash. */
export interface CertificateAssetTable {
	sha256: string;
	media_type: string;
	bytes: Uint8Array;
	created_at: string;
}

/** The last rendered PDF of a certificate, reused while `print_key` matches what it would print. */
export interface CertificatePdfTable {
	certificate_id: string;
	print_key: string;
	bytes: Uint8Array;
	created_at: string;
}

export interface CourseInstructorTable {
	user_id: string;
	course_id: string;
	assigned_at: string;
}

export interface AuditLogTable {
	id: string;
	at: string;
	/** The user who acted, or null for the system or an anonymous visitor. Not a foreign key. */
	actor_user_id: string | null;
	/** A dotted verb, e.g. `auth.sign-in`, `auth.sign-in-failed`, `certificate.issue`. */
	action: string;
	subject_type: string | null;
	subject_id: string | null;
	ip: string | null;
	/** JSON with whatever else explains the event; never a password or token. */
	details: string | null;
}

export interface RecoveryCodeTable {
	user_id: string;
	/** SHA-256 of the code, hex: each code is 80 random bits, so a fast hash is enough. */
	code_hash: string;
	created_at: string;
	used_at: string | null;
}

export interface PasswordResetTable {
	/** SHA-256 of the token in the link, hex. */
	id: string;
	user_id: string;
	created_at: string;
	expires_at: string;
}

export interface RateLimitTable {
	/** Which limit, e.g. `sign-in:ip`. */
	bucket: string;
	/** Whom it counts: an IP, or a hash of IP and account. */
	key: string;
	tokens: number;
	/** Milliseconds since the epoch of the last refill. */
	updated_at: number;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type Session = Selectable<SessionTable>;
export type Enrollment = Selectable<EnrollmentTable>;
export type LessonProgress = Selectable<LessonProgressTable>;
export type QuizAttempt = Selectable<QuizAttemptTable>;
export type QuizResponse = Selectable<QuizResponseTable>;
export type QuizVersion = Selectable<QuizVersionTable>;
export type Certificate = Selectable<CertificateTable>;
export type NewCertificate = Insertable<CertificateTable>;
export type AuditEntry = Selectable<AuditLogTable>;
