package io.clipstream.render;

import io.clipstream.media.VideoSource;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a bounded number of decoders open between renders, so the next window of the same file
 * continues where the last one stopped (forward, without reopening or seeking) instead of starting
 * over.
 *
 * <p>Decoders are single-owner: {@link #acquire} hands one out exclusively (it leaves the cache)
 * and {@link #release} puts it back, evicting the least recently used idle decoder beyond the
 * capacity. Thread-safe; a decoder itself is used by one thread at a time.
 */
public final class DecoderCache implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DecoderCache.class);

  private final int capacity;
  private final LinkedHashMap<String, VideoSource> idle = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<VideoSource, String> leased = new IdentityHashMap<>();
  private long hits;
  private long misses;
  private long evictions;
  private long decodedByClosed;

  /**
   * @param capacity idle decoders kept open (each holds a few tens of MB at 1080p); 0 disables
   *     caching
   */
  public DecoderCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("Capacity must not be negative, got " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * An open decoder of {@code uri} delivering pictures of {@code width}x{@code height} (0x0 =
   * native size): the cached one when there is one (a hit), else a newly opened one (a miss).
   */
  public VideoSource acquire(String uri, int width, int height) {
    String key = uri + '@' + width + 'x' + height;
    synchronized (this) {
      VideoSource cached = idle.remove(key);
      if (cached != null) {
        hits++;
        leased.put(cached, key);
        return cached;
      }
      misses++;
    }
    VideoSource opened =
        VideoSource.open(uri, width, height); // outside the lock: opening takes a while
    synchronized (this) {
      leased.put(opened, key);
    }
    return opened;
  }

  /** Returns a decoder from {@link #acquire}; it stays open, positioned where its user left it. */
  public void release(VideoSource source) {
    VideoSource toClose = null;
    synchronized (this) {
      String key = leased.remove(source);
      if (key == null) {
        throw new IllegalArgumentException("Decoder was not acquired from this cache");
      }
      if (capacity == 0) {
        toClose = source;
      } else {
        VideoSource previous = idle.put(key, source);
        toClose = previous; // two leases of one file: keep the latest position
        if (previous == null && idle.size() > capacity) {
          Iterator<Map.Entry<String, VideoSource>> eldest = idle.entrySet().iterator();
          toClose = eldest.next().getValue();
          eldest.remove();
          evictions++;
        }
      }
      if (toClose != null) {
        decodedByClosed += toClose.decodedFrames();
      }
    }
    if (toClose != null) {
      toClose.close();
    }
  }

  /** Closes a leased decoder instead of returning it (after an error its position is unknown). */
  public void discard(VideoSource source) {
    synchronized (this) {
      leased.remove(source);
      decodedByClosed += source.decodedFrames();
    }
    source.close();
  }

  public synchronized long hits() {
    return hits;
  }

  public synchronized long misses() {
    return misses;
  }

  public synchronized long evictions() {
    return evictions;
  }

  public synchronized int idleCount() {
    return idle.size();
  }

  /** Pictures decoded by every decoder this cache has handed out, open or closed. */
  public synchronized long decodedFrames() {
    long open = 0;
    for (VideoSource s : idle.values()) {
      open += s.decodedFrames();
    }
    for (VideoSource s : leased.keySet()) {
      open += s.decodedFrames();
    }
    return decodedByClosed + open;
  }

  @Override
  public void close() {
    synchronized (this) {
      for (VideoSource source : idle.values()) {
        decodedByClosed += source.decodedFrames();
        source.close();
      }
      LOG.debug("Decoder cache closed: {} hits, {} misses, {} evictions", hits, misses, evictions);
      idle.clear();
    }
  }
}
