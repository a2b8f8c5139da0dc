import { randomUUID } from "node:crypto";

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * sfc32 seeded through splitmix32: 128 bits of state, so RequestIds drawn from it do not repeat the way
 * a 32-bit generator's would after a few tens of thousands of draws.
 */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 0x100000000;
  };
}

/** Makes RequestIds in the service's form: an upper-case UUID like `D8749D65-E80A-433C-AF1B-CE9C180FF3B4`. */
export function requestIdGenerator(random?: Random): () => string {
  if (!random) return () => randomUUID().toUpperCase();
  const word = (): string =>
    Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, "0");
  return () => {
    const hex = (word() + word() + word() + word()).toUpperCase();
    // Version 4 / RFC 4122 variant bits, so the id looks like any other UUID.
    const variant = ((parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16).toUpperCase();
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}
