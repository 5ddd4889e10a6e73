package io.clipstream.reliability;

import io.clipstream.contracts.FailureReason;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One case of the bad-input corpus: what is sent and the readable answer expected for it.
 *
 * @param name short name, the first column of the report
 * @param input what is wrong with the input, for a person
 * @param sends the records sent, in order (the last one is the bad one for dead-letter cases)
 * @param expected where the answer must land and what it must say
 */
record CorpusCase(String name, String input, List<Send> sends, Expected expected) {

  /** Where a case's answer lands. */
  enum Outcome {
    DEAD_LETTER,
    CLIPS_FAILED,
    CLIPS_READY
  }

  /** One record as produced: input topic, key and value bytes (null: tombstone). */
  record Send(Input topic, String key, byte[] value) {

    boolean sameRecord(String otherKey, byte[] otherValue) {
      return Objects.equals(key, otherKey) && Arrays.equals(value, otherValue);
    }
  }

  /** The input topics of the service. */
  enum Input {
    DETECTIONS,
    EVENTS,
    SEGMENTS,
    COMMANDS
  }

  /**
   * The expected answer.
   *
   * @param outcome the topic
   * @param reason for clips.failed, the reason code; null otherwise
   * @param eventId for clips.failed and clips.ready, the event id (the record key)
   * @param says substrings the failure message (or the dead-letter exception message) must contain
   * @param frames for clips.ready, the frame count the clip must have; 0 when not checked
   */
  record Expected(
      Outcome outcome, FailureReason reason, String eventId, List<String> says, long frames) {

    static Expected deadLetter(String... says) {
      return new Expected(Outcome.DEAD_LETTER, null, null, List.of(says), 0);
    }

    static Expected failed(String eventId, FailureReason reason, String... says) {
      return new Expected(Outcome.CLIPS_FAILED, reason, eventId, List.of(says), 0);
    }

    static Expected ready(String eventId, long frames) {
      return new Expected(Outcome.CLIPS_READY, null, eventId, List.of(), frames);
    }
  }

  /** The record a dead-letter answer is matched by: the last one sent. */
  Send deadLettered() {
    return sends.get(sends.size() - 1);
  }
}
