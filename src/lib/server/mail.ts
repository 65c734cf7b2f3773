import { createTransport, type Transporter } from 'nodemailer';

/**
 * Outgoing mail through the SMTP server in `SMTP_URL` (e.g. `smtps://user:pass@smtp.example.org`),
 * sent as `MAIL_FROM`. Without `SMTP_URL` nothing is sent.
 */
let transport: Transporter | undefined;

export function mailConfigured(): boolean {
	return Boolean(process.env.SMTP_URL);
}

export async function sendMail(message: { to: string; subject: string; text: string }) {
	if (!process.env.SMTP_URL) throw new Error('SMTP_URL is not set.');
	transport ??= createTransport(process.env.SMTP_URL);
	await transport.sendMail({
		from: process.env.MAIL_FROM || 'MMPA Academy <no-reply@localhost>',
		...message
	});
}
