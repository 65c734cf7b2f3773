// The ceiling for this hardware: the same lesson HTML served from memory by plain node:http.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [file, port] = process.argv.slice(2);
const body = readFileSync(file);
createServer((req, res) => {
	res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
	res.end(body);
}).listen(Number(port), () => console.log(`static baseline on ${port}`));
