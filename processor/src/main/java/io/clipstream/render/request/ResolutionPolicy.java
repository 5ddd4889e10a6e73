package io.clipstream.render.request;

/** What to do when a clip's sources do not share the first source's resolution. */
public enum ResolutionPolicy {
  /** Scale every source's pictures to the first source's size (boxes follow). */
  SCALE,
  /** Fail the clip with a message naming the mismatched source. */
  REFUSE
}
