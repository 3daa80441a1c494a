import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';

/**
 * Draws the Teams app icons (a shield with a tick) and writes appPackage/color.png (192x192, full colour)
 * and appPackage/outline.png (32x32, white on transparent). Run: `npm run build && node dist/scripts/make-icons.js`.
 * Hand-rolled PNG so the icons need no image library.
 */

/** The manifest's accentColor: the colour icon's background. */
export const ACCENT_RGB: readonly [number, number, number] = [0x23, 0x5a, 0x8c];

type Point = readonly [number, number];
type Rgba = readonly [number, number, number, number];

/** Encodes 8-bit RGBA pixels (row-major, 4 bytes a pixel) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData), 0);
  return Buffer.concat([length, typeAndData, crc]);
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The shield outline in unit coordinates (0..1): flat top, straight sides, curved to a point at the bottom. */
function shieldPolygon(): Point[] {
  const points: Point[] = [
    [0.5, 0.1],
    [0.84, 0.22],
    [0.84, 0.5],
  ];
  const curve = (from: Point, control: Point, to: Point) => {
    for (let i = 1; i <= 24; i++) {
      const t = i / 24;
      const u = 1 - t;
      points.push([u * u * from[0] + 2 * u * t * control[0] + t * t * to[0], u * u * from[1] + 2 * u * t * control[1] + t * t * to[1]]);
    }
  };
  curve([0.84, 0.5], [0.82, 0.78], [0.5, 0.92]);
  curve([0.5, 0.92], [0.18, 0.78], [0.16, 0.5]);
  points.push([0.16, 0.22]);
  return points;
}

/** The tick: two strokes meeting at the bottom, in unit coordinates. */
const TICK: readonly Point[] = [
  [0.33, 0.5],
  [0.45, 0.63],
  [0.68, 0.37],
];

function insidePolygon(x: number, y: number, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distanceToSegment(x: number, y: number, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
}

function distanceToPolyline(x: number, y: number, line: readonly Point[]): number {
  let best = Infinity;
  for (let i = 1; i < line.length; i++) best = Math.min(best, distanceToSegment(x, y, line[i - 1], line[i]));
  return best;
}

/**
 * Renders a size x size image by supersampling: `paint` says which colour covers a point in unit coordinates
 * (undefined: transparent). Covered samples are averaged, so edges are anti-aliased.
 */
function render(size: number, paint: (x: number, y: number) => Rgba | undefined, samples = 6): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = paint((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          const alpha = colour[3] / 255;
          r += colour[0] * alpha;
          g += colour[1] * alpha;
          b += colour[2] * alpha;
          a += alpha;
        }
      }
      const offset = (py * size + px) * 4;
      const count = samples * samples;
      if (a > 0) {
        pixels[offset] = Math.round(r / a);
        pixels[offset + 1] = Math.round(g / a);
        pixels[offset + 2] = Math.round(b / a);
      }
      pixels[offset + 3] = Math.round((a / count) * 255);
    }
  }
  return pixels;
}

function scaledAbout(polygon: readonly Point[], centre: Point, factor: number): Point[] {
  return polygon.map(([x, y]) => [centre[0] + (x - centre[0]) * factor, centre[1] + (y - centre[1]) * factor] as const);
}

/** 192x192 full-colour icon: accent background, white shield, accent tick. */
export function makeColorIcon(size = 192): Buffer {
  const shield = shieldPolygon();
  const accent: Rgba = [...ACCENT_RGB, 255];
  const white: Rgba = [255, 255, 255, 255];
  const pixels = render(size, (x, y) => {
    if (!insidePolygon(x, y, shield)) return accent;
    return distanceToPolyline(x, y, TICK) < 0.055 ? accent : white;
  }, 4);
  return encodePng(size, size, pixels);
}

/** 32x32 outline icon: white shield border and tick on a transparent background, as Teams requires. */
export function makeOutlineIcon(size = 32): Buffer {
  const shield = shieldPolygon();
  const inner = scaledAbout(shield, [0.5, 0.5], 0.78);
  const white: Rgba = [255, 255, 255, 255];
  const pixels = render(size, (x, y) => {
    if (insidePolygon(x, y, shield) && !insidePolygon(x, y, inner)) return white;
    return distanceToPolyline(x, y, TICK) < 0.05 ? white : undefined;
  });
  return encodePng(size, size, pixels);
}

/** The repository root: the nearest folder above this file with a package.json (works from scripts/ and dist/scripts/). */
export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

function main(): void {
  const folder = join(repoRoot(), 'appPackage');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'color.png'), makeColorIcon());
  writeFileSync(join(folder, 'outline.png'), makeOutlineIcon());
  console.log(`Wrote ${join(folder, 'color.png')} (192x192) and ${join(folder, 'outline.png')} (32x32).`);
}

if (require.main === module) main();
