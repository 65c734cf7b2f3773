export type Point = readonly [number, number];

// A click is scaled from screen pixels to the image's coordinates in floating point, which can
// put a point meant for an edge a hair beside it: this close counts as on the edge.
const EDGE = 1e-9;

/** Whether the point lies inside the polygon or on its edge (edges and corners count as inside). */
export function inPolygon([x, y]: Point, polygon: readonly Point[]): boolean {
	let inside = false;
	for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
		const [xi, yi] = polygon[i]!;
		const [xj, yj] = polygon[j]!;
		if (onSegment([x, y], [xi, yi], [xj, yj])) return true;
		// Ray casting: count the edges a ray to the right of the point crosses.
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

function onSegment([x, y]: Point, [ax, ay]: Point, [bx, by]: Point): boolean {
	const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
	const length = Math.hypot(bx - ax, by - ay);
	if (Math.abs(cross) > EDGE * Math.max(1, length)) return false;
	return (
		x >= Math.min(ax, bx) - EDGE &&
		x <= Math.max(ax, bx) + EDGE &&
		y >= Math.min(ay, by) - EDGE &&
		y <= Math.max(ay, by) + EDGE
	);
}
