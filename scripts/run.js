// Runs a TypeScript entry point through Vite's SSR module loader, so scripts see the project the
// way the app does: the `$lib` alias, `import.meta.glob` over lessons/, mdsvex, and the Node guard
// in vite.config.ts. Usage: node scripts/run.js scripts/<name>.ts [args...]
import { createServer } from 'vite';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
	console.error('Usage: node scripts/run.js <entry.ts> [args...]');
	process.exit(2);
}

const server = await createServer({
	appType: 'custom',
	logLevel: 'error',
	server: { middlewareMode: true, hmr: false, watch: null }
});
let code;
try {
	const module = await server.ssrLoadModule(`/${entry}`);
	code = (await module.main(args)) ?? 0;
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	code = 1;
} finally {
	await server.close();
}
process.exit(code);
