#!/usr/bin/env node
/**
 * Generates the add-in icons in assets/: an envelope in the brand colour (#0F6CBD) with a small clock badge
 * ("a reminder that is due"). Pure Node: shapes are drawn into an RGBA buffer (4×4 supersampling per pixel)
 * and encoded as PNG with node:zlib. Deterministic: running it twice gives byte-identical files.
 *
 *   node scripts/make-icons.mjs            # writes assets/icon-{16,32,64,80,128}.png and assets/logo-filled.png
 *   node scripts/make-icons.mjs --out DIR  # writes them into DIR instead
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const BRAND = [0x0f, 0x6c, 0xbd, 255]; // Fluent "brand" blue
const WHITE = [255, 255, 255, 255];
const AMBER = [0xf2, 0xa9, 0x00, 255];
const INK = [0x24, 0x24, 0x24, 255];

// ---------------------------------------------------------------- geometry (unit square, y down)

const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
/** Distance from (x, y) to the segment (ax, ay)–(bx, by). */
const segDist = (x, y, ax, ay, bx, by) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
};

/**
 * The picture, as a function of a point in the unit square → colour or null (transparent).
 * `px` is one pixel in unit coordinates: strokes never get thinner than ~1.2 px, so the 16 px icon keeps its
 * flap lines and badge readable.
 */
function makePainter(size, { badge }) {
  const px = 1 / size;
  const snap = (v) => Math.round(v * size) / size; // keep straight edges on the pixel grid: crisp at 16/32 px
  const stroke = Math.max(0.075, 1.1 * px);
  // Envelope body
  const ex0 = snap(0.03),
    ey0 = snap(0.19),
    ex1 = snap(0.97),
    ey1 = snap(0.81),
    er = Math.max(0.06, 1.5 * px);
  // Flap: a V from the top corners to the middle
  const inset = stroke * 0.9;
  const fx0 = ex0 + inset,
    fy0 = ey0 + inset,
    fx1 = ex1 - inset,
    fmx = 0.5,
    fmy = 0.54;
  // Clock badge in the bottom-right corner
  const bcx = 0.73,
    bcy = 0.72,
    br = 0.26;
  const ring = Math.max(0.055, 1.0 * px); // transparent gap between badge and envelope
  const rim = Math.max(0.05, 1.0 * px);
  const face = br - ring;

  return (x, y) => {
    if (badge) {
      if (inCircle(x, y, bcx, bcy, face)) {
        // clock face: amber disc, dark rim, hands at 12 and 3 o'clock
        if (Math.hypot(x - bcx, y - bcy) > face - rim) return INK;
        if (segDist(x, y, bcx, bcy, bcx, bcy - face * 0.6) <= rim * 0.6) return INK;
        if (segDist(x, y, bcx, bcy, bcx + face * 0.45, bcy) <= rim * 0.6) return INK;
        return AMBER;
      }
      if (inCircle(x, y, bcx, bcy, br)) return null;
    }
    if (!inRoundRect(x, y, ex0, ey0, ex1, ey1, er)) return null;
    if (segDist(x, y, fx0, fy0, fmx, fmy) <= stroke / 2 || segDist(x, y, fmx, fmy, fx1, fy0) <= stroke / 2)
      return WHITE;
    return BRAND;
  };
}

// ---------------------------------------------------------------- rasteriser

export function render(size, opts = { badge: true }, ss = 4) {
  const paint = makePainter(size, opts);
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let pxl = 0; pxl < size; pxl++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = paint((pxl + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (!c) continue;
          const ca = c[3] / 255;
          r += c[0] * ca;
          g += c[1] * ca;
          b += c[2] * ca;
          a += ca;
        }
      }
      const o = (py * size + pxl) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
        rgba[o + 3] = Math.round((a / (ss * ss)) * 255);
      }
    }
  }
  return rgba;
}

// ---------------------------------------------------------------- 16 px: hand-drawn pixel art

/*
 * At 16 px a scaled drawing turns to mush, so the smallest icon is drawn pixel by pixel (like Fluent's
 * hand-hinted 16 px glyphs): the same envelope and clock, 1 px strokes, no anti-aliasing.
 * B brand, W white, K ink, A amber, . transparent. The clock badge (7×7, bottom right) is cut out of the
 * envelope with a 1 px transparent gap, computed below.
 */
const ENVELOPE_16 = [
  '................',
  '................',
  '................',
  '.BBBBBBBBBBBBBB.',
  'BWWBBBBBBBBBBWWB',
  'BBBWWBBBBBBWWBBB',
  'BBBBBWWBBWWBBBBB',
  'BBBBBBBWWBBBBBBB',
  'BBBBBBBBBBBBBBBB',
  'BBBBBBBBBBBBBBBB',
  'BBBBBBBBBBBBBBBB',
  'BBBBBBBBBBBBBBBB',
  'BBBBBBBBBBBBBBBB',
  '.BBBBBBBBBBBBBB.',
  '................',
  '................',
];
// prettier-ignore
const CLOCK_7 = [
  '..KKK..',
  '.KAKAK.',
  'KAAKAAK',
  'KAAKKAK',
  'KAAAAAK',
  '.KAAAK.',
  '..KKK..',
];
const CLOCK_AT = { x: 9, y: 9 };

export function render16({ badge } = { badge: true }) {
  const colours = { B: BRAND, W: WHITE, K: INK, A: AMBER };
  const grid = ENVELOPE_16.map((row) => row.split(''));
  if (badge) {
    const inClock = (x, y) =>
      CLOCK_7[y - CLOCK_AT.y]?.[x - CLOCK_AT.x] !== undefined &&
      CLOCK_7[y - CLOCK_AT.y][x - CLOCK_AT.x] !== '.';
    // gap: every envelope pixel touching the clock (8-neighbourhood) becomes transparent
    for (let y = 0; y < 16; y++) {
      for (let x = 0; x < 16; x++) {
        if (inClock(x, y)) continue;
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) if (inClock(x + dx, y + dy)) grid[y][x] = '.';
      }
    }
    CLOCK_7.forEach((row, dy) =>
      [...row].forEach((c, dx) => {
        if (c !== '.') grid[CLOCK_AT.y + dy][CLOCK_AT.x + dx] = c;
      }),
    );
  }
  const rgba = Buffer.alloc(16 * 16 * 4);
  grid.forEach((row, y) =>
    row.forEach((c, x) => {
      if (c !== '.') Buffer.from(colours[c]).copy(rgba, (y * 16 + x) * 4);
    }),
  );
  return rgba;
}

// ---------------------------------------------------------------- PNG encoder

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0; // compression, filter, interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- main

const ICONS = [
  { file: 'icon-16.png', size: 16 },
  { file: 'icon-32.png', size: 32 },
  { file: 'icon-64.png', size: 64 },
  { file: 'icon-80.png', size: 80 },
  { file: 'icon-128.png', size: 128 },
  { file: 'logo-filled.png', size: 300 },
];

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const outIdx = process.argv.indexOf('--out');
  const outDir =
    outIdx > 0
      ? resolve(process.argv[outIdx + 1])
      : join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
  mkdirSync(outDir, { recursive: true });
  for (const { file, size } of ICONS) {
    const png = encodePng(size, size, size === 16 ? render16() : render(size));
    writeFileSync(join(outDir, file), png);
    console.log(`${join(outDir, file)}  ${size}×${size}  ${png.length} bytes`);
  }
}
