import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TileDiskCache, type CachedTile } from './tile-disk-cache';

const tile = (bytes: number, mark = 0): CachedTile => ({
  body: Buffer.alloc(bytes, mark),
  contentType: 'image/png',
  etag: null,
  lastModified: null,
  fetchedAt: 0,
  freshUntil: 1,
});

describe('tile disk cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tile-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stays within its size bound by evicting the least recently used tiles', () => {
    const cache = new TileDiskCache(join(dir, 'c.sqlite'), 10_000);
    try {
      for (let i = 0; i < 8; i++) cache.put('s', 10, i, 0, tile(1000, i), i * 10);
      // tile 0 used again much later: it is now the most recently used
      expect(cache.get('s', 10, 0, 0, 10 * 60 * 60 * 1000)).not.toBeNull();
      for (let i = 8; i < 12; i++) cache.put('s', 10, i, 0, tile(1000, i), 11 * 60 * 60 * 1000 + i);
      expect(cache.size()).toBeLessThanOrEqual(10_000);
      expect(cache.get('s', 10, 0, 0, 12 * 60 * 60 * 1000)).not.toBeNull(); // recently used: kept
      expect(cache.get('s', 10, 1, 0, 12 * 60 * 60 * 1000)).toBeNull(); // oldest: evicted
      expect(cache.get('s', 10, 11, 0, 12 * 60 * 60 * 1000)?.body[0]).toBe(11);
    } finally {
      cache.close();
    }
  });

  it('counts a replaced tile once', () => {
    const cache = new TileDiskCache(join(dir, 'c.sqlite'), 1_000_000);
    try {
      cache.put('s', 1, 0, 0, tile(500), 0);
      cache.put('s', 1, 0, 0, tile(700), 1);
      expect(cache.size()).toBe(700);
      expect(cache.count()).toBe(1);
    } finally {
      cache.close();
    }
  });

  it('keeps sources apart', () => {
    const cache = new TileDiskCache(join(dir, 'c.sqlite'));
    try {
      cache.put('a', 1, 0, 0, tile(10, 1), 0);
      expect(cache.get('b', 1, 0, 0, 0)).toBeNull();
      expect(cache.get('a', 1, 0, 0, 0)?.body[0]).toBe(1);
    } finally {
      cache.close();
    }
  });

  it('starts anew when the cache file is damaged', () => {
    const file = join(dir, 'broken.sqlite');
    writeFileSync(file, Buffer.alloc(4096, 7));
    const cache = new TileDiskCache(file);
    try {
      expect(cache.count()).toBe(0);
      cache.put('s', 1, 0, 0, tile(10), 0);
      expect(cache.count()).toBe(1);
    } finally {
      cache.close();
    }
  });

  it('restores its size accounting after a restart', () => {
    const file = join(dir, 'c.sqlite');
    const a = new TileDiskCache(file);
    a.put('s', 1, 0, 0, tile(300), 0);
    a.put('s', 1, 1, 0, tile(200), 0);
    a.close();
    const b = new TileDiskCache(file, 400);
    try {
      expect(b.size()).toBeLessThanOrEqual(400);
      expect(b.count()).toBe(1);
    } finally {
      b.close();
    }
  });
});
